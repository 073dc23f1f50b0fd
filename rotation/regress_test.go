package rotation

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression tests for issue 11 (exact at every instant, in every zone).

// TestIssue11ApiaSkippedHandoffDay: Samoa skipped 2011-12-30. The turn
// whose hand-off day the zone skipped starts at the hand-off time of the
// next day it has, so it is empty (the day never happened) and b, whose
// turn began on 2011-12-29, stays on duty until then.
func TestIssue11ApiaSkippedHandoffDay(t *testing.T) {
	apia := zone(t, "Pacific/Apia")
	r, err := New(apia, date.New(2011, 12, 31), clock.New(23, 30, 0, 0), 1, "a", "b", "c")
	require.NoError(t, err)
	x := time.Date(2011, 12, 30, 12, 0, 0, 0, time.UTC)
	s := r.At(x)
	assert.Equal(t, "b", s.Who, "At(%v)", x)
	assert.True(t, s.Contains(x), "At(%v) = [%v, %v) does not contain it", x, s.Start, s.End)
	assert.Equal(t, time.Date(2011, 12, 30, 9, 30, 0, 0, time.UTC), s.Start, "b's hand-off, 2011-12-29 23:30 -10")
	assert.Equal(t, time.Date(2011, 12, 31, 9, 30, 0, 0, time.UTC), s.End, "a's hand-off, 2011-12-31 23:30 +14")
	got := collect(r, x, x.Add(time.Minute))
	require.Len(t, got, 1, "Shifts(%v, +1m)", x)
	assert.Equal(t, "b", got[0].Who)
	// At a 09:00 hand-off time.Date puts the skipped day's hand-off on the
	// day before (2011-12-29 09:00 -10); the rule moves it to the day after.
	r9, err := New(apia, date.New(2011, 12, 31), clock.New(9, 0, 0, 0), 1, "a", "b", "c")
	require.NoError(t, err)
	s = r9.At(time.Date(2011, 12, 29, 12, 0, 0, 0, apia))
	assert.Equal(t, "b", s.Who)
	assert.Equal(t, time.Date(2011, 12, 31, 9, 0, 0, 0, apia), s.End.In(apia))
	checkTiling(t, r9, time.Date(2011, 12, 25, 0, 0, 0, 0, apia), time.Date(2012, 1, 5, 0, 0, 0, 0, apia))
}

// TestIssue11KwajaleinSkippedHandoffDay: Kwajalein moved from -12 to +12
// in August 1993; Go's tz data skip 1993-08-21 (the issue names the 22nd,
// the first day after the gap: both are covered).
func TestIssue11KwajaleinSkippedHandoffDay(t *testing.T) {
	kwa := zone(t, "Pacific/Kwajalein")
	for _, tt := range []struct {
		anchor date.Date
		at     clock.Clock
	}{
		{date.New(1993, 8, 22), clock.New(23, 30, 0, 0)},
		{date.New(1993, 8, 22), clock.New(9, 0, 0, 0)},
		{date.New(1993, 8, 21), clock.New(0, 0, 0, 0)},
		{date.New(1993, 8, 15), clock.New(12, 0, 0, 0)},
	} {
		r, err := New(kwa, tt.anchor, tt.at, 1, "a", "b", "c")
		require.NoError(t, err)
		from := time.Date(1993, 8, 18, 0, 0, 0, 0, kwa)
		to := time.Date(1993, 8, 26, 0, 0, 0, 0, kwa)
		checkTiling(t, r, from, to)
		for u := from; u.Before(to); u = u.Add(17 * time.Minute) {
			s := r.At(u)
			require.True(t, s.Contains(u), "anchor %v at %v: At(%v) = [%v, %v)", tt.anchor, tt.at, u, s.Start, s.End)
		}
		x := time.Date(1993, 8, 21, 12, 0, 0, 0, time.UTC) // the first instant of the 22nd
		got := collect(r, x, x.Add(time.Minute))
		require.Len(t, got, 1)
		assert.True(t, got[0].Contains(x))
	}
}

