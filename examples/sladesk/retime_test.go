package main

import (
	"context"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sla"
)

// TestRetimeAfterHolidayChange replays half the events, adds two holidays
// to the business calendar, re-times every open clock and its job, replays
// the rest, and compares the outbox with clocks re-timed in memory with
// sla.Clock.WithCalendar at the same instant.
func TestRetimeAfterHolidayChange(t *testing.T) {
	loc, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	hours := sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0))
	oldCal, err := sla.NewCalendar(loc, hours)
	require.NoError(t, err)
	newCal, err := sla.NewCalendar(loc, hours, sla.Holidays(date.New(2024, 3, 18), date.New(2024, 3, 19)))
	require.NoError(t, err)
	p, q := DefaultPolicy(oldCal), DefaultPolicy(newCal)

	events := genEvents(400, 3, genStart)
	at := time.Date(2024, 3, 16, 12, 0, 0, 0, loc) // a Saturday, before the holidays
	until := genStart.Add(45 * 24 * time.Hour)
	var before, after []Event
	for _, ev := range events {
		if ev.At.After(at) {
			after = append(after, ev)
		} else {
			before = append(before, ev)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	d, err := Open(ctx, t.TempDir()+"/retime.db", Options{Policy: p, Workers: 4, Sim: true})
	require.NoError(t, err)
	defer d.Close()
	_, err = Replay(ctx, d, before, at, nil)
	require.NoError(t, err)
	n, err := d.Retime(ctx, q, at)
	require.NoError(t, err)
	require.Positive(t, n, "some clocks were open at the change")
	_, err = Replay(ctx, d, after, until, nil)
	require.NoError(t, err)

	got, err := d.Outbox(ctx)
	require.NoError(t, err)
	want := expectFiringsRetimed(t, p, events, until, &change{At: at, From: oldCal, To: newCal, Policy: q})
	if diffs := diffFirings(sortByKey(want), sortByKey(got)); len(diffs) > 0 {
		t.Fatalf("outbox after the calendar change differs (%d want, %d got):\n%s", len(want), len(got), joinLines(diffs))
	}
	// The change mattered: without it the firings differ.
	unchanged := expectFirings(t, p, events, until)
	require.NotEmpty(t, diffFirings(sortByKey(unchanged), sortByKey(got)), "the holidays moved no deadline: the test proves nothing")
	t.Logf("%d clocks re-timed, %d firings", n, len(got))
}
