package sla_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// TestIssue11Item4ZeroDeadlineRoundTrip is issue 11's item 4: a clock whose
// deadline was the zero time marshalled without its breach and then refused
// its own JSON. Every clock that marshals must unmarshal back to a clock
// that marshals the same and answers the same.
func TestIssue11Item4ZeroDeadlineRoundTrip(t *testing.T) {
	zero := time.Time{}
	// The reproducer: a zero-length wall-clock target started at the zero
	// time has the zero time as its deadline.
	c := sla.Target{Name: "t"}.Start(zero)
	if p, err := c.Pause(zero.Add(time.Hour)); err == nil {
		c = p
	}
	ckRoundTrips(t, c, zero.Add(2*time.Hour))

	// A calendar that never opens again: Calendar.Add reports the zero
	// time, which is no deadline at all.
	loc := ckLoc(t, "Europe/London")
	cal, err := sla.NewCalendar(loc, sla.Week{}, sla.AllowNoOpeningHours(),
		sla.Special(date.New(2024, time.January, 2), sla.MustParseSpan("09:00-10:00")))
	require.NoError(t, err)
	target := sla.Target{Name: "never", Within: 2 * time.Hour, Calendar: cal,
		Milestones: []sla.Milestone{{Name: "early", At: 20 * time.Minute}, {Name: "late", At: 45 * time.Minute}}}
	start := time.Date(2024, time.January, 2, 9, 30, 0, 0, loc)
	later := start.AddDate(1, 0, 0)
	c = target.Start(start)
	due, ok := c.Due()
	assert.False(t, ok, "no deadline: Due = %v", due)
	assert.False(t, c.Breached(later), "never due, never breached")
	m, at, ok := c.NextMilestone(start)
	assert.True(t, ok, "the milestone at 20 minutes is reached at 09:50 on 2024-01-02")
	assert.Equal(t, "early", m.Name)
	assert.WithinDuration(t, start.Add(20*time.Minute), at, 0)
	m, at, ok = c.NextMilestone(later)
	assert.False(t, ok, "the milestone at 45 minutes can never be reached, not at %v (%s)", at, m.Name)
	assert.Equal(t, 30*time.Minute, c.Elapsed(later))
	ckRoundTrips(t, c, later)
	paused, err := c.Pause(later)
	require.NoError(t, err)
	assert.False(t, paused.Breached(later.Add(time.Hour)))
	ckRoundTrips(t, paused, later.Add(time.Hour))
	stopped, err := paused.Stop(later.Add(time.Hour))
	require.NoError(t, err)
	ckRoundTrips(t, stopped, later.Add(2*time.Hour))
}

// ckRoundTrips asserts that c, if it marshals, unmarshals to a clock that
// marshals the same and answers the same at probe.
func ckRoundTrips(t *testing.T, c sla.Clock, probe time.Time) {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		return
	}
	var got sla.Clock
	require.NoError(t, json.Unmarshal(b, &got), "%s", b)
	b2, err := json.Marshal(got)
	require.NoError(t, err)
	require.Equal(t, string(b), string(b2))
	ckSameClock(t, c, got, probe)
}

// TestIssue11Item8StartZeroTime is issue 11's item 8: Start at the zero
// time gave a running clock with Remaining -2562046h. The zero time is not
// an instant: Start gives the zero Clock, which is documented as not
// started and answers nothing wrongly.
func TestIssue11Item8StartZeroTime(t *testing.T) {
	now := time.Date(2024, time.March, 8, 16, 0, 0, 0, time.UTC)
	for _, s := range []sla.Starter{
		sla.Target{Name: "first response", Within: time.Hour},
		sla.Fleet2024OnCall(sla.Calendar{}),
	} {
		c := s.Start(time.Time{})
		assert.True(t, c.IsZero(), "%T.Start(zero) is the zero Clock", s)
		assert.Equal(t, sla.State(0), c.State())
		assert.Zero(t, c.Remaining(now), "Remaining of a clock that did not start")
		assert.Zero(t, c.Elapsed(now))
		_, ok := c.Due()
		assert.False(t, ok)
		assert.False(t, c.Breached(now))
	}
}

