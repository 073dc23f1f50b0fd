package release

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
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

func FuzzTrainJSON(f *testing.F) {
	for _, tr := range []Train{
		MustNewTrain(date.New(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(must(Fleet2024Freeze(pacific)))),
		MustNewTrain(date.New(2025, time.March, 5), 3, WithPolicy(must(Fleet2025ReleaseCandidate(pacific)))),
	} {
		b, _ := json.Marshal(tr)
		f.Add(b)
	}
	f.Add([]byte(`{"first":"2024-03-06","weeks":3,"weekday":"Thursday"}`))
	f.Add([]byte(`{"first":"2024-03-06","weeks":-3}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip(t, b, func(a, b Train) bool { return a.Equal(b) })
	})
}

func FuzzPolicyJSON(f *testing.F) {
	for _, p := range []Policy{must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific)), must(Fleet2025ReleaseCandidate(pacific))} {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	f.Add([]byte(`{"zone":"Asia/Kathmandu","start":"Fri 07:30:15 -1w","lift":"09:00","deep":"90m"}`))
	f.Add([]byte(`{"zone":"UTC","start":"Thursday 09:00 1w","lift":"24:00"}`))
	f.Add([]byte(`{"zone":"UTC","allow":"ZG9jcw=="}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip(t, b, func(a, b Policy) bool { return a.Equal(b) })
		var p Policy
		if json.Unmarshal(b, &p) == nil && !p.IsZero() {
			w := p.Window(Release{Day: date.New(2024, time.March, 6)})
			if !w.Start.Before(w.End) && !w.Start.Equal(w.End) {
				t.Fatalf("window starts after it ends: %+v", w)
			}
			if w.Deep.Before(w.Start) || w.End.Before(w.Deep) {
				t.Fatalf("deep freeze outside the window: %+v", w)
			}
		}
	})
}

func FuzzRulesJSON(f *testing.F) {
	for _, rs := range []Rules{Fleet2024Rules(), Fleet2025Rules()} {
		b, _ := json.Marshal(rs)
		f.Add(b, uint32(1<<Regression|1<<DataLoss))
	}
	f.Add([]byte(`{"rules":[{"id":"x","all":["security"],"set":["critical","blocker"]}]}`), uint32(2))
	f.Add([]byte(`{"rules":[{"id":"","set":["blocker"]}]}`), uint32(0))
	f.Fuzz(func(t *testing.T, b []byte, facts uint32) {
		roundTrip(t, b, func(a, b Rules) bool {
			return a.name == b.name && a.Classify(Facts(facts)).String() == b.Classify(Facts(facts)).String()
		})
		var rs Rules
		if json.Unmarshal(b, &rs) == nil {
			c := rs.Classify(Facts(facts))
			if c.Blocker.Yes != c.Facts.Has(IsBlocker) || c.Critical.Yes != c.Facts.Has(IsCritical) {
				t.Fatalf("verdicts disagree with facts: %v", c)
			}
			if c.Blocker.Yes && len(c.Blocker.Rules) == 0 {
				t.Fatalf("blocker without a rule: %v", c)
			}
		}
	})
}

func FuzzHistoryJSON(f *testing.F) {
	f.Add([]byte(`[{"version":"4.58.0","day":"2024-10-17"},{"version":"4.58.1","day":"2024-10-20"}]`))
	f.Add([]byte(`[{"version":"4.58.0","day":"2024-10-17"},{"version":"4.58.0","day":"2024-10-20"}]`))
	f.Add([]byte(`[{"version":"","day":"2024-10-17"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip(t, b, func(a, b History) bool { return a.Len() == b.Len() && a.Len() == len(b.s) })
		var h History
		if json.Unmarshal(b, &h) == nil {
			rep := mustDrift(t, MustNewTrain(date.New(2024, time.March, 6), 3), h)
			n := rep.Summary.Patches + len(rep.Orphans) + rep.Summary.Minors
			if n != h.Len() {
				t.Fatalf("report accounts for %d of %d releases", n, h.Len())
			}
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
