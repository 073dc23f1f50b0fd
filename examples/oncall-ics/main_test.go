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
		{"chicago-dst", []string{"-from", "2024-03-01", "-n", "4"}},
		// R3: Monday 08:00 in London, two-week turns, across 2024-03-31.
		{"london-fortnight", []string{"-zone", "Europe/London", "-first", "2024-01-01", "-at", "08:00",
			"-every", "14", "-roster", "ana,ben", "-from", "2024-03-04", "-n", "3", "-name", "infra"}},
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
	out := runOK(t, "-from", "2024-03-01", "-n", "5")
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
	// The first event holds the start of -from.
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
	a := uids(t, runOK(t, "-from", "2024-03-01", "-n", "4"))
	// A later export overlaps in the same UIDs.
	b := uids(t, runOK(t, "-from", "2024-03-08", "-n", "4"))
	shared := 0
	for id, sum := range b {
		if s, ok := a[id]; ok {
			shared++
			assert.Equal(t, s, sum, "same slot, same person")
		}
	}
	assert.Equal(t, 3, shared)
	// A roster edit keeps the UIDs and changes the people.
	c := uids(t, runOK(t, "-from", "2024-03-01", "-n", "4", "-roster", "zed,yan"))
	for id := range a {
		assert.Contains(t, c, id)
	}
	// Another rotation gets other UIDs.
	d := uids(t, runOK(t, "-from", "2024-03-01", "-n", "4", "-name", "platform"))
	for id := range a {
		assert.NotContains(t, d, id)
	}
}

func TestNoArguments(t *testing.T) {
	var out, errw bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errw, time.Now()))
	assert.Equal(t, 8, strings.Count(out.String(), "BEGIN:VEVENT"))
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-from", "2024-13-01"}, `-from "2024-13-01": want a calendar day`},
		{[]string{"-zone", "Mars/Base"}, `-zone "Mars/Base": want an IANA time zone`},
		{[]string{"-n", "0"}, "-n 0: want 1 to 1000"},
		{[]string{"-at", "9am"}, `-at "9am": want a time of day`},
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
