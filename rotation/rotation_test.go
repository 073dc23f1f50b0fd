package rotation

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err, "tz data for %s", name)
	return loc
}

// zones are the DST shapes the package must handle: US and EU one-hour
// changes on different dates, Lord Howe's 30-minute change, and Kathmandu's
// +05:45 offset without DST.
var zones = []string{"America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"}

func TestWeeklyAt(t *testing.T) {
	chi := zone(t, "America/Chicago")
	lon := zone(t, "Europe/London")
	lhi := zone(t, "Australia/Lord_Howe")
	ktm := zone(t, "Asia/Kathmandu")
	people := []string{"ana", "ben", "cy"}
	tests := []struct {
		name       string
		first      time.Time
		at         time.Time
		who        string
		start, end time.Time
	}{
		// R1: Wednesday 09:00 hand-off in Chicago.
		{"first instant", time.Date(2024, 2, 7, 9, 0, 0, 0, chi), time.Date(2024, 2, 7, 9, 0, 0, 0, chi), "ana",
			time.Date(2024, 2, 7, 9, 0, 0, 0, chi), time.Date(2024, 2, 14, 9, 0, 0, 0, chi)},
		{"just before first", time.Date(2024, 2, 7, 9, 0, 0, 0, chi), time.Date(2024, 2, 7, 8, 59, 59, 999999999, chi), "cy",
			time.Date(2024, 1, 31, 9, 0, 0, 0, chi), time.Date(2024, 2, 7, 9, 0, 0, 0, chi)},
		{"exactly at hand-off is incoming", time.Date(2024, 2, 7, 9, 0, 0, 0, chi), time.Date(2024, 2, 14, 9, 0, 0, 0, chi), "ben",
			time.Date(2024, 2, 14, 9, 0, 0, 0, chi), time.Date(2024, 2, 21, 9, 0, 0, 0, chi)},
		{"hand-off day before hand-off", time.Date(2024, 2, 7, 9, 0, 0, 0, chi), time.Date(2024, 2, 21, 3, 0, 0, 0, chi), "ben",
			time.Date(2024, 2, 14, 9, 0, 0, 0, chi), time.Date(2024, 2, 21, 9, 0, 0, 0, chi)},
		{"backwards cycles", time.Date(2024, 2, 7, 9, 0, 0, 0, chi), time.Date(2024, 1, 20, 0, 0, 0, 0, chi), "ana",
			time.Date(2024, 1, 17, 9, 0, 0, 0, chi), time.Date(2024, 1, 24, 9, 0, 0, 0, chi)},
		// Spring forward 2024-03-10: the shift over it is 167 hours.
		{"chicago spring forward", time.Date(2024, 3, 6, 9, 0, 0, 0, chi), time.Date(2024, 3, 10, 12, 0, 0, 0, chi), "ana",
			time.Date(2024, 3, 6, 9, 0, 0, 0, chi), time.Date(2024, 3, 13, 9, 0, 0, 0, chi)},
		// Fall back 2024-11-03: 169 hours.
		{"chicago fall back", time.Date(2024, 10, 30, 9, 0, 0, 0, chi), time.Date(2024, 11, 3, 1, 30, 0, 0, chi), "ana",
			time.Date(2024, 10, 30, 9, 0, 0, 0, chi), time.Date(2024, 11, 6, 9, 0, 0, 0, chi)},
		// London changes on Sundays at 01:00 UTC; a Sunday 00:30 rotation.
		{"london spring", time.Date(2024, 3, 24, 0, 30, 0, 0, lon), time.Date(2024, 3, 31, 0, 30, 0, 0, lon), "ben",
			time.Date(2024, 3, 31, 0, 30, 0, 0, lon), time.Date(2024, 4, 7, 0, 30, 0, 0, lon)},
		{"london year end", time.Date(2024, 12, 25, 9, 0, 0, 0, lon), time.Date(2025, 1, 1, 9, 0, 0, 0, lon), "ben",
			time.Date(2025, 1, 1, 9, 0, 0, 0, lon), time.Date(2025, 1, 8, 9, 0, 0, 0, lon)},
		// Lord Howe: 30-minute change, 2024-10-06 02:00 -> 02:30.
		{"lord howe spring", time.Date(2024, 10, 2, 9, 0, 0, 0, lhi), time.Date(2024, 10, 8, 0, 0, 0, 0, lhi), "ana",
			time.Date(2024, 10, 2, 9, 0, 0, 0, lhi), time.Date(2024, 10, 9, 9, 0, 0, 0, lhi)},
		// Kathmandu +05:45, leap day hand-off.
		{"kathmandu leap day", time.Date(2024, 2, 22, 9, 0, 0, 0, ktm), time.Date(2024, 2, 29, 9, 0, 0, 0, ktm), "ben",
			time.Date(2024, 2, 29, 9, 0, 0, 0, ktm), time.Date(2024, 3, 7, 9, 0, 0, 0, ktm)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Weekly(tt.first, people...)
			require.NoError(t, err)
			got := r.At(tt.at)
			assert.Equal(t, tt.who, got.Who, "At(%v).Who", tt.at)
			assert.True(t, got.Start.Equal(tt.start), "At(%v).Start = %v, want %v", tt.at, got.Start, tt.start)
			assert.True(t, got.End.Equal(tt.end), "At(%v).End = %v, want %v", tt.at, got.End, tt.end)
			assert.True(t, got.Contains(tt.at))
		})
	}
}

