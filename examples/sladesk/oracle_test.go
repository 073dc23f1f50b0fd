package main

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"github.com/teamcadence/cadence/sla"
)

// expectFirings is the in-memory computation the database must agree with:
// the events replayed on plain sla clocks, and at each event (and at until)
// the milestones each clock has passed and whether it is breached, asked of
// the clock itself (Passed, BreachedAt), not computed as the service does.
func expectFirings(t testing.TB, p Policy, events []Event, until time.Time) []Firing {
	return expectFiringsRetimed(t, p, events, until, nil)
}

// A change is a calendar change at an instant: clocks on calendar From
// count on To from At on, and tickets opened after At follow Policy.
type change struct {
	At       time.Time
	From, To sla.Calendar
	Policy   Policy
}

// expectFiringsRetimed is expectFirings with a calendar change applied to
// every clock, with sla.Clock.WithCalendar, at the change's instant.
func expectFiringsRetimed(t testing.TB, p Policy, events []Event, until time.Time, ch *change) []Firing {
	type key struct{ ticket, target string }
	clocks := map[key]sla.Clock{}
	var order []key
	seen := map[Firing]bool{}
	var out []Firing
	look := func(k key, c sla.Clock, at time.Time) {
		cycle := c.Record(at).Cycles
		for _, m := range c.Passed(at) {
			// The instant it was reached: the first with Elapsed >= At.
			due := reachedAt(c, m.At, at)
			f := Firing{Ticket: k.ticket, Target: k.target, Cycle: cycle, Kind: "milestone", Name: m.Name}
			if !seen[f] {
				seen[f] = true
				f.Due = due
				out = append(out, f)
			}
		}
		if due, ok := c.BreachedAt(at); ok {
			f := Firing{Ticket: k.ticket, Target: k.target, Cycle: cycle, Kind: "breach", Name: c.Target().Name}
			if !seen[f] {
				seen[f] = true
				f.Due = due
				out = append(out, f)
			}
		}
	}
	retime := func() {
		for _, k := range order {
			c := clocks[k]
			look(k, c, ch.At)
			if s := c.State(); (s == sla.Running || s == sla.Paused) && c.Target().Calendar.Equal(ch.From) {
				next, err := c.WithCalendar(ch.To, ch.At)
				if err != nil {
					t.Fatalf("oracle: retime %v: %v", k, err)
				}
				clocks[k] = next
			}
		}
		p = ch.Policy
		ch = nil
	}
	for _, ev := range events {
		if ev.At.After(until) {
			break
		}
		if ch != nil && ev.At.After(ch.At) {
			retime()
		}
		if ev.Kind == Opened {
			for _, r := range p.Rules {
				if r.When != "" && !slices.Contains(ev.Tags, r.When) {
					continue
				}
				k := key{ev.Ticket, r.Name}
				clocks[k] = r.Starter.Start(ev.At)
				order = append(order, k)
			}
			continue
		}
		for _, r := range p.Rules {
			k := key{ev.Ticket, r.Name}
			c, ok := clocks[k]
			a := r.On[ev.Kind]
			if !ok || a == "" || a == Start {
				continue
			}
			look(k, c, ev.At)
			next, err := apply(c, a, ev.At)
			if err != nil {
				t.Fatalf("oracle: %v %s: %v", ev, r.Name, err)
			}
			clocks[k] = next
		}
	}
	if ch != nil && !ch.At.After(until) {
		retime()
	}
	for _, k := range order {
		look(k, clocks[k], until)
	}
	slices.SortFunc(out, compareFirings)
	return out
}

// reachedAt finds by bisection the first instant at or before hi at which
// the clock's elapsed time reaches at.
func reachedAt(c sla.Clock, at time.Duration, hi time.Time) time.Time {
	lo := c.Since().Add(-time.Nanosecond)
	if c.Elapsed(c.Since()) >= at {
		return c.Since()
	}
	for hi.Sub(lo) > time.Nanosecond {
		mid := lo.Add(hi.Sub(lo) / 2)
		if c.Elapsed(mid) >= at {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// diffFirings describes the first differences between two sorted lists.
func diffFirings(want, got []Firing) []string {
	var diffs []string
	i, j := 0, 0
	for (i < len(want) || j < len(got)) && len(diffs) < 10 {
		switch {
		case j == len(got) || i < len(want) && compareKey(want[i], got[j]) < 0:
			diffs = append(diffs, "missing: "+describe(want[i:i+1]))
			i++
		case i == len(want) || compareKey(want[i], got[j]) > 0:
			diffs = append(diffs, "extra:   "+describe(got[j:j+1]))
			j++
		default:
			if !want[i].Due.Equal(got[j].Due) {
				diffs = append(diffs, "due:     want "+describe(want[i:i+1])+", got "+got[j].Due.String())
			}
			i++
			j++
		}
	}
	return diffs
}

func compareKey(a, b Firing) int {
	return cmp.Or(cmp.Compare(a.Ticket, b.Ticket), cmp.Compare(a.Target, b.Target),
		cmp.Compare(a.Cycle, b.Cycle), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
}

func sortByKey(fs []Firing) []Firing {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, compareKey)
	return fs
}
