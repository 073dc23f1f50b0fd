package rotation

import (
	"fmt"
	"slices"
	"time"
)

// OverrideKind tells an override from an absence.
type OverrideKind uint8

const (
	// Replace gives the whole of [From, To) to Who, whoever was on duty.
	Replace OverrideKind = iota
	// Cover gives Who (the backup) only the parts of [From, To) in which
	// Absent would have been on duty.
	Cover
)

// String returns "override" or "absence".
func (k OverrideKind) String() string {
	switch k {
	case Replace:
		return "override"
	case Cover:
		return "absence"
	}
	return fmt.Sprintf("OverrideKind(%d)", uint8(k))
}

// MarshalText returns the text of [OverrideKind.String].
func (k OverrideKind) MarshalText() ([]byte, error) {
	if k > Cover {
		return nil, configErr("kind", k.String(), ErrSyntax, `want "override" or "absence"`)
	}
	return []byte(k.String()), nil
}

// UnmarshalText parses "override" or "absence"; empty text is Replace.
func (k *OverrideKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "override", "":
		*k = Replace
	case "absence":
		*k = Cover
	default:
		return configErr("kind", string(b), ErrSyntax, `want "override" or "absence"`)
	}
	return nil
}

// Override changes who is on duty during [From, To): From is included and
// To is excluded. Build one with [Swap] or [Absence]. Overrides are values
// and comparable with == when P is (compare instants with Equal).
//
// When overrides overlap, the later-added one wins where they overlap. An
// absence sees the schedule that everything added before it produced: a
// backup's own absence added later hands on to the backup's backup.
type Override[P comparable] struct {
	Kind     OverrideKind
	Who      P // who takes duty: the replacement, or the absent person's backup
	Absent   P // for Cover only: the person who is away
	From, To time.Time
}

// Swap returns an override that gives [from, to) to who, whoever was on
// duty (R4: a person replaces another for a time range).
func Swap[P comparable](who P, from, to time.Time) Override[P] {
	return Override[P]{Kind: Replace, Who: who, From: from, To: to}
}

// Absence returns an absence of absent, covered by backup: backup takes
// only the parts of [from, to) in which absent would have been on duty (R4).
func Absence[P comparable](absent, backup P, from, to time.Time) Override[P] {
	return Override[P]{Kind: Cover, Who: backup, Absent: absent, From: from, To: to}
}

// validate checks o; field prefixes the field names in errors.
func (o Override[P]) validate(field string) error {
	switch {
	case o.Kind > Cover:
		return configErr(field+".kind", o.Kind.String(), ErrSyntax, `want "override" or "absence"`)
	case o.From.IsZero():
		return configErr(field+".from", "", ErrZeroTime)
	case o.To.IsZero():
		return configErr(field+".to", "", ErrZeroTime)
	case !o.From.Before(o.To):
		return configErr(field+".to", o.To.Format(time.RFC3339Nano), ErrEmptyRange,
			"not after from "+o.From.Format(time.RFC3339Nano))
	case o.Kind == Cover && o.Who == o.Absent:
		return configErr(field+".who", fmt.Sprint(o.Who), ErrSelfBackup)
	}
	return nil
}

// resolve checks that the people o names are known to r: on one of r's
// rosters or among its backups (a backup may be absent too).
func (r Rotation[P]) resolve(o Override[P], field string) error {
	if o.Kind == Cover && !r.knows(o.Absent) {
		return configErr(field+".absent", fmt.Sprint(o.Absent), ErrUnknownName, "not on the roster or its backups")
	}
	if !r.knows(o.Who) {
		return configErr(field+".who", fmt.Sprint(o.Who), ErrUnknownName, "not on the roster or its backups")
	}
	return nil
}

// knows reports whether p is on one of r's rosters or among its backups.
func (r Rotation[P]) knows(p P) bool { return r.onRoster(p) || slices.Contains(r.backups, p) }

// onRoster reports whether p is on the roster at some time.
func (r Rotation[P]) onRoster(p P) bool {
	for _, ep := range r.epochs {
		if slices.Contains(ep.roster, p) {
			return true
		}
	}
	return false
}

// Backups returns a copy of the people who may take duty through an
// override or absence without being on the roster, in the order given.
func (r Rotation[P]) Backups() []P { return slices.Clone(r.backups) }

