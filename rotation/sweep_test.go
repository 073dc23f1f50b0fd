package rotation

import (
	"archive/zip"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// TestSweepAllZones compares At, Shifts, Handoffs and NextHandoff with a
// plain shift-walking model (below, written from the documentation and
// independent of the package's arithmetic) in every zone of the tz
// database Go ships ($GOROOT/lib/time/zoneinfo.zip, or $ZONEINFO), on
// random rotations (turns of 1 to 400 days; hand-offs at 00:00, at random
// times and inside daylight-saving gaps; swaps and absences), at instants
// in years 1 to 9999 clustered at the zones' transitions. It also checks
// that At(t) holds t and that Shifts tiles time with no gap or overlap.
//
// By default it samples (a few rotations per zone) to stay around ten
// seconds; CADENCE_SWEEP=full runs every zone with many more rotations.
func TestSweepAllZones(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep skipped in -short mode")
	}
	full := os.Getenv("CADENCE_SWEEP") == "full"
	zones := readZoneinfo(t)
	rotationsPerZone, instantsPerRotation := 2, 10
	if full {
		rotationsPerZone, instantsPerRotation = 24, 24
	}
	rng := rand.New(rand.NewPCG(11, 2026))
	start := time.Now()
	var st sweepStats
	for _, z := range zones {
		loc, err := time.LoadLocationFromTZData(z.name, z.data)
		if err != nil {
			t.Fatalf("%s: %v", z.name, err)
		}
		st.zones++
		trans := transitions(loc)
		for range rotationsPerZone {
			sweepRotation(t, rng, loc, trans, instantsPerRotation, &st)
			if t.Failed() {
				return
			}
		}
	}
	t.Logf("sweep (full=%v): %d zones, %d rotations, %d instants, %d checks in %v",
		full, st.zones, st.rotations, st.instants, st.checks, time.Since(start).Round(time.Millisecond))
}

type sweepStats struct{ zones, rotations, instants, checks int }

type tzFile struct {
	name string
	data []byte
}

// readZoneinfo reads every zone of the zip file Go ships, with
// archive/zip, so that the sweep pins its data.
func readZoneinfo(t *testing.T) []tzFile {
	path := os.Getenv("ZONEINFO")
	if path == "" || !strings.HasSuffix(path, ".zip") {
		out, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			t.Skipf("no $ZONEINFO and no go command: %v", err)
		}
		path = filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip")
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Skipf("no zoneinfo.zip: %v", err)
	}
	defer zr.Close()
	var out []tzFile
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tzFile{f.Name, b})
	}
	if len(out) < 300 {
		t.Fatalf("%s holds only %d zones", path, len(out))
	}
	return out
}

// transitions lists instants at which loc's offset changes, from 1800 to
// 2040 and around a few random years up to 9999, found by sampling and
// bisection (not by ZoneBounds, which the package uses).
func transitions(loc *time.Location) []time.Time {
	var out []time.Time
	scan := func(from, to time.Time, step time.Duration) {
		prev := from
		_, po := prev.In(loc).Zone()
		for u := from.Add(step); !u.After(to); u = u.Add(step) {
			_, o := u.In(loc).Zone()
			if o != po {
				lo, hi := prev, u
				for hi.Sub(lo) > time.Second {
					mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
					if _, mo := mid.In(loc).Zone(); mo == po {
						lo = mid
					} else {
						hi = mid
					}
				}
				out = append(out, hi)
			}
			prev, po = u, o
		}
	}
	scan(time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), 7*24*time.Hour)
	for _, y := range []int{2100, 2500, 5000, 9998} {
		scan(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), 7*24*time.Hour)
	}
	return out
}

// sweepModel is the plain model: hand-offs walked one by one with
// time.Date and the documented rule for skipped days, then overrides
// applied in the order added.
type sweepModel struct {
	loc    *time.Location
	anchor date.Date
	at     clock.Clock
	days   int
	people []string
	os     []Override[string]
}

