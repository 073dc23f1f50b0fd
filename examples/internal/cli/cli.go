// Package cli parses the flags that every example program shares, so that
// they mean the same everywhere:
//
//   - -at: a calendar day as YYYY-MM-DD, or an RFC 3339 instant; the programs
//     default it to the current instant, read once in main. What instant a
//     day stands for is each program's choice, stated in its doc (the
//     handbook looks at 12:00 in the team's zone, the feeds start at 00:00).
//   - -zone: an IANA time zone name, the zone in which times are printed.
//     "Local" and "" are refused: they name the machine's zone, and a report
//     must not depend on the machine it runs on.
//
// It is shared by the programs under examples/ and is not part of the
// public API.
package cli

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // zones work on machines without a tz database

	"github.com/rickb777/date/v2"
)

// ExitUsage is the exit status of a program given bad flags.
const ExitUsage = 2

// AtUsage and ZoneUsage are the flag descriptions the programs share; each
// program adds what a day means to it.
const (
	AtUsage   = "the `day` (YYYY-MM-DD) or RFC 3339 instant to report on (default: now)"
	ZoneUsage = "IANA time `zone` in which times are printed"
)

// At is the value of -at: either a calendar day or an instant.
type At struct {
	day     date.Date
	instant time.Time
	isDay   bool
}

// Now returns the At of the instant t: the default of -at.
func Now(t time.Time) At { return At{instant: t} }

// Day returns the At of the calendar day d.
func Day(d date.Date) At { return At{day: d, isDay: true} }

// ParseAt parses the text of -at: a day as YYYY-MM-DD (strictly: 2024-02-30
// is refused, where date.ParseISO would normalise it) or an RFC 3339 instant
// with its offset or Z. The error names the flag and says what it wants.
func ParseAt(s string) (At, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Day(date.NewAt(t)), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Now(t), nil
	}
	return At{}, fmt.Errorf("-at %q: want a day (YYYY-MM-DD) or an RFC 3339 instant (2024-03-06T15:00:00Z)", s)
}

// AtOr parses s as ParseAt does, or returns Now(now) when s is "" (the flag
// was not given).
func AtOr(s string, now time.Time) (At, error) {
	if s == "" {
		return Now(now), nil
	}
	return ParseAt(s)
}

// IsDay tells whether a is a calendar day rather than an instant.
func (a At) IsDay() bool { return a.isDay }

// Date returns a's day: the day itself, or the instant's day in loc.
func (a At) Date(loc *time.Location) date.Date {
	if a.isDay {
		return a.day
	}
	return date.NewAt(a.instant.In(loc))
}

// Instant returns a's instant: the instant itself, or the day at the time
// of day hour:min in loc, built with time.Date (a time the clocks skip on a
// DST day is read as time.Date reads it).
func (a At) Instant(loc *time.Location, hour, min int) time.Time {
	if !a.isDay {
		return a.instant
	}
	y, m, d := a.day.Date()
	return time.Date(y, m, d, hour, min, 0, 0, loc)
}

// String returns a as -at takes it: YYYY-MM-DD or RFC 3339.
func (a At) String() string {
	if a.isDay {
		return a.day.String()
	}
	return a.instant.Format(time.RFC3339Nano)
}

// ParseZone loads the IANA zone name for -zone. It refuses "" and "Local",
// which time.LoadLocation would read as UTC and as the machine's zone.
func ParseZone(name string) (*time.Location, error) {
	const want = "want an IANA zone such as America/Chicago or UTC"
	switch name {
	case "":
		return nil, fmt.Errorf("-zone \"\": %s", want)
	case "Local":
		return nil, fmt.Errorf("-zone \"Local\" is the machine's zone; %s", want)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("-zone %q: unknown zone; %s", name, want)
	}
	return loc, nil
}

// MaxWidth is the widest line, in runes, that the programs print.
const MaxWidth = 100

// WideLines returns the 1-based numbers of the lines of out wider than
// MaxWidth runes (a CR before the newline is not counted), for tests.
func WideLines(out string) []int {
	var wide []int
	for i, l := range strings.Split(out, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if n := len([]rune(l)); n > MaxWidth {
			wide = append(wide, i+1)
		}
	}
	return wide
}
