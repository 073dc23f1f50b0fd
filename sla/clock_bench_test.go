package sla_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/sla"
)

// ckBenchClock is a clock on Chicago 09:00-17:00 with ten years of US federal
// holidays, started, paused and resumed, with R28's milestone and a target of
// one working month so Due reaches weeks ahead.
func ckBenchClock(b *testing.B) (sla.Clock, time.Time) {
	loc := ckLoc(b, "America/Chicago")
	cal := ckNineToFive(b, loc, ckUSFederalHolidays(2020, 2029)...)
	target := sla.Target{Name: "bench", Within: 160 * time.Hour, Calendar: cal,
		Milestones: []sla.Milestone{{Name: "escalate", At: time.Hour}, {Name: "remind", At: 80 * time.Hour}}}
	start := ckAt(loc, 2024, time.November, 27, 15, 0) // Thanksgiving ahead
	c := target.Start(start)
	c = ckOK(b)(c.Pause(start.Add(time.Hour)))
	c = ckOK(b)(c.Resume(start.Add(50 * time.Hour)))
	return c, start.Add(60 * time.Hour)
}

func BenchmarkClockDue(b *testing.B) {
	c, _ := ckBenchClock(b)
	b.ReportAllocs()
	for b.Loop() {
		c.Due()
	}
}

// BenchmarkClockDueSpan measures Due for deadlines one hour, one month and
// ten years of business time ahead: the cost must not grow with the span.
func BenchmarkClockDueSpan(b *testing.B) {
	loc := ckLoc(b, "America/Chicago")
	cal := ckNineToFive(b, loc, ckUSFederalHolidays(2020, 2029)...)
	start := ckAt(loc, 2020, time.January, 2, 10, 0)
	for _, span := range []struct {
		name   string
		within time.Duration
	}{{"1h", time.Hour}, {"1month", 160 * time.Hour}, {"10years", 10 * 2000 * time.Hour}} {
		c := sla.Target{Within: span.within, Calendar: cal}.Start(start)
		b.Run(span.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Due()
			}
		})
	}
}

func BenchmarkClockElapsed(b *testing.B) {
	c, at := ckBenchClock(b)
	b.ReportAllocs()
	for b.Loop() {
		c.Elapsed(at)
	}
}

func BenchmarkClockBreached(b *testing.B) {
	c, at := ckBenchClock(b)
	b.ReportAllocs()
	for b.Loop() {
		c.Breached(at)
	}
}

func BenchmarkClockNextMilestone(b *testing.B) {
	c, at := ckBenchClock(b)
	b.ReportAllocs()
	for b.Loop() {
		c.NextMilestone(at)
	}
}

func BenchmarkClockPauseResume(b *testing.B) {
	c, at := ckBenchClock(b)
	b.ReportAllocs()
	for b.Loop() {
		p, _ := c.Pause(at)
		p.Resume(at.Add(time.Hour))
	}
}

// BenchmarkClockJSON round-trips a wall-clock clock (the calendar's own JSON
// is benchmarked with the calendar).
func BenchmarkClockJSON(b *testing.B) {
	loc := ckLoc(b, "America/Chicago")
	c := sla.Fleet2024ReporterFollowUp().Start(ckAt(loc, 2024, time.March, 8, 16, 0))
	b.ReportAllocs()
	for b.Loop() {
		buf, _ := json.Marshal(c)
		var back sla.Clock
		if err := json.Unmarshal(buf, &back); err != nil {
			b.Fatal(err)
		}
	}
}

// ckBenchStored is a running R25 clock stored by reference, its catalog,
// and the calendar it runs on.
func ckBenchStored(b *testing.B) (sla.Catalog, []byte, sla.Calendar) {
	loc := ckLoc(b, "America/Chicago")
	us := ckNineToFive(b, loc, ckUSFederalHolidays(2020, 2029)...)
	cat, err := sla.NewCatalog(map[string]sla.Calendar{"us": us},
		sla.Fleet2024FirstResponse(us), sla.Fleet2024PullRequestFollowUp(us), sla.Fleet2024CriticalBugConfirmation(us))
	if err != nil {
		b.Fatal(err)
	}
	c := sla.Fleet2024PullRequestFollowUp(us).Start(ckAt(loc, 2024, time.November, 27, 15, 0))
	c = ckOK(b)(c.Pause(ckAt(loc, 2024, time.November, 27, 16, 0)))
	c = ckOK(b)(c.Resume(ckAt(loc, 2024, time.November, 29, 10, 0)))
	buf, err := cat.EncodeClock(c)
	if err != nil {
		b.Fatal(err)
	}
	return cat, buf, us
}

// BenchmarkCatalogDecodeClock decodes a stored clock with a named target
// and calendar (issue 15: <= 2 us).
func BenchmarkCatalogDecodeClock(b *testing.B) {
	cat, buf, _ := ckBenchStored(b)
	b.ReportMetric(float64(len(buf)), "bytes/clock")
	b.ReportAllocs()
	cpu := ckCPUTime()
	for b.Loop() {
		if _, err := cat.DecodeClock(buf); err != nil {
			b.Fatal(err)
		}
	}
	ckReportCPU(b, cpu)
}

func BenchmarkCatalogEncodeClock(b *testing.B) {
	cat, buf, _ := ckBenchStored(b)
	c, err := cat.DecodeClock(buf)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := ckCPUTime()
	for b.Loop() {
		if _, err := cat.EncodeClock(c); err != nil {
			b.Fatal(err)
		}
	}
	ckReportCPU(b, cpu)
}

// BenchmarkRetimeMillion re-attaches a changed calendar (one more holiday)
// to 1,000,000 clocks and recomputes each Due (issue 15: <= 1 s on one
// core). The clocks are varied: running, paused and breached, with start
// instants spread over two years.
func BenchmarkRetimeMillion(b *testing.B) {
	_, _, us := ckBenchStored(b)
	loc := us.Location()
	newCal := ckNineToFive(b, loc, append(ckUSFederalHolidays(2020, 2029), date.New(2025, time.March, 3))...)
	target := sla.Fleet2024PullRequestFollowUp(us)
	clocks := make([]sla.Clock, 1_000_000)
	base := ckAt(loc, 2024, time.January, 2, 9, 0)
	for i := range clocks {
		start := base.Add(time.Duration(i) * 63 * time.Second)
		c := target.Start(start)
		if i%3 == 1 {
			c = ckOK(b)(c.Pause(start.Add(2 * time.Hour)))
		}
		clocks[i] = c
	}
	at := ckAt(loc, 2026, time.February, 1, 12, 0)
	b.ReportAllocs()
	cpu := ckCPUTime()
	for b.Loop() {
		n := 0
		for _, c := range clocks {
			c, err := c.WithCalendar(newCal, at)
			if err != nil {
				b.Fatal(err)
			}
			if _, ok := c.Due(); ok {
				n++
			}
		}
		if n == 0 {
			b.Fatal("no clock is due")
		}
	}
	ckReportCPU(b, cpu)
}
