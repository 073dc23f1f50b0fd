package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/examples/internal/cli"
	"github.com/teamcadence/cadence/release"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/* and preset.json from the current output")

// now is the clock the tests pass to run; no golden test depends on it.
var now = time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC)

func TestRunRejectsBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-at", "2024-13-40"}, `-at "2024-13-40"`},
		{[]string{"-at", "yesterday"}, `-at "yesterday"`},
		{[]string{"-at", "2024-02-30"}, `-at "2024-02-30"`},
		{[]string{"-zone", "Mars/Olympus_Mons"}, `-zone "Mars/Olympus_Mons"`},
		{[]string{"-zone", ""}, `-zone ""`},
		{[]string{"-zone", "Local"}, `-zone "Local"`},
		{[]string{"-preset", "2022"}, `-preset "2022"`},
		{[]string{"-preset", ""}, `-preset ""`},
		{[]string{"-json=maybe"}, "-json"},
		{[]string{"-nope"}, "-nope"},
		{[]string{"extra"}, `"extra"`},
	} {
		var out, errOut bytes.Buffer
		code := run(tc.args, &out, &errOut, now)
		assert.Equal(t, 2, code, "run(%q) status", tc.args)
		assert.Empty(t, out.String(), "run(%q) stdout", tc.args)
		assert.Contains(t, errOut.String(), tc.want, "run(%q) stderr", tc.args)
		assert.NotContains(t, errOut.String(), "goroutine", "run(%q) printed a stack trace", tc.args)
	}
}

func TestRunHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errOut, now))
	assert.Empty(t, out.String())
	for _, f := range []string{"-at", "-zone", "-preset", "-json"} {
		assert.Contains(t, errOut.String(), f)
	}
}

func TestRunDefaultsToToday(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut, now), errOut.String())
	assert.Contains(t, out.String(), "Wed 2024-03-06")
	assert.Empty(t, errOut.String())

	// Today is taken in -zone: 02:00 UTC on Thursday is still Wednesday in Chicago.
	out.Reset()
	late := time.Date(2024, 3, 7, 2, 0, 0, 0, time.UTC)
	require.Equal(t, 0, run(nil, &out, &errOut, late))
	assert.Contains(t, out.String(), "Wed 2024-03-06")
	out.Reset()
	require.Equal(t, 0, run([]string{"-zone", "UTC"}, &out, &errOut, late))
	assert.Contains(t, out.String(), "Thu 2024-03-07")

	// No -at is the current instant, not 12:00: at 06:00 Chicago the
	// engineering on-call is still the outgoing one, whose turn ends at 09:00.
	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut, now), errOut.String())
	assert.Contains(t, out.String(), "ON CALL at Wed 03-06 06:00 (06:00 in the team zone, America/Chicago)")
	assert.Contains(t, out.String(), "engineering (R1)     ana, Wed 02-28 09:00 to Wed 03-06 09:00")
	noon := time.Date(2024, 3, 6, 18, 0, 0, 0, time.UTC)
	var atNoon bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-06"}, &atNoon, &errOut, now), errOut.String())
	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut, noon), errOut.String())
	assert.Equal(t, atNoon.String(), out.String(), "-at DAY is 12:00 in the team zone, as the clock at 12:00 is")
}

// -at takes an RFC 3339 instant as well as a day, without -http too, and
// reports at that instant: the same as the clock reading it.
func TestRunAtInstant(t *testing.T) {
	var a, b, errOut bytes.Buffer
	at := "2024-03-06T08:59:00-06:00"
	require.Equal(t, 0, run([]string{"-at", at}, &a, &errOut, now), errOut.String())
	inst, err := time.Parse(time.RFC3339, at)
	require.NoError(t, err)
	require.Equal(t, 0, run(nil, &b, &errOut, inst), errOut.String())
	assert.Equal(t, b.String(), a.String())
	assert.Contains(t, a.String(), "ON CALL at Wed 03-06 08:59 (08:59 in the team zone, America/Chicago)")
	// One minute later the hand-off has happened.
	a.Reset()
	require.Equal(t, 0, run([]string{"-at", "2024-03-06T15:00:00Z"}, &a, &errOut, now), errOut.String())
	assert.Contains(t, a.String(), "engineering (R1)     ben, Wed 03-06 09:00 to Wed 03-13 09:00")
}

// A report long after the bundled samples says where they end, and does not
// age the sample bugs or count releases past it (today, when this was written:
// 2026-12-02, more than two years after the samples).
func TestSamplesDoNotGoStale(t *testing.T) {
	var late, last, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2026-12-02"}, &late, &errOut, now), errOut.String())
	text := late.String()
	assert.Contains(t, text, "sample data ends 2025-02-19: releases after it are not known")
	assert.Contains(t, text, "56 minors, 53 patches by 2025-02-19,")
	assert.Contains(t, text, "BUGS of the bundled sample, scheme fleet-2024, as of 2024-03-13 04:00, where the sample data ends\n")
	assert.NotContains(t, text, "2026-W49:", "the bug week is the sample's last, not an empty week")
	// The bug section reads as on the sample's last day.
	require.Equal(t, 0, run([]string{"-at", "2024-03-13T04:00:00-05:00"}, &last, &errOut, now), errOut.String())
	week := func(s string) string { return s[strings.Index(s, "  week (R24)"):] }
	assert.Equal(t, week(last.String()), week(text))
	assert.Contains(t, week(text), "average age 18d")

	var js bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2026-12-02", "-json"}, &js, &errOut, now), errOut.String())
	var r Report
	require.NoError(t, json.Unmarshal(js.Bytes(), &r))
	assert.Equal(t, "2024-03-13", r.Bugs.DataEnds)
	assert.Equal(t, "2025-02-19", r.Release.Drift.DataEnds)
	assert.True(t, r.Bugs.AsOf.Before(r.At))

	// Inside the sample, the bugs are seen at the report instant.
	js.Reset()
	require.Equal(t, 0, run([]string{"-at", "2024-03-06", "-json"}, &js, &errOut, now), errOut.String())
	require.NoError(t, json.Unmarshal(js.Bytes(), &r))
	assert.True(t, r.Bugs.AsOf.Equal(r.At))
	var text2 bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-06"}, &text2, &errOut, now), errOut.String())
	assert.NotContains(t, text2.String(), "sample data ends")
}

// No line the program prints is wider than 100 columns (runes): the text
// goldens, the usage and messages, and every run the tests make here. Left
// out: the HTML dashboard, a web page, and -json, whose long strings (the
// gate's reason, the bug summary) are one JSON value each and stay whole.
func TestNoLineWider(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		if strings.HasSuffix(f, ".html") || strings.HasSuffix(f, ".json") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Empty(t, cli.WideLines(string(b)), "%s: lines wider than %d", f, cli.MaxWidth)
	}
	runs := [][]string{nil, {"-h"}, {"-at", "2026-12-02"}, {"-at", "x"}, {"-zone", "Local"},
		{"-at", "2024-03-06T08:59:00-06:00", "-zone", "Asia/Kathmandu"}, {"-zone", "Australia/Lord_Howe", "-preset", "rc"}}
	for _, g := range goldens {
		if !slices.Contains(g.args, "-json") {
			runs = append(runs, g.args)
		}
	}
	for _, args := range runs {
		var out, errOut bytes.Buffer
		run(args, &out, &errOut, now)
		assert.Empty(t, cli.WideLines(out.String()), "run(%q) stdout", args)
		assert.Empty(t, cli.WideLines(errOut.String()), "run(%q) stderr: %s", args, errOut.String())
	}
}

// goldens are the runs whose output is pinned under testdata/golden.
var goldens = []struct {
	name string
	args []string
}{
	// CI's run: release day of 4.46.0, inside the 2024 deep freeze (R10);
	// an infrastructure responder is away and the backup covers (R4).
	{"2024-03-06", []string{"-at", "2024-03-06"}},
	// The Tuesday before release 22: the 2024 freeze began at 09:00 Pacific.
	{"2024-freeze", []string{"-at", "2024-03-26", "-preset", "2024"}},
	// The 2023 handbook: the freeze from Thursday 09:00 Pacific (a leap day
	// here), and the 2022-23 bug scheme on the 2024 sample.
	{"2023-freeze", []string{"-at", "2024-02-29", "-preset", "2023"}},
	// A day in 2023, before the bug sample begins: an empty bug week.
	{"2023-day", []string{"-at", "2023-06-22", "-preset", "2023"}},
	// The release-candidate branch is cut on the Monday of release week.
	{"rc-cut", []string{"-at", "2024-03-04", "-preset", "rc"}},
	// An open week under the rc preset: nothing to pick, main open.
	{"rc-open", []string{"-at", "2024-03-14", "-preset", "rc"}},
	// Spring forward in Chicago (Sunday 2024-03-10): the ticket opened on a
	// closed day, its clocks start Monday 09:00 CDT.
	{"dst-chicago", []string{"-at", "2024-03-10"}},
	// Fall back, read from London, whose clocks changed a week earlier.
	{"dst-london-reader", []string{"-at", "2024-11-03", "-zone", "Europe/London"}},
	// The same report as JSON.
	{"2024-03-06-json", []string{"-at", "2024-03-06", "-json"}},
	// Christmas 2024: release 4.60.0, planned Wed 12-25, ships Tue 12-24 with
	// its whole freeze a day earlier; release-week rituals (R31) follow it.
	{"holiday-moved", []string{"-at", "2024-12-23"}},
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			require.Equal(t, 0, run(g.args, &out, &errOut, now), errOut.String())
			assert.Empty(t, errOut.String())
			ext := ".txt"
			if strings.Contains(g.name, "json") {
				ext = ".json"
			}
			path := filepath.Join("testdata", "golden", g.name+ext)
			if *update {
				require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run with -update to create it")
			assert.Equal(t, string(want), out.String(), "run(%q) differs from %s", g.args, path)
		})
	}
}

// The text report fits one screen: at most 60 lines of at most 100 columns.
func TestTextFitsOneScreen(t *testing.T) {
	for _, g := range goldens {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run(g.args, &out, &errOut, now))
		if strings.Contains(g.name, "json") {
			continue
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		assert.LessOrEqual(t, len(lines), 60, "%s: lines", g.name)
		for i, l := range lines {
			assert.LessOrEqual(t, len([]rune(l)), width, "%s line %d: %q", g.name, i+1, l)
		}
	}
}

// The JSON and text forms come from one Report: check a few facts of the
// JSON against the text of the same run.
func TestJSONMatchesText(t *testing.T) {
	var text, js, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-06"}, &text, &errOut, now))
	require.Equal(t, 0, run([]string{"-at", "2024-03-06", "-json"}, &js, &errOut, now))
	var r Report
	require.NoError(t, json.Unmarshal(js.Bytes(), &r))
	assert.Equal(t, "2024-03-06", r.Day)
	assert.Contains(t, text.String(), r.OnCall.Engineering.Who+", ")
	assert.Contains(t, text.String(), r.Release.Version)
	assert.Contains(t, text.String(), r.Release.Phase)
	assert.Contains(t, text.String(), r.Bugs.Summary[:40])
	for _, c := range r.SLA.Clocks {
		assert.Contains(t, text.String(), c.Target)
	}
}

// The report depends only on the flags: the same day gives the same bytes
// whatever the clock says.
func TestDeterministic(t *testing.T) {
	var a, b, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", "2024-03-06", "-json"}, &a, &errOut, now))
	require.Equal(t, 0, run([]string{"-at", "2024-03-06", "-json"}, &b, &errOut, now.AddDate(3, 1, 1)))
	assert.Equal(t, a.String(), b.String())
}

// Every third day of two years (so every weekday) reports without error and
// fits one screen under every preset, read from a zone at +05:45; so do days
// far from the anchors.
func TestEveryDay(t *testing.T) {
	start := date.New(2023, time.January, 1)
	days := append(dayRange(start, start+731, 3),
		date.New(1, time.January, 1), date.New(1900, time.March, 1), date.New(9999, time.December, 31))
	for _, v := range variants {
		for _, d := range days {
			var out, errOut bytes.Buffer
			args := []string{"-at", d.String(), "-preset", v, "-zone", "Asia/Kathmandu"}
			require.Equal(t, 0, run(args, &out, &errOut, now), "run(%q): %s", args, errOut.String())
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			assert.LessOrEqual(t, len(lines), 60, "run(%q): lines", args)
			for i, l := range lines {
				assert.LessOrEqual(t, len([]rune(l)), width, "run(%q) line %d: %q", args, i+1, l)
			}
		}
	}
}

// preset.json is Fleet() encoded: the Go value and the embedded document are
// the same configuration, and the document re-encodes byte for byte.
func TestPresetJSONRoundTrip(t *testing.T) {
	fleet, err := Fleet()
	require.NoError(t, err)
	encoded, err := json.MarshalIndent(fleet, "", "  ")
	require.NoError(t, err)
	encoded = append(encoded, '\n')
	if *update {
		require.NoError(t, os.WriteFile("../internal/preset/preset.json", encoded, 0o644))
		presetJSON = encoded
	}
	assert.Equal(t, string(presetJSON), string(encoded), "preset.json differs from Fleet(): run with -update")

	loaded, err := loadPreset(presetJSON)
	require.NoError(t, err)
	again, err := json.MarshalIndent(loaded, "", "  ")
	require.NoError(t, err)
	assert.Equal(t, string(presetJSON), string(again)+"\n", "preset.json does not re-encode identically")

	// The values agree, compared with the packages' own Equal where they have one.
	assert.Equal(t, fleet.Name, loaded.Name)
	assert.True(t, fleet.OnCall.Equal(loaded.OnCall), "oncall")
	assert.True(t, fleet.Infra.Equal(loaded.Infra), "infra")
	assert.True(t, fleet.Train.Equal(loaded.Train), "train")
	assert.Equal(t, fleet.Sprints.Cadence(), loaded.Sprints.Cadence())
	assert.Equal(t, slices.Collect(fleet.Sprints.All()), slices.Collect(loaded.Sprints.All()))
	assert.Equal(t, fleet.Business.Location().String(), loaded.Business.Location().String())
	assert.Equal(t, fleet.Business.Week(), loaded.Business.Week())
	assert.Equal(t, fleet.Backup, loaded.Backup)
	assert.Equal(t, fleet.Contacts, loaded.Contacts)
	assert.Equal(t, fleet.Wait, loaded.Wait)
	assert.Equal(t, fleet.Roles, loaded.Roles)
	require.Equal(t, len(fleet.Variants), len(loaded.Variants))
	for name, v := range fleet.Variants {
		w := loaded.Variants[name]
		assert.True(t, v.Policy.Equal(w.Policy), "variant %s policy", name)
		assert.Equal(t, v.Rules.Name(), w.Rules.Name(), "variant %s rules", name)
		assert.Equal(t, slices.Collect(v.Rules.All()), slices.Collect(w.Rules.All()), "variant %s rules", name)
		assert.Equal(t, v.Scheme, w.Scheme, "variant %s scheme", name)
	}

	// And they behave the same: the business calendar's holidays and every
	// variant's whole report over a year of days.
	for d := date.New(2023, time.January, 1); d < date.New(2028, time.January, 1); d++ {
		require.Equal(t, fleet.Business.IsWorkday(d), loaded.Business.IsWorkday(d), "IsWorkday(%s)", d)
	}
	var history = mustHistory(t)
	for _, v := range variants {
		a, err := fleet.Use(v)
		require.NoError(t, err)
		b, err := loaded.Use(v)
		require.NoError(t, err)
		for d := date.New(2024, time.January, 1); d < date.New(2025, time.January, 1); d += 3 {
			ra, err := build(a, d, time.UTC, history, issuesJSON)
			require.NoError(t, err)
			rb, err := build(b, d, time.UTC, history, issuesJSON)
			require.NoError(t, err)
			ja, _ := ra.marshal()
			jb, _ := rb.marshal()
			require.Equal(t, string(ja), string(jb), "preset %s on %s", v, d)
		}
	}
}

func TestPresetUseRejectsUnknown(t *testing.T) {
	p, err := loadPreset(presetJSON)
	require.NoError(t, err)
	_, err = p.Use("2019")
	require.ErrorContains(t, err, `unknown preset "2019"`)
	_, err = loadPreset([]byte(`{"name":"x","nope":1}`))
	require.ErrorContains(t, err, "nope")
}

func mustHistory(t *testing.T) (h release.History) {
	t.Helper()
	require.NoError(t, json.Unmarshal(releasesJSON, &h))
	return h
}

// Facts of the report that follow from the handbook's rules, checked on the
// Report values rather than on printed text.
func TestReportFacts(t *testing.T) {
	p, err := loadPreset(presetJSON)
	require.NoError(t, err)
	history := mustHistory(t)
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	report := func(variant string, day date.Date) Report {
		t.Helper()
		team, err := p.Use(variant)
		require.NoError(t, err)
		r, err := build(team, day, chicago, history, issuesJSON)
		require.NoError(t, err)
		return r
	}

	// R1: the Wednesday 09:00 hand-off; the shift that crosses spring forward
	// (2024-03-10) is 167 hours long and ends at 09:00 CDT.
	r := report("2024", date.New(2024, time.March, 6))
	e := r.OnCall.Engineering
	assert.Equal(t, time.Wednesday, e.From.Weekday())
	assert.Equal(t, "09:00", e.From.Format("15:04"))
	assert.Equal(t, "09:00", e.Until.Format("15:04"))
	assert.Equal(t, 167*time.Hour, e.Until.Sub(e.From))
	// R2: the next hand-off is the end of this shift, to the next person.
	assert.True(t, r.OnCall.Handoff.At.Equal(e.Until))
	assert.Equal(t, e.Who, r.OnCall.Handoff.Outgoing)
	assert.NotEqual(t, e.Who, r.OnCall.Handoff.Incoming)
	assert.NotEmpty(t, r.OnCall.Handoff.Checklist)

	// R3, R4: gus is out from Tuesday to Friday of his turn; jo covers the
	// primary layer, the secondary is unaffected, the chain pages jo
	// (Infra.WithOverrides puts the absence on both layers and the chain).
	assert.Equal(t, "gus", r.OnCall.InfraTurn.Who)
	require.Len(t, r.OnCall.Infra, 2)
	assert.Equal(t, "jo", r.OnCall.Infra[0].Who)
	assert.NotEqual(t, "gus", r.OnCall.Infra[1].Who)
	assert.Contains(t, r.OnCall.Escalation[0].Who, "jo")
	assert.Len(t, r.OnCall.Escalation, 4)
	// R3: the levels carry their roles, the application-level one by area.
	var names []string
	for _, l := range r.OnCall.Escalation {
		names = append(names, l.Name)
	}
	assert.Equal(t, []string{"first responders", "application (infra)", "engineering manager", "CTO"}, names)
	// On Monday of that week gus is still on duty himself.
	assert.Equal(t, "gus", report("2024", date.New(2024, time.March, 4)).OnCall.Infra[0].Who)

	// R6, R9: sprints start on the Monday of release week, three weeks long.
	assert.Equal(t, 21, r.Sprint.Days)
	assert.Equal(t, "2024-03-04", r.Sprint.Start)
	assert.Equal(t, "2024-03-06", r.Release.Day)
	assert.Equal(t, "Wednesday", r.Release.Weekday)

	// R10 by variant and day, at 12:00 Chicago (10:00 Pacific).
	for _, tc := range []struct {
		variant string
		day     date.Date
		phase   string
	}{
		{"2024", date.New(2024, time.March, 4), "open"},           // Monday before release
		{"2024", date.New(2024, time.March, 5), "freeze"},         // Tuesday: since 09:00 Pacific
		{"2024", date.New(2024, time.March, 6), "deep-freeze"},    // last 24 hours
		{"2024", date.New(2024, time.March, 7), "open"},           // after release day
		{"2023", date.New(2024, time.February, 29), "freeze"},     // Thursday before
		{"2023", date.New(2024, time.February, 28), "open"},       // Wednesday a week before
		{"rc", date.New(2024, time.March, 4), "branch-cut"},       // Monday 08:00 Pacific cut
		{"rc", date.New(2024, time.March, 1), "open"},             // Friday before the cut
		{"2024", date.New(2024, time.December, 3), "freeze"},      // after fall back
		{"2024", date.New(2024, time.December, 4), "deep-freeze"}, // release 34 (4.59.0)
	} {
		got := report(tc.variant, tc.day).Release
		assert.Equal(t, tc.phase, got.Phase, "preset %s on %s", tc.variant, tc.day)
		// The why line reads the window in the reader's zone (Chicago), as
		// the window row does, not in the policy's Pacific time.
		bound := got.End
		if tc.phase == "open" {
			bound = got.Start
		}
		assert.Contains(t, got.Reason, bound.Format("Mon 2006-01-02 15:04 MST"), "preset %s on %s", tc.variant, tc.day)
		assert.NotRegexp(t, `P[SD]T`, got.Reason, "preset %s on %s", tc.variant, tc.day)
		feature := got.Gates[0]
		if got.Mode == "branch-cut" {
			// The main branch stays open under the rc policy.
			assert.Equal(t, Gate{"feature", true}, feature, "preset %s on %s", tc.variant, tc.day)
		} else {
			assert.Equal(t, tc.phase == "open", feature.Allowed, "preset %s on %s: %v", tc.variant, tc.day, feature)
		}
	}

	// R25-R28 on a Wednesday 16:30 ticket checked Thursday 10:00: one business
	// hour is 30 minutes on Wednesday and 30 on Thursday.
	require.Len(t, r.SLA.Clocks, 4)
	fr := r.SLA.Clocks[0]
	assert.Equal(t, "Thu 03-07 09:30", stamp(fr.Due))
	assert.True(t, fr.Breached)
	assert.Equal(t, Duration(-30*time.Minute), fr.Remaining)
	assert.Equal(t, "Wed 03-06 17:30", stamp(r.SLA.Clocks[1].Due)) // in business hours: 1h wall
	assert.Equal(t, "Thu 03-07 16:30", stamp(r.SLA.Clocks[2].Due)) // 8 business hours
	assert.True(t, r.SLA.Clocks[3].MilestoneHit)

	// R23: orphans are reported; R24: the summary names the ISO week.
	assert.NotEmpty(t, r.Bugs.Orphans)
	assert.Contains(t, r.Bugs.Summary, "2024-W10")
}

// dayRange returns the days from, from+step, ... before to.
func dayRange(from, to date.Date, step date.Date) []date.Date {
	var out []date.Date
	for d := from; d < to; d += step {
		out = append(out, d)
	}
	return out
}
