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
)

// benchDays are the days Next and At are asked about: they cost the same
// at any distance from the first release.
var benchDays = []struct {
	name string
	day  date.Date
}{
	{"near", date.New(2024, time.April, 1)},
	{"far_future", date.New(9999, time.December, 31)},
	{"far_past", date.New(-9999, time.January, 1)},
}

// benchQuery runs query on each of benchDays against one train.
func benchQuery(b *testing.B, query func(Train, date.Date) Release) {
	tr := MustNewTrain(date.New(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")))
	for _, c := range benchDays {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkRelease = query(tr, c.day)
			}
		})
	}
}

func BenchmarkNext(b *testing.B) { benchQuery(b, Train.Next) }

func BenchmarkAt(b *testing.B) { benchQuery(b, Train.At) }

// With a working-day shift (nil calendar: Monday to Friday), a Saturday
// train moves every release.
func BenchmarkNextWorkdays(b *testing.B) {
	tr := MustNewTrain(date.New(2024, time.March, 2), 3, WithWorkdays(nil, ShiftLater))
	day := date.New(9999, time.December, 31)
	b.ReportAllocs()
	for b.Loop() {
		sinkRelease = tr.Next(day)
	}
}

func BenchmarkDriftFleetSample(b *testing.B) {
	h := loadFleet(b)
	tr := MustNewTrain(date.New(2023, time.November, 1), 3)
	b.ReportAllocs()
	for b.Loop() {
		sinkString = tr.Drift(h).Weekday
	}
}

func BenchmarkPrevious(b *testing.B) {
	tr := MustNewTrain(date.New(2024, time.March, 6), 3)
	day := date.New(9999, time.December, 31)
	b.ReportAllocs()
	for b.Loop() {
		sinkRelease = tr.Previous(day)
	}
}

func BenchmarkGate(b *testing.B) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		b.Fatal(err)
	}
	tr := MustNewTrain(date.New(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(Fleet2024Freeze()))
	at := time.Date(2024, time.March, 27, 10, 0, 0, 0, la)
	far := time.Date(2999, time.March, 27, 10, 0, 0, 0, la)
	b.Run("freeze", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkDecision = tr.Gate(at, Change{Kind: Feature})
		}
	})
	b.Run("far_future", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkDecision = tr.Gate(far, Change{Kind: BlockerFix})
		}
	})
	b.Run("with_reason", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkString = tr.Gate(at, Change{Kind: Feature}).Reason()
		}
	})
}

func BenchmarkClassify(b *testing.B) {
	rs := Fleet2024Rules()
	facts := FactsOf(Regression, DataLoss, FoundInTesting, Released)
	b.ReportAllocs()
	for b.Loop() {
		sinkClass = rs.Classify(facts)
	}
}

func BenchmarkParseVersion(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		v, _ := ParseVersion("v4.58.12")
		sinkRelease.Version = v
	}
}
