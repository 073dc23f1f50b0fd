package sla

// Property tests: random calendars (lunch breaks, overnight pairs, 24-hour
// days, spans in the DST hours, holidays, half days, weekend openings) in
// America/Chicago, Europe/London, Australia/Lord_Howe (30-minute DST),
// Asia/Kathmandu (+05:45) and UTC, queried at random instants clustered
// around DST changes, year ends and the 2024 leap day, and at the exact
// edges of open intervals. Every query is compared with the brute-force
// oracle in oracle_test.go, and the algebraic laws of Between and Add are
// checked directly. The seeds are fixed, so every run is the same.

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	propCalendars = 30 // random calendars per zone
	propQueries   = 25 // random queries per calendar
)

// propCase is one random calendar with its oracle.
type propCase struct {
	spec calSpec
	cal  Calendar
	o    oracle
}

// forEachCalendar runs body for propCalendars random calendars in each test
// zone, plus the zero Calendar once per zone. A subtest stops after a few
// failures so that one bug does not bury the report.
func forEachCalendar(t *testing.T, seed uint64, body func(t *testing.T, g *gen, pc propCase) bool) {
	for zi, loc := range testZones {
		t.Run(loc.String(), func(t *testing.T) {
			g := newGen(seed*100+uint64(zi), loc)
			failures := 0
			for i := range propCalendars + 1 {
				spec := calSpec{zero: true}
				if i < propCalendars {
					spec = g.spec()
				}
				pc := propCase{spec: spec, cal: spec.mustBuild(t), o: spec.oracle()}
				for range propQueries {
					if !body(t, g, pc) {
						failures++
						if failures >= 5 {
							t.Log("stopping after 5 failures")
							return
						}
					}
				}
			}
		})
	}
}

// pick returns a random instant: usually near a hub, sometimes exactly on
// the edge of an open interval or a nanosecond either side of one.
func pick(g *gen, o oracle) time.Time {
	t := g.instant()
	if g.r.IntN(3) > 0 {
		return t
	}
	ivs := o.intervals(t.Add(-36*time.Hour), t.Add(36*time.Hour))
	if len(ivs) == 0 {
		return t
	}
	iv := ivs[g.r.IntN(len(ivs))]
	edge := iv.s
	if g.r.IntN(2) == 0 {
		edge = iv.e
	}
	return g.inZone(edge.Add(time.Duration(g.r.IntN(3) - 1)))
}

func fmtT(t time.Time) string {
	if t.IsZero() {
		return "zero time"
	}
	return t.Format("2006-01-02 15:04:05.999999999 -0700 MST")
}

func sameInstant(a, b time.Time) bool {
	return a.Equal(b) && a.IsZero() == b.IsZero()
}

// expect reports a failure with the calendar in the message and returns ok.
func expect(t *testing.T, ok bool, pc propCase, format string, args ...any) bool {
	t.Helper()
	if !ok {
		t.Errorf("%s\n\tcalendar: %s", fmt.Sprintf(format, args...), pc.spec)
	}
	return ok
}

func TestPropertyOpenMatchesOracle(t *testing.T) {
	forEachCalendar(t, 1, func(t *testing.T, g *gen, pc propCase) bool {
		u := pick(g, pc.o)
		ok := expect(t, pc.cal.Open(u) == pc.o.open(u), pc, "Open(%s) = %v, want %v", fmtT(u), pc.cal.Open(u), pc.o.open(u))
		d := g.day()
		return expect(t, pc.cal.IsWorkday(d) == pc.o.isWorkday(d), pc,
			"IsWorkday(%s) = %v, want %v", d, pc.cal.IsWorkday(d), pc.o.isWorkday(d)) && ok
	})
}

func TestPropertyNextOpenNextCloseMatchOracle(t *testing.T) {
	forEachCalendar(t, 2, func(t *testing.T, g *gen, pc propCase) bool {
		u := pick(g, pc.o)
		gotOpen, wantOpen := pc.cal.NextOpen(u), pc.o.nextOpen(u)
		ok := expect(t, sameInstant(gotOpen, wantOpen), pc, "NextOpen(%s) = %s, want %s", fmtT(u), fmtT(gotOpen), fmtT(wantOpen))
		gotClose, wantClose := pc.cal.NextClose(u), pc.o.nextClose(u)
		return expect(t, sameInstant(gotClose, wantClose), pc, "NextClose(%s) = %s, want %s", fmtT(u), fmtT(gotClose), fmtT(wantClose)) && ok
	})
}

