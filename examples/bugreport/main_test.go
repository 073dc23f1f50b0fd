package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/bugreport -update to create %s", path)
	assert.Equal(t, string(want), string(got), "output differs from %s; run with -update if the change is intended", path)
}

// now is a fixed instant: the day after the golden reports, so that -at is
// what sets the report instant.
var now = time.Date(2024, 3, 14, 10, 0, 0, 0, time.UTC)

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"fleet-2024.txt", []string{"-at", "2024-03-13"}},
		{"fleet-2022.txt", []string{"-at", "2024-03-13", "-scheme", "fleet-2022"}},
		{"chicago.txt", []string{"-at", "2024-03-10", "-zone", "America/Chicago", "-file", filepath.Join("testdata", "issues.json")}},
		{"disagree.txt", []string{"-at", "2024-03-13", "-file", filepath.Join("testdata", "disagree.json")}},
		{"seven-days.txt", []string{"-at", "2024-03-13", "-window", "7d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, &out, &errOut, now)
			require.Equal(t, 0, code, "stderr: %s", errOut.String())
			assert.Empty(t, errOut.String())
			golden(t, tt.name, out.Bytes())
		})
	}
}

// No output line is wider than 100 columns.
func TestWidth(t *testing.T) {
	for _, args := range [][]string{{"-at", "2024-03-13"}, {"-at", "2024-03-13", "-scheme", "fleet-2022"},
		{"-at", "2024-03-13", "-file", filepath.Join("testdata", "disagree.json"), "-window", "7d"}} {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run(args, &out, &errOut, now), errOut.String())
		for line := range strings.SplitSeq(out.String(), "\n") {
			assert.LessOrEqual(t, utf8.RuneCountInString(line), 100, "%q", line)
		}
	}
	assert.Equal(t, "a b\n          c", wrap("a b c", 4))
	assert.Equal(t, "abcdef", wrap("abcdef", 10))
}

// The sample covers what the report must show.
func TestSampleCoverage(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-13"}, &out, &errOut, now))
	s := out.String()
	for _, want := range []string{
		"Orphans (R23, should be none): 3",
		"Reproduced orphans (R23, should be none): 3",
		"close (R19)", "ping reporter (R19)", "reproduce (R18)",
		"pull request", "not a bug",
	} {
		assert.Contains(t, s, want)
	}
	for _, st := range []string{"inbox", "reproduced", "in engineering", "awaiting QA"} {
		assert.Regexp(t, `(?m)^  `+st+` +[1-9]`, s, "no %s bug in the sample", st)
	}
	assert.Regexp(t, `(?m)^  closed in window +[1-9]`, s)
	// Orphans come first, then overdue items.
	assert.Less(t, strings.Index(s, "Orphans"), strings.Index(s, "Overdue"))
}

// With no arguments it runs on the embedded sample from any directory.
func TestNoArgumentsAnyDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut, now), errOut.String())
	assert.Contains(t, out.String(), "read from the bundled sample")
	assert.Contains(t, out.String(), "as of 2024-03-14 10:00 UTC")
}