// TestClockActionsZeroTime: every action given the zero time fails with
// ErrZeroTime, on a started clock and on the zero Clock, and leaves the
// clock unchanged.
func TestClockActionsZeroTime(t *testing.T) {
	at := time.Date(2024, time.March, 8, 16, 0, 0, 0, time.UTC)
	target := sla.Target{Name: "first response", Within: time.Hour}
	running := target.Start(at)
	paused, err := running.Pause(at.Add(time.Minute))
	require.NoError(t, err)
	for _, c := range []sla.Clock{running, paused, {}} {
		before := ckJSON(t, c)
		for name, act := range map[string]func(time.Time) (sla.Clock, error){
			"Pause": c.Pause, "Resume": c.Resume, "Stop": c.Stop, "Restart": c.Restart,
			"WithCalendar": func(at time.Time) (sla.Clock, error) { return c.WithCalendar(sla.Calendar{}, at) },
		} {
			got, err := act(time.Time{})
			require.ErrorIs(t, err, sla.ErrZeroTime, "%s(zero) on a %s clock", name, c.State())
			var ae *sla.ActionError
			require.ErrorAs(t, err, &ae)
			assert.Contains(t, err.Error(), "zero time")
			assert.Equal(t, before, ckJSON(t, got), "%s(zero) returns the clock unchanged", name)
		}
	}
}

// TestNewClock: the checked Start says why it gives no clock.
func TestNewClock(t *testing.T) {
	at := time.Date(2024, time.March, 8, 16, 0, 0, 0, time.UTC)
	good := sla.Target{Name: "first response", Within: time.Hour}

	c, err := sla.NewClock(good, at)
	require.NoError(t, err)
	assert.Equal(t, ckJSON(t, good.Start(at)), ckJSON(t, c))

	_, err = sla.NewClock(good, time.Time{})
	require.ErrorIs(t, err, sla.ErrZeroTime)
	var ae *sla.ActionError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, sla.ActionStart, ae.Action)

	_, err = sla.NewClock(sla.Target{Within: -time.Hour}, at)
	require.ErrorIs(t, err, sla.ErrInvalidTarget)

	_, err = sla.NewClock(sla.Tiered{Open: good, Closed: sla.Target{Within: -time.Hour}}, at)
	require.ErrorIs(t, err, sla.ErrInvalidTarget)
	var ce *sla.ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "closed.within", ce.Field)

	_, err = sla.NewClock(nil, at)
	require.ErrorIs(t, err, sla.ErrInvalidTarget)

	_, err = sla.NewClock(zeroStarter{}, at)
	require.ErrorIs(t, err, sla.ErrInvalidTarget)

	c, err = sla.NewClock(sla.Fleet2024OnCall(sla.Calendar{}), at)
	require.NoError(t, err)
	assert.Equal(t, sla.Running, c.State())
}

type zeroStarter struct{}

func (zeroStarter) Start(time.Time) sla.Clock { return sla.Clock{} }

// TestClockQueriesZeroTime: queries at the zero time answer as at the last
// event, as for any earlier instant; none reports a breach or a negative
// count.
func TestClockQueriesZeroTime(t *testing.T) {
	at := time.Date(2024, time.March, 8, 16, 0, 0, 0, time.UTC)
	c := sla.Target{Name: "t", Within: time.Hour, Milestones: []sla.Milestone{{Name: "m", At: time.Minute}}}.Start(at)
	c = ckOK(t)(c.Pause(at.Add(30 * time.Second)))
	c = ckOK(t)(c.Resume(at.Add(time.Hour)))
	zero := time.Time{}
	assert.Equal(t, c.Elapsed(c.Since()), c.Elapsed(zero))
	assert.Equal(t, 30*time.Second, c.Elapsed(zero))
	assert.Equal(t, time.Hour-30*time.Second, c.Remaining(zero))
	assert.False(t, c.Breached(zero))
	m, due, ok := c.NextMilestone(zero)
	require.True(t, ok)
	assert.Equal(t, "m", m.Name)
	assert.WithinDuration(t, at.Add(time.Hour+30*time.Second), due, 0)
	assert.Empty(t, c.Passed(zero))
	assert.Equal(t, sla.Record{Cycles: 1, Worst: 30 * time.Second}, c.Record(zero))
}