func TestPropertyBetweenMatchesOracle(t *testing.T) {
	forEachCalendar(t, 3, func(t *testing.T, g *gen, pc propCase) bool {
		a, b := pick(g, pc.o), pick(g, pc.o)
		if g.r.IntN(4) == 0 {
			b = a.Add(time.Duration(g.r.Int64N(int64(3 * time.Hour))))
		}
		got, want := pc.cal.Between(a, b), pc.o.between(a, b)
		ok := expect(t, got == want, pc, "Between(%s, %s) = %v, want %v", fmtT(a), fmtT(b), got, want)
		if b.After(a) {
			ok = expect(t, got >= 0 && got <= b.Sub(a), pc, "Between(%s, %s) = %v, outside [0, %v]", fmtT(a), fmtT(b), got, b.Sub(a)) && ok
			back := pc.cal.Between(b, a)
			ok = expect(t, back == 0, pc, "Between(%s, %s) = %v for a backwards range, want 0", fmtT(b), fmtT(a), back) && ok
		}
		return ok
	})
}

func TestPropertyBetweenAdditive(t *testing.T) {
	forEachCalendar(t, 4, func(t *testing.T, g *gen, pc propCase) bool {
		x := []time.Time{pick(g, pc.o), pick(g, pc.o), pick(g, pc.o)}
		for i := range x { // sort
			for j := i + 1; j < len(x); j++ {
				if x[j].Before(x[i]) {
					x[i], x[j] = x[j], x[i]
				}
			}
		}
		a, b, c := x[0], x[1], x[2]
		ab, bc, ac := pc.cal.Between(a, b), pc.cal.Between(b, c), pc.cal.Between(a, c)
		return expect(t, ab+bc == ac, pc, "Between(a,b)+Between(b,c) = %v + %v != Between(a,c) = %v\n\ta=%s b=%s c=%s",
			ab, bc, ac, fmtT(a), fmtT(b), fmtT(c))
	})
}

func TestPropertyAddMatchesOracle(t *testing.T) {
	forEachCalendar(t, 5, func(t *testing.T, g *gen, pc propCase) bool {
		u := pick(g, pc.o)
		d := g.duration()
		got, want := pc.cal.Add(u, d), pc.o.add(u, d)
		ok := expect(t, sameInstant(got, want), pc, "Add(%s, %v) = %s, want %s", fmtT(u), d, fmtT(got), fmtT(want))
		zero := pc.cal.Add(u, 0)
		return expect(t, sameInstant(zero, u), pc, "Add(%s, 0) = %s, want t", fmtT(u), fmtT(zero)) && ok
	})
}