// When the scheme and the data disagree, the check's findings come first.
func TestCheckFirst(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-13", "-file", filepath.Join("testdata", "disagree.json")}, &out, &errOut, now), errOut.String())
	s := out.String()
	for _, want := range []string{
		`near miss: label "reproduce" (1 issue, e.g. #17166) looks like ":reproduce"`,
		`near miss: board "Release" (1 issue, e.g. #17165) looks like "🚀 Release"`,
		`column "In Reveiw" of 🚀 Release (1 issue, e.g. #17121)`,
	} {
		assert.Contains(t, s, want)
	}
	assert.Less(t, strings.Index(s, "near miss"), strings.Index(s, "Bug report as of"))

	// Data with none of the scheme's boards: findings, then a refusal.
	out.Reset()
	errOut.Reset()
	old := filepath.Join("testdata", "old-titles.json")
	assert.Equal(t, 1, run([]string{"-at", "2024-03-13", "-file", old}, &out, &errOut, now))
	assert.Contains(t, out.String(), `near miss: board "Release"`)
	assert.NotContains(t, out.String(), "Bug report as of")
	assert.Contains(t, errOut.String(), "none of the scheme's boards")

	// Renamed boards read the old titles as the real ones.
	var renamed, real bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-13", "-file", old, "-rename", "🚀 Release=Release,🎁 Product=Product"}, &renamed, &errOut, now), errOut.String())
	require.Equal(t, 0, run([]string{"-at", "2024-03-13"}, &real, &errOut, now))
	summary := func(s string) string {
		for line := range strings.SplitSeq(s, "\n") {
			if strings.HasPrefix(line, "bugs ") {
				return line
			}
		}
		return ""
	}
	assert.NotEmpty(t, summary(real.String()))
	assert.Equal(t, summary(real.String()), summary(renamed.String()))
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-at", "2024-13-40"}, 2, `-at "2024-13-40": want a day (YYYY-MM-DD) or an RFC 3339 instant`},
		{[]string{"-zone", "Local"}, 2, `-zone "Local" is the machine's zone`},
		{[]string{"-at", "yesterday"}, 2, `-at "yesterday"`},
		{[]string{"-scheme", "fleet-2019"}, 2, `-scheme "fleet-2019": want fleet-2022 or fleet-2024`},
		{[]string{"-zone", "Mars/Olympus"}, 2, `-zone "Mars/Olympus": unknown zone`},
		{[]string{"-roles", "quinn"}, 2, `-roles "quinn": want login=role pairs`},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"issues.json"}, 2, `unexpected argument "issues.json"`},
		{[]string{"-file", filepath.Join("testdata", "missing.json")}, 1, "missing.json"},
		{[]string{"-file", filepath.Join("testdata", "golden", "fleet-2024.txt")}, 1, "bugflow: decode"},
		{[]string{"-roles", "a=qa, A=em"}, 2, "login listed twice"},
		{[]string{"-window", "fortnight"}, 2, `-window "fortnight": want iso, 7d or a weekday`},
		{[]string{"-rename", "Relase=Release"}, 2, `-rename: bugflow: rename "Relase": unknown name`},
		{[]string{"-rename", "x"}, 2, `-rename "x": want old=new pairs`},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(tt.args, &out, &errOut, now)
		assert.Equal(t, tt.code, code, "run(%q)", tt.args)
		assert.Contains(t, errOut.String(), tt.want, "run(%q)", tt.args)
		assert.Empty(t, out.String(), "run(%q) printed a report", tt.args)
	}
}

func TestHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errOut, now))
	assert.Contains(t, errOut.String(), "Usage: bugreport")
	assert.Contains(t, errOut.String(), "-scheme")
}

// TestAtInstant: -at takes an instant as well as a day, as in every example.
func TestAtInstant(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-at", "2024-03-10T12:00:00-05:00", "-zone", "America/Chicago"}, &out, &errOut, now)
	require.Equal(t, 0, code, errOut.String())
	assert.True(t, strings.HasPrefix(out.String(), "Bug report as of 2024-03-10 12:00 CDT (window 2024-W10)"), out.String())
}

// TestStaleSample: long after the bundled sample ends, the report is as of
// its end, and says so, rather than aging every bug by years.
func TestStaleSample(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-at", "2026-12-02"}, &out, &errOut, now)
	require.Equal(t, 0, code, errOut.String())
	assert.True(t, strings.HasPrefix(out.String(), "The bundled sample ends 2024-03-13 09:00 UTC: reporting as of then, not 2026-12-02 23:59 UTC."), out.String())
	assert.Contains(t, out.String(), "Bug report as of 2024-03-13 09:00 UTC")
	assert.Contains(t, out.String(), "average age 18d")
}
