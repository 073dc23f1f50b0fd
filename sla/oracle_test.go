package sla

// This file holds a brute-force reference model of a Calendar (the oracle)
// that the property, DST and fuzz tests compare the real Calendar against.
// It is written for obviousness, not speed:
//
//   - open(t) is the definition itself: t is open when its wall-clock
//     reading t.In(loc) falls in an open span of that local date, where a
//     holiday has no spans and a special day has its own.
//   - intervals(from, to) is exact: it walks real time one zone period at a
//     time (found by probing Time.Zone, see nextOffsetChange; not with
//     Time.ZoneBounds, which has a Go bug). Within a period the UTC offset
//     is constant, so
//     the wall clock is real time plus a fixed shift; each local day's spans
//     are laid out on that shifted ("naive") axis, where every day is exactly
//     24 hours, intersected with the period, and shifted back.
//   - everything else (between, nextOpen, nextClose, add) is a walk over
//     those intervals.
//
// TestOracle* below checks the oracle against hand-computed figures and
// against a minute-by-minute walk of open(t) (exact for calendars on whole
// minutes, since zone changes since 1970 in the zones used here fall on whole
// minutes of real time).

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // pin the zone data the tests depend on when the host has none

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ival is a half-open interval of real time [s, e).
type ival struct{ s, e time.Time }

func (iv ival) String() string {
	return fmt.Sprintf("[%s, %s)", iv.s.Format(time.RFC3339Nano), iv.e.Format(time.RFC3339Nano))
}

// special is one Special option of a calendar spec.
type special struct {
	day   date.Date
	spans []Span
}

// calSpec is the input of a calendar: what NewCalendar receives, kept so
// that both the real Calendar and the oracle can be built from it.
type calSpec struct {
	zero      bool // the zero Calendar (always open); other fields unused
	allowNone bool // AllowNoOpeningHours: the week may be empty
	loc       *time.Location
	week      Week
	holidays  []date.Date
	specials  []special
}

func (s calSpec) String() string {
	if s.zero {
		return "zero Calendar"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "loc=%s week={", s.loc)
	for wd, spans := range s.week {
		if len(spans) > 0 {
			fmt.Fprintf(&b, " %s:%s", time.Weekday(wd).String()[:3], spansString(spans))
		}
	}
	b.WriteString(" }")
	if s.allowNone {
		b.WriteString(" AllowNoOpeningHours")
	}
	if len(s.holidays) > 0 {
		fmt.Fprintf(&b, " holidays=%v", s.holidays)
	}
	for _, sp := range s.specials {
		fmt.Fprintf(&b, " special(%s)=%s", sp.day, spansString(sp.spans))
	}
	return b.String()
}