// WithBackups returns a copy of r whose backups are people: the people
// who may take duty through a [Swap] or cover an [Absence] (R4) without
// being on the roster. Every person an override names must be on the
// roster or among the backups; a misspelt name is an error, never a shift
// given to nobody. Backups are not part of the turn order.
func (r Rotation[P]) WithBackups(people ...P) Rotation[P] {
	r.backups = slices.Clone(people)
	if len(r.backups) == 0 {
		r.backups = nil
	}
	return r
}

// Overrides returns a copy of r's overrides and absences in the order they
// were added.
func (r Rotation[P]) Overrides() []Override[P] {
	if r.tab == nil {
		return nil
	}
	return slices.Clone(r.tab.entries)
}

// WithOverrides returns a copy of r with overrides added after the existing
// ones (so they win where they overlap them). It returns a [*ConfigError]
// wrapping [ErrEmptyRange] when an override's To is not after its From,
// [ErrZeroTime] for a zero instant, [ErrSelfBackup] for an absence whose
// backup is the absent person, or [ErrUnknownName] for a person (absent,
// backup or replacement) who is neither on the roster, at any time, nor
// among the backups ([Rotation.WithBackups]); r is then unchanged. Adding many overrides
// in one call is cheaper than one at a time: the lookup table is rebuilt
// once per call, in O(k log k) for k non-nested overrides.
func (r Rotation[P]) WithOverrides(overrides ...Override[P]) (Rotation[P], error) {
	if r.loc == nil {
		return r, configErr("people", "", ErrEmptyRoster)
	}
	n := 0
	if r.tab != nil {
		n = len(r.tab.entries)
	}
	for i, o := range overrides {
		f := fmt.Sprintf("overrides[%d]", n+i)
		if err := o.validate(f); err != nil {
			return r, err
		}
		if err := r.resolve(o, f); err != nil {
			return r, err
		}
	}
	if len(overrides) == 0 {
		return r, nil
	}
	var entries []Override[P]
	if r.tab != nil {
		entries = slices.Clone(r.tab.entries)
	}
	entries = append(entries, overrides...)
	r.tab = build(entries)
	return r, nil
}

// WithoutOverrides returns a copy of r with no overrides or absences.
func (r Rotation[P]) WithoutOverrides() Rotation[P] {
	r.tab = nil
	return r
}

// table is the flattened overrides: segs partition [segs[0].start,
// segs[len-1].end) into stretches with one resolution each, sorted and
// contiguous, so a lookup is one binary search.
type table[P comparable] struct {
	entries []Override[P]
	segs    []seg[P]
}

// seg resolves the person on duty in [start, end): fixed gives who
// whatever the base person; otherwise subs are applied in order to the base
// person.
type seg[P comparable] struct {
	start, end time.Time
	fixed      bool
	who        P
	subs       []sub[P]
}

type sub[P comparable] struct{ from, to P }

func (s *seg[P]) resolve(base P) P {
	if s.fixed {
		return s.who
	}
	for _, x := range s.subs {
		if base == x.from {
			base = x.to
		}
	}
	return base
}

func (s *seg[P]) sameAs(o *seg[P]) bool {
	if s.fixed != o.fixed {
		return false
	}
	if s.fixed {
		return s.who == o.who
	}
	return slices.Equal(s.subs, o.subs)
}