// TestIssue11TurnLengthBounded: turn lengths beyond MaxTurn are refused by
// the constructors (field "days") and by JSON (field "every").
func TestIssue11TurnLengthBounded(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi)
	for _, days := range []int{0, -1, MaxTurn + 1, 1 << 55, 1 << 60, math.MaxInt64, math.MinInt64} {
		_, err := Every(first, days, "a", "b")
		require.ErrorIs(t, err, ErrTurn, "Every(%d)", days)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "days", ce.Field)
		assert.Contains(t, err.Error(), "want 1 to 3653 days")
		_, err = New(chi, date.New(2024, 3, 6), clock.New(9, 0, 0, 0), days, "a")
		require.ErrorIs(t, err, ErrTurn, "New(%d)", days)
	}
	for _, every := range []string{"0", "3654", "36028797018963968", "9223372036854775807", "-9223372036854775808"} {
		var r Rotation[string]
		err := json.Unmarshal([]byte(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":`+every+`,"people":["a","b"]}`), &r)
		require.ErrorIs(t, err, ErrTurn, "every %s", every)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "every", ce.Field)
		assert.Equal(t, every, ce.Value)
	}
	var r Rotation[string]
	err := json.Unmarshal([]byte(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":1e400,"people":["a"]}`), &r)
	require.ErrorIs(t, err, ErrSyntax)
}

// TestIssue11ExtremeInstants: with the longest turn, At holds its instant
// and Shifts ends, from year 1 to far beyond 9999 and at time.Time's edges.
func TestIssue11ExtremeInstants(t *testing.T) {
	for _, name := range []string{"UTC", "America/Chicago", "Pacific/Apia"} {
		loc := zone(t, name)
		for _, days := range []int{1, 7, 400, MaxTurn} {
			r, err := New(loc, date.New(2024, 3, 6), clock.New(2, 30, 0, 0), days, "a", "b", "c")
			require.NoError(t, err)
			for _, x := range []time.Time{
				time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Nanosecond),
				time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
				time.Date(-100000, 1, 1, 0, 0, 0, 0, time.UTC),
				time.Date(200000000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-200000000, 1, 1, 0, 0, 0, 0, time.UTC),
				time.Unix(1<<50, 0), time.Unix(-(1 << 50), 0),
			} {
				s := r.At(x)
				assert.True(t, s.Contains(x), "%s every %d: At(%v) = [%v, %v)", name, days, x, s.Start, s.End)
				n := 0
				for range r.Shifts(x, x.Add(time.Hour)) {
					n++
				}
				assert.Equal(t, 1, n, "%s every %d: Shifts(%v, +1h)", name, days, x)
			}
			// Beyond 2^53 seconds from 1970 rotations answer nothing, and
			// ranges up to time.Time's edges end.
			far := time.Unix(1<<53, 0)
			assert.True(t, r.At(far).IsZero())
			maxT := time.Unix(1<<63-1-62135596800, 999999999)
			minT := time.Time{}.Add(-1 << 63).Add(-1 << 63)
			n := 0
			for s := range r.Shifts(far.Add(-time.Hour), maxT) {
				require.True(t, s.Start.Before(s.End))
				n++
			}
			assert.Equal(t, 1, n)
			for range r.Shifts(minT, time.Unix(-(1<<53), 0)) {
				t.Fatal("a shift before 2^53 seconds before 1970")
			}
		}
	}
}

// TestIssue11NextHandoffAnyDistance: NextHandoff finds a hand-off however
// far it is, and says false only when nobody ever takes over.
func TestIssue11NextHandoffAnyDistance(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi)
	r, err := Every(first, 400, "a", "b")
	require.NoError(t, err)
	h, ok := r.NextHandoff(first.Add(time.Hour))
	require.True(t, ok, "Every(400) has a hand-off 400 days on")
	assert.Equal(t, first.AddDate(0, 0, 400), h.At)
	assert.Equal(t, "a", h.Outgoing)
	assert.Equal(t, "b", h.Incoming)

	w := MustWeekly(first, "a", "b", "c")
	swap, err := w.WithOverrides(Swap("a", first, first.AddDate(2, 0, 0)))
	require.NoError(t, err)
	h, ok = swap.NextHandoff(first)
	require.True(t, ok, "a two-year swap ends")
	assert.Equal(t, first.AddDate(2, 0, 0), h.At, "the swap's end, mid-turn")
	assert.Equal(t, "a", h.Outgoing)

	solo := MustWeekly(first, "solo")
	_, ok = solo.NextHandoff(first)
	assert.False(t, ok, "a one-person roster never hands off")
	later, err := solo.WithRoster(first.AddDate(30, 0, 0), "solo", "duo")
	require.NoError(t, err)
	h, ok = later.NextHandoff(first)
	require.True(t, ok, "a roster change thirty years on")
	assert.Equal(t, "duo", h.Incoming)
	assert.Equal(t, later.At(h.At).Start, h.At)
	assert.True(t, h.At.After(first.AddDate(30, 0, 0)))

	// An absence that gives every turn to the backup for ten years.
	pair := MustWeekly(first, "a", "b").WithBackups("b2")
	away, err := pair.WithOverrides(Absence("a", "b", first, first.AddDate(10, 0, 0)))
	require.NoError(t, err)
	h, ok = away.NextHandoff(first)
	require.True(t, ok)
	assert.Equal(t, "b", h.Outgoing)
	assert.Equal(t, "a", h.Incoming)
	assert.False(t, h.At.Before(first.AddDate(10, 0, 0)))
	assert.Equal(t, away.At(first.AddDate(10, 0, 0).Add(-time.Nanosecond)).End, h.At)

	// A swap for ever after on a one-person roster: never.
	forever, err := solo.WithBackups("x").WithOverrides(Swap("x", first, first.AddDate(5, 0, 0)))
	require.NoError(t, err)
	h, ok = forever.NextHandoff(first.AddDate(1, 0, 0))
	require.True(t, ok)
	assert.Equal(t, first.AddDate(5, 0, 0), h.At)
	_, ok = forever.NextHandoff(first.AddDate(6, 0, 0))
	assert.False(t, ok)
}

