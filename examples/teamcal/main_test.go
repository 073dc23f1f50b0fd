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
		// Sprint 21 of the 2024 preset: release 21 in its deep freeze on
		// Wednesday 2024-03-06, gus absent (R4), the 2024-03-10 DST change.
		{"sprint-21", []string{"-at", "2024-03-04", "-weeks", "3"}},
		// The rc variant's branch cut, sprints and releases only, in London
		// time: written in another zone than the team's.
		{"rc-london", []string{"-range", "2024-03-04..2024-04-15", "-preset", "rc", "-kinds", "sprints,releases,windows", "-zone", "Europe/London"}},
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

// The feed a client would import: parsed by an independent reader.
func TestFeedImports(t *testing.T) {
	out := runOK(t, "-at", "2024-03-04", "-weeks", "3")
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	require.NoError(t, err)
	require.Len(t, cal.Timezones(), 1)
	assert.Equal(t, "America/Chicago", cal.Timezones()[0].GetProperty(ics.ComponentPropertyTzid).Value)
	summaries := map[string]int{}
	for _, ev := range cal.Events() {
		summaries[ev.GetProperty(ics.ComponentPropertySummary).Value]++
		_, err := ev.GetDtStampTime()
		require.NoError(t, err)
	}
	for _, s := range []string{"Sprint 21", "Daily stand-up", "Release 26 (4.46.0)", "Freeze: Release 26 (4.46.0)",
		"Deep freeze: Release 26 (4.46.0)", "engineering on-call: ben", "fleet infrastructure primary: jo",
		"engineering on-call hand-off: ben → chidi", "Release ritual", "On-call hand-off"} {
		assert.Equal(t, 1, summaries[s], "%q", s)
	}
}

func TestAtAndRange(t *testing.T) {
	day := runOK(t, "-at", "2024-03-04", "-weeks", "1", "-kinds", "sprints,releases")
	instant := runOK(t, "-at", "2024-03-04T18:00:00+01:00", "-weeks", "1", "-kinds", "sprints,releases")
	assert.Equal(t, day, instant)
	// 03:00 UTC on Monday is still Sunday in Chicago: the feed then starts
	// on the last day of sprint 20.
	sunday := runOK(t, "-at", "2024-03-04T03:00:00Z", "-weeks", "1", "-kinds", "sprints,releases")
	assert.Contains(t, sunday, "SUMMARY:Sprint 20\r\n")
	// Unless the day is read in London.
	assert.NotContains(t, runOK(t, "-at", "2024-03-04T03:00:00Z", "-zone", "Europe/London", "-kinds", "sprints"), "Sprint 20")
	span := runOK(t, "-range", "2024-03-04..2024-03-11", "-kinds", "sprints,releases")
	assert.Equal(t, day, span)
	// Default: now.
	assert.Equal(t, runOK(t, "-at", "2024-03-01", "-kinds", "releases"), runOK(t, "-kinds", "releases"))
}

// No line of the feeds, the usage or a message is wider than 100 columns
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
	for _, args := range [][]string{nil, {"-h"}, {"-at", "yesterday"}, {"-zone", "Local"}, {"-zone", ""},
		{"-range", "2024-01-01..2027-01-01"}, {"-kinds", "meetings"}, {"-at", "2024-03-04", "-zone", "Asia/Kathmandu"}} {
		var out, errw bytes.Buffer
		run(args, &out, &errw, now)
		assert.Empty(t, cli.WideLines(out.String()), "run(%q) stdout", args)
		assert.Empty(t, cli.WideLines(errw.String()), "run(%q) stderr", args)
	}
}

func TestHolidaysFile(t *testing.T) {
	uk := filepath.Join("..", "..", "ical", "testdata", "uk-england.ics")
	out := runOK(t, "-holidays", uk, "-range", "2024-03-25..2024-04-08", "-kinds", "ceremonies")
	// Good Friday and Easter Monday are left out of the stand-up rule.
	assert.Contains(t, out, "EXDATE;TZID=America/Chicago:20240329T090000,20240401T090000\r\n")
	preset := runOK(t, "-range", "2024-03-25..2024-04-08", "-kinds", "ceremonies")
	assert.NotContains(t, preset, "EXDATE")
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-at", "2024-13-01"}, `-at "2024-13-01"`},
		{[]string{"-at", "yesterday"}, `-at "yesterday"`},
		{[]string{"-weeks", "0"}, "-weeks 0: want 1 to 104"},
		{[]string{"-weeks", "105"}, "-weeks 105"},
		{[]string{"-range", "2024-03-04"}, `-range "2024-03-04"`},
		{[]string{"-range", "2024-03-04..2024-03-04"}, "FROM before TO"},
		{[]string{"-range", "2024-01-01..2027-01-01"}, "at most two years"},
		{[]string{"-zone", "Local"}, `-zone "Local" is the machine's zone`},
		{[]string{"-zone", ""}, `-zone "": want an IANA zone`},
		{[]string{"-zone", "Mars/Olympus"}, `-zone "Mars/Olympus"`},
		{[]string{"-kinds", "meetings"}, `-kinds "meetings": want all, or some of`},
		{[]string{"-preset", "2019"}, `unknown preset "2019"`},
		{[]string{"-holidays", "nope.ics"}, "-holidays: open nope.ics"},
		{[]string{"-holidays", "main.go"}, "-holidays: ical: line 1"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		var out, errw bytes.Buffer
		code := run(tt.args, &out, &errw, now)
		assert.Equal(t, 2, code, "%q", tt.args)
		assert.Contains(t, errw.String(), tt.want, "%q", tt.args)
		assert.True(t, strings.HasPrefix(errw.String(), "teamcal: "), "%q", tt.args)
		assert.Empty(t, out.String())
	}
	var out, errw bytes.Buffer
	assert.Equal(t, 2, run([]string{"-nope"}, &out, &errw, now))
	assert.Contains(t, errw.String(), "Usage: teamcal")
	errw.Reset()
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errw, now))
	assert.Contains(t, errw.String(), "-kinds")
}

// TestHolidaysMoveReleases: a holiday from the -holidays file on a release
// day moves the release to the working day before (the Fleet train's move),
// with its freeze window, as the release package does with the same
// calendar.
func TestHolidaysMoveReleases(t *testing.T) {
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:h1@test\r\n" +
		"DTSTART;VALUE=DATE:20240306\r\nDTEND;VALUE=DATE:20240307\r\nSUMMARY:Company day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	path := filepath.Join(t.TempDir(), "holidays.ics")
	require.NoError(t, os.WriteFile(path, []byte(ics), 0o644))
	plain := runOK(t, "-range", "2024-03-04..2024-03-08", "-kinds", "releases")
	assert.Contains(t, plain, "DTSTART;VALUE=DATE:20240306\r\n", "without the file, 4.46.0 ships on Wednesday")
	moved := runOK(t, "-holidays", path, "-range", "2024-03-04..2024-03-08", "-kinds", "releases")
	assert.Contains(t, moved, "DTSTART;VALUE=DATE:20240305\r\n", "a holiday on the release day moves it to Tuesday")
	assert.NotContains(t, moved, "DTSTART;VALUE=DATE:20240306\r\n")
}
