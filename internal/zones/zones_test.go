package zones

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTableAgreesWithZone checks every tabled segment, and instants five
// hours apart across 1990-2060, against time.Time.Zone, past the 2040
// leap-year glitch of ZoneBounds (golang/go#81583).
func TestTableAgreesWithZone(t *testing.T) {
	for _, name := range []string{"America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC", "Pacific/Apia"} {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		z := New(loc)
		require.Len(t, z.Off, len(z.At)+1, name)
		for s := range z.Off {
			assert.Equal(t, Offset(time.Unix(z.Start(s), 0), loc), z.Off[s], "%s segment %d start", name, s)
			assert.Equal(t, Offset(time.Unix(z.End(s)-1, 0), loc), z.Off[s], "%s segment %d end", name, s)
		}
		for u := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC); u.Year() < 2060; u = u.Add(5 * time.Hour) {
			off, start, end, ok := z.Lookup(u)
			require.True(t, ok)
			if !assert.Equal(t, Offset(u, loc), off, "%s at %s", name, u) {
				return
			}
			assert.True(t, start <= u.Unix() && u.Unix() < end, "%s at %s: segment [%d, %d)", name, u, start, end)
		}
		_, _, _, ok := z.Lookup(time.Date(2150, 1, 1, 0, 0, 0, 0, time.UTC))
		assert.False(t, ok, "the window ends in 2150")
		assert.True(t, z.Equal(New(loc)))
	}
}

func TestNextAndPrevStepOverTheYearEndGlitch(t *testing.T) {
	loc, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	// 2040 is a leap year past the last listed transition: ZoneBounds
	// reports the period ending on 2040-12-31 00:00 UTC, then gets stuck.
	at := time.Date(2040, 12, 31, 0, 0, 0, 0, time.UTC)
	next, ok := Next(at, loc)
	require.True(t, ok)
	assert.True(t, next.After(at), "Next(%s) = %s", at, next)
	assert.Equal(t, Offset(at, loc), Offset(next.Add(-1), loc), "no change before Next")
	prev, ok := Prev(next, loc)
	require.True(t, ok)
	assert.True(t, prev.Before(next))
	assert.Equal(t, Offset(prev, loc), Offset(next.Add(-1), loc))
	_, ok = Next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC)
	assert.False(t, ok, "UTC never changes")
}

// TestShared: one table per location, shared and equal to a fresh one;
// another location of the same name with other data gets its own; the
// cache lets collected locations go.
func TestShared(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	a, b := Shared(chicago), Shared(chicago)
	assert.Same(t, a, b)
	assert.True(t, a.Equal(New(chicago)))
	assert.Same(t, Shared(time.UTC), Shared(time.UTC))

	fake := time.FixedZone("America/Chicago", -6*3600)
	f := Shared(fake)
	assert.NotSame(t, a, f)
	assert.False(t, a.Equal(f), "same name, other data")

	l1, err := Load("Europe/London")
	require.NoError(t, err)
	l2, err := Load("Europe/London")
	require.NoError(t, err)
	assert.Same(t, l1, l2, "Load loads a name once")
	_, err = Load("Mars/Olympus")
	assert.Error(t, err)

	// Concurrent first use of one zone gives one table.
	lh, err := time.LoadLocation("Australia/Lord_Howe")
	require.NoError(t, err)
	got := make(chan *Table, 8)
	for range 8 {
		go func() { got <- Shared(lh) }()
	}
	first := <-got
	for range 7 {
		assert.Same(t, first, <-got)
	}

	// Entries go with their locations.
	for i := range 200 {
		Shared(time.FixedZone("tmp", i*60))
	}
	for range 5 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	shared.Lock()
	n := len(shared.m)
	shared.Unlock()
	assert.Less(t, n, 100, "the cache keeps collected locations")
}

func BenchmarkShared(b *testing.B) {
	loc, err := time.LoadLocation("America/Chicago")
	require.NoError(b, err)
	Shared(loc)
	b.ReportAllocs()
	for b.Loop() {
		Shared(loc)
	}
}
