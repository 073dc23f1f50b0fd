package rotation

import (
	"fmt"
	"slices"
	"time"
)

// effective checks the arguments shared by the roster changes and returns
// the turn k of the first hand-off at or after from, the roster epoch in
// effect for it and the roster position of the person due then.
func (r Rotation[P]) effective(from time.Time) (k int64, ep *epoch[P], pos int, err error) {
	if r.loc == nil {
		return 0, nil, 0, configErr("people", "", ErrEmptyRoster)
	}
	if from.IsZero() {
		return 0, nil, 0, configErr("from", "", ErrZeroTime)
	}
	k, s, _ := r.base(from)
	if !s.Equal(from) {
		k++
	}
	ep, pos = r.position(k)
	return k, ep, pos, nil
}

// change returns r with roster taking over at turn k, where turn k goes to
// roster[offset]. Changes scheduled after k are replaced.
func (r Rotation[P]) change(k int64, roster []P, offset int) Rotation[P] {
	var eps []epoch[P]
	for _, ep := range r.epochs {
		if ep.start < k {
			eps = append(eps, ep)
		}
	}
	r.epochs = append(eps, epoch[P]{start: k, base: k, offset: int64(offset), roster: roster})
	return r
}

// WithRoster returns a copy of r in which people take over from the first
// hand-off at or after from. Shifts before that hand-off never change. The
// person due at that hand-off keeps it if they are on the new roster, and
// the new order continues from them; otherwise it goes to the next person
// in the old order who is on the new roster (or to people[0] if nobody is).
// A change replaces any change scheduled after it. Overrides are kept.
func (r Rotation[P]) WithRoster(from time.Time, people ...P) (Rotation[P], error) {
	if len(people) == 0 {
		return r, configErr("people", "", ErrEmptyRoster)
	}
	k, ep, pos, err := r.effective(from)
	if err != nil {
		return r, err
	}
	offset := 0
	for i := range len(ep.roster) {
		if j := slices.Index(people, ep.roster[(pos+i)%len(ep.roster)]); j >= 0 {
			offset = j
			break
		}
	}
	return r.change(k, slices.Clone(people), offset), nil
}

// Insert returns a copy of r with person added to the roster right after
// whoever is due at the first hand-off at or after from: that person keeps
// their turn and person takes the next one, and the rest follow in the old
// order. Nobody's shift before the change moves, and the others are each
// pushed back by exactly one turn.
func (r Rotation[P]) Insert(from time.Time, person P) (Rotation[P], error) {
	k, ep, pos, err := r.effective(from)
	if err != nil {
		return r, err
	}
	roster := slices.Insert(slices.Clone(ep.roster), pos+1, person)
	return r.change(k, roster, pos), nil
}

// Remove returns a copy of r without person from the first hand-off at or
// after from: their turns are skipped and everyone else keeps their order.
// If person was due at that hand-off, the next person in order takes it. It
// returns a [*ConfigError] wrapping [ErrUnknownName] when person is not on
// the roster then, or [ErrEmptyRoster] when nobody would be left.
func (r Rotation[P]) Remove(from time.Time, person P) (Rotation[P], error) {
	k, ep, pos, err := r.effective(from)
	if err != nil {
		return r, err
	}
	if !slices.Contains(ep.roster, person) {
		return r, configErr("person", fmt.Sprint(person), ErrUnknownName, "not on the roster in effect then")
	}
	roster := make([]P, 0, len(ep.roster))
	offset := 0
	for i, p := range ep.roster {
		if p == person {
			continue
		}
		if i < pos {
			offset++
		}
		roster = append(roster, p)
	}
	if len(roster) == 0 {
		return r, configErr("person", fmt.Sprint(person), ErrEmptyRoster, "the only person on the roster")
	}
	return r.change(k, roster, offset%len(roster)), nil
}

// Offset returns a copy of r shifted by n positions: turn k goes to whoever
// r gives turn k+n. Offset(1) is the secondary of a primary/secondary pair
// (R3): next turn's primary. The roster and its changes carry over; the
// name, overrides and absences do not, so the result has none. This is on
// purpose: an override gives a time range to a person, so an offset copy
// that kept r's [Swap] would put the same person on both layers of a pair.
// Add the offset rotation's own overrides, or use [Infra.WithOverrides] to
// add an absence to both layers of a pair and to its escalation chain.
func (r Rotation[P]) Offset(n int) Rotation[P] {
	if r.loc == nil {
		return r
	}
	eps := slices.Clone(r.epochs)
	eps[0].offset = floorMod(eps[0].offset+int64(n), int64(len(eps[0].roster)))
	for i := 1; i < len(eps); i++ {
		// Turn k of the result is turn k+n of r, so a change reaches it n
		// turns earlier.
		eps[i].start -= int64(n)
		eps[i].base -= int64(n)
	}
	r.epochs = eps
	r.tab = nil
	r.name = ""
	return r
}

// Change is a stretch of [from, to) whose person differs between two
// versions of a rotation: Old was on duty and New will be.
type Change[P comparable] struct {
	Start, End time.Time
	Old, New   P
}

// Diff lists, in order, the stretches of [from, to) in which old and new put
// different people on duty, clipped to [from, to), so that a tool can show
// the impact of a roster edit before saving it. Neighbouring stretches with
// the same Old and New are merged. It returns nil when nothing changes.
func Diff[P comparable](old, new Rotation[P], from, to time.Time) []Change[P] {
	var a, b []Shift[P]
	for s := range old.Shifts(from, to) {
		a = append(a, s)
	}
	for s := range new.Shifts(from, to) {
		b = append(b, s)
	}
	var out []Change[P]
	var zero P
	i, j := 0, 0
	at := from
	for at.Before(to) {
		for i < len(a) && !a[i].End.After(at) {
			i++
		}
		for j < len(b) && !b[j].End.After(at) {
			j++
		}
		ow, nw, end := zero, zero, to
		if i < len(a) {
			ow, end = a[i].Who, earlier(end, a[i].End)
		}
		if j < len(b) {
			nw, end = b[j].Who, earlier(end, b[j].End)
		}
		if ow != nw {
			if n := len(out); n > 0 && out[n-1].End.Equal(at) && out[n-1].Old == ow && out[n-1].New == nw {
				out[n-1].End = end
			} else {
				out = append(out, Change[P]{Start: at, End: end, Old: ow, New: nw})
			}
		}
		at = end
	}
	return out
}
