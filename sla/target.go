package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrInvalidTarget is the sentinel every *TargetError wraps: a Target or
// Tiered whose configuration cannot be used to run a clock.
var ErrInvalidTarget = errors.New("sla: invalid target")

// A TargetError reports a Target field that fails validation. It wraps
// ErrInvalidTarget.
type TargetError struct {
	Target string // the target's Name
	Field  string // the offending field, such as "Within" or "Milestones[1].At"
	Value  string // the offending value as text
	Reason string // what is wrong with it
}

// Error returns a lowercase message naming the target, field and value.
func (e *TargetError) Error() string {
	return fmt.Sprintf("sla: target %q: %s %q: %s", e.Target, e.Field, e.Value, e.Reason)
}

// Unwrap returns ErrInvalidTarget.
func (e *TargetError) Unwrap() error { return ErrInvalidTarget }

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
// given milestones, or a *TargetError when within is negative or the
// milestones are unnamed, duplicated, negative or out of order.
func NewTarget(name string, within time.Duration, cal Calendar, milestones ...Milestone) (Target, error) {
	t := Target{Name: name, Within: within, Calendar: cal, Milestones: cloneMilestones(milestones)}
	if err := t.Validate(); err != nil {
		return Target{}, err
	}
	return t, nil
}

// Validate returns a *TargetError (wrapping ErrInvalidTarget) when Within is
// negative, or a milestone has an empty or duplicate name, a negative At, or
// an At smaller than the milestone before it; nil otherwise.
func (t Target) Validate() error {
	if t.Within < 0 {
		return &TargetError{t.Name, "Within", t.Within.String(), "negative"}
	}
	var seen map[string]bool
	for i, m := range t.Milestones {
		field := "Milestones[" + strconv.Itoa(i) + "]"
		switch {
		case m.Name == "":
			return &TargetError{t.Name, field + ".Name", "", "empty"}
		case m.At < 0:
			return &TargetError{t.Name, field + ".At", m.At.String(), "negative"}
		case i > 0 && m.At < t.Milestones[i-1].At:
			return &TargetError{t.Name, field + ".At", m.At.String(),
				"before milestone " + strconv.Quote(t.Milestones[i-1].Name) + " at " + t.Milestones[i-1].At.String()}
		}
		if seen == nil {
			seen = make(map[string]bool, len(t.Milestones))
		}
		if seen[m.Name] {
			return &TargetError{t.Name, field + ".Name", m.Name, "duplicate"}
		}
		seen[m.Name] = true
	}
	return nil
}

// Start returns a Clock for t running from at, in its first cycle.
//
// Start on a target that fails Validate does not panic: it returns the zero
// Clock, which is not started, reports no elapsed time and no due instant,
// and refuses every move with a *MoveError. Build targets with NewTarget, or
// call Validate, to learn why.
func (t Target) Start(at time.Time) Clock {
	if t.Validate() != nil {
		return Clock{}
	}
	t.Milestones = cloneMilestones(t.Milestones)
	return Clock{target: t, state: Running, cycles: 1, started: at, since: at}
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
	Calendar   Calendar        `json:"calendar,omitzero"`
	Milestones []milestoneJSON `json:"milestones,omitempty"`
}

type milestoneJSON struct {
	Name string `json:"name"`
	At   string `json:"at"`
}

// MarshalJSON encodes t as an object with "name", "within" (a Go duration
// string such as "1h0m0s"), "calendar" (omitted for the zero Calendar) and
// "milestones" (a list of {"name", "at"} with Go duration strings).
func (t Target) MarshalJSON() ([]byte, error) {
	j := targetJSON{Name: t.Name, Within: t.Within.String(), Calendar: t.Calendar}
	for _, m := range t.Milestones {
		j.Milestones = append(j.Milestones, milestoneJSON{m.Name, m.At.String()})
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by MarshalJSON and validates the
// result: it returns an error wrapping ErrInvalidTarget for malformed
// durations or a target that fails Validate, and leaves t unchanged on error.
func (t *Target) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var j targetJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("sla: target JSON: %w", err)
	}
	within, err := parseJSONDuration(j.Name, "within", j.Within)
	if err != nil {
		return err
	}
	n := Target{Name: j.Name, Within: within, Calendar: j.Calendar}
	for i, m := range j.Milestones {
		at, err := parseJSONDuration(j.Name, "milestones["+strconv.Itoa(i)+"].at", m.At)
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

func parseJSONDuration(target, field, s string) (time.Duration, error) {
	if s == "" {
		return 0, &TargetError{target, field, s, "missing"}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, &TargetError{target, field, s, "not a Go duration"}
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
// Like Target.Start it returns the zero Clock when that tier is invalid.
func (t Tiered) Start(at time.Time) Clock { return t.For(at).Start(at) }

// Validate returns the first error of Open.Validate and Closed.Validate.
func (t Tiered) Validate() error {
	if err := t.Open.Validate(); err != nil {
		return err
	}
	return t.Closed.Validate()
}

type tieredJSON struct {
	Name     string   `json:"name,omitempty"`
	Calendar Calendar `json:"calendar,omitzero"`
	Open     Target   `json:"open"`
	Closed   Target   `json:"closed"`
}

// MarshalJSON encodes t as an object with "name", "calendar" (omitted for the
// zero Calendar), and the "open" and "closed" targets in Target's JSON form.
func (t Tiered) MarshalJSON() ([]byte, error) {
	return json.Marshal(tieredJSON(t))
}

// UnmarshalJSON decodes the form written by MarshalJSON; both targets are
// required and validated. It leaves t unchanged on error.
func (t *Tiered) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var raw struct {
		Open   json.RawMessage `json:"open"`
		Closed json.RawMessage `json:"closed"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("sla: tiered JSON: %w", err)
	}
	if raw.Open == nil || raw.Closed == nil {
		return fmt.Errorf("sla: tiered JSON: missing \"open\" or \"closed\" target: %w", ErrInvalidTarget)
	}
	var j tieredJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*t = Tiered(j)
	return nil
}

// A Starter starts clocks; Target and Tiered are Starters, so code that opens
// tickets can take either.
type Starter interface {
	Start(at time.Time) Clock
}
