package main

import (
	"cmp"
	"slices"
	"time"

	"github.com/teamcadence/cadence/sla"
)

// A Firing is a breach or a milestone of one clock: what the outbox records,
// exactly once.
type Firing struct {
	Ticket string    `json:"ticket"`
	Target string    `json:"target"` // the rule's name
	Cycle  int       `json:"cycle"`  // 1 for the first cycle; R27's restarts count up
	Kind   string    `json:"kind"`   // "milestone" or "breach"
	Name   string    `json:"name"`   // the milestone's name; the target's name for a breach
	Due    time.Time `json:"due"`    // the instant it fell due
}

// compareFirings orders firings by due instant, then ticket, target, cycle,
// kind and name.
func compareFirings(a, b Firing) int {
	return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Ticket, b.Ticket), cmp.Compare(a.Target, b.Target),
		cmp.Compare(a.Cycle, b.Cycle), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
}

// FireAt is the first instant a firing is observable: a milestone at its
// due instant (reached at the first instant its time has been counted), a
// breach just after its deadline (sla: a clock is breached strictly after its
// deadline, so a stop at the deadline itself is in time).
func FireAt(f Firing) time.Time {
	if f.Kind == "breach" {
		return f.Due.Add(time.Nanosecond)
	}
	return f.Due
}

// firings returns what clock c fires with FireAt in (after, upTo]: its
// current cycle's milestones and its breach, in order. Only a running clock
// fires; after must not be before the clock's last event minus a moment.
func firings(ticket, target string, c sla.Clock, after, upTo time.Time) []Firing {
	if c.State() != sla.Running || !upTo.After(after) {
		return nil
	}
	var out []Firing
	cycle := c.Record(c.Since()).Cycles
	t := c.Target()
	since := c.Since()
	counted := c.Elapsed(since) // time counted before the last event
	for _, m := range t.Milestones {
		if m.At < counted {
			continue // reached before the last event
		}
		due := t.Calendar.Add(since, m.At-counted)
		if !due.After(after) {
			continue // observable at or before after: recorded already
		}
		if due.After(upTo) {
			break // milestones are in ascending order of At
		}
		out = append(out, Firing{Ticket: ticket, Target: target, Cycle: cycle, Kind: "milestone", Name: m.Name, Due: due})
	}
	if due, ok := c.Due(); ok {
		f := Firing{Ticket: ticket, Target: target, Cycle: cycle, Kind: "breach", Name: t.Name, Due: due}
		if at := FireAt(f); at.After(after) && !at.After(upTo) {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b Firing) int { return FireAt(a).Compare(FireAt(b)) })
	return out
}

// nextFire returns the first instant after after at which c fires.
func nextFire(c sla.Clock, after time.Time) (time.Time, bool) {
	if c.State() != sla.Running {
		return time.Time{}, false
	}
	var next time.Time
	t := c.Target()
	since := c.Since()
	counted := c.Elapsed(since)
	for _, m := range t.Milestones {
		if m.At < counted {
			continue
		}
		if due := t.Calendar.Add(since, m.At-counted); due.After(after) {
			next = due
			break
		}
	}
	if due, ok := c.Due(); ok {
		at := FireAt(Firing{Kind: "breach", Due: due})
		if at.After(after) && (next.IsZero() || at.Before(next)) {
			next = at
		}
	}
	return next, !next.IsZero()
}

// apply does a rule's action to a clock at an instant. An action that does
// not apply in the clock's state leaves it unchanged; an instant before the
// clock's last event is an error.
func apply(c sla.Clock, a Action, at time.Time) (sla.Clock, error) {
	var next sla.Clock
	var err error
	switch {
	case a == Pause && c.State() == sla.Running:
		next, err = c.Pause(at)
	case a == Resume && c.State() == sla.Paused:
		next, err = c.Resume(at)
	case a == Stop && c.State() != sla.Stopped:
		next, err = c.Stop(at)
	case a == Restart && c.State() != sla.Stopped:
		next, err = c.Restart(at)
	default:
		return c, nil
	}
	return next, err
}