// build flattens entries with a sweep over their sorted edges.
func build[P comparable](entries []Override[P]) *table[P] {
	type edge struct {
		at    time.Time
		i     int
		start bool
	}
	edges := make([]edge, 0, 2*len(entries))
	for i, o := range entries {
		edges = append(edges, edge{o.From, i, true}, edge{o.To, i, false})
	}
	slices.SortFunc(edges, func(a, b edge) int { return a.at.Compare(b.at) })
	var active []int // indexes of covering entries, ascending
	var segs []seg[P]
	for j := 0; j < len(edges); {
		at := edges[j].at
		for ; j < len(edges) && edges[j].at.Equal(at); j++ {
			e := edges[j]
			p, _ := slices.BinarySearch(active, e.i)
			if e.start {
				active = slices.Insert(active, p, e.i)
			} else {
				active = slices.Delete(active, p, p+1)
			}
		}
		if j == len(edges) {
			break
		}
		s := seg[P]{start: at, end: edges[j].at}
		last := -1
		for q := len(active) - 1; q >= 0; q-- {
			if entries[active[q]].Kind == Replace {
				last = q
				break
			}
		}
		if last >= 0 {
			s.fixed, s.who = true, entries[active[last]].Who
		}
		for _, i := range active[last+1:] {
			o := entries[i]
			if s.fixed {
				if s.who == o.Absent {
					s.who = o.Who
				}
			} else {
				s.subs = append(s.subs, sub[P]{o.Absent, o.Who})
			}
		}
		if n := len(segs); n > 0 && segs[n-1].sameAs(&s) {
			segs[n-1].end = s.end
			continue
		}
		segs = append(segs, s)
	}
	// Drop leading and trailing stretches that change nobody.
	for len(segs) > 0 && !segs[0].fixed && len(segs[0].subs) == 0 {
		segs = segs[1:]
	}
	for len(segs) > 0 && !segs[len(segs)-1].fixed && len(segs[len(segs)-1].subs) == 0 {
		segs = segs[:len(segs)-1]
	}
	return &table[P]{entries: entries, segs: segs}
}

// locate returns the piece that holds t: -1 before the table, len(segs)
// after it, otherwise the index of the segment.
func (tb *table[P]) locate(t time.Time) int {
	lo, hi := 0, len(tb.segs)
	for lo < hi { // first segment whose end is after t
		mid := int(uint(lo+hi) >> 1)
		if tb.segs[mid].end.After(t) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == 0 && (len(tb.segs) == 0 || t.Before(tb.segs[0].start)) {
		return -1
	}
	return lo
}

// piece returns the bounds of piece p (zero times stand for -inf and +inf)
// and who it gives duty to when b is the base person.
func (tb *table[P]) piece(p int, b P) (start, end time.Time, who P) {
	n := len(tb.segs)
	switch {
	case n == 0:
		return time.Time{}, time.Time{}, b
	case p < 0:
		return time.Time{}, tb.segs[0].start, b
	case p >= n:
		return tb.segs[n-1].end, time.Time{}, b
	}
	s := &tb.segs[p]
	return s.start, s.end, s.resolve(b)
}

// around returns who is on duty at t within the base turn [s, e) of b, and
// the widest stretch around t within the turn in which they stay on duty.
func (tb *table[P]) around(t, s, e time.Time, b P) (who P, lo, hi time.Time) {
	p := tb.locate(t)
	ps, pe, who := tb.piece(p, b)
	lo, hi = later(s, ps), earlier(e, pe)
	for q := p; lo.After(s); {
		q--
		qs, _, w := tb.piece(q, b)
		if w != who {
			break
		}
		lo = later(s, qs)
	}
	for q := p; hi.Before(e); {
		q++
		_, qe, w := tb.piece(q, b)
		if w != who {
			break
		}
		hi = earlier(e, qe)
	}
	return who, lo, hi
}

// pieces yields the stretches of the base turn [s, e) of b that overlap
// [from, to), merging neighbours with the same person. It returns false
// when yield asked to stop.
func (tb *table[P]) pieces(s, e time.Time, b P, from, to time.Time, out *time.Location, yield func(Shift[P]) bool) bool {
	if !s.Before(e) {
		return true
	}
	p := tb.locate(s)
	_, pe, who := tb.piece(p, b)
	lo, hi := s, earlier(e, pe)
	for hi.Before(e) {
		p++
		_, qe, w := tb.piece(p, b)
		if w != who {
			if hi.After(from) && lo.Before(to) && !yield(Shift[P]{Who: who, Start: lo.In(out), End: hi.In(out)}) {
				return false
			}
			if !hi.Before(to) {
				return true
			}
			who, lo = w, hi
		}
		hi = earlier(e, qe)
	}
	if hi.After(from) && lo.Before(to) {
		return yield(Shift[P]{Who: who, Start: lo.In(out), End: hi.In(out)})
	}
	return true
}

// later returns the later of a and b, where a zero b means -inf.
func later(a, b time.Time) time.Time {
	if !b.IsZero() && b.After(a) {
		return b
	}
	return a
}

// earlier returns the earlier of a and b, where a zero b means +inf.
func earlier(a, b time.Time) time.Time {
	if !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}
