package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAtDay(t *testing.T) {
	a, err := ParseAt("2024-03-10")
	require.NoError(t, err)
	assert.True(t, a.IsDay())
	assert.Equal(t, "2024-03-10", a.String())
	chicago, _ := time.LoadLocation("America/Chicago")
	kathmandu, _ := time.LoadLocation("Asia/Kathmandu")
	// A day is the same day in every zone.
	assert.Equal(t, date.New(2024, 3, 10), a.Date(chicago))
	assert.Equal(t, date.New(2024, 3, 10), a.Date(kathmandu))
	// Its instant is the time of day in the zone asked, across the
	// spring-forward: 12:00 CDT is 17:00 UTC.
	assert.Equal(t, time.Date(2024, 3, 10, 17, 0, 0, 0, time.UTC), a.Instant(chicago, 12, 0).UTC())
	assert.Equal(t, time.Date(2024, 3, 10, 6, 0, 0, 0, time.UTC), a.Instant(chicago, 0, 0).UTC())
}

func TestParseAtInstant(t *testing.T) {
	a, err := ParseAt("2024-12-31T23:30:00-06:00")
	require.NoError(t, err)
	assert.False(t, a.IsDay())
	chicago, _ := time.LoadLocation("America/Chicago")
	london, _ := time.LoadLocation("Europe/London")
	howe, _ := time.LoadLocation("Australia/Lord_Howe")
	// An instant's day depends on the zone: across a year end here.
	assert.Equal(t, date.New(2024, 12, 31), a.Date(chicago))
	assert.Equal(t, date.New(2025, 1, 1), a.Date(london))
	assert.Equal(t, date.New(2025, 1, 1), a.Date(howe))
	// Its instant ignores the time of day asked.
	want := time.Date(2025, 1, 1, 5, 30, 0, 0, time.UTC)
	assert.True(t, want.Equal(a.Instant(london, 12, 0)))
	assert.Equal(t, "2024-12-31T23:30:00-06:00", a.String())

	z, err := ParseAt("2024-02-29T00:00:00Z")
	require.NoError(t, err)
	assert.Equal(t, date.New(2024, 2, 29), z.Date(time.UTC))
}

func TestParseAtRefuses(t *testing.T) {
	for _, s := range []string{
		"", "2024-02-30", "2023-02-29", "2024-13-01", "2024-3-6", "20240306", "today", "09:00",
		"2024-03-06T09:00:00", "2024-03-06 09:00:00Z", "2024-03-06T25:00:00Z", " 2024-03-06",
	} {
		_, err := ParseAt(s)
		if assert.Error(t, err, "ParseAt(%q)", s) {
			assert.Contains(t, err.Error(), "-at ", "ParseAt(%q)", s)
			assert.Contains(t, err.Error(), "want a day (YYYY-MM-DD) or an RFC 3339 instant", "ParseAt(%q)", s)
		}
	}
	// The leap day exists in 2024.
	_, err := ParseAt("2024-02-29")
	assert.NoError(t, err)
}

func TestAtOr(t *testing.T) {
	now := time.Date(2026, 12, 2, 6, 7, 8, 9, time.UTC)
	a, err := AtOr("", now)
	require.NoError(t, err)
	assert.False(t, a.IsDay())
	assert.True(t, now.Equal(a.Instant(time.UTC, 12, 0)), "no -at is the current instant, not noon")
	a, err = AtOr("2024-03-06", now)
	require.NoError(t, err)
	assert.True(t, a.IsDay())
	_, err = AtOr("2024-03-06T12", now)
	assert.Error(t, err)
}

func TestParseZone(t *testing.T) {
	for _, name := range []string{"UTC", "America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"} {
		loc, err := ParseZone(name)
		require.NoError(t, err, name)
		assert.Equal(t, name, loc.String())
	}
	for name, want := range map[string]string{
		"":                `-zone ""`,
		"Local":           `-zone "Local" is the machine's zone`,
		"Mars/Olympus":    `-zone "Mars/Olympus": unknown zone`,
		"america/chicago": `-zone "america/chicago"`,
	} {
		loc, err := ParseZone(name)
		assert.Nil(t, loc, name)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), want)
			assert.Contains(t, err.Error(), "want an IANA zone")
			assert.Empty(t, WideLines("oncall-ics: "+err.Error()), "a message fits a line: %s", err)
		}
	}
}

func TestWideLines(t *testing.T) {
	ok := strings.Repeat("x", MaxWidth)
	assert.Empty(t, WideLines(ok+"\n"+ok+"\r\n"))
	// Runes, not bytes: 100 "é" are 200 bytes and fit.
	assert.Empty(t, WideLines(strings.Repeat("é", MaxWidth)))
	assert.Equal(t, []int{2}, WideLines("a\n"+ok+"y\nb"))
}

func FuzzParseAt(f *testing.F) {
	for _, s := range []string{"2024-03-06", "2024-02-29", "2024-03-06T09:00:00-06:00", "2024-03-06T09:00:00Z", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAt(s)
		if err != nil {
			return
		}
		// What ParseAt accepts, String gives back in a form it accepts
		// again, with the same meaning.
		b, err := ParseAt(a.String())
		if err != nil {
			t.Fatalf("ParseAt(%q).String() = %q, not accepted: %v", s, a.String(), err)
		}
		if a.IsDay() != b.IsDay() || !a.Instant(time.UTC, 12, 0).Equal(b.Instant(time.UTC, 12, 0)) {
			t.Fatalf("ParseAt(%q) = %v, round trip %v", s, a, b)
		}
	})
}
