package rotation

import (
	"testing"
	"time"
)

func benchRotation(b *testing.B) Rotation[string] {
	b.Helper()
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		b.Fatal(err)
	}
	r, err := Weekly(time.Date(2024, 3, 6, 9, 0, 0, 0, loc), "alice", "bob", "carol", "dave")
	if err != nil {
		b.Fatal(err)
	}
	return r.WithBackups("erin", "frank")
}

var sinkShift Shift[string]

func BenchmarkAt(b *testing.B) {
	r := benchRotation(b)
	for _, bc := range []struct {
		name  string
		after time.Duration
	}{
		{"1week", 7*24*time.Hour + 5*time.Hour},
		{"10years", 10*365*24*time.Hour + 5*time.Hour},
	} {
		t := r.First().Add(bc.after)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkShift = r.At(t)
			}
		})
	}
}

func BenchmarkAtOverrides1000(b *testing.B) {
	r := benchRotation(b)
	var os []Override[string]
	first := r.First()
	for i := range 1000 {
		from := first.Add(time.Duration(i) * 61 * time.Hour)
		if i%2 == 0 {
			os = append(os, Swap("erin", from, from.Add(5*time.Hour)))
		} else {
			os = append(os, Absence("bob", "frank", from, from.Add(30*time.Hour)))
		}
	}
	r, err := r.WithOverrides(os...)
	if err != nil {
		b.Fatal(err)
	}
	t := first.Add(500*61*time.Hour + 2*time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		sinkShift = r.At(t)
	}
}

func BenchmarkShifts(b *testing.B) {
	r := benchRotation(b)
	from := r.First()
	to := from.AddDate(1, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		for s := range r.Shifts(from, to) {
			sinkShift = s
		}
	}
}

// BenchmarkShiftsFirst is the cost of the first shift of a range: the
// iterator's set-up and one hand-off lookup.
func BenchmarkShiftsFirst(b *testing.B) {
	r := benchRotation(b)
	from := r.First().AddDate(10, 0, 0).Add(5 * time.Hour)
	to := from.AddDate(1, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		for s := range r.Shifts(from, to) {
			sinkShift = s
			break
		}
	}
}

// BenchmarkNextHandoff: the next hand-off of a rotation with 400-day
// turns, and through a two-year swap, is as cheap as next week's.
func BenchmarkNextHandoff(b *testing.B) {
	r := benchRotation(b)
	long, err := Every(r.First(), 400, "alice", "bob")
	if err != nil {
		b.Fatal(err)
	}
	swap, err := r.WithOverrides(Swap("erin", r.First(), r.First().AddDate(2, 0, 0)))
	if err != nil {
		b.Fatal(err)
	}
	t := r.First().Add(time.Hour)
	for _, bc := range []struct {
		name string
		r    Rotation[string]
	}{{"weekly", r}, {"every400", long}, {"swap2years", swap}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h, _ := bc.r.NextHandoff(t)
				sinkShift.Who = h.Incoming
			}
		})
	}
}

func BenchmarkShiftsOverrides(b *testing.B) {
	r := benchRotation(b)
	first := r.First()
	var os []Override[string]
	for i := range 200 {
		from := first.Add(time.Duration(i) * 43 * time.Hour)
		os = append(os, Absence("bob", "frank", from, from.Add(20*time.Hour)), Swap("erin", from.Add(30*time.Hour), from.Add(33*time.Hour)))
	}
	r, err := r.WithOverrides(os...)
	if err != nil {
		b.Fatal(err)
	}
	from, to := first, first.AddDate(1, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		for s := range r.Shifts(from, to) {
			sinkShift = s
		}
	}
}

func BenchmarkAtOverrides1000At10Years(b *testing.B) {
	r := benchRotation(b)
	first := r.First().AddDate(10, 0, 0)
	var os []Override[string]
	for i := range 1000 {
		from := first.Add(time.Duration(i-500) * 61 * time.Hour)
		os = append(os, Swap("erin", from, from.Add(5*time.Hour)))
	}
	r, err := r.WithOverrides(os...)
	if err != nil {
		b.Fatal(err)
	}
	t := first.Add(2 * time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		sinkShift = r.At(t)
	}
}

func BenchmarkHandoffs(b *testing.B) {
	r := benchRotation(b)
	from, to := r.First(), r.First().AddDate(1, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		for h := range r.Handoffs(from, to) {
			sinkShift.Who = h.Incoming
		}
	}
}
