package sla_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// Tests on the zero Calendar (always open: Between is wall duration, Add is
// time.Add). Business calendars are in clock_calendar_test.go.

func TestUSFederalHolidaysHelper(t *testing.T) {
	got := ckUSFederalHolidays(2024, 2024)
	want := []date.Date{
		date.New(2024, 1, 1), date.New(2024, 1, 15), date.New(2024, 2, 19), date.New(2024, 5, 27),
		date.New(2024, 6, 19), date.New(2024, 7, 4), date.New(2024, 9, 2), date.New(2024, 10, 14),
		date.New(2024, 11, 11), date.New(2024, 11, 28), date.New(2024, 12, 25),
	}
	assert.Equal(t, want, got)
	// 2022-01-01 was a Saturday: observed on Friday 2021-12-31; 2023-01-01 a Sunday: Monday.
	assert.Contains(t, ckUSFederalHolidays(2022, 2022), date.New(2021, 12, 31))
	assert.Contains(t, ckUSFederalHolidays(2023, 2023), date.New(2023, 1, 2))
	ten := ckUSFederalHolidays(2020, 2029)
	assert.Len(t, ten, 10*10+9, "ten years, Juneteenth from 2021")
	for i := 1; i < len(ten); i++ {
		assert.Less(t, ten[i-1], ten[i], "sorted at %d", i)
	}
}

func TestStateText(t *testing.T) {
	for _, s := range []sla.State{0, sla.Running, sla.Paused, sla.Stopped} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var got sla.State
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, s, got, "round trip of %q", b)
	}
	assert.Equal(t, "unstarted", sla.State(0).String())
	_, err := sla.State(9).MarshalText()
	require.ErrorIs(t, err, sla.ErrInvalidClock)
	var s sla.State
	require.ErrorIs(t, s.UnmarshalText([]byte("Running")), sla.ErrSyntax)
	assert.Equal(t, "State(9)", sla.State(9).String())
	assert.Equal(t, "Action(0)", sla.Action(0).String())
}

// TestClockMoves covers every move from every state: legal moves, illegal
// ones, and instants before the last event. A refused move returns the
// receiver unchanged.
func TestClockMoves(t *testing.T) {
	loc := ckLoc(t, "America/Chicago")
	t0 := ckAt(loc, 2024, time.March, 6, 9, 0)
	last := t0.Add(time.Hour) // every clock's last event
	target := sla.Target{Name: "first response", Within: 2 * time.Hour}
	running := target.Start(t0)
	running = ckOK(t)(running.Pause(t0.Add(30 * time.Minute)))
	running = ckOK(t)(running.Resume(last))
	paused := ckOK(t)(target.Start(t0).Pause(last))
	stopped := ckOK(t)(target.Start(t0).Stop(last))
	clocks := map[sla.State]sla.Clock{0: {}, sla.Running: running, sla.Paused: paused, sla.Stopped: stopped}
	moves := map[sla.Action]func(sla.Clock, time.Time) (sla.Clock, error){
		sla.ActionPause:   sla.Clock.Pause,
		sla.ActionResume:  sla.Clock.Resume,
		sla.ActionStop:    sla.Clock.Stop,
		sla.ActionRestart: sla.Clock.Restart,
	}
	tests := []struct {
		from sla.State
		move sla.Action
		to   sla.State // 0: refused with ErrIllegalAction
	}{
		// running
		{sla.Running, sla.ActionPause, sla.Paused},
		{sla.Running, sla.ActionResume, 0},
		{sla.Running, sla.ActionStop, sla.Stopped},
		{sla.Running, sla.ActionRestart, sla.Running},
		// paused
		{sla.Paused, sla.ActionPause, 0},
		{sla.Paused, sla.ActionResume, sla.Running},
		{sla.Paused, sla.ActionStop, sla.Stopped},
		{sla.Paused, sla.ActionRestart, sla.Running},
		// stopped: nothing
		{sla.Stopped, sla.ActionPause, 0},
		{sla.Stopped, sla.ActionResume, 0},
		{sla.Stopped, sla.ActionStop, 0},
		{sla.Stopped, sla.ActionRestart, 0},
		// the zero Clock: nothing
		{0, sla.ActionPause, 0},
		{0, sla.ActionResume, 0},
		{0, sla.ActionStop, 0},
		{0, sla.ActionRestart, 0},
	}
	for _, tt := range tests {
		c := clocks[tt.from]
		before := ckJSON(t, c)
		for _, at := range []struct {
			name string
			at   time.Time
		}{{"same instant", last}, {"later", last.Add(time.Minute)}, {"earlier", last.Add(-time.Nanosecond)}} {
			t.Run(fmt.Sprintf("%s/%s/%s", tt.from, tt.move, at.name), func(t *testing.T) {
				got, err := moves[tt.move](c, at.at)
				assert.Equal(t, before, ckJSON(t, c), "receiver changed")
				var me *sla.ActionError
				switch {
				case tt.to == 0:
					require.ErrorIs(t, err, sla.ErrIllegalAction)
					require.ErrorAs(t, err, &me)
					assert.Equal(t, tt.from, me.State)
				case at.name == "earlier":
					require.ErrorIs(t, err, sla.ErrOutOfOrder)
					require.ErrorAs(t, err, &me)
					assert.True(t, me.Last.Equal(last), "Last = %v, want %v", me.Last, last)
				default:
					require.NoError(t, err)
					assert.Equal(t, tt.to, got.State())
					assert.True(t, got.Since().Equal(at.at), "Since() = %v, want %v", got.Since(), at.at)
					return
				}
				assert.Equal(t, tt.move, me.Action)
				assert.True(t, me.At.Equal(at.at))
				assert.Equal(t, before, ckJSON(t, got), "refused move must return the clock unchanged")
				assert.Contains(t, err.Error(), "sla: cannot "+tt.move.String())
			})
		}
	}
}