// TestPropertyAddInvertsBetween checks the laws of Add without the oracle:
// Between(t, Add(t, d)) == d; Add lands on the first such instant (one
// nanosecond earlier is short), so it is never strictly inside a closed gap;
// for d < 0 it is the last such instant; and Add is monotone in d.
func TestPropertyAddInvertsBetween(t *testing.T) {
	forEachCalendar(t, 6, func(t *testing.T, g *gen, pc propCase) bool {
		u := pick(g, pc.o)
		d := g.duration()
		if d < 0 {
			d = -d
		}
		ok := true
		fwd, back := pc.cal.Add(u, d), pc.cal.Add(u, -d)
		if fwd.IsZero() || back.IsZero() { // never enough open time: only on AllowNoOpeningHours calendars
			return expect(t, pc.spec.allowNone && sameInstant(fwd, pc.o.add(u, d)) && sameInstant(back, pc.o.add(u, -d)), pc,
				"Add(%s, ±%v) = %s, %s; want %s, %s", fmtT(u), d, fmtT(fwd), fmtT(back), fmtT(pc.o.add(u, d)), fmtT(pc.o.add(u, -d)))
		}
		if got := pc.cal.Between(u, fwd); got != d {
			ok = expect(t, false, pc, "Between(t, Add(t, d)) = %v, want d = %v (t=%s, Add=%s)", got, d, fmtT(u), fmtT(fwd))
		}
		if got := pc.cal.Between(u, fwd.Add(-1)); got >= d {
			ok = expect(t, false, pc, "Add(%s, %v) = %s is not the first instant: Between(t, Add-1ns) = %v", fmtT(u), d, fmtT(fwd), got)
		}
		if !pc.o.open(fwd.Add(-1)) {
			ok = expect(t, false, pc, "Add(%s, %v) = %s lands after a closed gap (closed 1ns before)", fmtT(u), d, fmtT(fwd))
		}
		if got := pc.cal.Between(back, u); got != d {
			ok = expect(t, false, pc, "Between(Add(t, -d), t) = %v, want d = %v (t=%s, Add=%s)", got, d, fmtT(u), fmtT(back))
		}
		if got := pc.cal.Between(back.Add(1), u); got >= d {
			ok = expect(t, false, pc, "Add(%s, -%v) = %s is not the last instant: Between(Add+1ns, t) = %v", fmtT(u), d, fmtT(back), got)
		}
		d2 := d + time.Duration(g.r.Int64N(int64(10*time.Hour)))
		if fwd2 := pc.cal.Add(u, d2); !fwd2.IsZero() && fwd2.Before(fwd) {
			ok = expect(t, false, pc, "Add not monotone: Add(t, %v) = %s before Add(t, %v) = %s (t=%s)", d2, fmtT(fwd2), d, fmtT(fwd), fmtT(u))
		}
		if back2 := pc.cal.Add(u, -d2); back2.After(back) {
			ok = expect(t, false, pc, "Add not monotone: Add(t, -%v) = %s after Add(t, -%v) = %s (t=%s)", d2, fmtT(back2), d, fmtT(back), fmtT(u))
		}
		// Add from the result of Add chains: Add(Add(t, d), e) == Add(t, d+e) for d, e > 0.
		e := time.Duration(1 + g.r.Int64N(int64(6*time.Hour)))
		if a, b := pc.cal.Add(fwd, e), pc.cal.Add(u, d+e); !sameInstant(a, b) {
			ok = expect(t, false, pc, "Add(Add(t, %v), %v) = %s, Add(t, %v) = %s (t=%s)", d, e, fmtT(a), d+e, fmtT(b), fmtT(u))
		}
		return ok
	})
}

// TestPropertyIntervalsTile checks that Intervals yields exactly the open
// time of [from, to): ordered, non-empty, maximal (touching stretches such as
// overnight spans come as one interval), inside the range, summing to
// Between and equal to the oracle's intervals; and that it stops when yield
// returns false.
func TestPropertyIntervalsTile(t *testing.T) {
	forEachCalendar(t, 7, func(t *testing.T, g *gen, pc propCase) bool {
		from := pick(g, pc.o)
		to := from.Add(time.Duration(g.r.Int64N(int64(5 * 24 * time.Hour))))
		var got []ival
		var sum time.Duration
		for s, e := range pc.cal.Intervals(from, to) {
			got = append(got, ival{s, e})
			sum += e.Sub(s)
			if len(got) > 10000 {
				break
			}
		}
		want := pc.o.intervals(from, to)
		ok := expect(t, sum == pc.cal.Between(from, to), pc, "Intervals(%s, %s) sum to %v, Between = %v",
			fmtT(from), fmtT(to), sum, pc.cal.Between(from, to))
		same := len(got) == len(want)
		for i := 0; same && i < len(got); i++ {
			same = got[i].s.Equal(want[i].s) && got[i].e.Equal(want[i].e)
		}
		ok = expect(t, same, pc, "Intervals(%s, %s) = %v, want %v", fmtT(from), fmtT(to), got, want) && ok
		for i, iv := range got {
			if !iv.s.Before(iv.e) || iv.s.Before(from) || iv.e.After(to) || (i > 0 && !got[i-1].e.Before(iv.s)) {
				ok = expect(t, false, pc, "Intervals(%s, %s): bad interval #%d %v in %v", fmtT(from), fmtT(to), i, iv, got)
				break
			}
		}
		if len(want) >= 2 {
			n := 0
			for range pc.cal.Intervals(from, to) {
				n++
				if n == 1 {
					break
				}
			}
			ok = expect(t, n == 1, pc, "Intervals did not stop when yield returned false") && ok
		}
		return ok
	})
}

