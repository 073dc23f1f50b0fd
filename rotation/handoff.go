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
		// A direct call, not a range over Shifts: the body then stays on
		// the stack.
		r.shifts(from, to, func(s Shift[P]) bool {
			if first {
				first = false
				if !s.Start.Equal(from) {
					prev = s
					return true
				}
				prev = r.At(from.Add(-time.Nanosecond))
			}
			if prev.Who != s.Who && !yield(Handoff[P]{At: s.Start, Outgoing: prev.Who, Incoming: s.Who, Checklist: list}) {
				return false
			}
			prev = s
			return true
		})
	}
}

// NextHandoff returns the first hand-off strictly after t, however far
// ahead: the first instant after t at which someone other than the person
// on duty at t takes over, overrides and absences included. ok is false
// only when that never happens: a one-person roster with no roster change
// or override ahead, or overrides and changes after which the same person
// stays on duty for ever. The instant is in t's location.
//
// NextHandoff is arithmetic: it steps from one stretch of constant
// configuration to the next (an override edge, a roster change) and looks
// at no more than one cycle of the roster in each, so its cost depends on
// the number of overrides, changes and people, never on the distance to
// the hand-off. The zero Rotation has none.
func (r Rotation[P]) NextHandoff(t time.Time) (h Handoff[P], ok bool) {
	if r.loc == nil || !inRange(t) {
		return Handoff[P]{}, false
	}
	cur := r.At(t)
	who, u := cur.Who, cur.End
	segs := 0
	if r.tab != nil {
		segs = len(r.tab.segs)
	}
	// Each step either finds the hand-off, moves to the next stretch of
	// constant configuration (at most segs+1 overrides pieces times
	// len(epochs) roster epochs), or passes an empty turn of a skipped day.
	for range 4*(segs+len(r.epochs)) + 16 {
		if !inRange(u) {
			break
		}
		if nx := r.At(u); nx.Who != who {
			return Handoff[P]{At: u.In(t.Location()), Outgoing: who, Incoming: nx.Who, Checklist: slices.Clone(r.checklist)}, true
		}
		next, ok := r.stay(u, who)
		if !ok || !next.After(u) {
			return Handoff[P]{}, false
		}
		u = next
	}
	return Handoff[P]{}, false
}

// stay returns an instant after u up to which who, on duty at u, may stay
// on duty: the start of the first turn that gives duty to someone else, or
// the end of the stretch in which the roster and the overrides in effect
// at u stay the same. ok is false when who stays on duty for ever.
func (r *Rotation[P]) stay(u time.Time, who P) (time.Time, bool) {
	k, _, _ := r.base(u)
	// The roster epoch of turn k and the first turn of the next one.
	ei := 0
	for i := 1; i < len(r.epochs) && r.epochs[i].start <= k; i++ {
		ei = i
	}
	ep := &r.epochs[ei]
	var end time.Time // zero: no end
	if ei+1 < len(r.epochs) {
		end = r.handoff(r.epochs[ei+1].start)
	}
	// The override piece holding u.
	var seg *seg[P]
	if r.tab != nil && len(r.tab.segs) > 0 {
		p := r.tab.locate(u)
		_, pe, _ := r.tab.piece(p, who)
		if !pe.IsZero() && (end.IsZero() || pe.Before(end)) {
			end = pe
		}
		if p >= 0 && p < len(r.tab.segs) {
			seg = &r.tab.segs[p]
		}
	}
	n := int64(len(ep.roster))
	for j := k + 1; j <= k+n; j++ {
		hs := r.handoff(j)
		if !end.IsZero() && !hs.Before(end) {
			return end, true
		}
		b := ep.roster[floorMod(j-ep.base+ep.offset, n)]
		if seg != nil {
			b = seg.resolve(b)
		}
		if b != who && hs.After(u) {
			return hs, true
		}
	}
	// A whole cycle of the roster gives duty to who: so does the rest of
	// the stretch.
	return end, !end.IsZero()
}
