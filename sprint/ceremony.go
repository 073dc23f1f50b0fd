package sprint

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// A Ceremony is one recurring meeting of every sprint (R7): its name, an
// optional owner (a role such as "Engineering manager"), the Rule that picks
// its days, its local time of day, its duration, and the Move that applies
// when a picked day is not a working day.
//
// Time is a wall-clock reading in the Calendar's zone, from 00:00 to 24:00 in
// whole seconds; a 09:00 stand-up stays at 09:00 across DST. Duration is real
// elapsed time from 0 to 24h. Ceremony is comparable with ==; its zero value
// is not valid.
//
// In JSON a Ceremony is
//
//	{"name":"Sprint planning","owner":"Engineering manager","rule":"first Monday",
//	 "time":"10:00","duration":"1h30m0s","move":"later"}
//
// with the rule in ParseRule's form, the time as "HH:MM" or "HH:MM:SS", the
// duration as a Go duration string and the move as "skip", "earlier" or
// "later" (omitted: skip). The owner may be omitted.
type Ceremony struct {
	Name     string
	Owner    string
	Rule     Rule
	Time     clock.Clock
	Duration time.Duration
	Move     Move
}

// Validate reports the first bad field of c as a *ConfigError wrapping ErrName,
// ErrRule, ErrTime, ErrDuration or ErrMove, or nil.
func (c Ceremony) Validate() error {
	if c.Name == "" {
		return &ConfigError{Field: "name", Value: c.Name, Err: ErrName}
	}
	if !c.Rule.IsValid() {
		return &ConfigError{Field: "rule", Value: c.Rule.String(), Err: ErrRule}
	}
	return validateWhen(c.Time, c.Duration, c.Move)
}

func validateWhen(t clock.Clock, d time.Duration, m Move) error {
	if t < 0 || t > clock.Day || t%clock.Second != 0 {
		return &ConfigError{Field: "time", Value: t.String(), Err: ErrTime}
	}
	if d < 0 || d > 24*time.Hour {
		return &ConfigError{Field: "duration", Value: d.String(), Err: ErrDuration}
	}
	if !m.IsValid() {
		return &ConfigError{Field: "move", Value: m.String(), Err: ErrMove}
	}
	return nil
}

type ceremonyJSON struct {
	Name     string `json:"name"`
	Owner    string `json:"owner,omitempty"`
	Rule     Rule   `json:"rule"`
	Time     string `json:"time"`
	Duration string `json:"duration"`
	Move     Move   `json:"move,omitempty"`
}

// MarshalJSON implements json.Marshaler in the form shown on Ceremony; an
// invalid Ceremony is an error.
func (c Ceremony) MarshalJSON() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(ceremonyJSON{
		Name: c.Name, Owner: c.Owner, Rule: c.Rule,
		Time: formatTOD(time.Duration(c.Time)), Duration: c.Duration.String(), Move: c.Move,
	})
}

// UnmarshalJSON implements json.Unmarshaler. Unknown fields are errors, and
// the result is validated as Validate does.
func (c *Ceremony) UnmarshalJSON(b []byte) error {
	var j ceremonyJSON
	if err := strictJSON(b, &j); err != nil {
		return jsonError("ceremony", b, err)
	}
	tod, dur, err := decodeWhen(j.Time, j.Duration)
	if err != nil {
		return err
	}
	out := Ceremony{Name: j.Name, Owner: j.Owner, Rule: j.Rule, Time: tod, Duration: dur, Move: j.Move}
	if err := out.Validate(); err != nil {
		return err
	}
	*c = out
	return nil
}

// decodeWhen parses the JSON time of day and duration shared by Ceremony and
// Ritual; an empty duration is 0.
func decodeWhen(tod, dur string) (clock.Clock, time.Duration, error) {
	t, ok := parseTOD(tod)
	if !ok {
		return 0, 0, &ConfigError{Field: "time", Value: tod, Err: ErrTime}
	}
	d, err := time.ParseDuration(dur)
	if dur == "" {
		d, err = 0, nil
	}
	if err != nil {
		return 0, 0, &ConfigError{Field: "duration", Value: dur, Err: ErrDuration}
	}
	return clock.Clock(t), d, nil
}

// jsonError keeps a ConfigError from a nested decoder and otherwise reports
// a syntax error on the whole value.
func jsonError(field string, b []byte, err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return ce
	}
	return &ConfigError{Field: field, Value: string(b), Err: ErrSyntax}
}

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