func TestActionErrorText(t *testing.T) {
	loc := ckLoc(t, "Europe/London")
	t0 := ckAt(loc, 2024, time.March, 31, 0, 30)
	c := sla.Target{Name: "first response", Within: time.Hour}.Start(t0)
	_, err := c.Resume(t0)
	assert.EqualError(t, err, `sla: cannot resume clock "first response": it is running`)
	_, err = c.Pause(t0.Add(-time.Second))
	assert.EqualError(t, err, `sla: cannot pause clock "first response" at 2024-03-31T00:29:59Z: before its last event at 2024-03-31T00:30:00Z`)
	_, err = sla.Clock{}.Stop(t0)
	assert.EqualError(t, err, `sla: cannot stop clock "": it is unstarted`)
}

func TestClockWallClock(t *testing.T) {
	loc := ckLoc(t, "Asia/Kathmandu")
	t0 := time.Date(2024, time.February, 29, 23, 30, 0, 123, loc) // leap day, odd nanoseconds
	target := sla.Target{Name: "ack", Within: time.Hour}
	c := target.Start(t0)

	due, ok := c.Due()
	require.True(t, ok)
	assert.True(t, due.Equal(t0.Add(time.Hour)), "Due() = %v", due)
	assert.Equal(t, loc, due.Location(), "Due in the caller's location")
	assert.Equal(t, 20*time.Minute, c.Elapsed(t0.Add(20*time.Minute)))
	assert.Equal(t, time.Duration(0), c.Elapsed(t0.Add(-time.Hour)), "instants before the last event count as it")
	assert.Equal(t, time.Duration(0), c.Remaining(due))
	assert.False(t, c.Breached(due), "on the deadline is not past it")
	assert.True(t, c.Breached(due.Add(time.Nanosecond)))
	assert.Equal(t, -time.Minute, c.Remaining(due.Add(time.Minute)))
	at, ok := c.BreachedAt(due.Add(time.Minute))
	require.True(t, ok)
	assert.True(t, at.Equal(due))
	_, ok = c.BreachedAt(due)
	assert.False(t, ok)

	// Pause 20 minutes in, resume 2 hours later: the deadline moves 2 hours.
	p := ckOK(t)(c.Pause(t0.Add(20 * time.Minute)))
	_, ok = p.Due()
	assert.False(t, ok, "paused clocks have no deadline")
	assert.Equal(t, 20*time.Minute, p.Elapsed(t0.Add(5*time.Hour)), "frozen while paused")
	assert.False(t, p.Breached(t0.Add(5*time.Hour)), "paused before the deadline: never breached")
	r := ckOK(t)(p.Resume(t0.Add(140 * time.Minute)))
	due, ok = r.Due()
	require.True(t, ok)
	assert.True(t, due.Equal(t0.Add(3*time.Hour)), "Due() = %v", due)
	assert.Equal(t, 30*time.Minute, r.Elapsed(t0.Add(150*time.Minute)))

	// Stop after the deadline: breach and elapsed fixed for good.
	s := ckOK(t)(r.Stop(t0.Add(4 * time.Hour)))
	assert.Equal(t, 2*time.Hour, s.Elapsed(t0.Add(100*time.Hour)))
	assert.Equal(t, -time.Hour, s.Remaining(t0.Add(100*time.Hour)))
	assert.True(t, s.Breached(t0.Add(100*time.Hour)))
	at, ok = s.BreachedAt(t0.Add(100 * time.Hour))
	require.True(t, ok)
	assert.True(t, at.Equal(t0.Add(3*time.Hour)), "BreachedAt = %v", at)
	assert.False(t, s.Breached(t0.Add(3*time.Hour)), "stopped clock: not breached before its deadline")
	_, ok = s.Due()
	assert.False(t, ok)

	// Stop before the deadline: never breached.
	met := ckOK(t)(c.Stop(t0.Add(59 * time.Minute)))
	assert.False(t, met.Breached(t0.Add(1000*time.Hour)))
	assert.Equal(t, time.Minute, met.Remaining(t0.Add(1000*time.Hour)))
}

