package release

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
)

func FuzzNewTrain(f *testing.F) {
	f.Add(int64(739_000), 3, uint8(3), 58, int64(5))             // a Wednesday-ish day, R9
	f.Add(int64(0), 1, uint8(1), 0, int64(-1))                   // day 0 is a Monday
	f.Add(int64(-1), 0, uint8(7), -1, int64(0))                  // invalid weeks and weekday
	f.Add(int64(365_000_000), 10_000, uint8(0), 0, int64(1<<40)) // far future, out of range
	f.Fuzz(func(t *testing.T, first int64, weeks int, wd uint8, minor int, offset int64) {
		opts := []Option{WithVersion(Version{4, minor, 0})}
		if wd < 7 {
			opts = append(opts, OnWeekday(time.Weekday(wd)))
		}
		tr, err := NewTrain(date.Date(first), weeks, opts...)
		if err != nil {
			if !errors.Is(err, ErrWeeks) && !errors.Is(err, ErrWeekday) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrFirst) {
				t.Fatalf("NewTrain: unexpected error %v", err)
			}
			return
		}
		if weeks <= 0 || (wd < 7 && date.Date(first).Weekday() != time.Weekday(wd)) {
			t.Fatalf("NewTrain(%d, %d) accepted", first, weeks)
		}
		if r := tr.Next(tr.First()); r.Number != 1 || r.Day != tr.First() {
			t.Fatalf("Next(first) = %v", r)
		}
		day := tr.First() + date.Date(offset%(1<<30))
		n, p, a := tr.Next(day), tr.Prev(day), tr.At(day)
		if n.Day < day || p.Day >= day || a.Day > day || n.Number != p.Number+1 || n.Day-p.Day != date.Date(7*weeks) {
			t.Fatalf("day %v: next %v, previous %v, at %v", day, n, p, a)
		}
		b, err := json.Marshal(tr)
		if err != nil {
			t.Fatal(err)
		}
		var back Train
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tr) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"4.58.0", "v4.58.2", "0.0.0", "4.58", "04.1.0", "1.2.3-rc1", "", "v", "999999999.0.1", "1000000000.0.0", "1..2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			var ve *VersionError
			if !errors.As(err, &ve) || ve.Input != s || !errors.Is(err, ErrVersion) {
				t.Fatalf("ParseVersion(%q): error %v", s, err)
			}
			return
		}
		if !v.IsValid() {
			t.Fatalf("ParseVersion(%q) = invalid %v", s, v)
		}
		if str := v.String(); str != s && "v"+str != s {
			t.Fatalf("ParseVersion(%q).String() = %q, not canonical", s, str)
		}
		back, err := ParseVersion(v.String())
		if err != nil || back != v {
			t.Fatalf("round trip %q: %v, %v", s, back, err)
		}
		text, err := v.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var u Version
		if err := u.UnmarshalText(text); err != nil || u != v {
			t.Fatalf("text round trip %q: %v %v", s, u, err)
		}
	})
}

// roundTrip checks that a decoded value encodes, decodes to an equal value
// and encodes to the same bytes.
func roundTrip[T any](t *testing.T, in []byte, eq func(a, b T) bool) {
	var v T
	if err := json.Unmarshal(in, &v); err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("decoded %s but cannot encode: %v", in, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("cannot decode own encoding %s: %v", b, err)
	}
	if !eq(v, back) {
		t.Fatalf("round trip of %s changed it: %s", in, b)
	}
	b2, _ := json.Marshal(back)
	if string(b) != string(b2) {
		t.Fatalf("encoding not stable: %s then %s", b, b2)
	}
}

// configErrorOnly fails unless err is nil or a *ConfigError matching one of
// the package's sentinels: decoders never fail with a bare error.
func configErrorOnly(t *testing.T, in []byte, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Err == nil {
		t.Fatalf("decoding %s: %v is not a *ConfigError", in, err)
	}
}

// checkWindow fails unless w is ordered: Start <= Deep <= End, Start < End.
func checkWindow(t *testing.T, w Window) {
	t.Helper()
	if !w.Start.Before(w.End) {
		t.Fatalf("window starts at or after it ends: %+v", w)
	}
	if w.Deep.Before(w.Start) || w.End.Before(w.Deep) {
		t.Fatalf("deep freeze outside the window: %+v", w)
	}
}

