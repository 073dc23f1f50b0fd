package main

import (
	"context"
	"os"
	"testing"
	"time"
)

// benchApply measures applying events with no worker running: the cost of
// the event transaction (clock update and job reschedule) alone.
func benchApply(b *testing.B, dsn string, tickets int) {
	p := testPolicy(b)
	events := genEvents(tickets, 7, genStart)
	ctx := context.Background()
	d, err := Open(ctx, dsn, Options{Policy: p, Sim: true})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	b.ResetTimer()
	start := time.Now()
	n := 0
	for b.Loop() {
		if n == len(events) {
			b.Fatal("ran out of events")
		}
		d.SetNow(events[n].At)
		if _, err := d.Apply(ctx, events[n]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "events/s")
}

func BenchmarkApplySQLite(b *testing.B) {
	benchApply(b, b.TempDir()+"/bench.db", 100_000)
}

func BenchmarkApplyPostgres(b *testing.B) {
	url := os.Getenv("CADENCE_POSTGRES_URL")
	if url == "" {
		b.Skip("CADENCE_POSTGRES_URL not set")
	}
	benchApply(b, url, 100_000)
}
