package rotation

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// FuzzNew builds rotations from arbitrary parameters and checks the
// invariants: no panic, a valid rotation tiles a range around an arbitrary
// instant, and At agrees with the shift that holds the instant.
func FuzzNew(f *testing.F) {
	f.Add("America/Chicago", int64(738950), int64(9*3600), 7, 3, int64(0))          // Wednesday 09:00
	f.Add("Europe/London", int64(738950), int64(3600+1800), 1, 2, int64(86400*90))  // daily 01:30: gaps
	f.Add("Australia/Lord_Howe", int64(739160), int64(2*3600+900), 2, 1, int64(-1)) // 30-minute gap
	f.Add("Asia/Kathmandu", int64(738950), int64(0), 14, 5, int64(1e9))
	f.Add("UTC", int64(0), int64(-1), 0, 0, int64(0))              // invalid: bad time, turn, roster
	f.Add("Nowhere/Zone", int64(738950), int64(0), 7, 1, int64(0)) // unknown zone
	f.Fuzz(func(t *testing.T, zoneName string, day, secs int64, days, n int, delta int64) {
		loc, err := time.LoadLocation(zoneName)
		if err != nil {
			loc = nil
		}
		day = day % 1_000_000 // keep years within time.Date's comfortable range
		people := []int{1, 2, 3, 4, 5, 6, 7, 8}[:max(0, min(n, 8))]
		r, err := New(loc, date.Date(day), clock.Clock(secs)*clock.Second, days%400, people...)
		if err != nil {
			if !r.IsZero() {
				t.Fatalf("error %v with a non-zero rotation", err)
			}
			return
		}
		at := r.First().Add(time.Duration(delta%(1<<50)) * time.Second / 1000)
		s := r.At(at)
		if !s.Contains(at) {
			t.Fatalf("At(%v) = %v does not hold it", at, s)
		}
		var prev Shift[int]
		k := 0
		for sh := range r.Shifts(at.Add(-72*time.Hour), at.Add(72*time.Hour)) {
			if k > 0 && !prev.End.Equal(sh.Start) {
				t.Fatalf("gap or overlap: %v then %v", prev, sh)
			}
			if sh.Contains(at) && (sh.Who != s.Who || !sh.Start.Equal(s.Start)) {
				t.Fatalf("Shifts has %v, At has %v", sh, s)
			}
			prev = sh
			k++
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Rotation[int]
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
		if !r.Equal(back) {
			t.Fatalf("round trip of %s differs", b)
		}
	})
}

// FuzzUnmarshalJSON decodes arbitrary text: it must not panic, and what
// decodes must encode and decode again to an Equal rotation.
func FuzzUnmarshalJSON(f *testing.F) {
	f.Add(`{"zone":"America/Chicago","first":"2024-03-06","at":"09:00","every":7,"people":["a","b"]}`)
	f.Add(`{"zone":"Europe/London","first":"2024-03-06","weekday":"Wednesday","at":"09:00:30.5","every":7,"people":["a","b"],"start":1,` +
		`"changes":[{"from":"2024-03-20","people":["c","a"],"start":1}],` +
		`"overrides":[{"kind":"absence","who":"b","absent":"a","from":"2024-03-07T00:00:00Z","to":"2024-03-09T00:00:00Z"}],"checklist":["alias"]}`)
	f.Add(`{"zone":"Asia/Kathmandu","first":"2024-02-29","at":"23:45","every":1,"people":["a"],"backups":["x","y"],` +
		`"overrides":[{"kind":"override","who":"x","from":"2024-03-01T00:00:00+05:45","to":"2024-03-02T00:00:00+05:45"},` +
		`{"who":"y","from":"2024-03-01T12:00:00Z","to":"2024-03-03T00:00:00Z"}]}`)
	f.Add(`{"zone":"Local","first":"2024-03-06","at":"24:00","every":7,"people":["a"]}`) // bad time
	f.Add(`{"zone":"UTC","first":"2024-3-6","at":"9:00","every":-1,"people":[]}`)        // bad everything
	f.Add(`null`)
	f.Add(`{`)
	f.Add(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":7,"people":["a"],"overides":[]}`)                                                                                                           // misspelt key
	f.Add(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":7,"people":["a"],"people":["b"]}`)                                                                                                          // duplicate key
	f.Add(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":7,"people":["a","b"],"overrides":[{"kind":"absence","who":"zed","absent":"a","from":"2024-03-07T00:00:00Z","to":"2024-03-08T00:00:00Z"}]}`) // unknown name
	f.Add(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":36028797018963968,"people":["a"]}`)                                                                                                         // turn of 2^55 days
	f.Fuzz(func(t *testing.T, in string) {
		var r Rotation[string]
		if err := json.Unmarshal([]byte(in), &r); err != nil {
			if !r.IsZero() {
				t.Fatalf("failed decode changed the value: %v", err)
			}
			return
		}
		if r.IsZero() {
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Rotation[string]
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decode %s: %v", b, err)
		}
		if !r.Equal(back) {
			t.Fatalf("round trip of %s differs", b)
		}
		first := r.First()
		s := r.At(first)
		if !s.Contains(first) {
			t.Fatalf("At(%v) = %v", first, s)
		}
		// Strictness: the same document with one more key is refused,
		// naming the key.
		var bad Rotation[string]
		err = json.Unmarshal(append([]byte(`{"bogus":1,`), b[1:]...), &bad)
		var ce *ConfigError
		if !errors.Is(err, ErrUnknownField) || !errors.As(err, &ce) || ce.Field != "bogus" || !bad.IsZero() {
			t.Fatalf("an unknown key was not refused: %v", err)
		}
		// Every name an override gives resolves.
		for _, o := range r.Overrides() {
			if !r.knows(o.Who) || (o.Kind == Cover && !r.knows(o.Absent)) {
				t.Fatalf("override %+v names someone unknown", o)
			}
		}
	})
}

// FuzzOverrides adds an arbitrary swap or absence, then a swap to y inside
// it when it is longer than two hours, and checks who is on duty against
// the documented resolution (model: the later-added wins, an absence only
// takes the absent person's duty): at the probe, at the edges of both
// overrides, and inside y's swap, where y must be on duty. Shifts must
// tile and agree with At.
func FuzzOverrides(f *testing.F) {
	f.Add(int64(3600), int64(7200), false, uint8(1), uint8(0), int64(5400))          // one-hour swap to b: no y swap
	f.Add(int64(-86400), int64(86400*9), true, uint8(0), uint8(3), int64(0))         // x away: a covers, y swaps in
	f.Add(int64(-86400), int64(86400*9), true, uint8(3), uint8(1), int64(86400*3))   // b away, x covers; probe in y's swap
	f.Add(int64(0), int64(86400*20), false, uint8(3), uint8(0), int64(86400*8+3600)) // x swaps in for 20 days
	f.Add(int64(100), int64(100), true, uint8(2), uint8(2), int64(100))              // empty range, self backup
	f.Fuzz(func(t *testing.T, from, to int64, absence bool, who, absent uint8, probe int64) {
		loc, _ := time.LoadLocation("Europe/London")
		first := time.Date(2024, 3, 27, 9, 0, 0, 0, loc)
		r := MustWeekly(first, "a", "b", "c").WithBackups("x", "y")
		names := []string{"a", "b", "c", "x"}
		o := Swap(names[who%4], first.Add(time.Duration(from%(1<<40))*time.Second), first.Add(time.Duration(to%(1<<40))*time.Second))
		if absence {
			o = Absence(names[absent%4], names[who%4], o.From, o.To)
		}
		os := []Override[string]{o}
		y := Swap("y", o.From.Add(time.Hour), o.To.Add(-time.Hour))
		if o.To.Sub(o.From) > 2*time.Hour {
			os = append(os, y)
		}
		r2, err := r.WithOverrides(os...)
		if err != nil {
			if !r2.Equal(r) {
				t.Fatal("failed WithOverrides changed the rotation")
			}
			return
		}
		at := o.From.Add(time.Duration(probe%(1<<40)) * time.Second)
		probes := []time.Time{at, o.From, o.To.Add(-1), o.To}
		if len(os) == 2 {
			probes = append(probes, y.From, y.From.Add(y.To.Sub(y.From)/2), y.To.Add(-1), y.To)
			mid := y.From.Add(y.To.Sub(y.From) / 2)
			if got := r2.At(mid).Who; got != "y" {
				t.Fatalf("At(%v) = %s inside the swap to y [%v, %v)", mid, got, y.From, y.To)
			}
		}
		for _, p := range probes {
			want := model(r.At(p).Who, p, os)
			if got := r2.At(p); got.Who != want || !got.Contains(p) {
				t.Fatalf("At(%v) = %v, want %s on duty", p, got, want)
			}
		}
		s := r2.At(at)
		var prev Shift[string]
		k := 0
		for sh := range r2.Shifts(at.Add(-240*time.Hour), at.Add(240*time.Hour)) {
			if k > 0 && !prev.End.Equal(sh.Start) {
				t.Fatalf("gap or overlap: %v then %v", prev, sh)
			}
			if sh.Contains(at) && (sh.Who != s.Who || !sh.Start.Equal(s.Start) || !sh.End.Equal(s.End)) {
				t.Fatalf("Shifts has %v, At has %v", sh, s)
			}
			prev = sh
			k++
		}
		if k == 0 {
			t.Fatalf("no shifts around %v", at)
		}
	})
}

// FuzzEscalation checks that the paged level never runs backwards in time.
func FuzzEscalation(f *testing.F) {
	f.Add(int64(900), int64(1800), int64(0), 2, int64(100), int64(5000))
	f.Add(int64(0), int64(0), int64(60), 0, int64(0), int64(1))
	f.Add(int64(-1), int64(10), int64(10), 1, int64(5), int64(6))
	f.Fuzz(func(t *testing.T, w1, w2, w3 int64, repeats int, a, b int64) {
		c, err := Escalation(
			Level[string]{People: []string{"a"}, Wait: time.Duration(w1) * time.Second},
			Level[string]{People: []string{"b"}, Wait: time.Duration(w2) * time.Second},
			Level[string]{People: []string{"c"}, Wait: time.Duration(w3) * time.Second},
		)
		if err != nil {
			return
		}
		if rc, err := c.WithRepeats(repeats % 5); err == nil {
			c = rc
		}
		began := time.Date(2024, 3, 5, 2, 0, 0, 0, time.UTC)
		a, b = a%(1<<30), b%(1<<30)
		if a > b {
			a, b = b, a
		}
		p, err1 := c.At(began, time.Time{}, began.Add(time.Duration(a)*time.Second))
		q, err2 := c.At(began, time.Time{}, began.Add(time.Duration(b)*time.Second))
		if err1 == nil && err2 == nil && (q.Pass < p.Pass || (q.Pass == p.Pass && q.Level < p.Level)) {
			t.Fatalf("escalation went backwards: %+v then %+v", p, q)
		}
		if err1 == nil && !p.Next.IsZero() && !p.Next.After(began.Add(time.Duration(a)*time.Second)) {
			t.Fatalf("next escalation %v is not after %v", p.Next, a)
		}
	})
}

// FuzzChainUnmarshalJSON decodes arbitrary chains: no panic, and what
// decodes re-encodes to the same JSON and pages the same people.
func FuzzChainUnmarshalJSON(f *testing.F) {
	f.Add(`{"levels":[{"name":"on call","people":["a"],"wait":"15m"},{"people":["b","c"],"wait":"1h"}],"repeats":2}`)
	f.Add(`{"levels":[{"rotations":[{"zone":"Europe/London","first":"2024-03-06","at":"09:00","every":7,"people":["a","b"]}],"wait":"0s"}]}`)
	f.Add(`{"levels":[{"people":["a"],"wait":"0s"}],"repeats":3}`) // repeats of a zero-length chain
	f.Add(`{"levels":[{"wait":"1m"}]}`)                            // a level that pages nobody
	f.Add(`{"levels":null}`)
	f.Fuzz(func(t *testing.T, in string) {
		var c Chain[string]
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			if len(c.Levels()) != 0 {
				t.Fatalf("failed decode changed the value: %v", err)
			}
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back Chain[string]
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decode %s: %v", b, err)
		}
		b2, _ := json.Marshal(back)
		if string(b) != string(b2) {
			t.Fatalf("round trip: %s then %s", b, b2)
		}
		began := time.Date(2024, 3, 5, 2, 0, 0, 0, time.UTC)
		p, err := c.At(began, time.Time{}, began.Add(time.Hour))
		q, _ := back.At(began, time.Time{}, began.Add(time.Hour))
		if err == nil && (p.Level != q.Level || p.Pass != q.Pass) {
			t.Fatalf("round trip pages differently: %+v, %+v", p, q)
		}
	})
}

// FuzzInfraWithOverrides checks that an absence or swap added to a whole
// Fleet2024Infra lands identically on every layer and on the chain's first
// level, and that a rejected one leaves the Infra unchanged.
func FuzzInfraWithOverrides(f *testing.F) {
	f.Add(int64(3600), int64(86400*3), true, uint8(1), uint8(4), int64(7200))       // b away, x covers
	f.Add(int64(-86400), int64(86400*9), false, uint8(4), uint8(0), int64(86400*8)) // swap to x
	f.Add(int64(100), int64(100), true, uint8(2), uint8(2), int64(100))             // empty range, self backup
	f.Fuzz(func(t *testing.T, from, to int64, absence bool, absent, who uint8, probe int64) {
		loc, _ := time.LoadLocation("Australia/Lord_Howe")
		mon := time.Date(2024, 3, 25, 8, 0, 0, 0, loc)
		names := []string{"a", "b", "c", "d", "x"}
		base, err := Fleet2024Infra(mon, time.Hour, names[:4], Contact("lead", "l"))
		if err != nil {
			t.Fatal(err)
		}
		base = base.WithBackups(testBackups...)
		o := Swap(names[who%5], mon.Add(time.Duration(from%(1<<40))*time.Second), mon.Add(time.Duration(to%(1<<40))*time.Second))
		if absence {
			o = Absence(names[absent%5], o.Who, o.From, o.To)
		}
		in, err := base.WithOverrides(o)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.HasPrefix(ce.Field, "overrides[0].") {
				t.Fatalf("error %v: want a ConfigError on overrides[0]", err)
			}
			if !in.Responders[0].Rotation.Equal(base.Responders[0].Rotation) || len(in.Responders[1].Rotation.Overrides()) != 0 {
				t.Fatal("failed WithOverrides changed the Infra")
			}
			return
		}
		at := o.From.Add(time.Duration(probe%(1<<40)) * time.Second)
		var want []string
		for i, l := range in.Responders {
			b := base.Responders[i].Rotation.At(at).Who
			w := b
			if !at.Before(o.From) && at.Before(o.To) && (o.Kind == Replace || b == o.Absent) {
				w = o.Who
			}
			if got := l.Rotation.At(at).Who; got != w {
				t.Fatalf("layer %d At(%v) = %s, want %s (base %s, %+v)", i, at, got, w, b, o)
			}
			if !slices.Contains(want, w) {
				want = append(want, w)
			}
		}
		if got := in.Escalation.Levels()[0].Who(at); !slices.Equal(got, want) {
			t.Fatalf("level 0 Who(%v) = %v, want %v", at, got, want)
		}
	})
}
