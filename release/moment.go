package release

import (
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/teamcadence/cadence/internal/tod"
)

// A Moment is a wall-clock time relative to a release day: Weekday at Time in
// the last week before the release, shifted by Weeks weeks. With Weeks 0 the
// day is the latest Weekday strictly before release day (a Thursday is six
// days before a Wednesday release, a Tuesday one day, a Wednesday seven);
// Weeks -1 is a week earlier. Weeks above 0 would fall on or after release
// day and are rejected by NewPolicy.
//
// Moments compare with ==. The zero Moment is Sunday 00:00 before release day.
type Moment struct {
	Weekday time.Weekday // day of the week
	Time    clock.Clock  // local time of day, from 00:00 to 24:00 inclusive
	Weeks   int          // whole weeks to shift by; 0 or negative
}

// Day returns the day of the moment before the release on release.
func (m Moment) Day(release date.Date) date.Date {
	return release - date.Date(m.daysBefore(release.Weekday()))
}

// daysBefore returns how many days before a release on weekday wd the moment
// falls.
func (m Moment) daysBefore(wd time.Weekday) int {
	back := (int(wd) - int(m.Weekday) + 7) % 7
	if back == 0 {
		back = 7
	}
	return back - 7*m.Weeks
}

// In returns the instant of the moment before the release on release, in loc.
// It is built with time.Date, so a 09:00 moment is 09:00 local time whatever
// the DST offset; a time in a DST gap or overlap resolves as time.Date does.
func (m Moment) In(release date.Date, loc *time.Location) time.Time {
	return wallClock(m.Day(release), m.Time, loc)
}

// wallClock returns d at clock c in loc, via time.Date (never date.Time).
func wallClock(d date.Date, c clock.Clock, loc *time.Location) time.Time {
	y, mo, dd := d.Date()
	h, mi, s := c.HourMinuteSecond()
	if c == clock.Day {
		h, mi, s = 24, 0, 0
	}
	return time.Date(y, mo, dd, h, mi, s, 0, loc)
}

// String returns "Thursday 09:00", with " -1w" appended for Weeks -1.
func (m Moment) String() string {
	s := m.Weekday.String() + " " + tod.Format(m.Time)
	if m.Weeks != 0 {
		s += " " + strconv.Itoa(m.Weeks) + "w"
	}
	return s
}

// ParseMoment parses the form String returns: a weekday name (English, full
// or three letters, any case), a time of day HH:MM[:SS[.fraction]] from
// 00:00 to 24:00, and an optional week shift such as "-1w". Errors are
// *ConfigError values matching ErrSyntax, or ErrWeekday for an unknown
// weekday name.
func ParseMoment(s string) (Moment, error) {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 {
		return Moment{}, configErr("moment", s, `want "Weekday HH:MM [-Nw]"`, ErrSyntax)
	}
	wd, ok := parseWeekday(f[0])
	if !ok {
		return Moment{}, configErr("moment", s, "unknown weekday "+strconv.Quote(f[0]), ErrWeekday)
	}
	c, err := tod.Parse(f[1])
	if err != nil {
		return Moment{}, configErr("moment", s, err.Error(), ErrSyntax)
	}
	m := Moment{Weekday: wd, Time: c}
	if len(f) == 3 {
		w, ok := strings.CutSuffix(f[2], "w")
		n, err := strconv.Atoi(w)
		if !ok || err != nil || n < -520 || n > 520 {
			return Moment{}, configErr("moment", s, "want a week shift such as -1w, -520w to 520w", ErrSyntax)
		}
		m.Weeks = n
	}
	return m, nil
}

// MarshalText returns m.String().
func (m Moment) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText parses text with ParseMoment.
func (m *Moment) UnmarshalText(text []byte) error {
	v, err := ParseMoment(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

func parseWeekday(s string) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		n := wd.String()
		if strings.EqualFold(s, n) || strings.EqualFold(s, n[:3]) {
			return wd, true
		}
	}
	return 0, false
}
