package sprint

import (
	"encoding/json"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
)

// A Schedule is a team's meeting schedule: a Cadence, the zone that gives
// the ceremonies' times of day their meaning, which days are working days,
// the roles that may own a ceremony, and the ceremonies of every sprint (R6,
// R7). (sla's Calendar is another idea: business hours.)
//
// A Schedule is immutable and safe for concurrent use; it is not comparable
// with ==. The zero Schedule has no sprints and no ceremonies.
type Schedule struct {
	cadence    Cadence
	loc        *time.Location
	work       Workdays
	roles      []string
	ceremonies []Ceremony
}

// NewSchedule returns the schedule of cadence c with ceremonies held in loc.
// work says which days are working days (nil: Monday to Friday); roles are
// the names a ceremony's Owner may take, and an owner that is not one of
// them is refused.
//
// Errors are *ConfigError values: ErrWeeks for an invalid cadence; ErrZone
// for a nil loc or time.Local; ErrName on "roles[i]" for an empty or
// repeated role; on "ceremonies[i].field" the error of Ceremony.Validate,
// ErrRule when DayOfSprint lies beyond the sprint, and ErrUnknownName for an
// owner that is not one of roles.
func NewSchedule(c Cadence, loc *time.Location, work Workdays, roles []string, ceremonies ...Ceremony) (Schedule, error) {
	if !c.IsValid() {
		return Schedule{}, &ConfigError{Field: "cadence", Err: ErrWeeks, Reason: "the zero Cadence; build one with NewCadence"}
	}
	if err := checkZone(loc); err != nil {
		return Schedule{}, err
	}
	if err := checkRoles(roles); err != nil {
		return Schedule{}, err
	}
	for i, cer := range ceremonies {
		f := ceremonyField(i)
		if err := cer.Validate(); err != nil {
			return Schedule{}, withPath(f, err)
		}
		if cer.Rule.kind == ruleDay && cer.Rule.n > c.Days() {
			return Schedule{}, &ConfigError{Field: f + ".rule", Value: cer.Rule.String(), Err: ErrRule,
				Reason: "beyond the sprint's " + strconv.Itoa(c.Days()) + " days"}
		}
		if err := checkOwner(f+".owner", cer.Owner, roles); err != nil {
			return Schedule{}, err
		}
	}
	return Schedule{cadence: c, loc: loc, work: work, roles: slices.Clone(roles), ceremonies: slices.Clone(ceremonies)}, nil
}

// Cadence returns the schedule's sprint numbering.
func (k Schedule) Cadence() Cadence { return k.cadence }

// Location returns the zone the ceremonies are held in (nil for the zero Schedule).
func (k Schedule) Location() *time.Location { return k.loc }

// Workdays returns the working-day source given to NewSchedule (nil: Monday to Friday).
func (k Schedule) Workdays() Workdays { return k.work }

// WithWorkdays returns a copy of k that takes working days from w (nil:
// Monday to Friday). JSON does not store working days, so a decoded
// Schedule gets its holidays back this way.
func (k Schedule) WithWorkdays(w Workdays) Schedule {
	k.work = w
	return k
}

// All yields every configured ceremony, in configuration order.
func (k Schedule) All() iter.Seq[Ceremony] { return slices.Values(k.ceremonies) }

// Roles returns a copy of the names a ceremony's owner may take.
func (k Schedule) Roles() []string { return slices.Clone(k.roles) }

// At returns the sprint that holds d (see Cadence.At).
func (k Schedule) At(d date.Date) Sprint { return k.cadence.At(d) }

// Ceremonies yields the ceremonies of sprint number s.Number of k's cadence
// (the rest of s is not used), ordered by start instant and, for equal
// starts, by configuration order. A ceremony planned on a non-working day
// stays there, is skipped or is moved by its Move (never out of the sprint,
// at most MaxMove days); a move onto a day on which the same ceremony already takes place
// merges the two. Times are built with time.Date in the schedule's zone, so
// a 09:00 stand-up is at 09:00 local time on both sides of a DST change; a
// time of day that falls in a DST gap moves forward by the length of the gap
// (02:30 becomes 03:30 when 02:00 jumps to 03:00), and one in a repeated hour
// is its first occurrence. End is Start plus the duration in real time.
func (k Schedule) Ceremonies(s Sprint) iter.Seq[Event] {
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
func (k Schedule) Meetings(from, to time.Time) iter.Seq[Event] {
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
func (k Schedule) events(s Sprint) []Event {
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

// scheduleWire is a Schedule in JSON.
type scheduleWire struct {
	Cadence    *cadenceWire      `json:"cadence"`
	Zone       string            `json:"zone"`
	Roles      []string          `json:"roles"`
	Ceremonies []json.RawMessage `json:"ceremonies"` // each a ceremonyWire, decoded on its own so errors name its index
}

// MarshalJSON implements json.Marshaler as
//
//	{"cadence":{"first":"2024-01-08","weeks":3},"zone":"America/Chicago",
//	 "roles":["Engineering manager"],"ceremonies":[...]}
//
// with the zone's IANA name and each ceremony as Ceremony documents. Working
// days are not stored (see WithWorkdays). The zero Schedule marshals to null;
// a zone that JSON could not restore by its name (time.FixedZone) is an
// ErrZone error.
func (k Schedule) MarshalJSON() ([]byte, error) {
	if k.loc == nil {
		return []byte("null"), nil
	}
	zone, err := zoneName(k.loc)
	if err != nil {
		return nil, err
	}
	w := scheduleWire{Cadence: &cadenceWire{First: k.cadence.first.String(), Weeks: k.cadence.weeks},
		Zone: zone, Roles: k.roles, Ceremonies: make([]json.RawMessage, len(k.ceremonies))}
	if w.Roles == nil {
		w.Roles = []string{}
	}
	for i, c := range k.ceremonies {
		b, err := json.Marshal(c.wire())
		if err != nil {
			return nil, err
		}
		w.Ceremonies[i] = b
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler for the form MarshalJSON writes,
// strictly: unknown and duplicate keys are refused at any depth, and the
// result is validated as NewSchedule does, with errors naming the JSON path
// ("ceremonies[2].time"). The zone must be an IANA name ("Local" is refused
// with ErrZone). A missing or null "roles" or "ceremonies" is an empty list;
// null as the whole document leaves k unchanged. The decoded Schedule's
// working days are Monday to Friday (see WithWorkdays).
func (k *Schedule) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w scheduleWire
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	c, err := w.Cadence.cadence()
	if err != nil {
		return withPath("cadence", err)
	}
	loc, err := loadZone(w.Zone)
	if err != nil {
		return err
	}
	cs := make([]Ceremony, len(w.Ceremonies))
	for i, raw := range w.Ceremonies {
		var cw ceremonyWire
		if err := decodeStrict(raw, &cw); err != nil {
			return withPath(ceremonyField(i), err)
		}
		if cs[i], err = cw.ceremony(); err != nil {
			return withPath(ceremonyField(i), err)
		}
	}
	v, err := NewSchedule(c, loc, nil, w.Roles, cs...)
	if err != nil {
		return err
	}
	*k = v
	return nil
}
