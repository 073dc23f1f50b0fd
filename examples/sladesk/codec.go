package main

import (
	"fmt"
	"time"

	"github.com/teamcadence/cadence/sla"
)

// clockCodec stores clocks by reference: the target and the calendar by
// name in the policy's catalog, about 100 bytes a running clock, so that a
// calendar change reaches every stored clock.
type clockCodec struct{ cat sla.Catalog }

func (c clockCodec) encode(clk sla.Clock) ([]byte, error) { return c.cat.EncodeClock(clk) }

func (c clockCodec) decode(b []byte) (sla.Clock, error) { return c.cat.DecodeClock(b) }

// catalogOf names every calendar and target the rules use: the first
// distinct calendar is "business", the next "calendar-2" and so on.
func catalogOf(rules []Rule) (sla.Catalog, error) {
	var targets []sla.Target
	var cals []sla.Calendar
	addCal := func(c sla.Calendar) {
		if c.IsZero() {
			return
		}
		for _, x := range cals {
			if x.Equal(c) {
				return
			}
		}
		cals = append(cals, c)
	}
	for _, r := range rules {
		switch s := r.Starter.(type) {
		case sla.Target:
			targets = append(targets, s)
			addCal(s.Calendar)
		case sla.Tiered:
			targets = append(targets, s.Open, s.Closed)
			addCal(s.Open.Calendar)
			addCal(s.Closed.Calendar)
		default:
			return sla.Catalog{}, fmt.Errorf("rule %s: a starter of type %T cannot be stored by reference", r.Name, r.Starter)
		}
	}
	named := map[string]sla.Calendar{}
	for i, c := range cals {
		name := "business"
		if i > 0 {
			name = fmt.Sprintf("calendar-%d", i+1)
		}
		named[name] = c
	}
	return sla.NewCatalog(named, targets...)
}

// retime moves a stored clock from the old catalog to the new one at an
// instant: the time it counted up to at stays counted on the old calendar,
// and from at on it counts on the new one (sla.Clock.WithCalendar).
func retime(stored []byte, old, new clockCodec, at time.Time) ([]byte, sla.Clock, error) {
	c, err := old.decode(stored)
	if err != nil {
		return nil, sla.Clock{}, err
	}
	if c.State() == sla.Running || c.State() == sla.Paused {
		if !at.Before(c.Since()) {
			// Settle at at on the old calendar; the new catalog's calendar
			// of the same name takes over when the clock is decoded again.
			if c, err = c.WithCalendar(c.Target().Calendar, at); err != nil {
				return nil, sla.Clock{}, err
			}
		}
	}
	b, err := old.encode(c)
	if err != nil {
		return nil, sla.Clock{}, err
	}
	nc, err := new.decode(b)
	return b, nc, err
}
