package sla

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// A Catalog holds named targets and calendars, which clocks stored by
// reference refer to by name, so that a stored clock needs neither its target's
// configuration nor its calendar's hours: a running clock with a named
// target stores in about 100 bytes, such as
//
//	{"target":"first response","calendar":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}
//
// A target is named by its Name; a calendar by the key it is given in
// NewCatalog. A target's own Calendar is ignored: a stored clock names the
// calendar it counts against, so one target (say "first response") may run
// on several calendars.
//
// When a calendar changes (a holiday is added), build the catalog again or
// call [Catalog.WithCalendar]: clocks decoded from then on count against
// the new calendar from their last event, as [Clock.WithCalendar] describes.
// A target changed in the catalog is picked up the same way: a breach
// already recorded stays recorded, and the deadline is recomputed from the
// last event with the new Within.
//
// A Catalog is immutable and safe for concurrent use. The zero Catalog
// holds nothing and resolves no name.
type Catalog struct {
	targets   map[string]Target
	calendars map[string]Calendar
	calNames  []string // sorted keys of calendars, for EncodeClock
}

// NewCatalog returns a catalog of calendars, by the keys of the map, and
// targets, by their Name. It returns a *ConfigError matching
// ErrInvalidTarget for a target that fails Validate or has an empty Name,
// ErrDuplicateKey for two targets of one Name or two names for equal
// calendars (which EncodeClock could not tell apart), and ErrUnknownName
// for an empty calendar name. Names must be valid UTF-8, so that they
// survive JSON. The error's Field is "targets[i]" or
// "calendars[name]".
func NewCatalog(calendars map[string]Calendar, targets ...Target) (Catalog, error) {
	c := Catalog{targets: make(map[string]Target, len(targets)), calendars: maps.Clone(calendars)}
	if c.calendars == nil {
		c.calendars = map[string]Calendar{}
	}
	c.calNames = slices.Sorted(maps.Keys(c.calendars))
	for i, name := range c.calNames {
		field := "calendars[" + strconv.Quote(name) + "]"
		if name == "" || !utf8.ValidString(name) {
			return Catalog{}, &ConfigError{Field: field, Value: name, Err: ErrUnknownName,
				Reason: "a calendar name must be non-empty UTF-8 text"}
		}
		for _, other := range c.calNames[:i] {
			if c.calendars[other].Equal(c.calendars[name]) {
				return Catalog{}, &ConfigError{Field: field, Value: name, Err: ErrDuplicateKey,
					Reason: "the same calendar as " + strconv.Quote(other)}
			}
		}
	}
	for i, t := range targets {
		field := "targets[" + strconv.Itoa(i) + "]"
		if err := t.Validate(); err != nil {
			return Catalog{}, withPath(field, err)
		}
		if t.Name == "" || !utf8.ValidString(t.Name) {
			return Catalog{}, &ConfigError{Field: field + ".name", Value: t.Name, Err: ErrInvalidTarget,
				Reason: "a catalog finds targets by name: want non-empty UTF-8 text"}
		}
		if _, dup := c.targets[t.Name]; dup {
			return Catalog{}, &ConfigError{Field: field + ".name", Value: t.Name, Err: ErrDuplicateKey,
				Reason: "two targets of that name"}
		}
		t.Milestones = cloneMilestones(t.Milestones)
		t.Calendar = Calendar{}
		c.targets[t.Name] = t
	}
	return c, nil
}

// Target returns the target of that name, with the zero Calendar, and
// whether there is one.
func (cat Catalog) Target(name string) (Target, bool) {
	t, ok := cat.targets[name]
	t.Milestones = cloneMilestones(t.Milestones)
	return t, ok
}

// Calendar returns the calendar of that name, and whether there is one.
func (cat Catalog) Calendar(name string) (Calendar, bool) {
	c, ok := cat.calendars[name]
	return c, ok
}

// WithCalendar returns a copy of cat in which name refers to cal, such as
// the old calendar with a holiday added; cat is unchanged. It fails like
// NewCatalog when cal equals another name's calendar.
func (cat Catalog) WithCalendar(name string, cal Calendar) (Catalog, error) {
	cals := maps.Clone(cat.calendars)
	if cals == nil {
		cals = map[string]Calendar{}
	}
	cals[name] = cal
	n, err := NewCatalog(cals)
	if err != nil {
		return Catalog{}, err
	}
	n.targets = cat.targets // immutable, so shared
	return n, nil
}

// EncodeClock encodes c by reference: its target by name and its calendar
// by its name in cat, with the state, instants and counts of
// Clock.MarshalJSON ("calendar" is left out for a clock that counts
// wall-clock time). The zero Clock encodes as {}.
//
// It returns a *ConfigError matching ErrUnknownName when cat has no target
// of c's target's name, or one that differs from it (Within or
// milestones), or no name for c's calendar (compared with Calendar.Equal):
// a clock whose calendar changed is re-timed with [Clock.WithCalendar]
// before it is stored against the new catalog.
func (cat Catalog) EncodeClock(c Clock) ([]byte, error) {
	if c.state == 0 {
		return []byte("{}"), nil
	}
	name := c.target.Name
	t, ok := cat.targets[name]
	switch {
	case !ok:
		return nil, &ConfigError{Field: "target", Value: name, Err: ErrUnknownName, Reason: "no such target in the catalog"}
	case t.Within != c.target.Within || !slices.Equal(t.Milestones, c.target.Milestones):
		return nil, &ConfigError{Field: "target", Value: name, Err: ErrUnknownName,
			Reason: "the catalog's target of that name differs (within or milestones)"}
	}
	j, err := c.wire(calendarZone(c.target.Calendar))
	if err != nil {
		return nil, err
	}
	if !c.target.Calendar.IsZero() {
		if j.Calendar, ok = cat.calendarName(c.target.Calendar); !ok {
			return nil, &ConfigError{Field: "calendar", Value: c.target.Calendar.String(), Err: ErrUnknownName,
				Reason: "no calendar in the catalog equals the clock's"}
		}
	}
	if j.Target, err = json.Marshal(name); err != nil {
		return nil, err
	}
	return json.Marshal(j)
}

// calendarName returns the name of the calendar equal to cal.
func (cat Catalog) calendarName(cal Calendar) (string, bool) {
	for _, n := range cat.calNames { // most calls match by identity at once
		if cat.calendars[n].Equal(cal) {
			return n, true
		}
	}
	return "", false
}

// DecodeClock decodes a clock in either form: by reference, as EncodeClock
// writes it, resolving its target and calendar in cat, or self-contained,
// as Clock.MarshalJSON writes it. It refuses what Clock.UnmarshalJSON
// refuses, and a target or calendar name cat does not hold with a
// *ConfigError matching ErrUnknownName that names it. {} decodes to the
// zero Clock.
//
// A clock by reference gets cat's calendar as it is now: the time it
// counted up to its last event stays as stored, and from that event on it
// follows the calendar's hours (see [Clock.WithCalendar]), so a paused
// clock whose calendar gained a holiday loads, and a running one is due
// later. The instants decode in the calendar's zone unless "zone" names
// another.
func (cat Catalog) DecodeClock(data []byte) (Clock, error) {
	return decodeClock(data, &cat)
}
