package rotation

import (
	"iter"
	"slices"
	"time"
)

// Handoff is the moment duty passes from Outgoing to Incoming (R2): the
// incoming person takes the @oncall alias at At. Checklist is the
// rotation's hand-off checklist (R32), shared by all the events of one
// Handoffs call: do not modify it.
type Handoff[P comparable] struct {
	At                 time.Time
	Outgoing, Incoming P
	Checklist          []string
}

// Handoffs yields, in order, the hand-offs at instants in [from, to):
// every instant at which the person on duty changes, overrides and
// absences included. A turn boundary at which the same person stays on duty
// (a one-person roster, or an override across it) is not a hand-off. The
// instants are in from's location.
func (r Rotation[P]) Handoffs(from, to time.Time) iter.Seq[Handoff[P]] {
	return func(yield func(Handoff[P]) bool) {
		if r.loc == nil || !from.Before(to) {
			return
		}
		list := slices.Clone(r.checklist)
		first := true
		var prev Shift[P]
		for s := range r.Shifts(from, to) {
			if first {
				first = false
				if !s.Start.Equal(from) {
					prev = s
					continue
				}
				prev = r.At(from.Add(-time.Nanosecond))
			}
			if prev.Who != s.Who && !yield(Handoff[P]{At: s.Start, Outgoing: prev.Who, Incoming: s.Who, Checklist: list}) {
				return
			}
			prev = s
		}
	}
}

// NextHandoff returns the first hand-off strictly after t, looking at most a year
// ahead; ok is false when nobody changes duty within the year (a one-person
// roster).
func (r Rotation[P]) NextHandoff(t time.Time) (h Handoff[P], ok bool) {
	for h := range r.Handoffs(t.Add(time.Nanosecond), t.AddDate(1, 0, 0)) {
		return h, true
	}
	return Handoff[P]{}, false
}
