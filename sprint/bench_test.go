package sprint

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

var sinkSprint Sprint

// BenchmarkAt measures Cadence.At near the first day, far after it and far
// before it: the cost must not depend on the distance (target <= 50 ns, 0 allocs).
func BenchmarkAt(b *testing.B) {
	c := MustNewCadence(date.New(2024, time.January, 8), 3)
	for _, bc := range []struct {
		name string
		d    date.Date
	}{
		{"near", date.New(2024, time.March, 13)},
		{"far_future", date.New(9999, time.December, 31)},
		{"far_past", date.New(-5000, time.June, 1)},
		{"date_max", date.Max()},
		{"date_min", date.Min()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			d := bc.d
			for b.Loop() {
				// Vary the day so the compiler cannot hoist the call.
				sinkSprint = c.At(d)
				d ^= 1
			}
		})
	}
}

// BenchmarkSprint measures Cadence.Sprint(n).
func BenchmarkSprint(b *testing.B) {
	c := MustNewCadence(date.New(2024, time.January, 8), 3)
	b.ReportAllocs()
	for b.Loop() {
		sinkSprint = c.Sprint(100000)
	}
}

// BenchmarkCeremonies measures listing one sprint of Fleet's ceremonies (21 days, ~20 events).
func BenchmarkCeremonies(b *testing.B) {
	loc, _ := time.LoadLocation("America/Chicago")
	cal, err := Fleet2024Schedule(date.New(2024, time.January, 8), loc, nil)
	if err != nil {
		b.Fatal(err)
	}
	s := cal.At(date.New(2030, time.May, 1))
	b.ReportAllocs()
	for b.Loop() {
		for e := range cal.Ceremonies(s) {
			_ = e
		}
	}
}

// BenchmarkOccurrences measures one week of Fleet's rituals, far from the anchor.
func BenchmarkOccurrences(b *testing.B) {
	loc, _ := time.LoadLocation("America/Chicago")
	rs, err := Fleet2024Rituals(date.New(2024, time.January, 10), loc, nil)
	if err != nil {
		b.Fatal(err)
	}
	from := date.New(2090, time.June, 5)
	b.ReportAllocs()
	for b.Loop() {
		for e := range rs.Occurrences(from, from+7) {
			_ = e
		}
	}
}
