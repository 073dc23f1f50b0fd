package sprint

import (
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
)

// Workdays says which days are working days. sla.Calendar satisfies it; a nil
// Workdays means Monday to Friday.
type Workdays interface {
	IsWorkday(d date.Date) bool
}

// isWorkday asks w, or Monday to Friday when w is nil.
func isWorkday(w Workdays, d date.Date) bool {
	if w == nil {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday
	}
	return w.IsWorkday(d)
}

// MaxMove is how many days at most a Move shifts a ceremony or ritual. A move
// never reaches the next weekly occurrence, and a ceremony never leaves its
// sprint; when no working day lies within reach the occurrence is skipped.
const MaxMove = 6

// A Move says what happens to a ceremony or ritual whose day is not a
// working day: Skip drops it, Earlier moves it to the closest working day
// before, Later to the closest working day after (at most MaxMove days, and
// for ceremonies within the sprint). It keeps its local time of day. The zero
// Move is Skip.
type Move int

// The moves.
const (
	Skip    Move = iota // drop the occurrence
	Earlier             // the closest earlier working day
	Later               // the closest later working day
)

var moveNames = [...]string{"skip", "earlier", "later"}

// IsValid reports whether m is Skip, Earlier or Later.
func (m Move) IsValid() bool { return m >= Skip && m <= Later }

// String returns "skip", "earlier" or "later", or "Move(7)" for an invalid value.
func (m Move) String() string {
	if !m.IsValid() {
		return "Move(" + strconv.Itoa(int(m)) + ")"
	}
	return moveNames[m]
}

// MarshalText implements encoding.TextMarshaler; an invalid Move is an error.
func (m Move) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, &ConfigError{Field: "move", Value: m.String(), Err: ErrMove}
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the String
// forms, and empty text as Skip.
func (m *Move) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = Skip
		return nil
	}
	if i := slices.Index(moveNames[:], string(b)); i >= 0 {
		*m = Move(i)
		return nil
	}
	return &ConfigError{Field: "move", Value: string(b), Err: ErrMove}
}

// apply returns the day a planned occurrence p takes place on, searching no
// further than MaxMove days and staying within [lo, hi); ok is false when the
// occurrence is skipped.
func (m Move) apply(w Workdays, p, lo, hi date.Date) (date.Date, bool) {
	if isWorkday(w, p) {
		return p, true
	}
	step := date.Date(0)
	switch m {
	case Earlier:
		step = -1
	case Later:
		step = 1
	default:
		return 0, false
	}
	d := p
	for range MaxMove {
		d += step
		if d < lo || d >= hi {
			return 0, false
		}
		if isWorkday(w, d) {
			return d, true
		}
	}
	return 0, false
}

// wallClock returns the instant at local time of day tod on d in loc, built
// with time.Date so the wall-clock reading holds across DST (24:00 is the
// next midnight). A reading that falls in a DST gap is moved forward by the
// length of the gap (02:30 on a spring-forward day in America/Chicago is
// 03:30 CDT); in a repeated hour it is the first reading, whichever one
// time.Date picks.
func wallClock(d date.Date, tod time.Duration, loc *time.Location) time.Time {
	y, mo, dd := d.Date()
	s := int(tod / time.Second)
	h, mi, sec := s/3600, s/60%60, s%60
	t := time.Date(y, mo, dd, h, mi, sec, 0, loc)
	if h < 24 {
		ty, tm, td := t.Date()
		th, tmi, ts := t.Clock()
		if ty != y || tm != mo || td != dd || th != h || tmi != mi || ts != sec {
			want := time.Date(y, mo, dd, h, mi, sec, 0, time.UTC)
			got := time.Date(ty, tm, td, th, tmi, ts, 0, time.UTC)
			if want.After(got) {
				t = t.Add(want.Sub(got))
			}
			return t
		}
	}
	// In a repeated hour time.Date may pick the second reading: prefer the first.
	if start, _ := t.ZoneBounds(); !start.IsZero() {
		_, cur := t.Zone()
		_, prev := start.Add(-time.Second).Zone()
		if prev > cur {
			if c := t.Add(-time.Duration(prev-cur) * time.Second); c.Before(start) {
				return c
			}
		}
	}
	return t
}

// formatTOD formats a time of day as "09:00", or "09:00:30" with seconds.
func formatTOD(tod time.Duration) string {
	s := int(tod / time.Second)
	b := []byte{byte('0' + s/36000), byte('0' + s/3600%10), ':', byte('0' + s/600%6), byte('0' + s/60%10)}
	if s%60 != 0 {
		b = append(b, ':', byte('0'+s%60/10), byte('0'+s%10))
	}
	return string(b)
}

// parseTOD strictly parses "HH:MM" or "HH:MM:SS", 00:00 to 24:00.
func parseTOD(s string) (time.Duration, bool) {
	if len(s) != 5 && len(s) != 8 {
		return 0, false
	}
	num := func(i int) (int, bool) {
		a, b := s[i], s[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, false
		}
		return int(a-'0')*10 + int(b-'0'), true
	}
	h, ok1 := num(0)
	m, ok2 := num(3)
	sec, ok3 := 0, true
	if len(s) == 8 {
		if s[5] != ':' {
			return 0, false
		}
		sec, ok3 = num(6)
	}
	if !ok1 || !ok2 || !ok3 || s[2] != ':' || m > 59 || sec > 59 {
		return 0, false
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	if d > 24*time.Hour {
		return 0, false
	}
	return d, true
}

// loadZone loads an IANA zone name for JSON decoding; "Local" is refused
// because it would mean different things on different machines.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, &ConfigError{Field: "zone", Value: name, Err: ErrLocation}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, &ConfigError{Field: "zone", Value: name, Err: ErrLocation}
	}
	return loc, nil
}