func TestShiftLengthAcrossDST(t *testing.T) {
	chi := zone(t, "America/Chicago")
	r := MustWeekly(time.Date(2024, 3, 6, 9, 0, 0, 0, chi), 1, 2)
	assert.Equal(t, 167*time.Hour, r.At(time.Date(2024, 3, 8, 0, 0, 0, 0, chi)).Duration())
	assert.Equal(t, 169*time.Hour, r.At(time.Date(2024, 11, 1, 0, 0, 0, 0, chi)).Duration())
	lhi := zone(t, "Australia/Lord_Howe")
	r = MustWeekly(time.Date(2024, 10, 2, 9, 0, 0, 0, lhi), 1, 2)
	assert.Equal(t, 167*time.Hour+30*time.Minute, r.At(time.Date(2024, 10, 7, 0, 0, 0, 0, lhi)).Duration())
}

// TestHandoffInGapAndOverlap pins the documented rule: hand-offs follow
// time.Date normalisation.
func TestHandoffInGapAndOverlap(t *testing.T) {
	tests := []struct {
		zone  string
		day   date.Date
		at    clock.Clock
		turn  int
		want  string // the hand-off as Go's time.Date places it
		label string
	}{
		// Spring forward: the wall time does not exist.
		{"America/Chicago", date.New(2024, 3, 3), clock.New(2, 30, 0, 0), 7, "2024-03-10 01:30 -0600", "chicago gap"},
		{"Europe/London", date.New(2024, 3, 24), clock.New(1, 30, 0, 0), 7, "2024-03-31 02:30 +0100", "london gap"},
		{"Australia/Lord_Howe", date.New(2024, 10, 5), clock.New(2, 15, 0, 0), 1, "2024-10-06 02:45 +1100", "lord howe 30-minute gap"},
		// Fall back: the wall time happens twice.
		{"America/Chicago", date.New(2024, 10, 27), clock.New(1, 30, 0, 0), 7, "2024-11-03 01:30 -0500", "chicago overlap"},
		{"Europe/London", date.New(2024, 10, 20), clock.New(1, 30, 0, 0), 7, "2024-10-27 01:30 +0000", "london overlap"},
		{"Australia/Lord_Howe", date.New(2024, 4, 6), clock.New(1, 45, 0, 0), 1, "2024-04-07 01:45 +1030", "lord howe overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			loc := zone(t, tt.zone)
			r, err := New(loc, tt.day, tt.at, tt.turn, "a", "b")
			require.NoError(t, err)
			y, m, d := (tt.day + date.Date(tt.turn)).Date()
			h, mi, _ := tt.at.HourMinuteSecond()
			want := time.Date(y, m, d, h, mi, 0, 0, loc)
			noon := time.Date(y, m, d, 12, 0, 0, 0, loc)
			got := r.At(noon)
			assert.Equal(t, "b", got.Who)
			assert.True(t, got.Start.Equal(want), "At(%v).Start = %v, want time.Date's %v", noon, got.Start, want)
			assert.Equal(t, tt.want, got.Start.Format("2006-01-02 15:04 -0700"), "documented normalisation")
			prev := r.At(got.Start.Add(-time.Nanosecond))
			assert.Equal(t, "a", prev.Who)
			assert.True(t, prev.End.Equal(got.Start))
			assert.Equal(t, "b", r.At(got.Start).Who, "the hand-off instant belongs to the incoming person")
		})
	}
}

func TestEvery(t *testing.T) {
	ktm := zone(t, "Asia/Kathmandu")
	first := time.Date(2024, 12, 30, 8, 0, 0, 0, ktm)
	r, err := Every(first, 2, "a", "b", "c")
	require.NoError(t, err)
	assert.Equal(t, 2, r.Turn())
	s := r.At(time.Date(2025, 1, 3, 7, 59, 0, 0, ktm)) // turn 1: Jan 1 08:00 - Jan 3 08:00
	assert.Equal(t, "b", s.Who)
	assert.True(t, s.Start.Equal(time.Date(2025, 1, 1, 8, 0, 0, 0, ktm)))
	assert.Equal(t, "c", r.At(time.Date(2025, 1, 3, 8, 0, 0, 0, ktm)).Who)
	// The result is in the caller's location.
	assert.Equal(t, time.UTC, r.At(first.UTC()).Start.Location())
}

