package sla_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/sla"
)

// benchCalendar is the benchmark calendar: America/Chicago,
// Monday to Friday 09:00-17:00, with ten years of US federal holidays.
func benchCalendar(b *testing.B) (sla.Calendar, *time.Location) {
	loc := ckLoc(b, "America/Chicago")
	return ckNineToFive(b, loc, ckUSFederalHolidays(2024, 2034)...), loc
}

var spans = []struct {
	name string
	d    time.Duration // of wall-clock time for Between
	open time.Duration // of business time for Add
}{
	{"1day", 24 * time.Hour, 8 * time.Hour},
	{"1year", 365 * 24 * time.Hour, 250 * 8 * time.Hour},
	{"10years", 3652 * 24 * time.Hour, 2500 * 8 * time.Hour},
}

var (
	sinkDur  time.Duration
	sinkTime time.Time
	sinkBool bool
)

func BenchmarkCalendarBetween(b *testing.B) {
	cal, loc := benchCalendar(b)
	from := time.Date(2024, 3, 6, 10, 17, 0, 0, loc)
	for _, s := range spans {
		b.Run(s.name, func(b *testing.B) {
			to := from.Add(s.d)
			b.ReportAllocs()
			for b.Loop() {
				sinkDur = cal.Between(from, to)
			}
		})
	}
}

func BenchmarkCalendarAdd(b *testing.B) {
	cal, loc := benchCalendar(b)
	from := time.Date(2024, 3, 6, 10, 17, 0, 0, loc)
	for _, s := range spans {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkTime = cal.Add(from, s.open)
			}
		})
	}
}

func BenchmarkCalendarOpen(b *testing.B) {
	cal, loc := benchCalendar(b)
	t := time.Date(2029, 11, 22, 10, 0, 0, 0, loc) // Thanksgiving
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = cal.Open(t)
	}
}

func BenchmarkCalendarNextOpen(b *testing.B) {
	cal, loc := benchCalendar(b)
	t := time.Date(2024, 12, 24, 18, 0, 0, 0, loc) // closed until after Christmas
	b.ReportAllocs()
	for b.Loop() {
		sinkTime = cal.NextOpen(t)
	}
}

func BenchmarkCalendarNextClose(b *testing.B) {
	cal, loc := benchCalendar(b)
	t := time.Date(2024, 12, 23, 10, 0, 0, 0, loc)
	b.ReportAllocs()
	for b.Loop() {
		sinkTime = cal.NextClose(t)
	}
}

// BenchmarkNewCalendar measures building a calendar in a zone already
// seen: the zone's table of offset changes from 1900 to 2150 is shared, so
// only the calendar's own tables are built (issue 15: <= 20 us).
func BenchmarkNewCalendar(b *testing.B) {
	loc := ckLoc(b, "America/Chicago")
	week := sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0))
	holidays := sla.Holidays(ckUSFederalHolidays(2024, 2034)...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sla.NewCalendar(loc, week, holidays); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewCalendarNewZone measures the first calendar in a zone, which
// scans the zone's offset changes: every iteration uses a *time.Location
// the calendar has not seen.
func BenchmarkNewCalendarNewZone(b *testing.B) {
	week := sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0))
	holidays := sla.Holidays(ckUSFederalHolidays(2024, 2034)...)
	b.ReportAllocs()
	for b.Loop() {
		loc, err := time.LoadLocation("America/Chicago")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sla.NewCalendar(loc, week, holidays); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalendarUnmarshalJSON decodes a calendar: the zone is loaded by
// name once and its table shared.
func BenchmarkCalendarUnmarshalJSON(b *testing.B) {
	data := []byte(`{"zone":"America/Chicago","week":{"monday":["09:00-17:00"],"tuesday":["09:00-17:00"],` +
		`"wednesday":["09:00-17:00"],"thursday":["09:00-17:00"],"friday":["09:00-17:00"]},"holidays":["2024-12-25"]}`)
	b.ReportAllocs()
	for b.Loop() {
		var c sla.Calendar
		if err := c.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
