// Package tod is cadence's one time-of-day grammar: HH:MM[:SS[.fraction]]
// from 00:00 to 24:00, two digits each, as every package writes and reads
// times of day in configuration.
//
// It is shared by cadence's packages and is not part of the public API.
package tod

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2/clock"
)

// EndOfDay is 24:00, the latest time of day the grammar accepts.
const EndOfDay = clock.Clock(24 * time.Hour)

// ErrSyntax is the error every Parse failure wraps.
var ErrSyntax = errors.New("want a time of day HH:MM[:SS] from 00:00 to 24:00")

// Parse reads "15:04", "15:04:05" or "15:04:05.999999999", 00:00 to 24:00.
// The error wraps ErrSyntax and says what is wrong, without a package prefix.
func Parse(s string) (clock.Clock, error) {
	digits := func(s string) (int, bool) {
		if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
			return 0, false
		}
		return int(s[0]-'0')*10 + int(s[1]-'0'), true
	}
	bad := func(why string) (clock.Clock, error) {
		return 0, fmt.Errorf("%w: %s", ErrSyntax, why)
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return bad("not HH:MM")
	}
	h, ok1 := digits(parts[0])
	m, ok2 := digits(parts[1])
	if !ok1 || !ok2 {
		return bad("not HH:MM")
	}
	if h > 24 || m > 59 {
		return bad("hour or minute out of range")
	}
	var sec, ns int
	if len(parts) == 3 {
		whole, frac, hasFrac := strings.Cut(parts[2], ".")
		var ok bool
		if sec, ok = digits(whole); !ok || sec > 59 {
			return bad("bad seconds")
		}
		if hasFrac {
			if frac == "" || len(frac) > 9 {
				return bad("bad fraction of a second")
			}
			for i := range 9 {
				ns *= 10
				if i < len(frac) {
					if frac[i] < '0' || frac[i] > '9' {
						return bad("bad fraction of a second")
					}
					ns += int(frac[i] - '0')
				}
			}
		}
	}
	c := clock.Clock(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(ns))
	if c > EndOfDay {
		return bad("past 24:00")
	}
	return c, nil
}

// Format writes c as "09:00", with seconds and a fraction only when set;
// 24:00 is written as "24:00". c must be in [0, 24:00].
func Format(c clock.Clock) string {
	if c == EndOfDay {
		return "24:00"
	}
	d := time.Duration(c)
	h, m, s := int(d/time.Hour), int(d/time.Minute%60), int(d/time.Second%60)
	ns := int(d % time.Second)
	switch {
	case ns != 0:
		return strings.TrimRight(fmt.Sprintf("%02d:%02d:%02d.%09d", h, m, s, ns), "0")
	case s != 0:
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}