// trainSeeds and policySeeds are the committed seeds of FuzzTrainJSON and
// FuzzPolicyJSON besides testdata/fuzz; TestFuzzSeedsReachChecks checks
// that some reach the window-order check.
func trainSeeds() [][]byte {
	var out [][]byte
	for _, tr := range []Train{
		must(Fleet2024Train(WithPolicy(must(Fleet2024Freeze(pacific))))),
		must(Fleet2024Train(WithPolicy(must(Fleet2025ReleaseCandidate(pacific))), WithWorkdays(nil, Earlier))),
	} {
		b, _ := json.Marshal(tr)
		out = append(out, b)
	}
	return append(out,
		[]byte(`{"first":"2024-03-06","weeks":3,"weekday":"Thursday"}`),
		[]byte(`{"first":"2024-03-06","weeks":-3}`),
		[]byte(`{"first":"2024-03-06","weeks":3,"polcy":{"mode":"freeze"}}`),
		[]byte(`{"first":"2024-03-06","weeks":3,"weeks":4}`),
		[]byte(`null`))
}

func policySeeds() [][]byte {
	var out [][]byte
	for _, p := range []Policy{must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific)), must(Fleet2025ReleaseCandidate(pacific))} {
		b, _ := json.Marshal(p)
		out = append(out, b)
	}
	return append(out,
		[]byte(`{"mode":"freeze","zone":"Asia/Kathmandu","start":"Fri 07:30:15 -1w","lift":"09:00","deep":"90m"}`),
		[]byte(`{"mode":"freeze","zone":"America/Chicago","start":"Thursday 09:00","lift":"24:00","deep":"168h"}`),
		[]byte(`{"mode":"freeze","zone":"UTC","start":"Thursday 09:00 1w","lift":"24:00"}`),
		[]byte(`{"mode":"freeze","zone":"Local","start":"Thursday 09:00","lift":"24:00"}`),
		[]byte(`{"mode":"freeze","zone":"UTC","allow":"ZG9jcw=="}`))
}

// fuzzTrainJSON checks a decoded train's round trip and that the windows
// of its releases are ordered and do not overlap; it reports whether the
// window check ran.
func fuzzTrainJSON(t *testing.T, b []byte) bool {
	roundTrip(t, b, func(a, b Train) bool { return a.Equal(b) })
	var tr Train
	err := tr.UnmarshalJSON(b) // the method itself: json.Unmarshal checks the syntax first
	configErrorOnly(t, b, err)
	if err != nil || tr.IsZero() || tr.Policy().IsZero() {
		return false
	}
	r := tr.Next(date.New(2024, time.December, 20))
	prev := tr.Window(tr.Release(r.Number - 1))
	for range 3 {
		w := tr.Window(r)
		checkWindow(t, w)
		if w.Start.Before(prev.End) {
			t.Fatalf("window of %v starts before the window of the release before ends: %+v, %+v", r, prev, w)
		}
		prev, r = w, tr.Release(r.Number+1)
	}
	return true
}

func FuzzTrainJSON(f *testing.F) {
	for _, b := range trainSeeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { fuzzTrainJSON(t, b) })
}

// fuzzPolicyJSON checks a decoded policy's round trip and window order; it
// reports whether the window check ran.
func fuzzPolicyJSON(t *testing.T, b []byte) bool {
	roundTrip(t, b, func(a, b Policy) bool { return a.Equal(b) })
	var p Policy
	err := p.UnmarshalJSON(b)
	configErrorOnly(t, b, err)
	if err != nil || p.IsZero() {
		return false
	}
	for _, day := range []date.Date{date.New(2024, time.March, 6), date.New(2024, time.October, 6), date.New(2024, time.November, 3)} {
		w := p.Window(Release{Day: day})
		checkWindow(t, w)
		if p.Config().Deep > 0 && w.Deep.Equal(w.End) {
			t.Fatalf("deep freeze of %v lost: %+v", p.Config().Deep, w)
		}
	}
	return true
}

func FuzzPolicyJSON(f *testing.F) {
	for _, b := range policySeeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { fuzzPolicyJSON(t, b) })
}