func TestConstructorErrors(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi)
	_, err := Weekly[string](first)
	require.ErrorIs(t, err, ErrEmptyRoster)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "people", ce.Field)
	_, err = Every(first, 0, "a")
	require.ErrorIs(t, err, ErrTurn)
	assert.Contains(t, err.Error(), `rotation: days "0"`)
	_, err = Every(first, -3, "a")
	require.ErrorIs(t, err, ErrTurn)
	_, err = New(nil, date.New(2024, 3, 6), 0, 7, "a")
	require.ErrorIs(t, err, ErrZone)
	_, err = New(chi, date.New(2024, 3, 6), clock.Day, 7, "a")
	require.ErrorIs(t, err, ErrSyntax)
	_, err = Weekly(time.Time{}, "a")
	require.ErrorIs(t, err, ErrZeroTime)
	assert.Panics(t, func() { MustWeekly[string](first) })
}

func TestZeroRotation(t *testing.T) {
	var r Rotation[string]
	assert.True(t, r.IsZero())
	assert.True(t, r.At(time.Now()).IsZero())
	n := 0
	for range r.Shifts(time.Now(), time.Now().Add(time.Hour)) {
		n++
	}
	assert.Zero(t, n)
	assert.True(t, r.First().IsZero())
}

func TestShiftsRangeEdges(t *testing.T) {
	chi := zone(t, "America/Chicago")
	r := MustWeekly(time.Date(2024, 3, 6, 9, 0, 0, 0, chi), "a", "b")
	from := time.Date(2024, 3, 13, 9, 0, 0, 0, chi)
	got := collect(r, from, from.Add(7*24*time.Hour))
	require.Len(t, got, 1, "a range equal to one shift yields exactly it")
	assert.Equal(t, "b", got[0].Who)
	for range r.Shifts(from, from) {
		t.Fatal("empty range yielded a shift")
	}
	for range r.Shifts(from, from.Add(-time.Hour)) {
		t.Fatal("backwards range yielded a shift")
	}
	// Early stop.
	n := 0
	for range r.Shifts(from, from.AddDate(1, 0, 0)) {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

// oracle finds the turn holding t by walking hand-offs built with time.Date
// from an elapsed-time estimate: a different algorithm from base.
func oracle(r Rotation[string], t time.Time) (k int64, s, e time.Time) {
	first := r.handoff(0)
	k = int64(t.Sub(first) / (time.Duration(r.days) * 24 * time.Hour))
	for !r.handoff(k).After(t) {
		k++
	}
	for r.handoff(k).After(t) {
		k--
	}
	return k, r.handoff(k), r.handoff(k + 1)
}

func randomRotation(t *testing.T, rng *rand.Rand, loc *time.Location) Rotation[string] {
	days := []int{1, 2, 7, 14}[rng.IntN(4)]
	at := clock.New(rng.IntN(24), []int{0, 15, 30, 45}[rng.IntN(4)], 0, 0)
	first := date.New(2000+rng.IntN(40), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
	people := []string{"a", "b", "c", "d", "e"}[:1+rng.IntN(5)]
	r, err := New(loc, first, at, days, people...)
	require.NoError(t, err)
	return r
}

func randomInstant(rng *rand.Rand, r Rotation[string]) time.Time {
	span := int64(30 * 365 * 24 * time.Hour)
	return r.handoff(0).Add(time.Duration(rng.Int64N(2*span) - span))
}

// TestAtMatchesOracle checks At against a walk over hand-offs, for random
// rotations and instants in the four zones, and the fast path against
// time.Date for every hand-off near a transition.
func TestAtMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 1))
	for _, name := range zones {
		loc := zone(t, name)
		for range 300 {
			r := randomRotation(t, rng, loc)
			for range 20 {
				tt := randomInstant(rng, r)
				k, s, e := r.base(tt)
				ok, os, oe := oracle(r, tt)
				require.Equal(t, ok, k, "%s base(%v) turn", name, tt)
				require.True(t, s.Equal(os) && e.Equal(oe), "%s base(%v) = [%v, %v), want [%v, %v)", name, tt, s, e, os, oe)
				// Instants around the hand-offs themselves.
				for _, u := range []time.Time{s, s.Add(-time.Nanosecond), e.Add(-time.Nanosecond)} {
					got := r.At(u)
					_, us, _ := oracle(r, u)
					require.True(t, got.Start.Equal(us), "%s At(%v).Start = %v, want %v", name, u, got.Start, us)
				}
			}
		}
	}
}