// TestIssue11ChainZeroTime: an escalation chain refuses zero instants, and
// answers right however long ago the alert began.
func TestIssue11ChainZeroTime(t *testing.T) {
	c, err := Escalation(Level[string]{Name: "one", People: []string{"a"}, Wait: time.Minute},
		Level[string]{Name: "two", People: []string{"b"}, Wait: time.Minute})
	require.NoError(t, err)
	c, err = c.WithRepeats(1000000)
	require.NoError(t, err)
	now := time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC)
	_, err = c.At(time.Time{}, time.Time{}, now)
	require.ErrorIs(t, err, ErrZeroTime)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "began", ce.Field)
	_, err = c.At(now, time.Time{}, time.Time{})
	require.ErrorIs(t, err, ErrZeroTime)
	// Began long before Duration's 292 years: the last pass, last level.
	old := time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)
	p, err := c.At(old, time.Time{}, now)
	require.NoError(t, err)
	assert.Equal(t, 1000000, p.Pass)
	assert.Equal(t, 1, p.Level)
	assert.Equal(t, old.Add(time.Duration(1000000)*2*time.Minute+time.Minute), p.Since)
	assert.True(t, p.Next.IsZero(), "exhausted")
	// Repeats whose total overflows a Duration are refused.
	_, err = c.WithRepeats(math.MaxInt64 / int(2*time.Minute))
	require.ErrorIs(t, err, ErrWait)
}

// TestNextHandoffMatchesHandoffs: on random rotations with roster changes,
// overrides and one-person epochs, NextHandoff(t) is the first of
// Handoffs(t+1ns, ...), and false only when Handoffs finds none up to well
// past the last change and override.
func TestNextHandoffMatchesHandoffs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, name := range zones {
		loc := zone(t, name)
		for i := range 150 {
			r := randomRotation(t, rng, loc)
			first := r.First()
			for range rng.IntN(3) {
				from := first.Add(time.Duration(rng.Int64N(int64(3 * 365 * 24 * time.Hour))))
				people := []string{"a", "b", "c", "d"}[:1+rng.IntN(4)]
				var err error
				r, err = r.WithRoster(from, people...)
				require.NoError(t, err)
			}
			if i%2 == 0 {
				r = withRandomOverrides(t, rng, r)
			}
			horizon := first.AddDate(8, 0, 0)
			for range 10 {
				at := first.Add(time.Duration(rng.Int64N(int64(4*365*24*time.Hour))) - 365*24*time.Hour)
				h, ok := r.NextHandoff(at)
				var want Handoff[string]
				found := false
				for x := range r.Handoffs(at.Add(time.Nanosecond), horizon) {
					want, found = x, true
					break
				}
				require.Equal(t, found, ok, "%s NextHandoff(%v) = %v %v", name, at, h, ok)
				if ok {
					assert.Equal(t, want.At, h.At, "%s NextHandoff(%v)", name, at)
					assert.Equal(t, want.Outgoing, h.Outgoing)
					assert.Equal(t, want.Incoming, h.Incoming)
				}
			}
		}
	}
}