// The committed seeds reach the checks that only fire on decoded values,
// so plain go test runs them.
func TestFuzzSeedsReachChecks(t *testing.T) {
	reached := 0
	for _, b := range trainSeeds() {
		if fuzzTrainJSON(t, b) {
			reached++
		}
	}
	assert.Equal(t, 2, reached, "train seeds reaching the window-order check")
	reached = 0
	for _, b := range policySeeds() {
		if fuzzPolicyJSON(t, b) {
			reached++
		}
	}
	assert.Equal(t, 5, reached, "policy seeds reaching the window-order check")
	reached = 0
	for _, s := range historySeeds {
		if fuzzHistoryJSON(t, s) {
			reached++
		}
	}
	assert.Equal(t, 2, reached, "history seeds reaching the drift checks")
}

func FuzzRulesJSON(f *testing.F) {
	for _, rs := range []Rules{Fleet2024Rules(), Fleet2025Rules()} {
		b, _ := json.Marshal(rs)
		f.Add(b, uint32(1<<Regression|1<<DataLoss))
		f.Add(b, uint32(1<<Released))
	}
	f.Add([]byte(`{"rules":[{"id":"x","all":["security"],"set":["critical","blocker"]}]}`), uint32(2))
	f.Add([]byte(`{"rules":[{"id":"","set":["blocker"]}]}`), uint32(0))
	f.Add([]byte(`{"rules":[{"id":"x","set":["blocker"],"st":["patch"]}]}`), uint32(0))
	f.Fuzz(func(t *testing.T, b []byte, facts uint32) {
		roundTrip(t, b, func(a, b Rules) bool {
			return a.name == b.name && a.Classify(Facts(facts)).String() == b.Classify(Facts(facts)).String()
		})
		var rs Rules
		err := rs.UnmarshalJSON(b)
		configErrorOnly(t, b, err)
		if err != nil {
			return
		}
		c := rs.Classify(Facts(facts))
		for _, v := range []struct {
			fact Fact
			v    Verdict
		}{{IsBlocker, c.Blocker}, {IsCritical, c.Critical}, {IsPatch, c.Patch}} {
			if v.v.Yes != c.Facts.Has(v.fact) {
				t.Fatalf("%s verdict disagrees with facts: %v", v.fact, c)
			}
			if v.v.Yes && len(v.v.Rules) == 0 {
				t.Fatalf("%s yes without a rule: %v", v.fact, c)
			}
			if v.v.Yes && len(v.v.Unmatched) > 0 || len(v.v.Rules) > 0 && len(v.v.Unmatched) > 0 {
				t.Fatalf("%s: unmatched rules given beside deciding ones: %v", v.fact, c)
			}
			if !v.v.Yes && len(v.v.Rules) == 0 { // a no says why: every rule that would set it
				var want []string
				for r := range rs.All() {
					if r.Set.Has(v.fact) {
						want = append(want, r.ID)
					}
				}
				if !slices.Equal(want, v.v.Unmatched) {
					t.Fatalf("%s no: unmatched %v, want %v", v.fact, v.v.Unmatched, want)
				}
			}
		}
	})
}

// historySeeds are FuzzHistoryJSON's seeds besides testdata/fuzz.
var historySeeds = [][]byte{
	[]byte(`[{"version":"4.58.0","day":"2024-10-17"},{"version":"4.58.1","day":"2024-10-20"},{"version":"4.60.0","day":"2024-11-06"},{"version":"5.0.0","day":"2024-11-07"}]`),
	[]byte(`[{"version":"4.47.0","day":"2024-03-06"},{"version":"4.46.3","day":"2024-03-08"}]`),
	[]byte(`[{"version":"4.58.0","day":"2024-10-17"},{"version":"4.58.0","day":"2024-10-20"}]`),
	[]byte(`[{"version":"","day":"2024-10-17"}]`),
	[]byte(`[{"version":"4.58.0","day":"2024-10-17","dya":1}]`),
}