// handoff is hand-off k: time.Date of the hand-off time on its day, unless
// the zone has no instant on that day; then the same on the next day it has.
func (m sweepModel) handoff(k int64) time.Time {
	d := m.anchor + date.Date(k*int64(m.days))
	for range 3 {
		y, mo, dd := d.Date()
		hh, mm, ss := m.at.HourMinuteSecond()
		h := time.Date(y, mo, dd, hh, mm, ss, int(m.at%clock.Second), m.loc)
		if hy, hm, hd := h.Date(); date.New(hy, hm, hd) == d || m.dayExists(d) {
			return h
		}
		d++
	}
	panic("three days skipped in a row")
}

// dayExists looks for an instant whose local day is d: the instants of a
// day form intervals that start at a transition or at a local midnight
// under one of the offsets in force nearby, so it tries those.
func (m sweepModel) dayExists(d date.Date) bool {
	y, mo, dd := d.Date()
	mid := time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC)
	var cands []time.Time
	offs := map[int]bool{}
	prev := mid.Add(-40 * time.Hour)
	_, po := prev.In(m.loc).Zone()
	offs[po] = true
	for u := prev.Add(30 * time.Minute); u.Before(mid.Add(64 * time.Hour)); u = u.Add(30 * time.Minute) {
		_, o := u.In(m.loc).Zone()
		offs[o] = true
		if o != po {
			lo, hi := prev, u
			for hi.Sub(lo) > time.Second {
				x := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if _, xo := x.In(m.loc).Zone(); xo == po {
					lo = x
				} else {
					hi = x
				}
			}
			cands = append(cands, hi)
		}
		prev, po = u, o
	}
	for o := range offs {
		cands = append(cands, mid.Add(-time.Duration(o)*time.Second))
	}
	for _, u := range cands {
		ly, lm, ld := u.In(m.loc).Date()
		if date.New(ly, lm, ld) == d {
			return true
		}
	}
	return false
}

// turn returns the turn holding t by walking hand-offs from an estimate
// made with elapsed seconds.
func (m sweepModel) turn(t time.Time) (int64, time.Time, time.Time) {
	first := m.handoff(0)
	k := (t.Unix() - first.Unix()) / (int64(m.days) * 86400)
	for i := 0; !m.handoff(k).After(t); i++ {
		k++
	}
	for m.handoff(k).After(t) {
		k--
	}
	return k, m.handoff(k), m.handoff(k + 1)
}

func (m sweepModel) base(k int64) string {
	n := int64(len(m.people))
	return m.people[((k%n)+n)%n]
}

// who applies the overrides, in the order added, to the base person.
func (m sweepModel) who(base string, t time.Time) string {
	return model(base, t, m.os)
}

// shifts returns the model's shifts overlapping [from, to): every turn is
// cut at override edges, and neighbouring pieces with the same person
// within one turn are one shift.
func (m sweepModel) shifts(from, to time.Time) []Shift[string] {
	var keep []Shift[string]
	m.walk(from, to, func(x Shift[string]) bool {
		keep = append(keep, x)
		return true
	})
	return keep
}

// walk yields the model's shifts overlapping [from, to) until yield
// returns false.
func (m sweepModel) walk(from, to time.Time, yield func(Shift[string]) bool) {
	emit := func(x Shift[string]) bool {
		if x.End.After(from) && x.Start.Before(to) {
			return yield(x)
		}
		return true
	}
	k, s, e := m.turn(from)
	for s.Before(to) {
		if s.Before(e) {
			cuts := []time.Time{s}
			for _, o := range m.os {
				for _, x := range []time.Time{o.From, o.To} {
					if x.After(s) && x.Before(e) {
						cuts = append(cuts, x)
					}
				}
			}
			sort.Slice(cuts, func(i, j int) bool { return cuts[i].Before(cuts[j]) })
			cuts = slices.CompactFunc(cuts, func(a, b time.Time) bool { return a.Equal(b) })
			cuts = append(cuts, e)
			b := m.base(k)
			var cur Shift[string]
			for i := 0; i+1 < len(cuts); i++ {
				w := m.who(b, cuts[i])
				if i > 0 && w == cur.Who {
					cur.End = cuts[i+1]
					continue
				}
				if i > 0 && !emit(cur) {
					return
				}
				cur = Shift[string]{Who: w, Start: cuts[i], End: cuts[i+1]}
			}
			if !emit(cur) {
				return
			}
		}
		k++
		s, e = e, m.handoff(k+1)
	}
}

