package main

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/teamcadence/cadence/sla"
)

// benchApply measures applying events with no worker running: the cost of
// the event transaction (clock update and job reschedule) alone.
func benchApply(b *testing.B, dsn string) {
	p := testPolicy(b)
	events := genEvents(20_000, 7, genStart)
	ctx := context.Background()
	d, err := Open(ctx, dsn, Options{Policy: p, Sim: true})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	start := time.Now()
	n := 0
	for b.Loop() {
		if n == len(events) {
			b.Fatal("ran out of events: use -benchtime Nx with N <= 80000")
		}
		d.SetNow(events[n].At)
		if _, err := d.Apply(ctx, events[n]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "events/s")
}

func BenchmarkApplySQLite(b *testing.B) { benchApply(b, b.TempDir()+"/bench.db") }

func BenchmarkApplyPostgres(b *testing.B) { benchApply(b, postgresForBench(b)) }

func postgresForBench(b *testing.B) string {
	if os.Getenv("CADENCE_POSTGRES_URL") == "" {
		b.Skip("CADENCE_POSTGRES_URL not set")
	}
	return freshPostgres(b)
}

// benchTickets is the size of the scale benchmarks: CADENCE_BENCH_TICKETS,
// or 100,000.
func benchTickets(b *testing.B) int {
	if s := os.Getenv("CADENCE_BENCH_TICKETS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("CADENCE_BENCH_TICKETS=%q: want a positive number", s)
		}
		return n
	}
	return 100_000
}

// benchReplay replays benchTickets tickets with 4 workers, then re-times
// every open clock after a holiday is added, and reports events applied per
// second, firings per second (by jobs and catch-ups together, drain
// included) and clocks re-timed per second. Run it once: -benchtime 1x.
func benchReplay(b *testing.B, dsn string) {
	n := benchTickets(b)
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		b.Fatal(err)
	}
	hours := sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0))
	oldCal, _ := sla.NewCalendar(loc, hours)
	newCal, _ := sla.NewCalendar(loc, hours, sla.Holidays(date.New(2024, 3, 27), date.New(2024, 3, 28)))
	events := genEvents(n, 11, genStart)
	at := time.Date(2024, 3, 25, 12, 0, 0, 0, loc)
	var before []Event
	for _, ev := range events {
		if !ev.At.After(at) {
			before = append(before, ev)
		}
	}
	ctx := context.Background()
	for b.Loop() {
		d, err := Open(ctx, dsn, Options{Policy: DefaultPolicy(oldCal), Workers: 4, Sim: true})
		if err != nil {
			b.Fatal(err)
		}
		st, err := Replay(ctx, d, before, at, nil)
		if err != nil {
			b.Fatal(err)
		}
		out, err := d.Outbox(ctx)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		m, err := d.Retime(ctx, DefaultPolicy(newCal), at)
		if err != nil {
			b.Fatal(err)
		}
		retime := time.Since(start)
		d.Close()
		b.ReportMetric(float64(st.Applied), "events")
		b.ReportMetric(st.rate(), "events/s")
		b.ReportMetric(float64(len(out))/st.Elapsed.Seconds(), "firings/s")
		b.ReportMetric(float64(m), "retimed")
		b.ReportMetric(float64(m)/retime.Seconds(), "retimed/s")
	}
}

func BenchmarkReplaySQLite(b *testing.B) { benchReplay(b, b.TempDir()+"/scale.db") }

func BenchmarkReplayPostgres(b *testing.B) { benchReplay(b, postgresForBench(b)) }
