package rotation

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	tz "github.com/teamcadence/cadence/internal/zones"
)

// Rotation cycles a roster of people through turns of a fixed number of
// days. Every turn starts with a hand-off at the same local wall-clock time
// in the rotation's location, so a weekly turn is 167 or 169 hours long
// across a daylight-saving change. The people cycle in roster order; the
// rotation extends backwards before its first hand-off and forwards without
// end. An instant exactly at a hand-off belongs to the incoming person.
//
// A Rotation also carries roster changes that take effect from a hand-off
// ([Rotation.WithRoster], [Rotation.Insert], [Rotation.Remove]), overrides
// and absences ([Rotation.WithOverrides]), a name and a hand-off checklist.
//
// # Hand-offs in a daylight-saving gap or overlap
//
// The hand-off instant on a local day is time.Date(y, m, d, hh, mm, ss, ns,
// loc), whose documentation says that when the wall-clock time is skipped
// (a spring-forward gap) or repeated (a fall-back overlap) it "does not
// guarantee which" offset is used. This package takes that result as the
// rule, so a hand-off is always the instant time.Date gives for its day and
// time. What Go does in practice is to read the wall time with the offset in
// effect at the wall time taken as UTC, which depends on the side of UTC the
// zone is on (pinned by the tests, Go 1.26):
//
//   - America/Chicago, 02:30 on 2024-03-10 (skipped): 01:30 CST, the instant
//     02:30 CDT would be; 01:30 on 2024-11-03 (repeated): the first, CDT.
//   - Europe/London, 01:30 on 2024-03-31 (skipped): 02:30 BST; 01:30 on
//     2024-10-27 (repeated): the second, GMT.
//   - Australia/Lord_Howe, 02:15 on 2024-10-06 (skipped, 30-minute gap):
//     02:45; 01:45 on 2024-04-07 (repeated): the second, +10:30.
//
// Either way the hand-off moves by at most the size of the change, on that
// day only, and shifts keep positive lengths. Choose a hand-off time outside
// 00:00-04:00 to stay clear of the question.
//
// # Hand-off days the zone skipped
//
// A few zones skipped whole days when they moved across the date line:
// Pacific/Apia has no 2011-12-30, Pacific/Kwajalein no 1993-08-21. A
// hand-off due on such a day happens at the hand-off time of the next day
// the zone has, which is also when that day's own hand-off is due in a
// daily rotation: the turn of the skipped day is then empty (the day never
// happened) and the outgoing person stays on duty until then. (time.Date
// alone would put a 09:00 hand-off on the day before, and a 23:30 one on
// the day after.) At never returns an empty shift, and Shifts and
// Handoffs skip it, so At(t) always holds t and Shifts tiles time.
//
// Rotation values are immutable and safe for concurrent use; methods that
// change a rotation return a new value. Rotations are not comparable with
// ==; use [Rotation.Equal]. The zero Rotation has no roster: At returns the
// zero Shift and Shifts yields nothing.
type Rotation[P comparable] struct {
	loc       *time.Location
	anchor    date.Date   // local day of hand-off 0
	at        clock.Clock // local time of day of every hand-off
	days      int64
	epochs    []epoch[P]
	name      string
	checklist []string
	backups   []P
	tab       *table[P]
	zt        *tz.Table // loc's offset changes, for flat-cost lookups
}

// epoch is a roster in effect from hand-off start (epochs[0] from the
// beginning of time). Turn k goes to roster[mod(k-base+offset, len)].
type epoch[P comparable] struct {
	start, base, offset int64
	roster              []P
}

// MaxTurn is the longest turn a rotation takes, in days: ten years. It
// keeps every hand-off computable with plain int64 arithmetic for any
// time.Time.
const MaxTurn = 3653

