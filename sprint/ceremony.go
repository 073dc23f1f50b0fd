package sprint

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/internal/tod"
)

// A Ceremony is one recurring meeting of every sprint (R7): its name, an
// optional owner (one of the Schedule's roles, such as "Engineering
// manager"), the DayRule that picks its days, its local time of day, its
// duration, and the Move that applies when a picked day is not a working day.
//
// Time is a wall-clock reading in the Schedule's zone, from 00:00 to 24:00; a
// 09:00 stand-up stays at 09:00 across DST. Duration is real elapsed time
// from 0 to 24h. Ceremony is comparable with ==; its zero value is not valid.
//
// In JSON a Ceremony is
//
//	{"name":"Sprint planning","owner":"Engineering manager","rule":"first Monday",
//	 "time":"10:00","duration":"1h30m0s","move":"later"}
//
// with the rule in ParseDayRule's form, the time of day as HH:MM[:SS[.fraction]]
// (00:00 to 24:00), the duration as a Go duration string and the move as
// "stay", "skip", "earlier" or "later". The owner (none), duration (0s) and
// move (stay) may be left out; null is the same as a missing field.
type Ceremony struct {
	Name     string
	Owner    string
	Rule     DayRule
	Time     clock.Clock
	Duration time.Duration
	Move     Move
}

// Validate reports the first bad field of c as a *ConfigError wrapping ErrName,
// ErrRule, ErrTime, ErrDuration or ErrMove, or nil. Whether the owner is a
// known role is checked by NewSchedule.
func (c Ceremony) Validate() error {
	if err := validateName(c.Name, c.Owner); err != nil {
		return err
	}
	if !c.Rule.IsValid() {
		why := "not built by a DayRule constructor"
		if c.Rule == (DayRule{}) {
			why = "missing"
		}
		return &ConfigError{Field: "rule", Value: c.Rule.String(), Err: ErrRule, Reason: why}
	}
	return validateWhen(c.Time, c.Duration, c.Move)
}

func validateName(name, owner string) error {
	if name == "" {
		return &ConfigError{Field: "name", Err: ErrName, Reason: "missing"}
	}
	if strings.ContainsAny(name, "\r\n") {
		return &ConfigError{Field: "name", Value: name, Err: ErrName, Reason: "has a line break"}
	}
	if strings.ContainsAny(owner, "\r\n") {
		return &ConfigError{Field: "owner", Value: owner, Err: ErrName, Reason: "has a line break"}
	}
	return nil
}

func validateWhen(t clock.Clock, d time.Duration, m Move) error {
	if t < 0 || t > tod.EndOfDay {
		return &ConfigError{Field: "time", Value: time.Duration(t).String(), Err: ErrTime, Reason: "want 00:00 to 24:00"}
	}
	if d < 0 || d > 24*time.Hour {
		return &ConfigError{Field: "duration", Value: d.String(), Err: ErrDuration, Reason: "want 0s to 24h0m0s"}
	}
	if !m.IsValid() {
		return &ConfigError{Field: "move", Value: m.String(), Err: ErrMove, Reason: moveWant}
	}
	return nil
}

// ceremonyWire is a Ceremony in JSON.
type ceremonyWire struct {
	Name     string `json:"name"`
	Owner    string `json:"owner,omitempty"`
	Rule     string `json:"rule"`
	Time     string `json:"time"`
	Duration string `json:"duration"`
	Move     string `json:"move"`
}

func (c Ceremony) wire() ceremonyWire {
	return ceremonyWire{Name: c.Name, Owner: c.Owner, Rule: c.Rule.String(),
		Time: tod.Format(c.Time), Duration: c.Duration.String(), Move: c.Move.String()}
}

// ceremony turns w into a validated Ceremony; errors name fields relative
// to the ceremony.
func (w ceremonyWire) ceremony() (Ceremony, error) {
	if w.Rule == "" {
		return Ceremony{}, &ConfigError{Field: "rule", Err: ErrRule, Reason: "missing"}
	}
	rule, err := ParseDayRule(w.Rule)
	if err != nil {
		return Ceremony{}, err
	}
	if w.Time == "" {
		return Ceremony{}, &ConfigError{Field: "time", Err: ErrTime, Reason: "missing; want HH:MM from 00:00 to 24:00"}
	}
	t, dur, move, err := decodeWhen(w.Time, w.Duration, w.Move)
	if err != nil {
		return Ceremony{}, err
	}
	c := Ceremony{Name: w.Name, Owner: w.Owner, Rule: rule, Time: t, Duration: dur, Move: move}
	if err := c.Validate(); err != nil {
		return Ceremony{}, err
	}
	return c, nil
}

// MarshalJSON implements json.Marshaler in the form shown on Ceremony; an
// invalid Ceremony is an error.
func (c Ceremony) MarshalJSON() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(c.wire())
}

// UnmarshalJSON implements json.Unmarshaler strictly: unknown and duplicate
// keys are errors, and the result is validated as Validate does. null
// leaves c unchanged.
func (c *Ceremony) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w ceremonyWire
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	v, err := w.ceremony()
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// decodeWhen parses the JSON time of day, duration and move shared by
// Ceremony and Ritual; an empty duration is 0 and an empty move Stay.
func decodeWhen(t, dur, move string) (clock.Clock, time.Duration, Move, error) {
	c, err := tod.Parse(t)
	if err != nil {
		return 0, 0, 0, &ConfigError{Field: "time", Value: t, Err: ErrTime, Reason: err.Error()}
	}
	d := time.Duration(0)
	if dur != "" {
		if d, err = time.ParseDuration(dur); err != nil {
			return 0, 0, 0, &ConfigError{Field: "duration", Value: dur, Err: ErrDuration, Reason: `want a Go duration such as "1h30m"`}
		}
	}
	m := Stay
	if move != "" {
		if m, err = ParseMove(move); err != nil {
			return 0, 0, 0, err
		}
	}
	return c, d, m, nil
}

// isNull reports whether b is the JSON null (which leaves a value unchanged).
func isNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }

// An Event is one dated occurrence of a ceremony or ritual: the day it takes
// place and the day its rule planned (they differ when a Move shifted it), and
// the instants [Start, End) in the configured zone. Owner is the role that
// runs it, empty when none is configured. For a ritual with no duration,
// End equals Start.
type Event struct {
	Name    string
	Owner   string
	Day     date.Date
	Planned date.Date
	Start   time.Time
	End     time.Time
}

// Moved reports whether the event takes place on another day than planned.
func (e Event) Moved() bool { return e.Day != e.Planned }

// String returns a one-line summary such as
// "Tue 2024-01-09 10:00-11:30 CST Sprint planning (Engineering manager), moved from 2024-01-08".
func (e Event) String() string {
	s := e.Start.Format("Mon 2006-01-02 15:04")
	if e.End.After(e.Start) {
		s += "-" + e.End.Format("15:04")
	}
	s += " " + e.Start.Format("MST") + " " + e.Name
	if e.Owner != "" {
		s += " (" + e.Owner + ")"
	}
	if e.Moved() {
		s += ", moved from " + e.Planned.String()
	}
	return s
}

func ceremonyField(i int) string { return "ceremonies[" + strconv.Itoa(i) + "]" }
