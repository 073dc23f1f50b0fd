package sprint

import (
	"encoding/json"
	"iter"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// A Calendar is a team's sprint calendar: a Cadence, the zone that gives
// the ceremonies' times of day their meaning, which days are working days,
// and the ceremonies of every sprint (R6, R7).
//
// A Calendar is immutable and safe for concurrent use; it is not comparable
// with ==. The zero Calendar has no sprints and no ceremonies.
type Calendar struct {
	cadence    Cadence
	loc        *time.Location
	work       Workdays
	ceremonies []Ceremony
}

// NewCalendar returns the calendar of cadence c with ceremonies held in loc.
// work says which days are working days; nil means Monday to Friday.
// Errors: ErrWeeks for an invalid cadence, ErrLocation for a nil loc, and a
// *ConfigError naming "ceremonies[i].field" for a bad ceremony (ErrRule
// also when DayOfSprint lies beyond the sprint).
func NewCalendar(c Cadence, loc *time.Location, work Workdays, ceremonies ...Ceremony) (Calendar, error) {
	if !c.IsValid() {
		return Calendar{}, &ConfigError{Field: "cadence", Value: c.String(), Err: ErrWeeks}
	}
	if loc == nil {
		return Calendar{}, &ConfigError{Field: "zone", Value: "<nil>", Err: ErrLocation}
	}
	for i, cer := range ceremonies {
		if err := cer.Validate(); err != nil {
			return Calendar{}, prefix(ceremonyField(i), err)
		}
		if cer.Rule.kind == ruleDay && cer.Rule.n > c.Days() {
			return Calendar{}, &ConfigError{Field: ceremonyField(i) + ".rule", Value: cer.Rule.String(), Err: ErrRule}
		}
	}
	return Calendar{cadence: c, loc: loc, work: work, ceremonies: slices.Clone(ceremonies)}, nil
}

// Cadence returns the calendar's sprint numbering.
func (k Calendar) Cadence() Cadence { return k.cadence }

// Location returns the zone the ceremonies are held in (nil for the zero Calendar).
func (k Calendar) Location() *time.Location { return k.loc }

// Workdays returns the working-day source given to NewCalendar (nil: Monday to Friday).
func (k Calendar) Workdays() Workdays { return k.work }

// WithWorkdays returns a copy of k that takes working days from w (nil:
// Monday to Friday). JSON does not store working days, so a decoded
// Calendar gets its holidays back this way.
func (k Calendar) WithWorkdays(w Workdays) Calendar {
	k.work = w
	return k
}

// Schedule returns a copy of the configured ceremonies, in configuration order.
func (k Calendar) Schedule() []Ceremony { return slices.Clone(k.ceremonies) }

// At returns the sprint that holds d (see Cadence.At).
func (k Calendar) At(d date.Date) Sprint { return k.cadence.At(d) }

// Ceremonies yields the ceremonies of sprint number s.Number of k's cadence
// (the rest of s is not used), ordered by start instant and, for equal
// starts, by configuration order. A ceremony planned on a non-working day is
// moved by its Move (never out of the sprint, at most MaxMove days) or
// skipped; a move onto a day on which the same ceremony already takes place
// merges the two. Times are built with time.Date in the calendar's zone, so
// a 09:00 stand-up is at 09:00 local time on both sides of a DST change; a
// time of day that falls in a DST gap moves forward by the length of the gap
// (02:30 becomes 03:30 when 02:00 jumps to 03:00), and one in a repeated hour
// is its first occurrence. End is Start plus the duration in real time.
func (k Calendar) Ceremonies(s Sprint) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if k.loc == nil {
			return
		}
		for _, e := range k.events(k.cadence.Sprint(s.Number)) {
			if !yield(e) {
				return
			}
		}
	}
}

// Meetings yields the ceremonies of every sprint that overlap the instants
// [from, to): a ceremony is included when it starts before to and ends after
// from (one of no duration when it starts in [from, to)). Events come in start
// order; nothing is yielded when to is not after from.
func (k Calendar) Meetings(from, to time.Time) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if k.loc == nil || !to.After(from) {
			return
		}
		// Ceremonies start on a day of their sprint and last at most 24h
		// after a time of day of at most 24:00, so two days of margin suffice.
		first := date.NewAt(from.In(k.loc)) - 2
		last := date.NewAt(to.In(k.loc)) + 1
		for s := range k.cadence.Sprints(first, last) {
			for _, e := range k.events(s) {
				if !e.Start.Before(to) {
					return
				}
				if e.End.After(from) || (e.End.Equal(e.Start) && !e.Start.Before(from)) {
					if !yield(e) {
						return
					}
				}
			}
		}
	}
}

// indexed is an event with its ceremony's position, for ordering.
type indexed struct {
	Event
	i int
}

// events lists the ceremonies of s in order.
func (k Calendar) events(s Sprint) []Event {
	var out []indexed
	var days []date.Date
	for i, c := range k.ceremonies {
		days = c.Rule.planned(days[:0], s, k.work)
		for _, p := range days {
			d, ok := c.Move.apply(k.work, p, s.Start, s.End)
			if !ok {
				continue
			}
			start := wallClock(d, time.Duration(c.Time), k.loc)
			out = append(out, indexed{Event{Name: c.Name, Owner: c.Owner, Day: d, Planned: p,
				Start: start, End: start.Add(c.Duration)}, i})
		}
	}
	slices.SortStableFunc(out, func(a, b indexed) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if a.i != b.i {
			return a.i - b.i
		}
		return boolInt(a.Moved()) - boolInt(b.Moved()) // unmoved first
	})
	// Merge a moved occurrence into another of the same ceremony that day.
	res := make([]Event, 0, len(out))
	for j, e := range out {
		if j > 0 && out[j-1].i == e.i && out[j-1].Day == e.Day {
			continue
		}
		res = append(res, e.Event)
	}
	return res
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

type calendarJSON struct {
	Cadence    Cadence    `json:"cadence"`
	Zone       string     `json:"zone"`
	Ceremonies []Ceremony `json:"ceremonies"`
}

// MarshalJSON implements json.Marshaler as
//
//	{"cadence":{"first":"2024-01-08","weeks":3},"zone":"America/Chicago","ceremonies":[...]}
//
// with the zone's IANA name and each ceremony as Ceremony documents. Working
// days are not stored (see WithWorkdays). The zero Calendar marshals to null.
func (k Calendar) MarshalJSON() ([]byte, error) {
	if k.loc == nil {
		return []byte("null"), nil
	}
	cs := k.ceremonies
	if cs == nil {
		cs = []Ceremony{}
	}
	return json.Marshal(calendarJSON{Cadence: k.cadence, Zone: k.loc.String(), Ceremonies: cs})
}

// UnmarshalJSON implements json.Unmarshaler for the form MarshalJSON writes,
// validating as NewCalendar does; the decoded Calendar's working days are
// Monday to Friday. The zone must be an IANA name ("Local" is refused).
func (k *Calendar) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*k = Calendar{}
		return nil
	}
	var j calendarJSON
	if err := strictJSON(b, &j); err != nil {
		return jsonError("calendar", b, err)
	}
	loc, err := loadZone(j.Zone)
	if err != nil {
		return err
	}
	v, err := NewCalendar(j.Cadence, loc, nil, j.Ceremonies...)
	if err != nil {
		return err
	}
	*k = v
	return nil
}