// Weekly returns a rotation with a hand-off every 7 days at first's local
// time of day in first.Location(). people[0] takes the shift that starts at
// first; the order then cycles, and extends backwards before first. For
// rule R1 in RULES.md, first is a Wednesday; for R3, a Monday morning.
func Weekly[P comparable](first time.Time, people ...P) (Rotation[P], error) {
	return Every(first, 7, people...)
}

// Every returns a rotation with a hand-off every days days at first's local
// time of day in first.Location(): 1 for a daily rotation, 14 for two-week
// turns. people[0] takes the shift that starts at first. The arguments
// come in the order of [New]: the anchor, the period, the people.
func Every[P comparable](first time.Time, days int, people ...P) (Rotation[P], error) {
	if first.IsZero() {
		return Rotation[P]{}, configErr("first", "", ErrZeroTime)
	}
	y, m, d := first.Date()
	h, mi, s := first.Clock()
	at := clock.New(h, mi, s, 0) + clock.Clock(first.Nanosecond())
	return New(first.Location(), date.New(y, m, d), at, days, people...)
}

// New returns a rotation in loc whose first hand-off is on the local day
// first at the local time of day at, with a hand-off every days days.
// people[0] takes the first shift. It is the general form of [Weekly] and
// [Every], and the one to use when the first hand-off's wall-clock time may
// fall in a daylight-saving gap: at is kept as given and every hand-off,
// including the first, is normalised by time.Date.
//
// It returns a [*ConfigError] wrapping [ErrZone] for a nil loc or
// time.Local (whose meaning depends on the machine), [ErrTurn] for days
// outside 1 to [MaxTurn] (field "days"), [ErrSyntax] for at outside
// [00:00, 24:00), and [ErrEmptyRoster] for no people.
func New[P comparable](loc *time.Location, first date.Date, at clock.Clock, days int, people ...P) (Rotation[P], error) {
	switch {
	case loc == nil:
		return Rotation[P]{}, configErr("zone", "", ErrZone, "nil *time.Location")
	case loc == time.Local || loc.String() == "Local":
		return Rotation[P]{}, configErr("zone", "Local", ErrZone, "its meaning depends on the machine: name the zone")
	case days < 1 || days > MaxTurn:
		return Rotation[P]{}, configErr("days", days, ErrTurn, turnRange)
	case at < 0 || at >= clock.Day:
		return Rotation[P]{}, configErr("at", at.String(), ErrSyntax, "want a time of day from 00:00 to before 24:00")
	case len(people) == 0:
		return Rotation[P]{}, configErr("people", "", ErrEmptyRoster)
	}
	return Rotation[P]{
		loc: loc, zt: tz.New(loc), anchor: first, at: at,
		days:   int64(days),
		epochs: []epoch[P]{{start: math.MinInt64, roster: slices.Clone(people)}},
	}, nil
}

var turnRange = fmt.Sprintf("want 1 to %d days", MaxTurn)

// MustWeekly is like [Weekly] but panics on error. It is intended for use in
// tests and examples with hard-coded values.
func MustWeekly[P comparable](first time.Time, people ...P) Rotation[P] {
	r, err := Weekly(first, people...)
	if err != nil {
		panic(err)
	}
	return r
}

// IsZero reports whether r is the zero Rotation.
func (r Rotation[P]) IsZero() bool { return r.loc == nil }

// Location returns the zone whose wall clock the hand-offs follow.
func (r Rotation[P]) Location() *time.Location { return r.loc }

// First returns the first hand-off, the start of the shift people[0] took.
func (r Rotation[P]) First() time.Time {
	if r.loc == nil {
		return time.Time{}
	}
	return r.handoff(0)
}

// Day returns the local day of the first hand-off.
func (r Rotation[P]) Day() date.Date { return r.anchor }

// HandoffTime returns the local time of day of every hand-off.
func (r Rotation[P]) HandoffTime() clock.Clock { return r.at }

// Turn returns the number of days between hand-offs: 7 for [Weekly].
func (r Rotation[P]) Turn() int { return int(r.days) }