func spansString(spans []Span) string {
	parts := make([]string, len(spans))
	for i, sp := range spans {
		parts[i] = clockString(sp.From) + "-" + clockString(sp.To)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func clockString(c clock.Clock) string {
	d := time.Duration(c)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if rest := d % time.Minute; rest != 0 {
		return fmt.Sprintf("%02d:%02d+%v", h, m, rest)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// onWholeMinutes reports whether every span starts and ends on a whole
// minute.
func (s calSpec) onWholeMinutes() bool {
	all := slices.Concat(s.week[:]...)
	for _, sp := range s.specials {
		all = append(all, sp.spans...)
	}
	for _, sp := range all {
		if sp.From%clock.Minute != 0 || sp.To%clock.Minute != 0 {
			return false
		}
	}
	return true
}

// options returns the spec's Holidays, Special and AllowNoOpeningHours
// options.
func (s calSpec) options() []Option {
	var opts []Option
	if s.allowNone {
		opts = append(opts, AllowNoOpeningHours())
	}
	if len(s.holidays) > 0 {
		opts = append(opts, Holidays(s.holidays...))
	}
	for _, sp := range s.specials {
		opts = append(opts, Special(sp.day, sp.spans...))
	}
	return opts
}

// build returns the real Calendar for s.
func (s calSpec) build() (Calendar, error) {
	if s.zero {
		return Calendar{}, nil
	}
	return NewCalendar(s.loc, s.week, s.options()...)
}

func (s calSpec) mustBuild(t testing.TB) Calendar {
	t.Helper()
	c, err := s.build()
	require.NoError(t, err, "NewCalendar(%s)", s)
	return c
}

// oracle is the reference model of the calendar described by a calSpec.
type oracle struct {
	always   bool
	loc      *time.Location
	week     Week
	holidays map[date.Date]bool
	special  map[date.Date][]Span
	first    date.Date // the first holiday or special day (or 0)
	last     date.Date // the last holiday or special day (or 0)
}

func (s calSpec) oracle() oracle {
	o := oracle{always: s.zero, loc: s.loc, week: s.week,
		holidays: map[date.Date]bool{}, special: map[date.Date][]Span{}}
	days := slices.Clone(s.holidays)
	for _, d := range s.holidays {
		o.holidays[d] = true
	}
	for _, sp := range s.specials {
		o.special[sp.day] = sp.spans
		days = append(days, sp.day)
	}
	if len(days) > 0 {
		o.first, o.last = slices.Min(days), slices.Max(days)
	}
	return o
}

// spansOn returns the opening hours of local date d.
func (o oracle) spansOn(d date.Date) []Span {
	if sp, ok := o.special[d]; ok {
		return sp
	}
	if o.holidays[d] {
		return nil
	}
	return o.week[d.Weekday()]
}

// isWorkday is the definition of IsWorkday: the day has opening hours and
// is not a holiday.
func (o oracle) isWorkday(d date.Date) bool {
	if o.always {
		return true
	}
	return len(o.spansOn(d)) > 0
}

// open is the definition of an open instant.
func (o oracle) open(t time.Time) bool {
	if o.always {
		return true
	}
	w := t.In(o.loc)
	d, c := date.NewAt(w), clock.NewAt(w)
	for _, sp := range o.spansOn(d) {
		if sp.From <= c && c < sp.To {
			return true
		}
	}
	return false
}

// intervals returns the maximal open intervals clipped to [from, to), in
// order; touching intervals (overnight spans, spans that meet across a zone
// change) are merged into one.
func (o oracle) intervals(from, to time.Time) []ival {
	if !from.Before(to) {
		return nil
	}
	if o.always {
		return []ival{{from, to}}
	}
	var out []ival
	add := func(s, e time.Time) {
		if n := len(out); n > 0 && out[n-1].e.Equal(s) {
			out[n-1].e = e
			return
		}
		out = append(out, ival{s, e})
	}
	for t := from; t.Before(to); {
		_, offset := t.In(o.loc).Zone()
		segEnd, ok := nextOffsetChange(o.loc, t, to)
		if !ok {
			segEnd = to
		}
		// On the naive axis the wall clock reads as UTC and days are 24h.
		shift := time.Duration(offset) * time.Second
		ws, we := t.UTC().Add(shift), segEnd.UTC().Add(shift)
		for d := date.NewAt(ws); d.MidnightUTC().Before(we); d++ {
			midnight := d.MidnightUTC()
			for _, sp := range o.spansOn(d) {
				a := midnight.Add(time.Duration(sp.From))
				b := midnight.Add(time.Duration(sp.To))
				if a.Before(ws) {
					a = ws
				}
				if b.After(we) {
					b = we
				}
				if a.Before(b) {
					add(a.Add(-shift), b.Add(-shift))
				}
			}
		}
		t = segEnd
	}
	return out
}

// between is the open time in [from, to).
func (o oracle) between(from, to time.Time) time.Duration {
	var sum time.Duration
	for _, iv := range o.intervals(from, to) {
		sum += iv.e.Sub(iv.s)
	}
	return sum
}

const oracleChunk = 16 * 24 * time.Hour

// searchLimit is an instant after which the calendar repeats its plain week
// for at least two weeks, so a search that finds nothing before it finds
// nothing ever.
func (o oracle) searchLimit(t time.Time) time.Time {
	limit := t.Add(2 * oracleChunk)
	if o.last != 0 {
		if l := o.last.MidnightUTC().Add(3 * oracleChunk); l.After(limit) {
			limit = l
		}
	}
	return limit
}

// skipPlain returns from, or a later instant when no instant in
// [from, skipPlain(from)) can be what a search looks for: when the plain
// week has no open hours (want true) or no closed hours (want false), only
// a holiday or special day can hold such an instant, so a search may jump
// to two days before the next one. It keeps the oracle's searches short
// far from the special days (years away, in the all-zones sweep) without
// changing what they find.
func (o oracle) skipPlain(from time.Time, wantOpen bool) time.Time {
	if wantOpen && !emptyWeek(o.week) || !wantOpen && !fullWeek(o.week) {
		return from
	}
	// The local day of an instant is within one day of its UTC day, zone
	// offsets being under 24 hours.
	day := date.NewAt(from.UTC())
	var next date.Date
	found := false
	for d := range o.holidays {
		if d >= day-1 && (!found || d < next) {
			next, found = d, true
		}
	}
	for d := range o.special {
		if d >= day-1 && (!found || d < next) {
			next, found = d, true
		}
	}
	if !found {
		return from // the searches stop by themselves past the last one
	}
	// Every local day from from's to u's is plain: u's local day is
	// next-3 or next-2.
	if u := (next - 2).MidnightUTC(); u.After(from) {
		return u
	}
	return from
}

// skipPlainBack mirrors skipPlain for the backward search of add, which
// looks for open time only: it returns to, or an earlier instant such that
// [skipPlainBack(to), to) holds no open time.
func (o oracle) skipPlainBack(to time.Time) time.Time {
	if !emptyWeek(o.week) {
		return to
	}
	day := date.NewAt(to.UTC())
	var prev date.Date
	found := false
	for d := range o.special {
		if d <= day+1 && (!found || d > prev) {
			prev, found = d, true
		}
	}
	if !found {
		return to
	}
	// u's local day is prev+1 or prev+2, and no special day lies between
	// it and to's.
	if u := (prev + 2).MidnightUTC(); u.Before(to) {
		return u
	}
	return to
}

// fullWeek reports whether every day of w is open 00:00-24:00.
func fullWeek(w Week) bool {
	for _, spans := range w {
		var sum clock.Clock
		for _, sp := range spans {
			sum += sp.To - sp.From
		}
		if sum != 24*clock.Hour {
			return false
		}
	}
	return true
}

// nextOpen is the first open instant at or after t; zero if none.
func (o oracle) nextOpen(t time.Time) time.Time {
	if o.open(t) {
		return t
	}
	limit := o.searchLimit(t)
	for from := t; from.Before(limit); from = from.Add(oracleChunk) {
		from = o.skipPlain(from, true)
		if ivs := o.intervals(from, from.Add(oracleChunk)); len(ivs) > 0 {
			return ivs[0].s
		}
	}
	return time.Time{}
}

// nextClose is the first closed instant at or after t; zero if none.
func (o oracle) nextClose(t time.Time) time.Time {
	if !o.open(t) {
		return t
	}
	if o.always {
		return time.Time{}
	}
	limit := o.searchLimit(t)
	for from := t; from.Before(limit); {
		if u := o.skipPlain(from, false); u.After(from) {
			from = u // open all the way to u
		}
		to := from.Add(oracleChunk)
		ivs := o.intervals(from, to)
		if len(ivs) == 0 || !ivs[0].s.Equal(from) {
			return from // cannot happen: from is open
		}
		if ivs[0].e.Before(to) {
			return ivs[0].e
		}
		from = to
	}
	return time.Time{}
}

// add is the definition of Add: for d > 0 the first u with
// between(t, u) == d, for d < 0 the last u <= t with between(u, t) == -d,
// and the zero time when there is no such instant (only possible when the
// week has no hours, so no open time lies beyond the special days).
func (o oracle) add(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return t
	}
	if o.always {
		return t.Add(d)
	}
	closedWeek := emptyWeek(o.week)
	if closedWeek && len(o.special) == 0 {
		return time.Time{} // never open
	}
	if d > 0 {
		rem := d
		for from := t; ; {
			if closedWeek && from.After(o.last.MidnightUTC().Add(48*time.Hour)) {
				return time.Time{}
			}
			from = o.skipPlain(from, true) // no open time skipped
			to := from.Add(oracleChunk)
			for _, iv := range o.intervals(from, to) {
				if l := iv.e.Sub(iv.s); rem <= l {
					return iv.s.Add(rem)
				} else {
					rem -= l
				}
			}
			from = to
		}
	}
	rem := -d
	for to := t; ; {
		if closedWeek && to.Before(o.first.MidnightUTC().Add(-48*time.Hour)) {
			return time.Time{}
		}
		to = o.skipPlainBack(to) // no open time skipped
		from := to.Add(-oracleChunk)
		ivs := o.intervals(from, to)
		for i := len(ivs) - 1; i >= 0; i-- {
			if l := ivs[i].e.Sub(ivs[i].s); rem <= l {
				return ivs[i].e.Add(-rem)
			} else {
				rem -= l
			}
		}
		to = from
	}
}

// ---------------------------------------------------------------------------
// Shared helpers for the tests.

var (
	chicago   = mustLoad("America/Chicago")
	london    = mustLoad("Europe/London")
	lordHowe  = mustLoad("Australia/Lord_Howe")
	kathmand  = mustLoad("Asia/Kathmandu")
	testZones = []*time.Location{chicago, london, lordHowe, kathmand, time.UTC}
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// hm is a clock on a whole minute; hm(24, 0) is the end of the day.
func hm(h, m int) clock.Clock { return clock.New(h, m, 0, 0) }

// span is a Span from h1:m1 to h2:m2.
func span(h1, m1, h2, m2 int) Span { return Span{hm(h1, m1), hm(h2, m2)} }

// allDay is the 00:00-24:00 span.
var allDay = span(0, 0, 24, 0)

// allWeek opens every day of the week with spans.
func allWeek(spans ...Span) Week {
	var w Week
	for d := range w {
		w[d] = spans
	}
	return w
}

// at is the wall-clock instant y-m-d h:min in loc.
func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// transitions returns the zone changes of loc in [from, to).
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	for t := from; ; {
		next, ok := nextOffsetChange(loc, t, to)
		if !ok {
			return out
		}
		out = append(out, next.In(loc))
		t = next
	}
}

// nextOffsetChange returns the first instant in (t, limit] at which loc's
// UTC offset differs from its offset at t. It reads only Time.Zone: it
// probes every 6 hours (no zone changes its offset twice within 6 hours)
// and bisects to the nanosecond. It deliberately does not use
// Time.ZoneBounds, which Go gets wrong in leap years served by a zone's TZ
// rule (golang/go#81583: in America/Chicago the period holding
// 2040-12-31 06:00 CST "ends" at 2040-12-30 18:00, before the instant).
func nextOffsetChange(loc *time.Location, t, limit time.Time) (time.Time, bool) {
	_, off := t.In(loc).Zone()
	for lo := t; lo.Before(limit); {
		hi := lo.Add(6 * time.Hour)
		if hi.After(limit) {
			hi = limit
		}
		if _, o := hi.In(loc).Zone(); o == off {
			lo = hi
			continue
		}
		for hi.Sub(lo) > 1 {
			mid := lo.Add(hi.Sub(lo) / 2)
			if _, o := mid.In(loc).Zone(); o == off {
				lo = mid
			} else {
				hi = mid
			}
		}
		return hi, true
	}
	return time.Time{}, false
}

// ---------------------------------------------------------------------------
// Random calendars and instants, shared by the property and oracle tests.

type gen struct {
	r    *rand.Rand
	loc  *time.Location
	hubs []time.Time // instants that tests cluster around
}

func newGen(seed uint64, loc *time.Location) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x5eed)), loc: loc}
	from, to := at(loc, 2023, 1, 1, 0, 0), at(loc, 2027, 1, 1, 0, 0)
	g.hubs = append(g.hubs, transitions(loc, from, to)...)
	for y := 2024; y <= 2026; y++ {
		g.hubs = append(g.hubs, at(loc, y, 1, 1, 0, 0)) // year ends
	}
	g.hubs = append(g.hubs, at(loc, 2024, 2, 29, 12, 0)) // leap day
	// 1985-86: Kathmandu's +05:30 -> +05:45 jump, Lord Howe's last
	// one-hour DST
	g.hubs = append(g.hubs, transitions(loc, at(loc, 1985, 6, 1, 0, 0), at(loc, 1986, 6, 1, 0, 0))...)
	if tr := transitions(loc, at(loc, 2039, 1, 1, 0, 0), at(loc, 2040, 1, 1, 0, 0)); len(tr) > 0 {
		g.hubs = append(g.hubs, tr[0]) // past the 2037 end of the zone tables
	}
	return g
}

