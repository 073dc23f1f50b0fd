package teamfeed_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/teambition/rrule-go"

	"github.com/teamcadence/cadence/examples/internal/preset"
	"github.com/teamcadence/cadence/examples/internal/teamfeed"
	"github.com/teamcadence/cadence/release"
)

// fleet returns the Fleet preset's team under variant.
func fleet(t *testing.T, variant string) teamfeed.Team {
	t.Helper()
	p, err := preset.Load(preset.JSON)
	require.NoError(t, err)
	pt, err := p.Use(variant)
	require.NoError(t, err)
	return teamfeed.FromPreset(pt)
}

// span is one occurrence as text: its name and instants in UTC, so that
// lists compare as strings.
func span(name string, start, end time.Time) string {
	return fmt.Sprintf("%s %s/%s", name, start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339))
}

// truth lists what the packages themselves say about [from, to).
func truth(team teamfeed.Team, from, to date.Date) map[string][]string {
	out := map[string][]string{}
	start, end := midnight(from, team.Zone), midnight(to, team.Zone)
	for sp := team.Sprints.At(from); sp.Start < to; sp = team.Sprints.At(sp.End) {
		out["sprint"] = append(out["sprint"], fmt.Sprintf("Sprint %d %s/%s", sp.Number, sp.Start, sp.End))
	}
	for e := range team.Sprints.Meetings(start, end) {
		out["ceremony"] = append(out["ceremony"], span(e.Name, e.Start, e.End))
	}
	for e := range team.Rituals.Occurrences(from, to) {
		out["ritual"] = append(out["ritual"], span(e.Name, e.Start, e.End))
	}
	for r := range team.Train.Releases(from, to) {
		out["release"] = append(out["release"], fmt.Sprintf("Release %d (%s) %s/%s", r.Number, r.Version, r.Day, r.Day+1))
		w := team.Train.Window(r)
		first, deep := "Freeze", "Deep freeze"
		if w.Mode == release.BranchCut {
			first, deep = "Release branch cut", "Release branch, deep"
		}
		name := fmt.Sprintf("Release %d (%s)", r.Number, r.Version)
		if w.Start.Before(w.Deep) {
			out["window"] = append(out["window"], span(first+": "+name, w.Start, w.Deep))
		}
		if w.Deep.Before(w.End) {
			out["window"] = append(out["window"], span(deep+": "+name, w.Deep, w.End))
		}
	}
	for _, l := range team.Layers {
		for s := range l.Rotation.Shifts(start, end) {
			out["shift"] = append(out["shift"], span(l.Name+": "+s.Who, s.Start, s.End))
		}
		for h := range l.Rotation.Handoffs(start, end) {
			out["handoff"] = append(out["handoff"], span(fmt.Sprintf("%s hand-off: %s → %s", l.Name, h.Outgoing, h.Incoming), h.At, h.At))
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

func midnight(d date.Date, loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// kindOf maps an event's categories to the kind compared.
func kindOf(cats []string) string {
	switch {
	case slices.Contains(cats, "hand-off"):
		return "handoff"
	case slices.Contains(cats, "on-call"):
		return "shift"
	case slices.Contains(cats, "freeze"), slices.Contains(cats, "branch-cut"):
		return "window"
	}
	return cats[0]
}

// expand reads feed with github.com/arran4/golang-ical and expands its
// RRULEs with github.com/teambition/rrule-go, neither of which shares code
// with cadence, and returns every occurrence by kind, with the number of
// recurring events and EXDATEs it saw.
func expand(t *testing.T, feed []byte) (got map[string][]string, rules, exdates int) {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(feed))
	require.NoError(t, err)
	checkTimezones(t, cal)
	got = map[string][]string{}
	for _, ev := range cal.Events() {
		summary := ev.GetProperty(ics.ComponentPropertySummary).Value
		cats := strings.Split(ev.GetProperty(ics.ComponentPropertyCategories).Value, ",")
		kind := kindOf(cats)
		dtstart := ev.GetProperty(ics.ComponentPropertyDtStart)
		if v := dtstart.ICalParameters["VALUE"]; len(v) == 1 && v[0] == "DATE" {
			start, err := ev.GetAllDayStartAt()
			require.NoError(t, err)
			end, err := ev.GetAllDayEndAt()
			require.NoError(t, err)
			require.Nil(t, ev.GetProperty(ics.ComponentPropertyRrule), "no all-day rules in this feed")
			got[kind] = append(got[kind], fmt.Sprintf("%s %s/%s", summary, start.Format(time.DateOnly), end.Format(time.DateOnly)))
			continue
		}
		start, err := ev.GetStartAt()
		require.NoError(t, err)
		end, err := ev.GetEndAt()
		require.NoError(t, err)
		rule := ev.GetProperty(ics.ComponentPropertyRrule)
		if rule == nil {
			got[kind] = append(got[kind], span(summary, start, end))
			continue
		}
		rules++
		opt, err := rrule.StrToROptionInLocation(rule.Value, start.Location())
		require.NoError(t, err)
		opt.Dtstart = start
		r, err := rrule.NewRRule(*opt)
		require.NoError(t, err)
		var set rrule.Set
		set.RRule(r)
		for _, p := range ev.Properties {
			if p.IANAToken != string(ics.ComponentPropertyExdate) {
				continue
			}
			loc := time.UTC
			if tz := p.ICalParameters["TZID"]; len(tz) == 1 {
				loc, err = time.LoadLocation(tz[0])
				require.NoError(t, err)
			}
			for _, v := range strings.Split(p.Value, ",") {
				x, err := time.ParseInLocation("20060102T150405", strings.TrimSuffix(v, "Z"), loc)
				require.NoError(t, err, "EXDATE %q", v)
				set.ExDate(x)
				exdates++
			}
		}
		for _, occ := range set.All() {
			got[kind] = append(got[kind], span(summary, occ, occ.Add(end.Sub(start))))
		}
	}
	for k := range got {
		slices.Sort(got[k])
	}
	return got, rules, exdates
}

// TestIndependentReader writes two years of the Fleet team's feed, reads it
// back with an independent parser and RRULE engine, and compares every
// occurrence with what sprint, release and rotation say.
func TestIndependentReader(t *testing.T) {
	stamp := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	from, to := date.New(2024, 1, 1), date.New(2026, 1, 1)
	tests := []struct {
		variant string
		zone    string // the zone the feed is written in; "" for the team's
		min     map[string]int
	}{
		// 2024: freeze and deep freeze (R10), Chicago.
		{"2024", "", map[string]int{"sprint": 35, "ceremony": 700, "ritual": 1000, "release": 34, "window": 68, "shift": 300, "handoff": 300}},
		// rc: the branch cut (one phase) in Los Angeles time, written in
		// London time, with the ceremonies recurring in Chicago time: three
		// zones meet and the instants must still agree.
		{"rc", "Europe/London", map[string]int{"window": 35}},
	}
	for _, tt := range tests {
		t.Run(tt.variant, func(t *testing.T) {
			team := fleet(t, tt.variant)
			if tt.zone != "" {
				loc, err := time.LoadLocation(tt.zone)
				require.NoError(t, err)
				team.Zone = loc
			}
			feed, err := teamfeed.Feed(team, teamfeed.AllKinds, from, to, stamp).Marshal()
			require.NoError(t, err)
			checkLines(t, feed)
			got, rules, exdates := expand(t, feed)
			want := truth(team, from, to)
			total := 0
			for _, kind := range []string{"sprint", "ceremony", "ritual", "release", "window", "shift", "handoff"} {
				assert.Equal(t, want[kind], got[kind], "%s: the feed read back differs from the packages", kind)
				assert.GreaterOrEqual(t, len(want[kind]), tt.min[kind], "%s compared", kind)
				total += len(want[kind])
				t.Logf("%-8s %5d occurrences compared", kind, len(want[kind]))
			}
			t.Logf("total    %5d occurrences; %d recurring events, %d EXDATEs", total, rules, exdates)
			assert.GreaterOrEqual(t, rules, 10, "ceremonies and rituals are written as RRULEs")
			assert.GreaterOrEqual(t, exdates, 20, "holidays are written as EXDATEs")
		})
	}
}

// checkLines checks the raw text: CRLF only, no line over 75 octets, and a
// VTIMEZONE for every TZID used.
func checkLines(t *testing.T, feed []byte) {
	t.Helper()
	require.True(t, bytes.HasSuffix(feed, []byte("END:VCALENDAR\r\n")))
	lines := strings.Split(strings.TrimSuffix(string(feed), "\r\n"), "\r\n")
	tzids := map[string]bool{}
	zones := map[string]bool{}
	for i, l := range lines {
		require.NotContains(t, l, "\n", "line %d: bare LF", i+1)
		require.LessOrEqual(t, len(l), 75, "line %d: %d octets", i+1, len(l))
		if v, ok := strings.CutPrefix(l, "TZID:"); ok {
			zones[v] = true
		}
		if _, rest, ok := strings.Cut(l, ";TZID="); ok {
			tz, _, _ := strings.Cut(rest, ":")
			tzids[tz] = true
		}
	}
	require.NotEmpty(t, tzids)
	for tz := range tzids {
		assert.True(t, zones[tz], "TZID %s has no VTIMEZONE", tz)
	}
}

// checkTimezones checks each VTIMEZONE as golang-ical reads it against Go's
// zone data: every observance after the first starts at an instant where
// Go's offset changes from TZOFFSETFROM to TZOFFSETTO, and DAYLIGHT marks
// daylight saving time.
func checkTimezones(t *testing.T, cal *ics.Calendar) {
	t.Helper()
	require.NotEmpty(t, cal.Timezones())
	for _, tz := range cal.Timezones() {
		name := tz.GetProperty(ics.ComponentPropertyTzid).Value
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		// Two years: the observance in force, then four changes.
		require.Len(t, tz.Components, 5, name)
		for i, c := range tz.Components {
			var base *ics.ComponentBase
			dst := false
			switch o := c.(type) {
			case *ics.Standard:
				base = &o.ComponentBase
			case *ics.Daylight:
				base, dst = &o.ComponentBase, true
			default:
				t.Fatalf("%s: component %T", name, c)
			}
			prop := func(p string) string {
				for _, x := range base.Properties {
					if x.IANAToken == p {
						return x.Value
					}
				}
				t.Fatalf("%s: observance %d has no %s", name, i, p)
				return ""
			}
			from, to := offset(t, prop("TZOFFSETFROM")), offset(t, prop("TZOFFSETTO"))
			local, err := time.Parse("20060102T150405", prop("DTSTART"))
			require.NoError(t, err)
			if i == 0 {
				continue // in force since before the feed
			}
			onset := local.Add(-time.Duration(from) * time.Second)
			_, before := onset.Add(-time.Second).In(loc).Zone()
			_, after := onset.In(loc).Zone()
			assert.Equal(t, []int{from, to}, []int{before, after}, "%s at %v", name, onset)
			assert.Equal(t, onset.In(loc).IsDST(), dst, "%s at %v: DAYLIGHT", name, onset)
		}
	}
}

// offset parses a UTC-OFFSET, ±HHMM, into seconds east of UTC.
func offset(t *testing.T, s string) int {
	t.Helper()
	v, err := time.Parse("-0700", s)
	require.NoError(t, err, "offset %q", s)
	_, off := v.Zone()
	return off
}