// Name returns the name given with [Rotation.WithName], or "".
func (r Rotation[P]) Name() string { return r.name }

// WithName returns a copy of r named name. The name labels the rotation in
// layers, escalation chains and calendar feeds; it does not change who is
// on duty.
func (r Rotation[P]) WithName(name string) Rotation[P] {
	r.name = name
	return r
}

// Checklist returns a copy of the hand-off checklist (R32), or nil.
func (r Rotation[P]) Checklist() []string { return slices.Clone(r.checklist) }

// WithChecklist returns a copy of r whose hand-offs carry items, in order:
// for rule R32 in RULES.md, "move the @oncall alias", "hand off open threads",
// "report how the week was spent".
func (r Rotation[P]) WithChecklist(items ...string) Rotation[P] {
	r.checklist = slices.Clone(items)
	if len(r.checklist) == 0 {
		r.checklist = nil
	}
	return r
}

// Roster returns a copy of the roster in effect for the shift that holds t
// (before overrides), in rotation order.
func (r Rotation[P]) Roster(t time.Time) []P {
	if r.loc == nil {
		return nil
	}
	k, _, _ := r.base(t)
	return slices.Clone(r.epoch(k).roster)
}

// At returns the shift that holds t: the person on duty at t, overrides and
// absences included, and the [Start, End) of their stretch of duty. Start
// is at or before t and End after it; an instant exactly at a hand-off
// belongs to the incoming person. The instants are in t's location.
// Rotations answer for instants within about 285 million years of 1970
// (Unix seconds in [-2^53, 2^53)); for others At returns the zero Shift.
//
// At costs the same for any t: the number of hand-offs since the first is
// found by dividing the local calendar-day difference by the turn length,
// then corrected by comparing t with that day's hand-off instant. Overrides
// are found by one binary search over their sorted edges (O(log k) for k
// overrides), plus one step for each neighbouring override edge inside the
// same turn across which the same person stays on duty (they are merged
// into one shift, as [Rotation.Shifts] does).
func (r Rotation[P]) At(t time.Time) Shift[P] {
	if r.loc == nil || !inRange(t) {
		return Shift[P]{}
	}
	k, s, e := r.base(t)
	b := r.person(k)
	out := t.Location()
	if r.tab == nil {
		return Shift[P]{Who: b, Start: s.In(out), End: e.In(out)}
	}
	who, lo, hi := r.tab.around(t, s, e, b)
	return Shift[P]{Who: who, Start: lo.In(out), End: hi.In(out)}
}

// Shifts yields, in order, the shifts that overlap [from, to): the first
// holds from (its Start may be before from) and the last holds the instant
// just before to (its End may be after to). Consecutive shifts meet exactly,
// with no gap or overlap. Overrides and absences split shifts at their
// edges; a stretch in which the same person stays on duty within one turn
// is one shift. Nothing is yielded when to is not after from. The instants
// are in from's location. Shifts allocates nothing per shift. The range is
// clipped to the instants rotations answer for (see [Rotation.At]), so
// Shifts always ends.
func (r Rotation[P]) Shifts(from, to time.Time) iter.Seq[Shift[P]] {
	// A small closure, so that Shifts inlines and a range over it does
	// not allocate.
	return func(yield func(Shift[P]) bool) { r.shifts(from, to, yield) }
}

// shifts is the body of Shifts.
func (r *Rotation[P]) shifts(from, to time.Time, yield func(Shift[P]) bool) {
	out := from.Location()
	if r.loc == nil || !from.Before(to) {
		return
	}
	from, to = clip(from, to)
	if !from.Before(to) {
		return
	}
	k, s, e := r.base(from)
	for {
		b := r.person(k)
		if r.tab == nil {
			if s.Before(e) && !yield(Shift[P]{Who: b, Start: s.In(out), End: e.In(out)}) {
				return
			}
		} else if !r.tab.pieces(s, e, b, from, to, out, yield) {
			return
		}
		if !e.Before(to) {
			return
		}
		k++
		next := r.handoffAfter(k+1, e)
		if next.Before(e) || (!next.After(e) && !e.After(s)) {
			// Hand-offs never go back, and only one turn in a row can be
			// empty (a skipped day): anything else means the instants
			// left time.Time's range, so stop. Every other step moves e
			// forward, towards to.
			return
		}
		s, e = e, next
	}
}