// minute returns a random clock on a whole minute in [lo, hi] hours.
func (g *gen) clock(lo, hi int) clock.Clock {
	steps := []int{60, 30, 15, 1}
	step := steps[g.r.IntN(len(steps))]
	n := (hi - lo) * 60 / step
	return hm(lo, 0) + clock.Clock(g.r.IntN(n+1)*step)*clock.Minute
}

// spans returns 1..3 random ordered, non-touching spans within a day.
func (g *gen) spans() []Span {
	switch g.r.IntN(11) {
	case 0:
		return []Span{allDay}
	case 1:
		return []Span{span(9, 0, 12, 0), span(13, 0, 17, 0)} // lunch break
	case 2:
		return []Span{span(1, 0, 3, 0)} // the DST hours
	case 3:
		return []Span{span(0, 0, 2, 0), span(2, 30, 24, 0)}
	case 4: // touching spans: one stretch
		return []Span{span(9, 0, 12, 0), span(12, 0, 17, 0)}
	case 5:
		return []Span{span(0, 0, 12, 0), span(12, 0, 24, 0)}
	case 6: // nanosecond edges
		from := clock.Clock(g.r.Int64N(int64(20 * time.Hour)))
		return []Span{{from, from + 1 + clock.Clock(g.r.Int64N(int64(4*time.Hour)))}}
	}
	n := 1 + g.r.IntN(3)
	cuts := make([]clock.Clock, 0, 2*n)
	for len(cuts) < 2*n {
		c := g.clock(0, 24)
		if !slices.Contains(cuts, c) {
			cuts = append(cuts, c)
		}
	}
	slices.Sort(cuts)
	out := make([]Span, n)
	for i := range out {
		out[i] = Span{cuts[2*i], cuts[2*i+1]}
	}
	return out
}

