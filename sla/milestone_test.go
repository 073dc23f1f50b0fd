package sla_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// TestMilestonesReporterFollowUp walks R19/R29: remind at three weeks, close
// at six, with a pause while the reporter's answer is under review.
func TestMilestonesReporterFollowUp(t *testing.T) {
	const week = 7 * 24 * time.Hour
	loc := ckLoc(t, "Europe/London")
	asked := ckAt(loc, 2024, time.March, 20, 10, 0) // clocks go forward on 2024-03-31
	c := sla.Fleet2024ReporterFollowUp().Start(asked)

	assert.Empty(t, c.Passed(asked))
	m, due, ok := c.NextMilestone(asked)
	require.True(t, ok)
	assert.Equal(t, "remind", m.Name)
	// Three weeks of wall-clock time across the DST change: 11:00 BST on 2024-04-10.
	assert.True(t, due.Equal(ckAt(loc, 2024, time.April, 10, 11, 0)), "remind due %v", due)

	// At the instant it is due the milestone has passed; a nanosecond before, not.
	assert.Empty(t, c.Passed(due.Add(-time.Nanosecond)))
	assert.Equal(t, []sla.Milestone{{Name: "remind", At: 3 * week}}, c.Passed(due))
	m, closeAt, ok := c.NextMilestone(due)
	require.True(t, ok)
	assert.Equal(t, "close", m.Name)
	assert.True(t, closeAt.Equal(asked.Add(6*week)))

	// A week's pause pushes the close back a week.
	p := ckOK(t)(c.Pause(asked.Add(4 * week)))
	_, _, ok = p.NextMilestone(asked.Add(5 * week))
	assert.False(t, ok, "paused clocks reach nothing")
	assert.Len(t, p.Passed(asked.Add(10*week)), 1)
	r := ckOK(t)(p.Resume(asked.Add(5 * week)))
	_, closeAt, ok = r.NextMilestone(asked.Add(5 * week))
	require.True(t, ok)
	assert.True(t, closeAt.Equal(asked.Add(7*week)), "close due %v", closeAt)
	assert.Len(t, r.Passed(closeAt), 2)
	_, _, ok = r.NextMilestone(closeAt)
	assert.False(t, ok, "all passed")

	// A restart starts the milestones again.
	n := ckOK(t)(r.Restart(closeAt))
	assert.Empty(t, n.Passed(closeAt))
	m, _, ok = n.NextMilestone(closeAt)
	require.True(t, ok)
	assert.Equal(t, "remind", m.Name)

	// Stopped: passed milestones are frozen and nothing is next.
	s := ckOK(t)(c.Stop(asked.Add(4 * week)))
	assert.Len(t, s.Passed(asked.Add(100*week)), 1)
	_, _, ok = s.NextMilestone(asked.Add(4 * week))
	assert.False(t, ok)
}

// TestMilestonesEscalation covers R28 with a milestone at zero and one at
// the deadline.
func TestMilestonesEscalation(t *testing.T) {
	t0 := time.Date(2024, time.February, 29, 23, 30, 0, 0, time.UTC)
	target, err := sla.NewTarget("critical", time.Hour, sla.Calendar{},
		sla.Milestone{Name: "alarm", At: 0}, sla.Milestone{Name: "escalate to P1", At: time.Hour})
	require.NoError(t, err)
	c := target.Start(t0)
	assert.Equal(t, []sla.Milestone{{Name: "alarm"}}, c.Passed(t0), "a milestone at zero is reached at the start")
	m, due, ok := c.NextMilestone(t0)
	require.True(t, ok)
	assert.Equal(t, "escalate to P1", m.Name)
	clockDue, _ := c.Due()
	assert.True(t, due.Equal(clockDue), "escalation at the deadline")
	assert.False(t, c.Breached(due), "escalated, not yet breached")
}

// TestMilestonesProperty: on random runs, the instant NextMilestone reports
// is the first at which the milestone counts as passed, and Passed is the
// prefix of milestones at most Elapsed.
func TestMilestonesProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 19))
	for i, zone := range ckZones {
		loc := ckLoc(t, zone)
		for j := range 200 {
			ms := make([]sla.Milestone, 1+r.IntN(5))
			var at time.Duration
			for k := range ms {
				at += time.Duration(r.Int64N(int64(10 * time.Hour)))
				ms[k] = sla.Milestone{Name: string(rune('a' + k)), At: at}
			}
			target := sla.Target{Within: time.Duration(r.Int64N(int64(20 * time.Hour))), Milestones: ms}
			start := time.Date(2023, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(r.Int64N(int64(2 * 365 * 24 * time.Hour))))
			run := ckRandomRun(t, r, target, start, r.IntN(5), 10*time.Hour)
			c := run.clock
			q := run.last.Add(time.Duration(r.Int64N(int64(10 * time.Hour))))
			passed := c.Passed(q)
			for _, m := range passed {
				require.LessOrEqual(t, m.At, c.Elapsed(q), "zone %d run %d", i, j)
			}
			m, due, ok := c.NextMilestone(q)
			if !ok {
				require.True(t, c.State() != sla.Running || len(passed) == len(ms))
				continue
			}
			require.Equal(t, ms[len(passed)], m)
			require.Greater(t, m.At, c.Elapsed(q))
			require.Equal(t, m.At, c.Elapsed(due), "zone %d run %d: Elapsed at the milestone", i, j)
			require.Contains(t, c.Passed(due), m)
			require.NotContains(t, c.Passed(due.Add(-time.Nanosecond)), m)
		}
	}
}
