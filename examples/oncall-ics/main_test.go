package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/examples/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// now is the fixed export time of the tests, so DTSTAMP is deterministic.
var now = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(args, &out, &errw, now)
	require.Equal(t, 0, code, "run(%q) stderr: %s", args, errw.String())
	assert.Empty(t, errw.String())
	return out.String()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		// R1: Wednesday 09:00 in Chicago across the 2024-03-10 change: the
		// DTSTARTs move from 15:00Z to 14:00Z.
		{"chicago-dst", []string{"-at", "2024-03-01", "-n", "4"}},
		// R3: Monday 08:00 in London, two-week turns, across 2024-03-31.
		{"london-fortnight", []string{"-zone", "Europe/London", "-first", "2024-01-01", "-handoff", "08:00",
			"-every", "14", "-roster", "ana,ben", "-at", "2024-03-04", "-n", "3", "-name", "infra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runOK(t, tt.args...)
			path := filepath.Join("testdata", "golden", tt.name+".ics")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run with -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

func TestFeedParses(t *testing.T) {
	out := runOK(t, "-at", "2024-03-01", "-n", "5")
	assert.True(t, strings.HasSuffix(out, "END:VCALENDAR\r\n"), "CRLF line endings")
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	require.NoError(t, err)
	evs := cal.Events()
	require.Len(t, evs, 5)
	chi, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	var prevEnd time.Time
	for i, ev := range evs {
		start, err := ev.GetStartAt()
		require.NoError(t, err)
		end, err := ev.GetEndAt()
		require.NoError(t, err)
		assert.Equal(t, "09:00 Wednesday", start.In(chi).Format("15:04 Monday"), "event %d", i)
		if i > 0 {
			assert.True(t, prevEnd.Equal(start), "events tile: %v then %v", prevEnd, start)
		}
		prevEnd = end
		stamp, err := ev.GetDtStampTime()
		require.NoError(t, err)
		assert.True(t, stamp.Equal(now))
	}
	// The first event holds the start of the -at day.
	first, _ := evs[0].GetStartAt()
	assert.False(t, first.After(time.Date(2024, 3, 1, 0, 0, 0, 0, chi)))
}

func uids(t *testing.T, out string) map[string]string {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	require.NoError(t, err)
	m := map[string]string{}
	for _, ev := range cal.Events() {
		m[ev.Id()] = ev.GetProperty(ics.ComponentPropertySummary).Value
	}
	return m
}

// TestStableUIDs: a re-export updates rather than duplicates.
func TestStableUIDs(t *testing.T) {
	a := uids(t, runOK(t, "-at", "2024-03-01", "-n", "4"))
	// A later export overlaps in the same UIDs.
	b := uids(t, runOK(t, "-at", "2024-03-08", "-n", "4"))
	shared := 0
	for id, sum := range b {
		if s, ok := a[id]; ok {
			shared++
			assert.Equal(t, s, sum, "same slot, same person")
		}
	}
	assert.Equal(t, 3, shared)
	// A roster edit keeps the UIDs and changes the people.
	c := uids(t, runOK(t, "-at", "2024-03-01", "-n", "4", "-roster", "zed,yan"))
	for id := range a {
		assert.Contains(t, c, id)
	}
	// Another rotation gets other UIDs.
	d := uids(t, runOK(t, "-at", "2024-03-01", "-n", "4", "-name", "platform"))
	for id := range a {
		assert.NotContains(t, d, id)
	}
}

func TestNoArguments(t *testing.T) {
	var out, errw bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errw, time.Now()))
	assert.Equal(t, 8, strings.Count(out.String(), "BEGIN:VEVENT"))
}