// week returns a random non-empty week in one of several styles.
func (g *gen) week() Week {
	var w Week
	switch g.r.IntN(7) {
	case 0: // office hours
		w = WorkWeek(hm(9, 0), hm(17, 0))
		if g.r.IntN(2) == 0 {
			for d := time.Monday; d <= time.Friday; d++ {
				w[d] = []Span{span(9, 0, 12, 0), span(13, 0, 17, 30)}
			}
		}
	case 1: // 24x7
		w = allWeek(allDay)
	case 2: // night shift: overnight pairs Sun-Thu 22:00 to 06:00
		for d := time.Sunday; d <= time.Friday; d++ {
			if d < time.Friday {
				w[d] = append(w[d], span(22, 0, 24, 0))
			}
			if d > time.Sunday {
				w[d] = append([]Span{span(0, 0, 6, 0)}, w[d]...)
			}
		}
	case 3: // weekdays around the clock, weekend closed
		for d := time.Monday; d <= time.Friday; d++ {
			w[d] = []Span{allDay}
		}
	case 4: // closed only in the small hours
		w = allWeek(span(0, 0, 1, 30), span(3, 0, 24, 0))
	default: // random
		for d := range w {
			if g.r.IntN(3) > 0 {
				w[d] = g.spans()
			}
		}
		if emptyWeek(w) {
			w[time.Sunday] = []Span{span(1, 30, 2, 30)} // inside the gap on DST Sundays
		}
	}
	return w
}

