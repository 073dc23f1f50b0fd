package sprint

import (
	"encoding/json"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/internal/tod"
)

type recurKind uint8

const (
	recurNone recurKind = iota
	recurDaily
	recurWeekly
	recurEvery
	recurOnDemand
)

// MaxEveryWeeks is the longest period EveryWeeks accepts, in weeks.
const MaxEveryWeeks = 520

// A Recurrence says when a ritual falls due (R31): every working day, weekly
// on a weekday, every n weeks counted from an anchor day, or on demand. Build
// one with Daily, WeeklyOn, EveryWeeks or OnDemand, or parse one with
// ParseRecurrence. (rotation.Weekly is another idea: a weekly rotation.)
//
// Recurrences are comparable with ==. The zero Recurrence is not valid.
type Recurrence struct {
	kind    recurKind
	weekday time.Weekday
	weeks   int
	anchor  date.Date
	offset  int
	trigger string
}

// Daily returns the recurrence of every working day (R31: pull-request
// review). Its days are working days by definition, so no Move applies.
func Daily() Recurrence { return Recurrence{kind: recurDaily} }

// WeeklyOn returns the recurrence of every wd (R31: the on-call hand-off on
// Wednesday, R1).
func WeeklyOn(wd time.Weekday) Recurrence { return Recurrence{kind: recurWeekly, weekday: wd} }

// EveryWeeks returns the recurrence of the days anchor+offset, repeated every
// n weeks forwards and backwards. With a release day as anchor and n = 3 it
// gives "Wednesday of release week" (offset 0) and "Monday of release week"
// (offset -2) without knowing about releases (R9, R31). n must be 1 to
// MaxEveryWeeks and offset within ±(7n-1) days.
func EveryWeeks(n int, anchor date.Date, offset int) Recurrence {
	return Recurrence{kind: recurEvery, weeks: n, anchor: anchor, offset: offset}
}

// OnDemand returns a recurrence with no dated occurrences, for duties done
// whenever trigger happens (R31: a patch-release branch "for every patch
// release"). Rituals.OnDemand lists them.
func OnDemand(trigger string) Recurrence { return Recurrence{kind: recurOnDemand, trigger: trigger} }

// IsValid reports whether r was built by a constructor with valid arguments.
func (r Recurrence) IsValid() bool {
	switch r.kind {
	case recurDaily:
		return true
	case recurWeekly:
		return r.weekday >= time.Sunday && r.weekday <= time.Saturday
	case recurEvery:
		return r.weeks >= 1 && r.weeks <= MaxEveryWeeks && r.offset > -7*r.weeks && r.offset < 7*r.weeks &&
			r.anchor >= date.Min() && r.anchor <= date.Max()
	case recurOnDemand:
		return r.trigger != "" && !strings.ContainsAny(r.trigger, "\n\r")
	}
	return false
}

// IsOnDemand reports whether r is an OnDemand recurrence (no dated occurrences).
func (r Recurrence) IsOnDemand() bool { return r.kind == recurOnDemand }

// Trigger returns the trigger of an OnDemand recurrence, and "" otherwise.
func (r Recurrence) Trigger() string {
	if r.kind != recurOnDemand {
		return ""
	}
	return r.trigger
}

// String returns the text form: "daily", "weekly Wednesday",
// "every 3 weeks from 2024-01-10 -2d" (the offset is left out when 0), or
// "on demand: every patch release". The zero Recurrence gives "".
func (r Recurrence) String() string {
	switch r.kind {
	case recurNone:
		return ""
	case recurDaily:
		return "daily"
	case recurWeekly:
		return "weekly " + r.weekday.String()
	case recurEvery:
		s := "every " + strconv.Itoa(r.weeks) + " weeks from " + r.anchor.String()
		if r.offset > 0 {
			s += " +" + strconv.Itoa(r.offset) + "d"
		} else if r.offset < 0 {
			s += " " + strconv.Itoa(r.offset) + "d"
		}
		return s
	}
	return "on demand: " + r.trigger
}