// TestClockBreachSurvivesPause: a clock paused after its deadline stays
// breached, and when resumed reports the deadline it already passed.
func TestClockBreachSurvivesPause(t *testing.T) {
	t0 := time.Date(2024, time.December, 31, 23, 0, 0, 0, time.UTC) // year end
	c := sla.Target{Within: time.Hour}.Start(t0)
	p := ckOK(t)(c.Pause(t0.Add(90 * time.Minute)))
	assert.True(t, p.Breached(t0.Add(90*time.Minute)))
	assert.False(t, p.Breached(t0.Add(time.Hour)), "not yet past the deadline at the deadline")
	r := ckOK(t)(p.Resume(t0.Add(3 * time.Hour)))
	due, ok := r.Due()
	require.True(t, ok)
	assert.True(t, due.Equal(t0.Add(time.Hour)), "Due() = %v, want the passed deadline", due)
	assert.Equal(t, -time.Hour, r.Remaining(t0.Add(3*time.Hour+30*time.Minute)))
	// Paused exactly on the deadline: not breached; resuming makes it due at once.
	q := ckOK(t)(c.Pause(t0.Add(time.Hour)))
	assert.False(t, q.Breached(t0.Add(10*time.Hour)))
	q = ckOK(t)(q.Resume(t0.Add(2 * time.Hour)))
	due, _ = q.Due()
	assert.True(t, due.Equal(t0.Add(2*time.Hour)), "Due() = %v", due)
	assert.True(t, q.Breached(t0.Add(2*time.Hour+1)))
}

// TestClockPauseAcrossDSTWallClock pauses a wall-clock target across zone
// transitions: elapsed time is real time, whatever the wall clock reads.
func TestClockPauseAcrossDSTWallClock(t *testing.T) {
	ckRunDSTRows(t, func(*time.Location) sla.Calendar { return sla.Calendar{} })
}

// ckRunDSTRows runs ckDSTRows on the calendar cal returns for each row's
// zone, which must count real elapsed time.
func ckRunDSTRows(t *testing.T, cal func(*time.Location) sla.Calendar) {
	for _, tt := range ckDSTRows {
		t.Run(tt.name, func(t *testing.T) {
			loc := ckLoc(t, tt.zone)
			in := func(w [5]int) time.Time { return ckAt(loc, w[0], time.Month(w[1]), w[2], w[3], w[4]) }
			start, pause, resume, stop := in(tt.start), in(tt.pause), in(tt.resume), in(tt.stop)
			c := sla.Target{Within: 24 * time.Hour, Calendar: cal(loc)}.Start(start)
			c = ckOK(t)(c.Pause(pause))
			c = ckOK(t)(c.Resume(resume))
			due, _ := c.Due()
			assert.True(t, due.Equal(start.Add(24*time.Hour+resume.Sub(pause))), "Due() = %v", due)
			c = ckOK(t)(c.Stop(stop))
			assert.Equal(t, tt.want, c.Elapsed(stop), "Elapsed after %v..%v paused %v..%v", start, stop, pause, resume)
			assert.Equal(t, tt.want, pause.Sub(start)+stop.Sub(resume), "the table's own arithmetic")
		})
	}
}