// Range is the span of instants a rotation answers for: about 285 million
// years either side of 1970, well inside time.Time's range, so that every
// hand-off of a turn that holds such an instant is computed exactly with
// int64 arithmetic and time.Date.
const maxUnix = 1 << 53 // seconds

// inRange reports whether t is in the span rotations answer for.
func inRange(t time.Time) bool {
	u := t.Unix()
	return -maxUnix <= u && u < maxUnix
}

// clip returns [from, to) clipped to the span rotations answer for.
func clip(from, to time.Time) (time.Time, time.Time) {
	if from.Unix() < -maxUnix {
		from = time.Unix(-maxUnix, 0)
	}
	if to.Unix() >= maxUnix {
		to = time.Unix(maxUnix, 0)
	}
	return from, to
}

// base returns the turn number k that holds t and its hand-offs [s, e),
// before overrides: s <= t < e. The turn is found from the local day of t,
// then moved by at most a few turns when t is before that day's hand-off
// or the zone skipped a hand-off day (a skipped turn is empty and holds no
// instant); no loop over the turns between the first hand-off and t.
func (r *Rotation[P]) base(t time.Time) (k int64, s, e time.Time) {
	off, zs, ze := r.zone(t)
	day := floorDiv(t.Unix()+int64(off), 86400) + date.ZeroOffset
	k = floorDiv(day-int64(r.anchor), r.days)
	s = r.handoffNear(k, off, zs, ze)
	if t.Before(s) {
		e = s
		k--
		s = r.handoffNear(k, off, zs, ze)
		// A skipped day makes two hand-offs one instant; hand-offs are
		// never more than a turn and a day away from the local day's.
		for i := 0; i < maxSkip && t.Before(s); i++ {
			e = s
			k--
			s = r.handoffNear(k, off, zs, ze)
		}
		return k, s, e
	}
	e = r.handoffNear(k+1, off, zs, ze)
	for i := 0; i < maxSkip && !t.Before(e); i++ {
		k++
		s, e = e, r.handoff(k+1)
	}
	return k, s, e
}

// maxSkip bounds the correction loops of base: a turn is at least a day and
// the zone changes move a hand-off by at most a day, so one or two steps
// always suffice; the bound makes termination evident.
const maxSkip = 4

// zone returns the UTC offset at t in seconds and the stretch [zs, ze) of
// constant offset holding it (zero times: unbounded). Inside the tabled
// window it is a binary search; the standard library's lookup re-parses
// the zone's rule on every call past the zone's last listed transition.
func (r *Rotation[P]) zone(t time.Time) (off int, zs, ze time.Time) {
	if r.zt != nil {
		if o, start, end, ok := r.zt.Lookup(t); ok {
			return int(o), time.Unix(start, 0), time.Unix(end, 0)
		}
	}
	lt := t.In(r.loc)
	_, off = lt.Zone()
	zs, ze = lt.ZoneBounds()
	return off, zs, ze
}

// handoffNear returns handoff(k) using off, the UTC offset of the zone
// period [zs, ze) (zero times: unbounded), when the hand-off falls well
// inside that period; there its wall-clock time has exactly one instant,
// which is what time.Date returns. Otherwise it asks time.Date.
func (r *Rotation[P]) handoffNear(k int64, off int, zs, ze time.Time) time.Time {
	const margin = 48 * 60 * 60 // seconds; more than any offset change
	wall := (int64(r.anchor)+k*r.days-date.ZeroOffset)*86400 + int64(r.at/clock.Second)
	u := wall - int64(off)
	if (zs.IsZero() || u-zs.Unix() >= margin) && (ze.IsZero() || ze.Unix()-u >= margin) {
		return time.Unix(u, int64(r.at%clock.Second)).In(r.loc)
	}
	return r.handoff(k)
}