// ParseRecurrence parses the text String returns. Errors wrap ErrRecurrence.
func ParseRecurrence(s string) (Recurrence, error) {
	bad := &ConfigError{Field: "recurrence", Value: s, Err: ErrRecurrence,
		Reason: `want "daily", "weekly Monday", "every N weeks from YYYY-MM-DD[ ±Kd]" (N 1 to ` +
			strconv.Itoa(MaxEveryWeeks) + `, |K| < 7N) or "on demand: trigger"`}
	var r Recurrence
	switch {
	case s == "daily":
		r = Daily()
	case strings.HasPrefix(s, "weekly "):
		wd, ok := parseWeekday(s[len("weekly "):])
		if !ok {
			return Recurrence{}, bad
		}
		r = WeeklyOn(wd)
	case strings.HasPrefix(s, "on demand: "):
		r = OnDemand(s[len("on demand: "):])
	case strings.HasPrefix(s, "every "):
		f := strings.Split(s, " ")
		if (len(f) != 5 && len(f) != 6) || f[2] != "weeks" || f[3] != "from" {
			return Recurrence{}, bad
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || !isDecimal(f[1]) {
			return Recurrence{}, bad
		}
		anchor, err := parseDay("recurrence", f[4])
		if err != nil {
			return Recurrence{}, bad
		}
		off := 0
		if len(f) == 6 {
			o := f[5]
			if len(o) < 3 || (o[0] != '+' && o[0] != '-') || o[len(o)-1] != 'd' || o[1] == '0' {
				return Recurrence{}, bad
			}
			if off, err = strconv.Atoi(o[:len(o)-1]); err != nil {
				return Recurrence{}, bad
			}
		}
		r = EveryWeeks(n, anchor, off)
	default:
		return Recurrence{}, bad
	}
	if !r.IsValid() {
		switch {
		case r.kind == recurEvery && (r.weeks < 1 || r.weeks > MaxEveryWeeks):
			bad.Reason = "want 1 to " + strconv.Itoa(MaxEveryWeeks) + " weeks"
		case r.kind == recurEvery && (r.offset <= -7*r.weeks || r.offset >= 7*r.weeks):
			bad.Reason = "the offset must be shorter than the period, within ±" + strconv.Itoa(7*r.weeks-1) + "d"
		case r.kind == recurEvery:
			bad.Reason = "the anchor day is out of range"
		case r.kind == recurOnDemand:
			bad.Reason = "want a trigger on one line after \"on demand: \""
		}
		return Recurrence{}, bad
	}
	return r, nil
}

// MarshalText implements encoding.TextMarshaler; the zero Recurrence gives
// empty text and another invalid one an error.
func (r Recurrence) MarshalText() ([]byte, error) {
	if r.kind != recurNone && !r.IsValid() {
		return nil, &ConfigError{Field: "recurrence", Value: r.String(), Err: ErrRecurrence, Reason: "not built by a Recurrence constructor with valid arguments"}
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseRecurrence;
// empty text gives the zero Recurrence.
func (r *Recurrence) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = Recurrence{}
		return nil
	}
	v, err := ParseRecurrence(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// period returns the base day and period in days of a WeeklyOn or EveryWeeks
// recurrence.
func (r Recurrence) period() (base date.Date, days int64) {
	if r.kind == recurWeekly {
		// date.Zero is a Monday.
		return date.Date((int(r.weekday) + 6) % 7), 7
	}
	return r.anchor + date.Date(r.offset), int64(r.weeks) * 7
}

// on reports whether r takes place on d, and the day it was planned for.
// It looks only at the planned days within MaxMove of d: arithmetic, so the
// cost does not depend on the distance from the anchor.
func (r Recurrence) on(d date.Date, m Move, w Workdays) (date.Date, bool) {
	switch r.kind {
	case recurDaily:
		return d, isWorkday(w, d)
	case recurWeekly, recurEvery:
	default:
		return 0, false
	}
	base, per := r.period()
	// The first planned day at or after d - MaxMove.
	lo := d - MaxMove
	_, rem := floorDivMod(int64(lo)-int64(base), per)
	p := lo
	if rem != 0 {
		p += date.Date(per - rem)
	}
	if (int64(d)-int64(base))%per == 0 { // planned on d itself
		if m == Stay || isWorkday(w, d) {
			return d, true
		}
	}
	for ; p <= d+MaxMove; p += date.Date(per) {
		if p == d {
			continue
		}
		if got, ok := m.apply(w, p, p-MaxMove, p+MaxMove+1); ok && got == d {
			return p, true
		}
	}
	return 0, false
}

// A Ritual is a recurring duty with a directly responsible owner (R31): the
// weekly bug review of QA's inbox, owned by "QA" (one of the Rituals' roles).
// Time is the local time of day it starts or is due (24:00 is the end of the
// day, 00:00 when only the day matters), Duration its length (0 for a
// deadline), and Move what happens when it falls on a non-working day.
// Ritual is comparable with ==; its zero value is not valid.
//
// In JSON a Ritual is
//
//	{"name":"Bug review","owner":"QA","recurrence":"weekly Monday","time":"11:00",
//	 "duration":"30m0s","move":"later"}
//
// with the recurrence in ParseRecurrence's form and the other fields as for
// Ceremony; the owner (none), time (00:00), duration (0s) and move (stay)
// may be left out, and null is the same as a missing field.
type Ritual struct {
	Name       string
	Owner      string
	Recurrence Recurrence
	Time       clock.Clock
	Duration   time.Duration
	Move       Move
}

// Validate reports the first bad field of r as a *ConfigError wrapping
// ErrName, ErrRecurrence, ErrTime, ErrDuration or ErrMove, or nil. Whether
// the owner is a known role is checked by NewRituals.
func (r Ritual) Validate() error {
	if err := validateName(r.Name, r.Owner); err != nil {
		return err
	}
	if !r.Recurrence.IsValid() {
		why := "not built by a Recurrence constructor with valid arguments"
		if r.Recurrence == (Recurrence{}) {
			why = "missing"
		}
		return &ConfigError{Field: "recurrence", Value: r.Recurrence.String(), Err: ErrRecurrence, Reason: why}
	}
	return validateWhen(r.Time, r.Duration, r.Move)
}

// ritualWire is a Ritual in JSON.
type ritualWire struct {
	Name       string `json:"name"`
	Owner      string `json:"owner,omitempty"`
	Recurrence string `json:"recurrence"`
	Time       string `json:"time"`
	Duration   string `json:"duration"`
	Move       string `json:"move"`
}

func (r Ritual) wire() ritualWire {
	return ritualWire{Name: r.Name, Owner: r.Owner, Recurrence: r.Recurrence.String(),
		Time: tod.Format(r.Time), Duration: r.Duration.String(), Move: r.Move.String()}
}

// ritual turns w into a validated Ritual; errors name fields relative to
// the ritual.
func (w ritualWire) ritual() (Ritual, error) {
	if w.Recurrence == "" {
		return Ritual{}, &ConfigError{Field: "recurrence", Err: ErrRecurrence, Reason: "missing"}
	}
	rec, err := ParseRecurrence(w.Recurrence)
	if err != nil {
		return Ritual{}, err
	}
	if w.Time == "" {
		w.Time = "00:00" // only the day matters
	}
	t, dur, move, err := decodeWhen(w.Time, w.Duration, w.Move)
	if err != nil {
		return Ritual{}, err
	}
	r := Ritual{Name: w.Name, Owner: w.Owner, Recurrence: rec, Time: t, Duration: dur, Move: move}
	if err := r.Validate(); err != nil {
		return Ritual{}, err
	}
	return r, nil
}

// MarshalJSON implements json.Marshaler in the form shown on Ritual; an
// invalid Ritual is an error.
func (r Ritual) MarshalJSON() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(r.wire())
}

// UnmarshalJSON implements json.Unmarshaler strictly: unknown and duplicate
// keys are errors, and the result is validated as Validate does. null
// leaves r unchanged.
func (r *Ritual) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w ritualWire
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	v, err := w.ritual()
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Rituals is a team's table of rituals (R31) in a time zone, with a source
// of working days and the roles that may own a ritual. It answers "which
// rituals fall this week, and who owns each" with Occurrences.
//
// Rituals is immutable and safe for concurrent use; it is not comparable
// with ==. The zero Rituals has no rituals.
type Rituals struct {
	loc   *time.Location
	work  Workdays
	roles []string
	list  []Ritual
}

// NewRituals returns the table of rituals held in loc; work says which days
// are working days (nil: Monday to Friday), and roles are the names a
// ritual's Owner may take.
//
// Errors are *ConfigError values: ErrZone for a nil loc or time.Local;
// ErrName on "roles[i]" for an empty or repeated role; on "rituals[i].field"
// the error of Ritual.Validate, and ErrUnknownName for an owner that is not
// one of roles.
func NewRituals(loc *time.Location, work Workdays, roles []string, rituals ...Ritual) (Rituals, error) {
	if err := checkZone(loc); err != nil {
		return Rituals{}, err
	}
	if err := checkRoles(roles); err != nil {
		return Rituals{}, err
	}
	for i, r := range rituals {
		f := ritualField(i)
		if err := r.Validate(); err != nil {
			return Rituals{}, withPath(f, err)
		}
		if err := checkOwner(f+".owner", r.Owner, roles); err != nil {
			return Rituals{}, err
		}
	}
	return Rituals{loc: loc, work: work, roles: slices.Clone(roles), list: slices.Clone(rituals)}, nil
}

func ritualField(i int) string { return "rituals[" + strconv.Itoa(i) + "]" }

// Location returns the zone the rituals are held in (nil for the zero Rituals).
func (r Rituals) Location() *time.Location { return r.loc }

// Workdays returns the working-day source (nil: Monday to Friday).
func (r Rituals) Workdays() Workdays { return r.work }

// Roles returns a copy of the names a ritual's owner may take.
func (r Rituals) Roles() []string { return slices.Clone(r.roles) }

// WithWorkdays returns a copy of r that takes working days from w (nil:
// Monday to Friday); JSON does not store working days.
func (r Rituals) WithWorkdays(w Workdays) Rituals {
	r.work = w
	return r
}

// All yields every ritual, dated or on demand, in configuration order.
func (r Rituals) All() iter.Seq[Ritual] { return slices.Values(r.list) }

// OnDemand yields the rituals that have no dated occurrences (OnDemand
// recurrences), in configuration order, so a listing can still show them.
func (r Rituals) OnDemand() iter.Seq[Ritual] {
	return func(yield func(Ritual) bool) {
		for _, x := range r.list {
			if x.Recurrence.IsOnDemand() && !yield(x) {
				return
			}
		}
	}
}

// Occurrences yields the dated rituals that take place on the days [from,
// to) (from included, to excluded), ordered by day, then start instant, then
// configuration order; nothing when to <= from. A ritual planned on a
// non-working day stays there, is skipped or is moved by its Move (at most
// MaxMove days), and a move onto a day the same ritual already occupies
// merges the two. Each day costs a fixed amount of work, however far from
// the anchors.
func (r Rituals) Occurrences(from, to date.Date) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if r.loc == nil || to <= from {
			return
		}
		var day []indexed
		for d := from; d < to; d++ {
			day = day[:0]
			for i, x := range r.list {
				p, ok := x.Recurrence.on(d, x.Move, r.work)
				if !ok {
					continue
				}
				start := wallClock(d, time.Duration(x.Time), r.loc)
				day = append(day, indexed{Event{Name: x.Name, Owner: x.Owner, Day: d, Planned: p,
					Start: start, End: start.Add(x.Duration)}, i})
			}
			slices.SortStableFunc(day, func(a, b indexed) int { return a.Start.Compare(b.Start) })
			for _, e := range day {
				if !yield(e.Event) {
					return
				}
			}
			if d == date.Date(1<<63-1) {
				return
			}
		}
	}
}