func emptyWeek(w Week) bool {
	for _, spans := range w {
		if len(spans) > 0 {
			return false
		}
	}
	return true
}

// day returns a random local date near a hub.
func (g *gen) day() date.Date {
	hub := g.hubs[g.r.IntN(len(g.hubs))]
	return date.NewAt(hub.In(g.loc)) + date.Date(g.r.IntN(9)-4)
}

// spec returns a random calendar spec: a week plus holidays and special days
// (half days, closed days, weekend openings) near the hubs.
func (g *gen) spec() calSpec {
	s := calSpec{loc: g.loc, week: g.week()}
	if g.r.IntN(12) == 0 { // only special days open
		s = calSpec{loc: g.loc, allowNone: true}
	}
	used := map[date.Date]bool{}
	for range g.r.IntN(6) {
		d := g.day()
		if !used[d] {
			used[d] = true
			s.holidays = append(s.holidays, d)
		}
	}
	for range g.r.IntN(5) {
		d := g.day()
		if used[d] {
			continue
		}
		used[d] = true
		var spans []Span
		switch g.r.IntN(4) {
		case 0: // closed
		case 1:
			spans = []Span{span(9, 0, 12, 0)} // half day
		case 2:
			spans = []Span{allDay}
		default:
			spans = g.spans()
		}
		s.specials = append(s.specials, special{d, spans})
	}
	return s
}

// instant returns a random instant near a hub, on a whole minute, quarter
// hour or nanosecond, in a random location.
func (g *gen) instant() time.Time {
	hub := g.hubs[g.r.IntN(len(g.hubs))]
	var t time.Time
	switch g.r.IntN(4) {
	case 0:
		t = hub.Add(time.Duration(g.r.Int64N(int64(8*24*time.Hour))) - 4*24*time.Hour)
	case 1:
		t = hub.Add(time.Duration(g.r.IntN(8*24*60)-4*24*60) * time.Minute)
	case 2:
		t = hub.Add(time.Duration(g.r.IntN(8*24*4)-4*24*4) * 15 * time.Minute)
	default:
		t = hub.Add(time.Duration(g.r.IntN(4*60)-2*60) * time.Minute)
	}
	return g.inZone(t)
}

func (g *gen) inZone(t time.Time) time.Time {
	switch g.r.IntN(3) {
	case 0:
		return t.UTC()
	case 1:
		return t.In(g.loc)
	}
	return t.In(lordHowe)
}