// ckDSTRows are clocks started, paused, resumed and stopped around zone
// transitions, with the real time they ran: the wall-clock test and the
// 24x7-calendar test in clock_calendar_test.go share them.
var ckDSTRows = []struct {
	name                       string
	zone                       string
	start, pause, resume, stop [5]int
	want                       time.Duration
}{
	// spring forward, the gap inside the pause
	{"Chicago spring, paused", "America/Chicago", ckW(2024, 3, 9, 22, 0), ckW(2024, 3, 10, 1, 30), ckW(2024, 3, 10, 3, 30), ckW(2024, 3, 10, 5, 0), 5 * time.Hour},
	// spring forward, the gap inside a running stretch: 00:00 to 04:00 is 3 hours
	{"Chicago spring, running", "America/Chicago", ckW(2024, 3, 10, 0, 0), ckW(2024, 3, 10, 4, 0), ckW(2024, 3, 10, 5, 0), ckW(2024, 3, 10, 5, 0), 3 * time.Hour},
	// fall back: 00:30 CDT to 03:00 CST is 3h30m, paused
	{"Chicago fall, paused", "America/Chicago", ckW(2024, 11, 2, 22, 0), ckW(2024, 11, 3, 0, 30), ckW(2024, 11, 3, 3, 0), ckW(2024, 11, 3, 4, 0), 3*time.Hour + 30*time.Minute},
	{"Chicago fall, running", "America/Chicago", ckW(2024, 11, 3, 0, 0), ckW(2024, 11, 3, 3, 0), ckW(2024, 11, 3, 3, 0), ckW(2024, 11, 3, 3, 0), 4 * time.Hour},
	{"London spring, paused", "Europe/London", ckW(2024, 3, 30, 23, 0), ckW(2024, 3, 31, 0, 30), ckW(2024, 3, 31, 2, 30), ckW(2024, 3, 31, 3, 0), 2 * time.Hour},
	{"London fall, running", "Europe/London", ckW(2024, 10, 26, 23, 0), ckW(2024, 10, 27, 3, 0), ckW(2024, 10, 27, 3, 0), ckW(2024, 10, 27, 3, 0), 5 * time.Hour},
	// Lord Howe moves 30 minutes: 02:00 -> 02:30 on 2024-10-06, 02:00 -> 01:30 on 2024-04-07
	{"Lord Howe spring, running", "Australia/Lord_Howe", ckW(2024, 10, 5, 23, 0), ckW(2024, 10, 6, 4, 0), ckW(2024, 10, 6, 4, 0), ckW(2024, 10, 6, 4, 0), 4*time.Hour + 30*time.Minute},
	{"Lord Howe fall, paused", "Australia/Lord_Howe", ckW(2024, 4, 6, 23, 0), ckW(2024, 4, 7, 1, 0), ckW(2024, 4, 7, 3, 0), ckW(2024, 4, 7, 4, 0), 3 * time.Hour},
	{"Lord Howe fall, running", "Australia/Lord_Howe", ckW(2024, 4, 7, 0, 0), ckW(2024, 4, 7, 4, 0), ckW(2024, 4, 7, 4, 0), ckW(2024, 4, 7, 4, 0), 4*time.Hour + 30*time.Minute},
	// Kathmandu moved from +05:30 to +05:45 at 1986-01-01 00:00
	{"Kathmandu 1986, running", "Asia/Kathmandu", ckW(1985, 12, 31, 23, 0), ckW(1986, 1, 1, 1, 0), ckW(1986, 1, 1, 1, 0), ckW(1986, 1, 1, 1, 0), 105 * time.Minute},
	{"Kathmandu 1986, paused", "Asia/Kathmandu", ckW(1985, 12, 31, 23, 0), ckW(1985, 12, 31, 23, 45), ckW(1986, 1, 1, 0, 30), ckW(1986, 1, 1, 1, 30), 105 * time.Minute},
}