// fuzzHistoryJSON checks that a decoded history round-trips and that its
// drift, by version and by day, accounts for every release with consistent
// figures; it reports whether the drift checks ran.
func fuzzHistoryJSON(t *testing.T, b []byte) bool {
	roundTrip(t, b, func(a, b History) bool { return slices.Equal(a.s, b.s) })
	var h History
	err := h.UnmarshalJSON(b)
	configErrorOnly(t, b, err)
	if err != nil {
		return false
	}
	tr := MustNewTrain(date.New(2024, time.March, 6), 3, WithVersion(Version{4, 46, 0}))
	for _, opts := range [][]DriftOption{nil, {MatchByDay()}} {
		rep := mustDrift(t, tr, h, opts...)
		s := rep.Summary
		if n := s.Patches + s.Orphans + s.Minors; n != h.Len() {
			t.Fatalf("report accounts for %d of %d releases", n, h.Len())
		}
		if s.Gap.N != max(s.Minors-1, 0) || s.Slip.N != s.Minors-s.Extra {
			t.Fatalf("figures count %d gaps and %d slips of %d minors, %d extra", s.Gap.N, s.Slip.N, s.Minors, s.Extra)
		}
		for _, f := range []Figures{s.Gap, s.Slip, s.PatchDelay} {
			if f.N > 0 && (float64(f.Min) > f.Median || f.Median > float64(f.Max) || float64(f.Min) > f.Mean || f.Mean > float64(f.Max)) {
				t.Fatalf("figures out of order: %+v", f)
			}
		}
		for _, m := range rep.Minors {
			if m.Extra && rep.Matching == ByVersion {
				continue
			}
			if m.Slip != int(m.Day-m.Planned.Day) {
				t.Fatalf("%s: slip %d, shipped %v, planned %v", m.Version, m.Slip, m.Day, m.Planned.Day)
			}
			if want, _ := tr.ByVersion(m.Version); rep.Matching == ByVersion && want != m.Planned {
				t.Fatalf("%s matched to %v, ByVersion says %v", m.Version, m.Planned, want)
			}
		}
	}
	return true
}

func FuzzHistoryJSON(f *testing.F) {
	for _, b := range historySeeds {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { fuzzHistoryJSON(t, b) })
}

func FuzzParseHistory(f *testing.F) {
	f.Add([]byte("fleet-v4.58.0 2024-10-17\nfleet-4.58.1 2024-10-21\nfleet-v4.59.0-rc.1 2024-11-01\norbit-v1.0.0 2024-11-02\n"), "fleet-")
	f.Add([]byte("Fleet 4.58.0\tLatest\tfleet-v4.58.0\t2024-10-17T19:05:00Z\nFleet 4.59.0\tDraft\tfleet-v4.59.0\t\n"), "fleet-")
	f.Add([]byte(`[{"tagName":"v4.58.0","publishedAt":"2024-10-17T19:05:00Z"},{"tagName":"v4.58.1","publishedAt":"2024-10-18T01:00:00-07:00"}]`), "")
	f.Add([]byte("fleet-v4.58 2024-10-17\n"), "fleet-")
	f.Add([]byte("v4.58.0\n"), "")
	f.Fuzz(func(t *testing.T, b []byte, prefix string) {
		h, err := ParseHistory(b, prefix, pacific)
		if err != nil {
			var le *LineError
			var ce *ConfigError
			if !errors.As(err, &le) && !errors.As(err, &ce) {
				t.Fatalf("ParseHistory(%q): %v is neither a *LineError nor a *ConfigError", b, err)
			}
			if le != nil && (le.Line < 1 || le.Line > bytes.Count(b, []byte("\n"))+1) {
				t.Fatalf("ParseHistory(%q): line %d out of range", b, le.Line)
			}
			return
		}
		seen := map[Version]bool{}
		for s := range h.All() {
			if seen[s.Version] || s.Version.IsZero() {
				t.Fatalf("ParseHistory(%q): version %v twice or zero", b, s.Version)
			}
			seen[s.Version] = true
		}
		again, err := ParseHistory(b, prefix, pacific)
		if err != nil || !slices.Equal(again.s, h.s) {
			t.Fatalf("ParseHistory(%q) not deterministic", b)
		}
	})
}