// TestPropertyResultsInCallerLocation checks that instants come back in the
// caller's location (house convention), whatever zone the calendar uses.
func TestPropertyResultsInCallerLocation(t *testing.T) {
	forEachCalendar(t, 8, func(t *testing.T, g *gen, pc propCase) bool {
		u := pick(g, pc.o)
		ok := true
		for name, got := range map[string]time.Time{
			"Add":       pc.cal.Add(u, g.duration()),
			"NextOpen":  pc.cal.NextOpen(u),
			"NextClose": pc.cal.NextClose(u),
		} {
			if !got.IsZero() && got.Location() != u.Location() {
				ok = expect(t, false, pc, "%s(%s) returned an instant in %s, want the caller's %s", name, fmtT(u), got.Location(), u.Location()) && ok
			}
		}
		return ok
	})
}

// TestPropertyWorkdaysAroundHubs checks IsWorkday on every day around each
// hub, not just random ones, for a few calendars per zone.
func TestPropertyWorkdaysAroundHubs(t *testing.T) {
	for zi, loc := range testZones {
		g := newGen(900+uint64(zi), loc)
		for range 10 {
			spec := g.spec()
			cal, o := spec.mustBuild(t), spec.oracle()
			for _, hub := range g.hubs {
				c := date.NewAt(hub.In(loc))
				for d := c - 5; d <= c+5; d++ {
					require.Equal(t, o.isWorkday(d), cal.IsWorkday(d), "IsWorkday(%s)\n\tcalendar: %s", d, spec)
				}
			}
		}
	}
}

// TestCalendarIsImmutable: changing the slices given to NewCalendar, or
// those its accessors return, does not change the calendar.
func TestCalendarIsImmutable(t *testing.T) {
	week := WorkWeek(hm(9, 0), hm(17, 0))
	half := []Span{span(9, 0, 12, 0)}
	days := []date.Date{date.New(2024, 12, 25)}
	cal, err := NewCalendar(chicago, week, Holidays(days...), Special(date.New(2024, 12, 24), half...))
	require.NoError(t, err)
	spec := office(chicago, date.New(2024, 12, 25))
	spec.specials = []special{{date.New(2024, 12, 24), []Span{span(9, 0, 12, 0)}}}
	check := func(when string) {
		t.Helper()
		for _, u := range []time.Time{at(chicago, 2024, 12, 23, 0, 0), at(chicago, 2024, 12, 24, 11, 0), at(chicago, 2024, 12, 25, 10, 0)} {
			assert.Equal(t, spec.oracle().between(u, u.Add(72*time.Hour)), cal.Between(u, u.Add(72*time.Hour)), "%s: Between from %s", when, fmtT(u))
		}
	}
	check("as built")
	week[time.Monday][0] = span(0, 0, 24, 0)
	week[time.Tuesday] = nil
	half[0] = span(0, 0, 24, 0)
	days[0] = date.New(2024, 12, 26)
	check("after changing the inputs")
	w := cal.Week()
	w[time.Monday][0] = span(0, 0, 24, 0)
	w[time.Wednesday] = nil
	for _, d := range cal.SpecialDays() {
		if len(d.Spans) > 0 {
			d.Spans[0] = span(0, 0, 24, 0)
		}
	}
	check("after changing what the accessors returned")
}

