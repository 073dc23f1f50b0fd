package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// freshPostgres creates an empty database on the server named by
// CADENCE_POSTGRES_URL (which .ci/run starts) and returns its URL. Without
// the variable the test is skipped, except in CI, where it fails.
func freshPostgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("CADENCE_POSTGRES_URL")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CADENCE_POSTGRES_URL is not set: .ci/run starts PostgreSQL and sets it")
		}
		t.Skip("CADENCE_POSTGRES_URL not set; run .ci/postgres.sh (source it) to start a server")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	require.NoError(t, err)
	defer conn.Close(ctx)
	name := fmt.Sprintf("sladesk_%d", time.Now().UnixNano())
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}

// TestPostgresTwoWorkers replays tickets with two River clients, each with
// its own connection pool, sharing the jobs of one PostgreSQL database, and
// compares the outbox with the in-memory computation.
func TestPostgresTwoWorkers(t *testing.T) {
	dsn := freshPostgres(t)
	p := testPolicy(t)
	events := genEvents(1000, 5, genStart)
	until := genStart.Add(45 * 24 * time.Hour)
	ctx := context.Background()
	clock := &SimClock{}
	a, err := Open(ctx, dsn, Options{Policy: p, Workers: 4, Sim: true, Clock: clock, ID: "worker-a"})
	require.NoError(t, err)
	defer a.Close()
	b, err := Open(ctx, dsn, Options{Policy: p, Workers: 4, Sim: true, Clock: clock, ID: "worker-b"})
	require.NoError(t, err)
	defer b.Close()
	clock.set(events[0].At)
	require.NoError(t, b.Start(ctx))
	defer b.Stop(context.Background())
	got := replayAndCompare(t, a, p, events, until)

	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	defer conn.Close(ctx)
	for _, id := range []string{"job:worker-a", "job:worker-b"} {
		var n int
		require.NoError(t, conn.QueryRow(ctx, `SELECT COUNT(*) FROM sladesk_outbox WHERE fired_by = $1`, id).Scan(&n))
		require.Positive(t, n, "%s fired nothing: the two workers did not share the work", id)
		t.Logf("%s fired %d", id, n)
	}
	t.Logf("%d events, %d firings", len(events), len(got))
}
