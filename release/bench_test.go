package release

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

var (
	sinkRelease  Release
	sinkDecision Decision
	sinkClass    Classification
	sinkString   string
	sinkReport   Report
	sinkOK       bool
)

// benchDays are the days Next, At and Prev are asked about: they cost the
// same at any distance from the first release.
var benchDays = []struct {
	name string
	day  date.Date
}{
	{"near", date.New(2024, time.April, 1)},
	{"far_future", date.New(9999, time.December, 31)},
	{"far_past", date.New(-9999, time.January, 1)},
	{"million_years", date.New(900_000, time.June, 1)},
}

// benchQuery runs query on each of benchDays against one train.
func benchQuery(b *testing.B, query func(Train, date.Date) Release) {
	tr := must(Fleet2024Train())
	for _, c := range benchDays {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			clk := startCPU()
			for b.Loop() {
				sinkRelease = query(tr, c.day)
			}
			clk.report(b)
		})
	}
}

func BenchmarkNext(b *testing.B) { benchQuery(b, Train.Next) }

func BenchmarkAt(b *testing.B) { benchQuery(b, Train.At) }

func BenchmarkPrev(b *testing.B) { benchQuery(b, Train.Prev) }

func BenchmarkByVersion(b *testing.B) {
	tr := must(Fleet2024Train())
	for _, v := range []Version{{4, 47, 2}, {4, 999_999_000, 0}, {4, 0, 0}} {
		b.Run(v.String(), func(b *testing.B) {
			b.ReportAllocs()
			clk := startCPU()
			for b.Loop() {
				sinkRelease, sinkOK = tr.ByVersion(v)
			}
			clk.report(b)
		})
	}
}

// With a move (nil calendar: Monday to Friday), a Saturday train moves every
// release.
func BenchmarkNextWorkdays(b *testing.B) {
	tr := MustNewTrain(date.New(2024, time.March, 2), 3, WithWorkdays(nil, Later))
	day := date.New(9999, time.December, 31)
	b.ReportAllocs()
	clk := startCPU()
	for b.Loop() {
		sinkRelease = tr.Next(day)
	}
	clk.report(b)
}

// benchHistory is n releases: a minor every 20 or 22 days, a skipped minor
// every 17, and two patches after every third minor.
func benchHistory(b *testing.B, n int) History {
	var s []Shipped
	day := date.New(2020, time.January, 1)
	for minor := 0; len(s) < n; minor++ {
		if minor%17 == 16 {
			continue
		}
		s = append(s, Shipped{Version{4, minor, 0}, day})
		if minor%3 == 0 {
			s = append(s, Shipped{Version{4, minor, 1}, day + 3}, Shipped{Version{4, minor, 2}, day + 9})
		}
		day += date.Date(20 + 2*(minor%2))
	}
	h, err := NewHistory(s[:n]...)
	if err != nil {
		b.Fatal(err)
	}
	return h
}

func BenchmarkDrift1000(b *testing.B) {
	h := benchHistory(b, 1000)
	tr := MustNewTrain(date.New(2020, time.January, 1), 3, WithVersion(Version{4, 0, 0}))
	reset := MustNewTrain(date.New(2030, time.January, 2), 3, WithVersion(Version{4, 150, 0}))
	b.Run("by_version", func(b *testing.B) {
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			sinkReport, _ = tr.Drift(h)
		}
		clk.report(b)
	})
	b.Run("by_version_reanchored", func(b *testing.B) {
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			sinkReport, _ = tr.Drift(h, Reanchor(reset))
		}
		clk.report(b)
	})
	b.Run("by_day", func(b *testing.B) {
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			sinkReport, _ = tr.Drift(h, MatchByDay())
		}
		clk.report(b)
	})
}

func BenchmarkGate(b *testing.B) {
	tr := must(Fleet2024Train(WithPolicy(must(Fleet2024Freeze(pacific)))))
	at := time.Date(2024, time.March, 5, 10, 0, 0, 0, pacific)
	far := time.Date(2999, time.March, 27, 10, 0, 0, 0, pacific)
	b.Run("freeze", func(b *testing.B) {
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			sinkDecision = tr.Gate(at, Change{Kind: Feature})
		}
		clk.report(b)
	})
	b.Run("far_future", func(b *testing.B) {
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			sinkDecision = tr.Gate(far, Change{Kind: BlockerFix})
		}
		clk.report(b)
	})
	b.Run("with_reason", func(b *testing.B) {
		b.ReportAllocs()
		clk := startCPU()
		for b.Loop() {
			sinkString = tr.Gate(at, Change{Kind: Feature}).Reason()
		}
		clk.report(b)
	})
}

func BenchmarkClassify(b *testing.B) {
	rs := Fleet2024Rules()
	facts := FactsOf(Regression, DataLoss, FoundInTesting, Released)
	b.ReportAllocs()
	clk := startCPU()
	for b.Loop() {
		sinkClass = rs.Classify(facts)
	}
	clk.report(b)
}

func BenchmarkParseVersion(b *testing.B) {
	b.ReportAllocs()
	clk := startCPU()
	for b.Loop() {
		v, _ := ParseVersion("v4.58.12")
		sinkRelease.Version = v
	}
	clk.report(b)
}
