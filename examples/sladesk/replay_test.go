package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var genStart = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

func testPolicy(t testing.TB) Policy {
	t.Helper()
	loc, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	cal, err := businessCalendar(loc)
	require.NoError(t, err)
	return DefaultPolicy(cal)
}

// replayAndCompare replays events into d and compares the outbox with the
// in-memory computation.
func replayAndCompare(t *testing.T, d Desk, p Policy, events []Event, until time.Time) []Firing {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	st, err := Replay(ctx, d, events, until, nil)
	require.NoError(t, err)
	t.Logf("replay: %d events in %v (%.0f events/s, drain included)", st.Applied, st.Elapsed, st.rate())
	got, err := d.Outbox(ctx)
	require.NoError(t, err)
	want := expectFirings(t, p, events, until)
	if diffs := diffFirings(sortByKey(want), sortByKey(got)); len(diffs) > 0 {
		t.Fatalf("outbox differs from the in-memory computation (%d want, %d got):\n%s", len(want), len(got), joinLines(diffs))
	}
	require.NotEmpty(t, want, "the events must fire something, or the comparison proves nothing")
	return got
}

func joinLines(s []string) string {
	out := ""
	for _, l := range s {
		out += "  " + l + "\n"
	}
	return out
}

func TestReplaySQLiteMatchesMemory(t *testing.T) {
	p := testPolicy(t)
	events := genEvents(300, 1, genStart)
	d, err := Open(context.Background(), t.TempDir()+"/desk.db", Options{Policy: p, Workers: 4, Sim: true})
	require.NoError(t, err)
	defer d.Close()
	until := genStart.Add(45 * 24 * time.Hour)
	got := replayAndCompare(t, d, p, events, until)
	t.Logf("%d events, %d firings", len(events), len(got))
}
