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

// A Move says what happens to a ceremony or ritual whose planned day is not
// a working day: Stay keeps it on that day, Skip drops it, Earlier moves it
// to the closest working day before and Later to the closest working day
// after (at most MaxMove days, and for ceremonies within the sprint; when no
// working day lies within reach the occurrence is dropped). A moved
// occurrence keeps its local time of day. release has the same Move with the
// same constants, in the same order.
//
// The zero Move is Stay. Moves are comparable with ==.
type Move int

// The moves, in the order every cadence package uses.
const (
	Stay    Move = iota // keep the occurrence on its non-working day
	Skip                // drop the occurrence
	Earlier             // the closest earlier working day
	Later               // the closest later working day
)

var moveNames = [...]string{"stay", "skip", "earlier", "later"}

// IsValid reports whether m is Stay, Skip, Earlier or Later.
func (m Move) IsValid() bool { return m >= Stay && m <= Later }

// String returns "stay", "skip", "earlier" or "later", or "Move(7)" for an
// invalid value.
func (m Move) String() string {
	if !m.IsValid() {
		return "Move(" + strconv.Itoa(int(m)) + ")"
	}
	return moveNames[m]
}

// ParseMove parses "stay", "skip", "earlier" or "later" (exactly, lower
// case). Errors wrap ErrMove.
func ParseMove(s string) (Move, error) {
	if i := slices.Index(moveNames[:], s); i >= 0 {
		return Move(i), nil
	}
	return Stay, &ConfigError{Field: "move", Value: s, Err: ErrMove, Reason: moveWant}
}

const moveWant = "want stay, skip, earlier or later"

// MarshalText implements encoding.TextMarshaler; an invalid Move is an error.
func (m Move) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, &ConfigError{Field: "move", Value: m.String(), Err: ErrMove, Reason: moveWant}
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseMove; empty
// text is Stay, the zero Move.
func (m *Move) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = Stay
		return nil
	}
	v, err := ParseMove(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// apply returns the day a planned occurrence p takes place on, searching no
// further than MaxMove days and staying within [lo, hi); ok is false when the
// occurrence is skipped.
func (m Move) apply(w Workdays, p, lo, hi date.Date) (date.Date, bool) {
	if m == Stay || isWorkday(w, p) {
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
	ns := int(tod % time.Second)
	h, mi, sec := s/3600, s/60%60, s%60
	t := time.Date(y, mo, dd, h, mi, sec, ns, loc)
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

// checkZone refuses a nil location and time.Local, whose meaning depends on
// the machine, with ErrZone.
func checkZone(loc *time.Location) error {
	if loc == nil {
		return &ConfigError{Field: "zone", Err: ErrZone, Reason: "nil *time.Location"}
	}
	if loc == time.Local || loc.String() == "Local" {
		return &ConfigError{Field: "zone", Value: "Local", Err: ErrZone,
			Reason: "its meaning depends on the machine; give an IANA name such as America/Chicago"}
	}
	return nil
}

// loadZone loads an IANA zone name for JSON decoding; "Local" is refused
// because it would mean different things on different machines.
func loadZone(name string) (*time.Location, error) {
	switch name {
	case "":
		return nil, &ConfigError{Field: "zone", Err: ErrZone, Reason: "missing; give an IANA name such as America/Chicago"}
	case "Local":
		return nil, &ConfigError{Field: "zone", Value: name, Err: ErrZone,
			Reason: "its meaning depends on the machine; give an IANA name such as America/Chicago"}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, &ConfigError{Field: "zone", Value: name, Err: ErrZone, Reason: "not a zone in the IANA time zone database"}
	}
	return loc, nil
}

// zoneName returns loc's IANA name for JSON, refusing with ErrZone a zone
// that JSON could not restore: one whose name does not load, or loads to a
// zone with other offsets (time.FixedZone("America/Chicago", 0)).
func zoneName(loc *time.Location) (string, error) {
	name := loc.String()
	if err := checkZone(loc); err != nil {
		return "", err
	}
	std, err := loadZone(name)
	if err != nil {
		return "", &ConfigError{Field: "zone", Value: name, Err: ErrZone,
			Reason: "not an IANA zone name, so JSON could not restore it"}
	}
	for _, t := range []time.Time{time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC), time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)} {
		_, a := t.In(loc).Zone()
		_, b := t.In(std).Zone()
		if a != b {
			return "", &ConfigError{Field: "zone", Value: name, Err: ErrZone,
				Reason: "its offsets differ from the IANA zone of that name"}
		}
	}
	return name, nil
}