func FuzzParseTag(f *testing.F) {
	for _, s := range []string{"fleet-v4.58.0", "fleet-4.58.0", "fleet-v4.58.0-rc.1+b.5", "v4.58.0", "fleet-v4.58", "fleet-v4.58.0-", "orbit-v1.0.0"} {
		f.Add(s, "fleet-")
	}
	f.Add("4.58.0+build.5", "")
	f.Fuzz(func(t *testing.T, s, prefix string) {
		tag, err := ParseTag(s, prefix)
		if err != nil {
			if !errors.Is(err, ErrVersion) {
				t.Fatalf("ParseTag(%q, %q): %v", s, prefix, err)
			}
			return
		}
		if tag.String() != s {
			t.Fatalf("ParseTag(%q, %q).String() = %q", s, prefix, tag.String())
		}
		if !tag.Version.IsValid() || tag.IsPreRelease() != (tag.Pre != "") {
			t.Fatalf("ParseTag(%q, %q) = %+v", s, prefix, tag)
		}
	})
}

func FuzzSupportJSON(f *testing.F) {
	b, _ := json.Marshal(Fleet2024Support())
	f.Add(b)
	f.Add([]byte(`{"name":"x","tiers":[{"tier":"a","fixes":"all","troubleshooting":"none"}]}`))
	f.Add([]byte(`{"tiers":[{"tier":"a"},{"tier":"a"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip(t, b, func(a, b Support) bool { return a.name == b.name && len(a.tiers) == len(b.tiers) })
	})
}

func FuzzParseImage(f *testing.F) {
	for _, s := range []string{"v4.58.0", "4.58.0", "3f2a9c1", "main", "deadbeef", "", "0123456789abcdef0123456789abcdef01234567"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, err := ParseImage(s)
		if err != nil {
			if !errors.Is(err, ErrTag) {
				t.Fatalf("ParseImage(%q): %v", s, err)
			}
			return
		}
		back, err := ParseImage(i.String())
		if err != nil || back != i {
			t.Fatalf("round trip %q: %v %v", s, back, err)
		}
		if CheckDeploy(i, i) == nil {
			t.Fatalf("deploying %q over itself accepted", s)
		}
	})
}

func FuzzParseMoment(f *testing.F) {
	for _, s := range []string{"Thursday 09:00", "mon 08:00 -1w", "Tue 24:00", "Sun 00:00:30", "Thu 09:00 1w", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoment(s)
		if err != nil {
			return
		}
		back, err := ParseMoment(m.String())
		if err != nil || back != m {
			t.Fatalf("round trip %q -> %q: %v %v", s, m.String(), back, err)
		}
	})
}

func FuzzParsePolicy(f *testing.F) {
	for _, p := range []Policy{must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific)), must(Fleet2025ReleaseCandidate(pacific))} {
		f.Add(p.String())
	}
	f.Add(`freeze "x" from Fri 07:30:15 -1w until 09:00 Asia/Kathmandu deep 90m allow none deep-allow docs rule "R"`)
	f.Add(`freeze "x" from Thursday 09:00 until 24:00 Local`)
	f.Add(`freeze "x" from Thursday 09:00 1w until 24:00 UTC`)
	f.Add(`freeze "unterminated from`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePolicy(s)
		if err != nil {
			return
		}
		back, err := ParsePolicy(p.String())
		if err != nil || !back.Equal(p) {
			t.Fatalf("round trip %q -> %q: %v", s, p.String(), err)
		}
		if back.String() != p.String() {
			t.Fatalf("text not stable: %q then %q", p.String(), back.String())
		}
	})
}

func FuzzParseTrain(f *testing.F) {
	f.Add("2024-03-06 every 3 weeks")
	f.Add(MustNewTrain(date.New(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(must(Fleet2024Freeze(pacific))), WithWorkdays(nil, Later)).String())
	f.Add("2024-03-06 every 0 weeks")
	f.Add("2024-03-06 every 3 weeks version 4.47.0 version 4.48.0")
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := ParseTrain(s)
		if err != nil {
			return
		}
		back, err := ParseTrain(tr.String())
		if err != nil || !back.Equal(tr) {
			t.Fatalf("round trip %q -> %q: %v", s, tr.String(), err)
		}
		if r := tr.Next(tr.First()); r.Number != 1 && tr.Move() == Stay {
			t.Fatalf("Next(first) = %v", r)
		}
	})
}