// duration returns a random non-zero business duration, sometimes negative.
func (g *gen) duration() time.Duration {
	var d time.Duration
	switch g.r.IntN(4) {
	case 0:
		d = time.Duration(1+g.r.IntN(72)) * 30 * time.Minute
	case 1:
		d = time.Duration(1 + g.r.Int64N(int64(5*24*time.Hour)))
	case 2:
		d = time.Duration(1+g.r.IntN(600)) * time.Minute
	default:
		d = time.Duration(1 + g.r.IntN(3))
	}
	if g.r.IntN(4) == 0 {
		d = -d
	}
	return d
}

// ---------------------------------------------------------------------------
// The oracle's own tests.

func TestOracleHandComputed(t *testing.T) {
	nineToFive := WorkWeek(hm(9, 0), hm(17, 0))
	tests := []struct {
		name     string
		spec     calSpec
		from, to time.Time
		want     time.Duration
	}{
		// plain weeks
		{"chicago 9-5 one week", calSpec{loc: chicago, week: nineToFive},
			at(chicago, 2024, 1, 8, 0, 0), at(chicago, 2024, 1, 15, 0, 0), 40 * time.Hour},
		{"chicago 9-5 week of spring-forward", calSpec{loc: chicago, week: nineToFive},
			at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 17, 0, 0), 40 * time.Hour},
		{"chicago 9-5 holiday", calSpec{loc: chicago, week: nineToFive, holidays: []date.Date{date.New(2024, 1, 10)}},
			at(chicago, 2024, 1, 8, 0, 0), at(chicago, 2024, 1, 15, 0, 0), 32 * time.Hour},
		{"chicago 9-5 half day", calSpec{loc: chicago, week: nineToFive,
			specials: []special{{date.New(2024, 1, 10), []Span{span(9, 0, 12, 0)}}}},
			at(chicago, 2024, 1, 8, 0, 0), at(chicago, 2024, 1, 15, 0, 0), 35 * time.Hour},
		{"chicago 9-5 open a Sunday", calSpec{loc: chicago, week: nineToFive,
			specials: []special{{date.New(2024, 1, 14), []Span{span(10, 0, 11, 15)}}}},
			at(chicago, 2024, 1, 8, 0, 0), at(chicago, 2024, 1, 15, 0, 0), 41*time.Hour + 15*time.Minute},
		{"chicago 9-5 mid-span to mid-span", calSpec{loc: chicago, week: nineToFive},
			at(chicago, 2024, 1, 8, 16, 30), at(chicago, 2024, 1, 9, 9, 45), 75 * time.Minute},
		// 24x7 across DST
		{"chicago 24x7 spring-forward week", calSpec{loc: chicago, week: allWeek(allDay)},
			at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 17, 0, 0), 167 * time.Hour},
		{"chicago 24x7 fall-back week", calSpec{loc: chicago, week: allWeek(allDay)},
			at(chicago, 2024, 11, 3, 0, 0), at(chicago, 2024, 11, 10, 0, 0), 169 * time.Hour},
		{"london 24x7 spring-forward day", calSpec{loc: london, week: allWeek(allDay)},
			at(london, 2024, 3, 31, 0, 0), at(london, 2024, 4, 1, 0, 0), 23 * time.Hour},
		{"london 24x7 fall-back day", calSpec{loc: london, week: allWeek(allDay)},
			at(london, 2024, 10, 27, 0, 0), at(london, 2024, 10, 28, 0, 0), 25 * time.Hour},
		{"lord howe 24x7 spring-forward day", calSpec{loc: lordHowe, week: allWeek(allDay)},
			at(lordHowe, 2024, 10, 6, 0, 0), at(lordHowe, 2024, 10, 7, 0, 0), 23*time.Hour + 30*time.Minute},
		{"lord howe 24x7 fall-back day", calSpec{loc: lordHowe, week: allWeek(allDay)},
			at(lordHowe, 2024, 4, 7, 0, 0), at(lordHowe, 2024, 4, 8, 0, 0), 24*time.Hour + 30*time.Minute},
		{"kathmandu 24x7 week", calSpec{loc: kathmand, week: allWeek(allDay)},
			at(kathmand, 2024, 12, 28, 0, 0), at(kathmand, 2025, 1, 4, 0, 0), 168 * time.Hour},
		// the DST hours themselves
		{"chicago 01:00-03:00 on spring-forward day", calSpec{loc: chicago, week: allWeek(span(1, 0, 3, 0))},
			at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 11, 0, 0), time.Hour},
		{"chicago 01:00-03:00 on fall-back day", calSpec{loc: chicago, week: allWeek(span(1, 0, 3, 0))},
			at(chicago, 2024, 11, 3, 0, 0), at(chicago, 2024, 11, 4, 0, 0), 3 * time.Hour},
		{"chicago 02:00-02:30 skipped", calSpec{loc: chicago, week: allWeek(span(2, 0, 2, 30))},
			at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 11, 0, 0), 0},
		{"lord howe 01:45-02:15 on fall-back day", calSpec{loc: lordHowe, week: allWeek(span(1, 45, 2, 15))},
			at(lordHowe, 2024, 4, 7, 0, 0), at(lordHowe, 2024, 4, 8, 0, 0), 45 * time.Minute}, // 01:45-02:00 +11 (15m), then 01:45-02:15 +1030 (30m)
		{"lord howe 02:15-03:00 on spring-forward day", calSpec{loc: lordHowe, week: allWeek(span(2, 15, 3, 0))},
			at(lordHowe, 2024, 10, 6, 0, 0), at(lordHowe, 2024, 10, 7, 0, 0), 30 * time.Minute},
		// overnight
		{"london night shift across fall-back", calSpec{loc: london, week: func() Week {
			var w Week
			w[time.Saturday] = []Span{span(22, 0, 24, 0)}
			w[time.Sunday] = []Span{span(0, 0, 6, 0)}
			return w
		}()}, at(london, 2024, 10, 26, 0, 0), at(london, 2024, 10, 28, 0, 0), 9 * time.Hour},
		// backwards and empty ranges
		{"backwards", calSpec{loc: chicago, week: nineToFive},
			at(chicago, 2024, 1, 15, 0, 0), at(chicago, 2024, 1, 8, 0, 0), 0},
		{"empty", calSpec{loc: chicago, week: nineToFive},
			at(chicago, 2024, 1, 8, 10, 0), at(chicago, 2024, 1, 8, 10, 0), 0},
		{"zero calendar", calSpec{zero: true},
			at(chicago, 2024, 3, 9, 0, 0), at(chicago, 2024, 3, 11, 0, 0), 47 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.spec.oracle()
			assert.Equal(t, tt.want, o.between(tt.from, tt.to), "between(%v, %v)", tt.from, tt.to)
			assert.Equal(t, tt.want, o.between(tt.from.UTC(), tt.to.In(kathmand)), "between in other zones")
		})
	}
}