// No -at is the current instant: the feed starts with the shift on duty
// now, the same as -at given that instant, and (on a Wednesday after the
// 09:00 hand-off) not with the shift that held the day's 00:00.
func TestAtDefaultsToNow(t *testing.T) {
	wed := time.Date(2024, 3, 6, 15, 30, 0, 0, time.UTC) // 09:30 in Chicago
	var a, errw bytes.Buffer
	require.Equal(t, 0, run([]string{"-n", "2"}, &a, &errw, wed), errw.String())
	b := runOK(t, "-n", "2", "-at", "2024-03-06T09:30:00-06:00")
	day := runOK(t, "-n", "2", "-at", "2024-03-06")
	// DTSTAMP differs (the export time); the events do not.
	events := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s[strings.Index(s, "BEGIN:VEVENT"):], "\r\n") {
			if !strings.HasPrefix(l, "DTSTAMP:") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\r\n")
	}
	assert.Equal(t, events(b), events(a.String()))
	assert.Contains(t, events(a.String()), "DTSTART;TZID=America/Chicago:20240306T090000")
	assert.Contains(t, events(day), "DTSTART;TZID=America/Chicago:20240228T090000")
	assert.NotEqual(t, events(day), events(a.String()))
}

// An instant's shift is the one holding it, in whatever zone it is written.
func TestAtInstantAcrossZones(t *testing.T) {
	// 14:59Z on 2024-03-13 is 09:59 CDT: after the hand-off.
	a := runOK(t, "-n", "1", "-at", "2024-03-13T14:59:00Z")
	b := runOK(t, "-n", "1", "-at", "2024-03-13T20:44:00+05:45") // the same instant, Kathmandu
	events := func(s string) string { return s[strings.Index(s, "BEGIN:VEVENT"):] }
	assert.Equal(t, events(a), events(b))
	assert.Contains(t, a, "DTSTART;TZID=America/Chicago:20240313T090000")
	// One hour earlier, 08:59 CDT, is still the previous shift.
	c := runOK(t, "-n", "1", "-at", "2024-03-13T13:59:00Z")
	assert.Contains(t, c, "DTSTART;TZID=America/Chicago:20240306T090000")
}

// No line of the feed, the usage or a message is wider than 100 columns
// (the feed folds at 75 octets).
func TestNoLineWider(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.ics"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Empty(t, cli.WideLines(string(b)), f)
	}
	for _, args := range [][]string{nil, {"-h"}, {"-at", "x"}, {"-zone", "Local"}, {"-handoff", "9am"},
		{"-name", strings.Repeat("very long rotation name ", 8)}} {
		var out, errw bytes.Buffer
		run(args, &out, &errw, now)
		assert.Empty(t, cli.WideLines(out.String()), "run(%q) stdout", args)
		assert.Empty(t, cli.WideLines(errw.String()), "run(%q) stderr", args)
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-at", "2024-13-01"}, `-at "2024-13-01": want a day (YYYY-MM-DD) or an RFC 3339 instant`},
		{[]string{"-at", "09:00"}, `-at "09:00": want a day`},
		{[]string{"-zone", "Mars/Base"}, `-zone "Mars/Base": unknown zone; want an IANA zone`},
		{[]string{"-zone", "Local"}, `-zone "Local" is the machine's zone`},
		{[]string{"-zone", ""}, `-zone "": want an IANA zone`},
		{[]string{"-n", "0"}, "-n 0: want 1 to 1000"},
		{[]string{"-handoff", "9am"}, `-handoff "9am": want a time of day`},
		{[]string{"-handoff", "25:00"}, `-handoff "25:00"`},
		{[]string{"-from", "2024-03-01"}, "flag provided but not defined: -from"},
		{[]string{"-first", "yesterday"}, `-first "yesterday"`},
		{[]string{"-every", "0"}, `rotation: days "0": bad turn length`},
		{[]string{"-roster", " , "}, "rotation: people"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
	}
	for _, tt := range tests {
		var out, errw bytes.Buffer
		code := run(tt.args, &out, &errw, now)
		assert.Equal(t, 2, code, "run(%q)", tt.args)
		assert.Contains(t, errw.String(), tt.want, "run(%q)", tt.args)
		assert.Empty(t, out.String(), "run(%q) wrote a feed", tt.args)
	}
	var out, errw bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errw, now))
	assert.Contains(t, errw.String(), "Usage: oncall-ics")
}
