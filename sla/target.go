package sla

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// ErrInvalidTarget is matched by the *ConfigError that Target.Validate,
// NewTarget, NewClock and the JSON decoders return for a target that cannot
// run a clock: a negative Within, or milestones unnamed, duplicated,
// negative or out of order.
var ErrInvalidTarget = errors.New("sla: invalid target")

// A Milestone is a named point on a clock, reached once the clock has counted
// At of open time in its current cycle: "remind the reporter after three
// weeks" (R19, R29) or "escalate to the P1 channel after one hour" (R28).
// Milestones may lie past the target's Within, for steps after a breach.
type Milestone struct {
	Name string        // non-empty, unique within its Target
	At   time.Duration // counted time at which the milestone is reached; >= 0
}

// Target is a response-time objective: a clock started from it must stop
// within Within of the open time of Calendar. The zero Calendar counts
// wall-clock time.
//
// Milestones, if any, are in ascending order of At. A Target is valid when
// Validate returns nil; NewTarget builds a valid one. Target holds a slice,
// so it is not comparable with == and cannot be a map key. The zero Target
// is valid: a wall-clock target of zero duration, due the instant it starts.
type Target struct {
	Name       string        // label for messages and reports, such as "first response"
	Within     time.Duration // counted time allowed; >= 0
	Calendar   Calendar      // the hours that count; the zero Calendar is always open
	Milestones []Milestone   // named points in ascending order of At; optional
}

// NewTarget returns a Target counting within of cal's open time, with the
// given milestones, or the *ConfigError of Validate.
func NewTarget(name string, within time.Duration, cal Calendar, milestones ...Milestone) (Target, error) {
	t := Target{Name: name, Within: within, Calendar: cal, Milestones: cloneMilestones(milestones)}
	if err := t.Validate(); err != nil {
		return Target{}, err
	}
	return t, nil
}

// Validate returns a *ConfigError matching ErrInvalidTarget when Within is
// negative, or a milestone has an empty or duplicate name, a negative At, or
// an At smaller than the milestone before it; nil otherwise. The error's
// Field is the JSON path of the bad value ("within", "milestones[1].at").
func (t Target) Validate() error {
	bad := func(field, value, reason string) error {
		if t.Name != "" {
			reason += " (target " + strconv.Quote(t.Name) + ")"
		}
		return &ConfigError{Field: field, Value: value, Reason: reason, Err: ErrInvalidTarget}
	}
	if t.Within < 0 {
		return bad("within", t.Within.String(), "negative")
	}
	var seen map[string]bool
	for i, m := range t.Milestones {
		field := "milestones[" + strconv.Itoa(i) + "]"
		switch {
		case m.Name == "":
			return bad(field+".name", "", "empty")
		case m.At < 0:
			return bad(field+".at", m.At.String(), "negative")
		case i > 0 && m.At < t.Milestones[i-1].At:
			return bad(field+".at", m.At.String(),
				"before milestone "+strconv.Quote(t.Milestones[i-1].Name)+" at "+t.Milestones[i-1].At.String())
		}
		if seen == nil {
			seen = make(map[string]bool, len(t.Milestones))
		}
		if seen[m.Name] {
			return bad(field+".name", m.Name, "given twice")
		}
		seen[m.Name] = true
	}
	return nil
}

// Start returns a Clock for t running from at, in its first cycle.
//
// Start never returns a clock that answers wrongly: for the zero time.Time,
// which is not an instant, or a target that fails Validate, it returns the
// zero Clock, which is not started, counts nothing, is never due and
// refuses every action. Call [NewClock] to get the reason as an error.
func (t Target) Start(at time.Time) Clock {
	if at.IsZero() || t.Validate() != nil {
		return Clock{}
	}
	t.Milestones = cloneMilestones(t.Milestones)
	return Clock{target: t, state: Running, cycles: 1, started: at, since: at}
}