func TestOracleQueriesHandComputed(t *testing.T) {
	o := calSpec{loc: chicago, week: WorkWeek(hm(9, 0), hm(17, 0))}.oracle()
	fri5 := at(chicago, 2024, 3, 8, 17, 0)
	mon9 := at(chicago, 2024, 3, 11, 9, 0) // CDT
	assert.True(t, o.nextOpen(fri5).Equal(mon9))
	assert.True(t, o.nextClose(mon9).Equal(at(chicago, 2024, 3, 11, 17, 0)))
	assert.True(t, o.nextClose(fri5).Equal(fri5))
	assert.True(t, o.add(at(chicago, 2024, 3, 8, 16, 0), 2*time.Hour).Equal(at(chicago, 2024, 3, 11, 10, 0)))
	assert.True(t, o.add(at(chicago, 2024, 3, 8, 16, 0), time.Hour).Equal(fri5), "first u, not Monday 09:00")
	assert.True(t, o.add(at(chicago, 2024, 3, 11, 10, 0), -time.Hour).Equal(mon9), "last u, not Friday 17:00")
	assert.True(t, o.add(at(chicago, 2024, 3, 11, 10, 0), -2*time.Hour).Equal(at(chicago, 2024, 3, 8, 16, 0)))
	assert.True(t, o.add(mon9, 0).Equal(mon9))

	night := calSpec{loc: chicago, week: func() Week {
		var w Week
		w[time.Monday] = []Span{span(22, 0, 24, 0)}
		w[time.Tuesday] = []Span{span(0, 0, 6, 0)}
		return w
	}()}.oracle()
	ivs := night.intervals(at(chicago, 2024, 1, 8, 0, 0), at(chicago, 2024, 1, 10, 0, 0))
	require.Len(t, ivs, 1, "overnight spans merge")
	assert.True(t, ivs[0].s.Equal(at(chicago, 2024, 1, 8, 22, 0)))
	assert.True(t, ivs[0].e.Equal(at(chicago, 2024, 1, 9, 6, 0)))
	assert.True(t, night.nextClose(at(chicago, 2024, 1, 8, 23, 0)).Equal(at(chicago, 2024, 1, 9, 6, 0)))

	always := calSpec{loc: london, week: allWeek(allDay)}.oracle()
	assert.True(t, always.nextClose(at(london, 2024, 1, 1, 0, 0)).IsZero(), "24x7 never closes")
	holiday := calSpec{loc: london, week: allWeek(allDay), holidays: []date.Date{date.New(2024, 3, 31)}}.oracle()
	assert.True(t, holiday.nextClose(at(london, 2024, 1, 1, 0, 0)).Equal(at(london, 2024, 3, 31, 0, 0)))
	assert.True(t, holiday.nextOpen(at(london, 2024, 3, 31, 12, 0)).Equal(at(london, 2024, 4, 1, 0, 0)))
}

