package sla_test

import (
	"encoding/json"
	"testing"
	"time"

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