// ckW packs a wall-clock reading for tables; the zone comes from the row.
func ckW(y, m, d, h, min int) [5]int { return [5]int{y, m, d, h, min} }

func TestClockRestartRecord(t *testing.T) {
	t0 := time.Date(2024, time.March, 6, 9, 0, 0, 0, time.UTC)
	c := sla.Target{Name: "pull request follow-up", Within: 8 * time.Hour}.Start(t0)
	assert.Equal(t, sla.Record{Cycles: 1, Worst: 2 * time.Hour}, c.Record(t0.Add(2*time.Hour)))
	// First follow-up after 3h (met), second after 10h (breached), third while paused.
	c = ckOK(t)(c.Restart(t0.Add(3 * time.Hour)))
	assert.True(t, c.Started().Equal(t0.Add(3*time.Hour)))
	assert.Equal(t, time.Duration(0), c.Elapsed(t0.Add(3*time.Hour)))
	c = ckOK(t)(c.Restart(t0.Add(13 * time.Hour)))
	assert.False(t, c.Breached(t0.Add(13*time.Hour)), "a new cycle starts unbreached")
	c = ckOK(t)(c.Pause(t0.Add(14 * time.Hour)))
	c = ckOK(t)(c.Restart(t0.Add(30 * time.Hour)))
	assert.Equal(t, sla.Running, c.State(), "restart from paused runs")
	assert.Equal(t, sla.Record{Cycles: 4, Worst: 10 * time.Hour, Breaches: 1}, c.Record(t0.Add(31*time.Hour)))
	// The current cycle counts once it is the worst or breached.
	assert.Equal(t, sla.Record{Cycles: 4, Worst: 12 * time.Hour, Breaches: 2}, c.Record(t0.Add(42*time.Hour)))
	s := ckOK(t)(c.Stop(t0.Add(42 * time.Hour)))
	assert.Equal(t, sla.Record{Cycles: 4, Worst: 12 * time.Hour, Breaches: 2}, s.Record(t0.Add(99*time.Hour)))
	assert.Equal(t, sla.Record{}, sla.Clock{}.Record(t0))
}

func TestZeroClock(t *testing.T) {
	var c sla.Clock
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.True(t, c.IsZero())
	assert.Equal(t, sla.State(0), c.State())
	assert.Equal(t, time.Duration(0), c.Elapsed(at))
	assert.False(t, c.Breached(at))
	_, ok := c.Due()
	assert.False(t, ok)
	_, _, ok = c.NextMilestone(at)
	assert.False(t, ok)
	assert.Empty(t, c.Passed(at))
	assert.False(t, sla.Target{}.Start(at).IsZero(), "the zero Target is valid")
}

// TestStartInvalidTarget: Start on an invalid target returns the zero Clock
// rather than panicking.
func TestStartInvalidTarget(t *testing.T) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, target := range []sla.Target{
		{Name: "negative", Within: -time.Nanosecond},
		{Name: "bad milestone", Within: time.Hour, Milestones: []sla.Milestone{{Name: "x", At: -1}}},
	} {
		c := target.Start(at)
		assert.True(t, c.IsZero(), target.Name)
		_, err := c.Pause(at)
		require.ErrorIs(t, err, sla.ErrIllegalAction)
		require.ErrorIs(t, target.Validate(), sla.ErrInvalidTarget)
	}
}

// TestClockTargetIsolated: the clock keeps its own copy of the milestones.
func TestClockTargetIsolated(t *testing.T) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := []sla.Milestone{{Name: "remind", At: time.Hour}}
	c := sla.Target{Within: 2 * time.Hour, Milestones: ms}.Start(at)
	ms[0].Name = "changed"
	got := c.Target()
	assert.Equal(t, "remind", got.Milestones[0].Name)
	got.Milestones[0].Name = "changed again"
	assert.Equal(t, "remind", c.Target().Milestones[0].Name)
	p := c.Passed(at.Add(time.Hour))
	p[0].Name = "and again"
	assert.Equal(t, "remind", c.Passed(at.Add(time.Hour))[0].Name)
}