// ritualsWire is a Rituals table in JSON.
type ritualsWire struct {
	Zone    string            `json:"zone"`
	Roles   []string          `json:"roles"`
	Rituals []json.RawMessage `json:"rituals"` // each a ritualWire, decoded on its own so errors name its index
}

// MarshalJSON implements json.Marshaler as
//
//	{"zone":"America/Chicago","roles":["QA"],"rituals":[...]}
//
// each ritual as Ritual documents; working days are not stored. The zero
// Rituals marshals to null; a zone that JSON could not restore by its name
// (time.FixedZone) is an ErrZone error.
func (r Rituals) MarshalJSON() ([]byte, error) {
	if r.loc == nil {
		return []byte("null"), nil
	}
	zone, err := zoneName(r.loc)
	if err != nil {
		return nil, err
	}
	w := ritualsWire{Zone: zone, Roles: r.roles, Rituals: make([]json.RawMessage, len(r.list))}
	if w.Roles == nil {
		w.Roles = []string{}
	}
	for i, x := range r.list {
		b, err := json.Marshal(x.wire())
		if err != nil {
			return nil, err
		}
		w.Rituals[i] = b
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements json.Unmarshaler for the form MarshalJSON writes,
// strictly: unknown and duplicate keys are refused at any depth, and the
// result is validated as NewRituals does, with errors naming the JSON path
// ("rituals[3].owner"). The zone must be an IANA name ("Local" is refused
// with ErrZone). A missing or null "roles" or "rituals" is an empty list;
// null as the whole document leaves r unchanged. Working days are Monday to
// Friday (see WithWorkdays).
func (r *Rituals) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w ritualsWire
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	loc, err := loadZone(w.Zone)
	if err != nil {
		return err
	}
	list := make([]Ritual, len(w.Rituals))
	for i, raw := range w.Rituals {
		var rw ritualWire
		if err := decodeStrict(raw, &rw); err != nil {
			return withPath(ritualField(i), err)
		}
		if list[i], err = rw.ritual(); err != nil {
			return withPath(ritualField(i), err)
		}
	}
	v, err := NewRituals(loc, nil, w.Roles, list...)
	if err != nil {
		return err
	}
	*r = v
	return nil
}