// handoffAfter returns handoff(k) given prev, an earlier hand-off: the
// offset of prev's stretch usually holds at hand-off k too, which saves the
// time.Date call Shifts would otherwise make for every shift.
func (r *Rotation[P]) handoffAfter(k int64, prev time.Time) time.Time {
	off, zs, ze := r.zone(prev)
	return r.handoffNear(k, off, zs, ze)
}

// handoff returns the instant of hand-off k: the wall-clock time on its
// local day, normalised by time.Date, or, when the zone skipped that whole
// day, the hand-off time of the first following day that it has.
func (r *Rotation[P]) handoff(k int64) time.Time {
	d := int64(r.anchor) + k*r.days
	for i := 0; ; i++ {
		h := r.wall(d)
		off, _, _ := r.zone(h) // the table's binary search, not the zone's rule
		if i == maxSkip || floorDiv(h.Unix()+int64(off), 86400)+date.ZeroOffset == d || r.dayExists(d) {
			return h
		}
		d++
	}
}

// wall returns time.Date of the hand-off time on local day d.
func (r *Rotation[P]) wall(d int64) time.Time {
	y, m, dd := civil(d)
	hh, mm, ss := r.at.HourMinuteSecond()
	return time.Date(y, m, dd, hh, mm, ss, int(r.at%clock.Second), r.loc)
}

// dayExists reports whether some instant has local day d in r's zone. It
// is asked only when time.Date moved a hand-off to another day, so it may
// walk the zone periods around the day: the instants of day d under an
// offset o are [d*86400-o, (d+1)*86400-o) in Unix seconds, and offsets
// stay within 26 hours of UTC, so periods outside a 100-hour window
// cannot hold any.
func (r *Rotation[P]) dayExists(d int64) bool {
	lo := (d-date.ZeroOffset)*86400 - 30*3600
	hi := (d-date.ZeroOffset+1)*86400 + 30*3600
	t := time.Unix(lo, 0).In(r.loc)
	for range 64 { // zone periods in 100 hours; the bound only guards the loop
		_, off := t.Zone()
		start := (d-date.ZeroOffset)*86400 - int64(off)
		end := start + 86400
		next, ok := tz.Next(t, r.loc)
		pe := hi
		if ok && next.Unix() < hi {
			pe = next.Unix()
		}
		if max(start, t.Unix()) < min(end, pe) {
			return true
		}
		if !ok || pe >= hi {
			return false
		}
		t = next
	}
	return false
}

// epoch returns the roster epoch in effect for turn k.
func (r *Rotation[P]) epoch(k int64) *epoch[P] {
	lo, hi := 1, len(r.epochs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if r.epochs[mid].start <= k {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return &r.epochs[lo-1]
}

// position returns the epoch in effect for turn k and the roster position
// of the person who takes turn k.
func (r *Rotation[P]) position(k int64) (*epoch[P], int) {
	ep := r.epoch(k)
	return ep, int(floorMod(k-ep.base+ep.offset, int64(len(ep.roster))))
}

// person returns who takes turn k before overrides.
func (r *Rotation[P]) person(k int64) P {
	ep, i := r.position(k)
	return ep.roster[i]
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// civil converts a date.Date day number (days since 0001-01-01) to a
// proleptic Gregorian year, month and day (Howard Hinnant's algorithm).
func civil(d int64) (int, time.Month, int) {
	z := d - date.ZeroOffset + 719468 // days since 0000-03-01
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mm > 12 {
		mm -= 12
	}
	if mm <= 2 {
		y++
	}
	return int(y), time.Month(mm), int(dd)
}