// NewClock returns s.Start(at), checked: an *ActionError matching
// ErrZeroTime for the zero at, the *ConfigError of Validate for an invalid
// Target or Tiered, and a *ConfigError matching ErrInvalidTarget for a nil
// s or a Starter that returns the zero Clock.
func NewClock(s Starter, at time.Time) (Clock, error) {
	if at.IsZero() {
		name := ""
		switch v := s.(type) {
		case Target:
			name = v.Name
		case Tiered:
			name = v.Name
		}
		return Clock{}, &ActionError{Target: name, Action: ActionStart, At: at, Err: ErrZeroTime}
	}
	switch v := s.(type) {
	case nil:
		return Clock{}, &ConfigError{Field: "target", Err: ErrInvalidTarget, Reason: "nil Starter"}
	case Target:
		if err := v.Validate(); err != nil {
			return Clock{}, err
		}
	case Tiered:
		if err := v.Validate(); err != nil {
			return Clock{}, err
		}
	}
	c := s.Start(at)
	if c.IsZero() {
		return Clock{}, &ConfigError{Field: "target", Err: ErrInvalidTarget, Reason: "Start returned the zero Clock"}
	}
	return c, nil
}

func cloneMilestones(ms []Milestone) []Milestone {
	if len(ms) == 0 {
		return nil
	}
	return append([]Milestone(nil), ms...)
}

// targetJSON is Target's JSON form. The calendar uses Calendar's own JSON
// encoding and is left out when zero.
type targetJSON struct {
	Name       string          `json:"name,omitempty"`
	Within     string          `json:"within"`
	Calendar   *Calendar       `json:"calendar,omitempty"`
	Milestones []milestoneJSON `json:"milestones,omitempty"`
}

// targetWire is what Target.UnmarshalJSON decodes strictly; the calendar
// is decoded on its own, so that its errors get the path "calendar".
type targetWire struct {
	Name       *string         `json:"name"`
	Within     *string         `json:"within"`
	Calendar   json.RawMessage `json:"calendar"`
	Milestones []milestoneJSON `json:"milestones"`
}

type milestoneJSON struct {
	Name string `json:"name"`
	At   string `json:"at"`
}

// MarshalJSON encodes t as an object with "name", "within" (a Go duration
// string such as "1h0m0s"), "calendar" (omitted for the zero Calendar) and
// "milestones" (a list of {"name", "at"} with Go duration strings).
func (t Target) MarshalJSON() ([]byte, error) {
	j := targetJSON{Name: t.Name, Within: t.Within.String()}
	if !t.Calendar.IsZero() {
		j.Calendar = &t.Calendar
	}
	for _, m := range t.Milestones {
		j.Milestones = append(j.Milestones, milestoneJSON{m.Name, m.At.String()})
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by MarshalJSON, strictly: an
// unknown or duplicate key at any depth is a *ConfigError matching
// ErrUnknownField or ErrDuplicateKey, a malformed or missing duration one
// matching ErrSyntax, and a target that fails Validate one matching
// ErrInvalidTarget; each names the JSON path of the bad value. A null field
// is the same as a missing one, "within" is required, and null leaves t
// unchanged, as does any error.
func (t *Target) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j targetWire
	if err := decodeStrict(b, &j, ""); err != nil {
		return err
	}
	var n Target
	if j.Name != nil {
		n.Name = *j.Name
	}
	if j.Within == nil {
		return &ConfigError{Field: "within", Err: ErrSyntax, Reason: "missing"}
	}
	var err error
	if n.Within, err = parseDuration("within", *j.Within); err != nil {
		return err
	}
	if !isNull(j.Calendar) && len(j.Calendar) > 0 {
		if err := withPath("calendar", n.Calendar.UnmarshalJSON(j.Calendar)); err != nil {
			return err
		}
	}
	for i, m := range j.Milestones {
		at, err := parseDuration("milestones["+strconv.Itoa(i)+"].at", m.At)
		if err != nil {
			return err
		}
		n.Milestones = append(n.Milestones, Milestone{m.Name, at})
	}
	if err := n.Validate(); err != nil {
		return err
	}
	*t = n
	return nil
}

// isNull reports whether b is the JSON literal null.
func isNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }

// parseDuration reads the Go duration string s, the value of field.
func parseDuration(field, s string) (time.Duration, error) {
	if s == "" {
		return 0, &ConfigError{Field: field, Err: ErrSyntax, Reason: "missing: want a Go duration such as \"1h30m\""}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, &ConfigError{Field: field, Value: s, Err: ErrSyntax, Reason: "want a Go duration such as \"1h30m\""}
	}
	return d, nil
}

// Tiered is a target whose concrete Target depends on when the clock starts:
// Open when Calendar is open at the start instant, Closed otherwise. Fleet's
// 24/7 on-call (R26) answers within one hour in business hours and under four
// hours outside them; see Fleet2024OnCall.
//
// Calendar only chooses the tier; each tier's Target counts time against its
// own Calendar. A clock started from a Tiered is an ordinary Clock of the
// chosen Target, so it keeps that tier when restarted. Like Target, Tiered is
// not comparable with ==. The zero Tiered is valid: both tiers are the zero
// Target.
type Tiered struct {
	Name     string   // label for the pair, such as "on-call response"
	Calendar Calendar // decides the tier: open at the start instant selects Open
	Open     Target   // target for clocks started while Calendar is open
	Closed   Target   // target for clocks started while Calendar is closed
}

// For returns the Target that applies to a clock started at at.
func (t Tiered) For(at time.Time) Target {
	if t.Calendar.Open(at) {
		return t.Open
	}
	return t.Closed
}

// Start returns t.For(at).Start(at): a running Clock of the tier chosen by at.
// Like Target.Start it returns the zero Clock for the zero at or an invalid
// tier.
func (t Tiered) Start(at time.Time) Clock { return t.For(at).Start(at) }

// Validate returns the first error of Open.Validate and Closed.Validate,
// with Field under "open" or "closed".
func (t Tiered) Validate() error {
	if err := t.Open.Validate(); err != nil {
		return withPath("open", err)
	}
	return withPath("closed", t.Closed.Validate())
}

type tieredJSON struct {
	Name     string    `json:"name,omitempty"`
	Calendar *Calendar `json:"calendar,omitempty"`
	Open     Target    `json:"open"`
	Closed   Target    `json:"closed"`
}

type tieredWire struct {
	Name     *string         `json:"name"`
	Calendar json.RawMessage `json:"calendar"`
	Open     json.RawMessage `json:"open"`
	Closed   json.RawMessage `json:"closed"`
}

// MarshalJSON encodes t as an object with "name", "calendar" (omitted for the
// zero Calendar), and the "open" and "closed" targets in Target's JSON form.
func (t Tiered) MarshalJSON() ([]byte, error) {
	j := tieredJSON{Name: t.Name, Open: t.Open, Closed: t.Closed}
	if !t.Calendar.IsZero() {
		j.Calendar = &t.Calendar
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by MarshalJSON, strictly, as
// Target.UnmarshalJSON does; errors name the JSON path ("open.within").
// Both targets are required (null is the same as missing) and validated.
// null leaves t unchanged, as does any error.
func (t *Tiered) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var j tieredWire
	if err := decodeStrict(b, &j, ""); err != nil {
		return err
	}
	var n Tiered
	if j.Name != nil {
		n.Name = *j.Name
	}
	if len(j.Calendar) > 0 && !isNull(j.Calendar) {
		if err := withPath("calendar", n.Calendar.UnmarshalJSON(j.Calendar)); err != nil {
			return err
		}
	}
	for _, tier := range []struct {
		field string
		raw   json.RawMessage
		dst   *Target
	}{{"open", j.Open, &n.Open}, {"closed", j.Closed, &n.Closed}} {
		if len(tier.raw) == 0 || isNull(tier.raw) {
			return &ConfigError{Field: tier.field, Err: ErrInvalidTarget, Reason: "missing: a Tiered needs both targets"}
		}
		if err := withPath(tier.field, tier.dst.UnmarshalJSON(tier.raw)); err != nil {
			return err
		}
	}
	*t = n
	return nil
}

// A Starter starts clocks; Target and Tiered are Starters, so code that opens
// tickets can take either.
type Starter interface {
	Start(at time.Time) Clock
}