// TestShiftsTile checks that Shifts tiles random ranges with no gap or
// overlap and agrees with At, with and without overrides.
func TestShiftsTile(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2))
	for _, name := range zones {
		loc := zone(t, name)
		for i := range 200 {
			r := randomRotation(t, rng, loc)
			if i%2 == 1 {
				r = withRandomOverrides(t, rng, r)
			}
			from := randomInstant(rng, r)
			to := from.Add(time.Duration(rng.Int64N(int64(60 * 24 * time.Hour))))
			checkTiling(t, r, from, to)
			for range 10 {
				u := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)) + 1)))
				if !u.Before(to) {
					continue
				}
				var hit Shift[string]
				for s := range r.Shifts(from, to) {
					if s.Contains(u) {
						hit = s
					}
				}
				got := r.At(u)
				require.Equal(t, hit.Who, got.Who, "%s At(%v)", name, u)
				require.True(t, hit.Start.Equal(got.Start) && hit.End.Equal(got.End),
					"%s At(%v) = [%v, %v), Shifts has [%v, %v)", name, u, got.Start, got.End, hit.Start, hit.End)
			}
		}
	}
}

func checkTiling(t *testing.T, r Rotation[string], from, to time.Time) {
	t.Helper()
	var prev Shift[string]
	n := 0
	for s := range r.Shifts(from, to) {
		require.True(t, s.Start.Before(s.End), "empty shift %v", s)
		if n == 0 {
			require.False(t, s.Start.After(from), "first shift %v starts after %v", s, from)
		} else {
			require.True(t, prev.End.Equal(s.Start), "gap or overlap: %v then %v", prev, s)
			if r.tab != nil && prev.Who == s.Who {
				// Same person twice in a row only across a base hand-off.
				k, hs, _ := r.base(s.Start)
				_ = k
				require.True(t, hs.Equal(s.Start), "unmerged pieces %v, %v", prev, s)
			}
		}
		prev = s
		n++
	}
	require.Positive(t, n, "no shifts in [%v, %v)", from, to)
	require.False(t, prev.End.Before(to), "last shift %v ends before %v", prev, to)
}

func withRandomOverrides(t *testing.T, rng *rand.Rand, r Rotation[string]) Rotation[string] {
	first := r.handoff(0)
	var os []Override[string]
	for range 1 + rng.IntN(40) {
		from := first.Add(time.Duration(rng.Int64N(int64(2*365*24*time.Hour))) - 365*24*time.Hour).Truncate(time.Hour)
		to := from.Add(time.Duration(1+rng.IntN(300)) * time.Hour)
		p := []string{"a", "b", "c", "x", "y"}
		if rng.IntN(2) == 0 {
			os = append(os, Swap(p[rng.IntN(5)], from, to))
		} else {
			a, b := rng.IntN(5), rng.IntN(4)
			if b >= a {
				b++
			}
			os = append(os, Absence(p[a], p[b], from, to))
		}
	}
	r, err := r.WithBackups(testBackups...).WithOverrides(os...)
	require.NoError(t, err)
	return r
}

// TestSkippedDay: Samoa skipped 2011-12-30 entirely. A daily rotation's
// hand-off that day normalises onto the next day's, leaving an empty turn
// that Shifts does not yield; At and Shifts still agree and tile.
func TestSkippedDay(t *testing.T) {
	apia := zone(t, "Pacific/Apia")
	r, err := New(apia, date.New(2011, 12, 27), clock.New(9, 0, 0, 0), 1, "a", "b", "c")
	require.NoError(t, err)
	from := time.Date(2011, 12, 28, 0, 0, 0, 0, apia)
	to := time.Date(2012, 1, 2, 0, 0, 0, 0, apia)
	checkTiling(t, r, from, to)
	for u := from; u.Before(to); u = u.Add(37 * time.Minute) {
		got := r.At(u)
		require.True(t, got.Contains(u), "At(%v) = %v", u, got)
		_, os, oe := oracle(r, u)
		require.True(t, got.Start.Equal(os) && got.End.Equal(oe), "At(%v) = %v, oracle [%v, %v)", u, got, os, oe)
	}
	s := r.At(time.Date(2011, 12, 31, 10, 0, 0, 0, apia))
	assert.Equal(t, "b", s.Who, "turn 4 (Dec 31); turn 3 (the skipped Dec 30) is empty")
	assert.Equal(t, 24*time.Hour, s.Duration())
}

// testBackups are the people the tests' overrides may give duty to
// without their being on the roster (Rotation.WithBackups).
var testBackups = []string{"a", "b", "c", "d", "e", "w", "x", "y", "z", "dee", "eve", "erin", "frank", "jo", "l", "lead", "q", "zed"}