// TestOracleZoneChanges checks the oracle's zone-change finder against
// Time.ZoneBounds in years where ZoneBounds is right, and at the leap-year
// end where it is not.
func TestOracleZoneChanges(t *testing.T) {
	for _, loc := range testZones {
		from, to := at(loc, 2020, 1, 1, 0, 0), at(loc, 2028, 1, 1, 0, 0)
		// The reference walks real time an hour at a time and bisects each
		// hour in which the offset changed: ZoneBounds cannot be the
		// reference, since past a zone's tabled transitions it can report a
		// period end that has already passed (and a loop on it never ends).
		var want []time.Time
		offset := func(t time.Time) int { _, o := t.Zone(); return o }
		for u := from; u.Before(to); u = u.Add(time.Hour) {
			next := u.Add(time.Hour)
			if offset(u) == offset(next) {
				continue
			}
			lo, hi := u, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if offset(mid) == offset(u) {
					lo = mid
				} else {
					hi = mid
				}
			}
			want = append(want, hi)
		}
		got := transitions(loc, from, to)
		require.Equal(t, len(want), len(got), "%s: %v, want %v", loc, got, want)
		for i := range want {
			assert.True(t, got[i].Equal(want[i]), "%s: change %d at %s, want %s", loc, i, fmtT(got[i]), fmtT(want[i]))
		}
	}
	// Past the 2040 leap-year end the changes go on, two a year.
	got := transitions(chicago, at(chicago, 2040, 6, 1, 0, 0), at(chicago, 2042, 6, 1, 0, 0))
	want := []time.Time{ // 01:00 CST / 03:00 CDT, given in UTC where the wall clock repeats
		at(time.UTC, 2040, 11, 4, 7, 0), at(chicago, 2041, 3, 10, 3, 0), at(time.UTC, 2041, 11, 3, 7, 0), at(chicago, 2042, 3, 9, 3, 0)}
	require.Len(t, got, len(want), "%v", got)
	for i := range want {
		assert.True(t, got[i].Equal(want[i]), "change %d at %s, want %s", i, fmtT(got[i]), fmtT(want[i]))
	}
}

// TestOracleAgainstMinuteWalk checks the exact interval oracle against the
// definition (open) evaluated at every minute of real time.
func TestOracleAgainstMinuteWalk(t *testing.T) {
	for zi, loc := range testZones {
		g := newGen(uint64(100+zi), loc)
		for range 40 {
			s := g.spec()
			if !s.onWholeMinutes() {
				continue // the minute walk is exact only for whole-minute spans
			}
			o := s.oracle()
			from := g.instant().Truncate(time.Minute)
			to := from.Add(time.Duration(1+g.r.IntN(3*24*60)) * time.Minute)
			var walked time.Duration
			for m := from; m.Before(to); m = m.Add(time.Minute) {
				if o.open(m) {
					walked += time.Minute
				}
			}
			require.Equal(t, walked, o.between(from, to), "%s: between(%v, %v)", s, from, to)
			// every interval edge is a change of open
			for _, iv := range o.intervals(from, to) {
				require.True(t, o.open(iv.s), "%s: open at start of %v", s, iv)
				require.True(t, o.open(iv.e.Add(-time.Nanosecond)), "%s: open at end of %v", s, iv)
				if iv.s.After(from) {
					require.False(t, o.open(iv.s.Add(-time.Nanosecond)), "%s: closed before %v", s, iv)
				}
				if iv.e.Before(to) {
					require.False(t, o.open(iv.e), "%s: closed after %v", s, iv)
				}
			}
			// open agrees with membership of the intervals at arbitrary instants
			ivs := o.intervals(from.Add(-24*time.Hour), to.Add(24*time.Hour))
			for range 50 {
				u := g.instant()
				if u.Before(from.Add(-24*time.Hour)) || !u.Before(to.Add(24*time.Hour)) {
					continue
				}
				in := slices.ContainsFunc(ivs, func(iv ival) bool { return !u.Before(iv.s) && u.Before(iv.e) })
				require.Equal(t, o.open(u), in, "%s: open(%v)", s, u)
			}
		}
	}
}