// TestConcurrentQueries runs the same queries from several goroutines on
// one calendar (run with -race): a Calendar is safe for concurrent use.
func TestConcurrentQueries(t *testing.T) {
	g := newGen(4242, chicago)
	spec := g.spec()
	cal := spec.mustBuild(t)
	type query struct {
		a, b time.Time
		d    time.Duration
	}
	qs := make([]query, 50)
	for i := range qs {
		qs[i] = query{g.instant(), g.instant(), g.duration()}
	}
	want := make([]time.Duration, len(qs))
	for i, q := range qs {
		want[i] = cal.Between(q.a, q.b) + cal.Between(q.a, cal.Add(q.a, q.d))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(qs))
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, q := range qs {
				cal.Open(q.a)
				cal.NextOpen(q.a)
				cal.NextClose(q.b)
				for range cal.Intervals(q.a, q.b) {
				}
				if got := cal.Between(q.a, q.b) + cal.Between(q.a, cal.Add(q.a, q.d)); got != want[i] {
					errs <- fmt.Sprintf("query %d: %v, want %v", i, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestEqualMeansSameBehaviour: calendars built from the same configuration
// are Equal; calendars that behave differently are not (Equal compares the
// zone by name, so two fixed zones with one name are the hard case).
func TestEqualMeansSameBehaviour(t *testing.T) {
	for zi, loc := range testZones {
		g := newGen(5150+uint64(zi), loc)
		for range 10 {
			spec := g.spec()
			a, b := spec.mustBuild(t), spec.mustBuild(t)
			assert.True(t, a.Equal(b), "two builds of %s are not Equal", spec)
			d := g.day()
			for {
				if _, ok := spec.oracle().special[d]; !ok && !spec.oracle().holidays[d] {
					break
				}
				d++
			}
			other := spec
			other.holidays = append(slices.Clone(spec.holidays), d)
			if len(spec.oracle().spansOn(d)) > 0 {
				assert.False(t, a.Equal(other.mustBuild(t)), "adding holiday %s to %s gives an Equal calendar", d, spec)
			}
			// HoursOn is the configuration the oracle uses.
			for range 5 {
				d := g.day()
				want := spec.oracle().spansOn(d)
				got := a.HoursOn(d)
				assert.True(t, len(got) == len(want) && (len(got) == 0 || slices.Equal(got, want)), "HoursOn(%s) = %v, want %v\n\tcalendar: %s", d, got, want, spec)
			}
		}
	}
	one, two := time.FixedZone("X", 3600), time.FixedZone("X", 7200)
	a := office(one).mustBuild(t)
	b := office(two).mustBuild(t)
	u := at(time.UTC, 2024, 1, 8, 7, 30)
	if a.Equal(b) {
		assert.Equal(t, a.Between(u, u.Add(time.Hour)), b.Between(u, u.Add(time.Hour)),
			"Equal calendars in fixed zones named %q (+01:00 and +02:00) differ on Between(%s, +1h)", "X", fmtT(u))
	}
}

// TestPropertyIntervalsLongRanges walks Intervals over ranges of up to two
// years (no oracle: too slow) and checks each interval against Open and
// the sum against Between: every start is open and, unless it is from,
// closed a nanosecond before; every end is closed, unless it is to.
func TestPropertyIntervalsLongRanges(t *testing.T) {
	forEachCalendar(t, 9, func(t *testing.T, g *gen, pc propCase) bool {
		if g.r.IntN(5) > 0 {
			return true // a fifth of the queries: each walks up to two years
		}
		from := g.instant()
		to := from.Add(time.Duration(g.r.Int64N(int64(2 * 366 * 24 * time.Hour))))
		var sum time.Duration
		prev := from
		for s, e := range pc.cal.Intervals(from, to) {
			sum += e.Sub(s)
			if !pc.cal.Open(s) || !pc.cal.Open(e.Add(-1)) || (s.After(from) && pc.cal.Open(s.Add(-1))) || (e.Before(to) && pc.cal.Open(e)) ||
				s.Before(prev) || (s.Equal(prev) && s.After(from)) || !e.After(s) || e.After(to) {
				return expect(t, false, pc, "Intervals(%s, %s): bad interval [%s, %s) after %s", fmtT(from), fmtT(to), fmtT(s), fmtT(e), fmtT(prev))
			}
			prev = e
		}
		return expect(t, sum == pc.cal.Between(from, to), pc, "Intervals(%s, %s) sum to %v, Between = %v", fmtT(from), fmtT(to), sum, pc.cal.Between(from, to))
	})
}
