package ical

import (
	"os"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

// BenchmarkReadHolidays reads both committed samples for three years.
func BenchmarkReadHolidays(b *testing.B) {
	us, err := os.ReadFile("testdata/us-federal.ics")
	if err != nil {
		b.Fatal(err)
	}
	uk, err := os.ReadFile("testdata/uk-england.ics")
	if err != nil {
		b.Fatal(err)
	}
	data := append(us, uk...)
	from, to := date.New(2024, 1, 1), date.New(2027, 1, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadHolidays(data, from, to); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadHolidaysFar expands a yearly rule 500 years from its start:
// the cost is per year of the range, not per year since DTSTART.
func BenchmarkReadHolidaysFar(b *testing.B) {
	data := cal(event("20240101", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"))
	from, to := date.New(2524, 1, 1), date.New(2525, 1, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadHolidays(data, from, to); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshal writes a feed of 500 timed events and a recurring one in
// Chicago, with its VTIMEZONE.
func BenchmarkMarshal(b *testing.B) {
	chi, err := time.LoadLocation("America/Chicago")
	if err != nil {
		b.Fatal(err)
	}
	c := Calendar{Stamp: stamp, Zone: chi}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, chi)
	for i := range 500 {
		s := start.AddDate(0, 0, i)
		c.Events = append(c.Events, Event{UID: s.Format(time.RFC3339), Summary: "Pull request review", Contact: "Engineers",
			Description: "ritual (R31), owned by Engineers.", Start: s, End: s.Add(30 * time.Minute), Categories: []string{"ritual"}})
	}
	c.Events = append(c.Events, Event{UID: "standup", Summary: "Daily stand-up", Start: start, End: start.Add(15 * time.Minute),
		Recurrence: Recurrence{Freq: Weekly, Weekdays: []time.Weekday{1, 2, 3, 4, 5}, Until: date.New(2025, 12, 31)},
		Except:     []date.Date{date.New(2024, 7, 4), date.New(2024, 12, 25)}})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}