func (m sweepModel) at1(t time.Time) Shift[string] {
	for _, s := range m.shifts(t, t.Add(1)) {
		if s.Contains(t) {
			return s
		}
	}
	return Shift[string]{}
}

// sweepRotation builds one random rotation in loc and compares it with
// the model at instants clustered around a focus.
func sweepRotation(t *testing.T, rng *rand.Rand, loc *time.Location, trans []time.Time, n int, st *sweepStats) {
	t.Helper()
	st.rotations++
	// The focus: a transition (most often) or any instant of years 1-9999.
	var focus time.Time
	if len(trans) > 0 && rng.IntN(4) != 0 {
		focus = trans[rng.IntN(len(trans))]
	} else {
		focus = time.Date(1+rng.IntN(9999), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 0, 0, 0, time.UTC)
	}
	days := 1 + rng.IntN(400)
	if rng.IntN(3) == 0 {
		days = []int{1, 2, 7, 14}[rng.IntN(4)]
	}
	local := focus.In(loc)
	var at clock.Clock
	switch rng.IntN(4) {
	case 0:
		at = 0
	case 1:
		at = clock.New(rng.IntN(24), rng.IntN(60), 0, 0)
	default:
		// The wall-clock time just before the focus's change, and a
		// minute after: inside the gap when the clocks went forward.
		before := focus.Add(-time.Second).In(loc)
		h, mi, _ := before.Clock()
		at = clock.New(h, mi, 0, 0) + clock.Clock(rng.IntN(3))*clock.Minute
		if at >= clock.Day {
			at -= clock.Day
		}
	}
	ly, lm, ld := local.Date()
	anchor := date.New(ly, lm, ld) - date.Date(days*rng.IntN(3))
	people := []string{"a", "b", "c", "d", "e"}[:1+rng.IntN(5)]
	r, err := New(loc, anchor, at, days, people...)
	if err != nil {
		t.Fatalf("New(%s, %v, %v, %d): %v", loc, anchor, at, days, err)
	}
	r = r.WithBackups("x", "y")
	m := sweepModel{loc: loc, anchor: anchor, at: at, days: days, people: people}
	if rng.IntN(2) == 0 {
		pool := append(slices.Clone(people), "x", "y")
		for range 1 + rng.IntN(6) {
			from := focus.Add(time.Duration(rng.Int64N(int64(30*24*time.Hour))) - 15*24*time.Hour)
			to := from.Add(time.Duration(1+rng.Int64N(int64(20*24*time.Hour))) * time.Nanosecond * 1000)
			if rng.IntN(4) == 0 {
				to = from.Add(time.Duration(1+rng.IntN(800)) * 24 * time.Hour)
			}
			if rng.IntN(2) == 0 {
				m.os = append(m.os, Swap(pool[rng.IntN(len(pool))], from, to))
			} else {
				a := pool[rng.IntN(len(pool))]
				b := pool[rng.IntN(len(pool))]
				if a == b {
					continue
				}
				m.os = append(m.os, Absence(a, b, from, to))
			}
		}
		if r, err = r.WithOverrides(m.os...); err != nil {
			t.Fatalf("%s: WithOverrides: %v", loc, err)
		}
	}
	desc := func() string {
		return loc.String() + " New(" + anchor.String() + ", " + at.String() + ", every " + itoa(days) + ", " + strings.Join(people, ",") + ")"
	}
	// Instants: the focus, a nanosecond either side, the model's hand-offs
	// around it, and random ones nearby.
	k0, _, _ := m.turn(focus)
	probes := []time.Time{focus, focus.Add(-1), focus.Add(1), m.handoff(k0), m.handoff(k0 + 1).Add(-1), m.handoff(k0 - 1)}
	for _, o := range m.os {
		probes = append(probes, o.From, o.To.Add(-1))
	}
	for range n {
		probes = append(probes, focus.Add(time.Duration(rng.Int64N(int64(4*24*time.Hour)))-2*24*time.Hour))
	}
	for _, x := range probes {
		st.instants++
		got := r.At(x)
		want := m.at1(x)
		st.checks += 3
		if !got.Contains(x) {
			t.Fatalf("%s: At(%v) = [%v, %v) %s does not hold it", desc(), x, got.Start, got.End, got.Who)
		}
		if got.Who != want.Who || !got.Start.Equal(want.Start) || !got.End.Equal(want.End) {
			t.Fatalf("%s: At(%v) = %s [%v, %v), model %s [%v, %v)", desc(), x, got.Who, got.Start, got.End, want.Who, want.Start, want.End)
		}
		// Shifts over the next days: equal to the model, tiling.
		to := x.Add(time.Duration(1+rng.IntN(3*24)) * time.Hour)
		ws := m.shifts(x, to)
		var gs []Shift[string]
		for s := range r.Shifts(x, to) {
			gs = append(gs, s)
		}
		st.checks += 2 + len(gs)
		if len(gs) != len(ws) {
			t.Fatalf("%s: Shifts(%v, %v) gives %d shifts, model %d:\n%v\n%v", desc(), x, to, len(gs), len(ws), gs, ws)
		}
		for i := range gs {
			if gs[i].Who != ws[i].Who || !gs[i].Start.Equal(ws[i].Start) || !gs[i].End.Equal(ws[i].End) {
				t.Fatalf("%s: Shifts(%v, %v)[%d] = %v, model %v", desc(), x, to, i, gs[i], ws[i])
			}
			if !gs[i].Start.Before(gs[i].End) || (i > 0 && !gs[i-1].End.Equal(gs[i].Start)) {
				t.Fatalf("%s: Shifts(%v, %v) do not tile at %d: %v", desc(), x, to, i, gs)
			}
		}
		if gs[0].Start.After(x) || gs[len(gs)-1].End.Before(to) {
			t.Fatalf("%s: Shifts(%v, %v) do not cover the range: %v", desc(), x, to, gs)
		}
		// Handoffs: the model's changes of person in (x, to), and at x.
		var wh []Handoff[string]
		prev := m.at1(x.Add(-1)).Who
		for _, s := range ws {
			if s.Start.Before(x) {
				prev = s.Who
				continue
			}
			if s.Who != prev {
				wh = append(wh, Handoff[string]{At: s.Start, Outgoing: prev, Incoming: s.Who})
			}
			prev = s.Who
		}
		var gh []Handoff[string]
		for h := range r.Handoffs(x, to) {
			gh = append(gh, h)
		}
		st.checks++
		if len(gh) != len(wh) {
			t.Fatalf("%s: Handoffs(%v, %v) = %v, model %v", desc(), x, to, gh, wh)
		}
		for i := range gh {
			st.checks++
			if !gh[i].At.Equal(wh[i].At) || gh[i].Outgoing != wh[i].Outgoing || gh[i].Incoming != wh[i].Incoming {
				t.Fatalf("%s: Handoffs(%v, %v)[%d] = %v, model %v", desc(), x, to, i, gh[i], wh[i])
			}
		}
		// NextHandoff: the model walks shifts until the person changes,
		// past every override and a whole roster cycle.
		st.checks++
		h, ok := r.NextHandoff(x)
		wantH, wantOK := m.next(x)
		if ok != wantOK || (ok && (!h.At.Equal(wantH.At) || h.Outgoing != wantH.Outgoing || h.Incoming != wantH.Incoming)) {
			t.Fatalf("%s: NextHandoff(%v) = %v %v, model %v %v", desc(), x, h, ok, wantH, wantOK)
		}
	}
}

// next walks the model's shifts from t until someone else takes over; past
// the last override and a whole roster cycle, nobody ever will.
func (m sweepModel) next(t time.Time) (Handoff[string], bool) {
	cur := m.at1(t)
	limit := cur.End
	for _, o := range m.os {
		if o.To.After(limit) {
			limit = o.To
		}
	}
	limit = limit.Add(time.Duration(len(m.people)+2) * time.Duration(m.days) * 25 * time.Hour)
	var h Handoff[string]
	found := false
	m.walk(cur.End, limit, func(s Shift[string]) bool {
		if s.Who != cur.Who {
			h, found = Handoff[string]{At: s.Start, Outgoing: cur.Who, Incoming: s.Who}, true
		}
		return !found
	})
	return h, found
}

func itoa(n int) string {
	var b []byte
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