// ckRun drives a clock through random moves from start, returning it with the
// paused intervals it went through (the last one open-ended if it ends
// paused), its last event and the elapsed time before the last restart.
type ckRun struct {
	clock  sla.Clock
	start  time.Time      // start of the current cycle
	pauses [][2]time.Time // paused intervals of the current cycle; zero end: still paused
	last   time.Time
}

func ckRandomRun(t testing.TB, r *rand.Rand, target sla.Target, start time.Time, moves int, maxGap time.Duration) ckRun {
	t.Helper()
	run := ckRun{clock: target.Start(start), start: start, last: start}
	for range moves {
		at := run.last.Add(time.Duration(r.Int64N(int64(maxGap))))
		var err error
		switch run.clock.State() {
		case sla.Running:
			run.clock, err = run.clock.Pause(at)
			run.pauses = append(run.pauses, [2]time.Time{at})
		case sla.Paused:
			run.clock, err = run.clock.Resume(at)
			run.pauses[len(run.pauses)-1][1] = at
		}
		require.NoError(t, err)
		run.last = at
	}
	return run
}

// ckWantElapsed is the property oracle: the open time from the start to at,
// less the open time of every paused interval.
func ckWantElapsed(cal sla.Calendar, run ckRun, at time.Time) time.Duration {
	want := cal.Between(run.start, at)
	for _, p := range run.pauses {
		end := p[1]
		if end.IsZero() || end.After(at) {
			end = at
		}
		want -= cal.Between(p[0], end)
	}
	return want
}

// ckCheckProperties asserts, for random runs on cal, that pausing and
// resuming never changes the elapsed time outside the paused intervals, that
// Elapsed(Due) == Within for running clocks not yet past their deadline, and
// that Breached flips exactly after Due.
func ckCheckProperties(t *testing.T, cal sla.Calendar, loc *time.Location, seed uint64, n int) {
	r := rand.New(rand.NewPCG(seed, 1))
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, loc)
	for i := range n {
		start := base.Add(time.Duration(r.Int64N(int64(8 * 365 * 24 * time.Hour))))
		within := time.Duration(r.Int64N(int64(60 * time.Hour)))
		target := sla.Target{Within: within, Calendar: cal}
		run := ckRandomRun(t, r, target, start, r.IntN(6), 30*time.Hour)
		c := run.clock
		at := run.last.Add(time.Duration(r.Int64N(int64(100 * time.Hour))))
		require.Equal(t, ckWantElapsed(cal, run, at), c.Elapsed(at), "run %d: Elapsed(%v) of %s", i, at, ckJSON(t, c))
		require.Equal(t, within-c.Elapsed(at), c.Remaining(at))
		due, ok := c.Due()
		if c.State() != sla.Running {
			require.False(t, ok)
			continue
		}
		require.True(t, ok)
		if _, breached := c.BreachedAt(c.Since()); !breached {
			require.Equal(t, within, c.Elapsed(due), "run %d: Elapsed(Due() = %v) of %s", i, due, ckJSON(t, c))
			require.False(t, c.Breached(due), "run %d: breached on the deadline", i)
			require.LessOrEqual(t, c.Elapsed(due.Add(-time.Nanosecond)), within)
		}
		require.True(t, c.Breached(due.Add(time.Nanosecond)), "run %d: not breached after Due() = %v", i, due)
	}
}

func TestClockPropertiesWallClock(t *testing.T) {
	for i, zone := range ckZones {
		t.Run(zone, func(t *testing.T) {
			ckCheckProperties(t, sla.Calendar{}, ckLoc(t, zone), uint64(i), 500)
		})
	}
}

func TestClockErrorsAreDistinct(t *testing.T) {
	assert.False(t, errors.Is(sla.ErrIllegalAction, sla.ErrOutOfOrder))
	assert.False(t, errors.Is(sla.ErrInvalidClock, sla.ErrInvalidTarget))
}
