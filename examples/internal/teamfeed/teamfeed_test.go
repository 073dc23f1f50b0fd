package teamfeed_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/examples/internal/teamfeed"
	"github.com/teamcadence/cadence/ical"
	"github.com/teamcadence/cadence/rotation"
	"github.com/teamcadence/cadence/sla"
	"github.com/teamcadence/cadence/sprint"
)

func TestParseKinds(t *testing.T) {
	tests := []struct {
		in   string
		want teamfeed.Kinds
	}{
		{"all", teamfeed.AllKinds},
		{"sprints", teamfeed.Sprints},
		{"shifts, handoffs", teamfeed.Shifts | teamfeed.Handoffs},
		{"ceremonies,rituals,releases,windows", teamfeed.Ceremonies | teamfeed.Rituals | teamfeed.Releases | teamfeed.Windows},
	}
	for _, tt := range tests {
		got, err := teamfeed.ParseKinds(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, "ParseKinds(%q)", tt.in)
	}
	for _, bad := range []string{"", "sprint", "all,nope", "Sprints"} {
		_, err := teamfeed.ParseKinds(bad)
		assert.ErrorContains(t, err, "want all or some of sprints,ceremonies", "ParseKinds(%q)", bad)
	}
}

func uids(evs []ical.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.UID
	}
	return out
}

func find(evs []ical.Event, summary string) []ical.Event {
	var out []ical.Event
	for _, e := range evs {
		if e.Summary == summary {
			out = append(out, e)
		}
	}
	return out
}

func TestKindsSelect(t *testing.T) {
	team := fleet(t, "2024")
	from, to := date.New(2024, 3, 4), date.New(2024, 3, 25)
	all := teamfeed.Events(team, teamfeed.AllKinds, from, to)
	seen := map[string]bool{}
	for _, k := range teamfeed.KindNames() {
		kind, err := teamfeed.ParseKinds(k)
		require.NoError(t, err)
		evs := teamfeed.Events(team, kind, from, to)
		require.NotEmpty(t, evs, k)
		prefix := map[string]string{"sprints": "sprint-", "ceremonies": "ceremony-", "rituals": "ritual-", "releases": "release-",
			"windows": "freeze-|deepfreeze-", "shifts": "shift-", "handoffs": "handoff-"}[k]
		for _, e := range evs {
			assert.Regexp(t, "^("+prefix+")", e.UID, k)
			assert.False(t, seen[e.UID], "%s in two kinds", e.UID)
			seen[e.UID] = true
		}
	}
	assert.Len(t, seen, len(all), "the kinds partition the events")
	assert.Empty(t, teamfeed.Events(team, teamfeed.AllKinds, to, from), "backwards range")
	assert.Empty(t, teamfeed.Events(team, 0, from, to), "no kinds")
}

func TestStandUpRule(t *testing.T) {
	team := fleet(t, "2024")
	evs := teamfeed.Events(team, teamfeed.Ceremonies, date.New(2024, 6, 24), date.New(2024, 7, 15))
	standups := find(evs, "Daily stand-up")
	require.Len(t, standups, 1, "one recurring event")
	su := standups[0]
	assert.Equal(t, ical.Weekly, su.Recurrence.Freq)
	assert.Equal(t, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, su.Recurrence.Weekdays)
	assert.Equal(t, date.New(2024, 7, 12), su.Recurrence.Until)
	// Independence Day, a holiday of the preset's business calendar.
	assert.Equal(t, []date.Date{date.New(2024, 7, 4)}, su.Except)
	assert.Equal(t, "Engineering manager", su.Contact)
	assert.Equal(t, "09:00 CDT", su.Start.Format("15:04 MST"))
}

func TestMovedCeremonyIsSingle(t *testing.T) {
	// Sprint planning on the first Monday moves later off a holiday (R7):
	// sprint 14 starts on Monday 2023-10-09, Columbus Day.
	team := fleet(t, "2024")
	evs := teamfeed.Events(team, teamfeed.Ceremonies, date.New(2023, 6, 1), date.New(2023, 12, 1))
	plans := find(evs, "Sprint planning")
	require.NotEmpty(t, plans)
	var moved []ical.Event
	for _, e := range plans {
		if strings.Contains(e.Description, "Moved from") {
			moved = append(moved, e)
		}
	}
	require.Len(t, moved, 1)
	m := moved[0]
	assert.True(t, m.Recurrence.IsZero(), "a moved occurrence is a single event")
	assert.Equal(t, "2023-10-10 10:00", m.Start.Format("2006-01-02 15:04"))
	assert.Contains(t, m.UID, "sprint-planning-2023-10-09", "keyed by the planned day")
	// The series leaves the planned day out.
	for _, e := range plans {
		if !e.Recurrence.IsZero() {
			assert.Contains(t, e.Except, date.New(2023, 10, 9))
			assert.Equal(t, 3, e.Recurrence.Interval, "every three weeks")
		}
	}
}

func TestSeriesExactOrSingles(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	// A ritual on every workday of a calendar open one day a week, Monday
	// in the first week, Tuesday in the second and so on: a weekly rule on
	// the five weekdays would need more EXDATEs than occurrences, so each
	// is a single event.
	var closed []date.Date
	for d := date.New(2024, 1, 1); d < date.New(2024, 3, 4); d++ { // Monday to Sunday weeks
		week := int(d-date.New(2024, 1, 1)) / 7
		if int(d.Weekday()) != 1+week%5 {
			closed = append(closed, d)
		}
	}
	cal, err := sla.NewCalendar(chicago, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)), sla.Holidays(closed...))
	require.NoError(t, err)
	rituals, err := sprint.NewRituals(chicago, cal, nil, sprint.Ritual{Name: "Review", Recurrence: sprint.Daily(), Time: clock.New(10, 0, 0, 0), Duration: time.Hour})
	require.NoError(t, err)
	team := teamfeed.Team{Name: "t", Zone: chicago, Rituals: rituals}
	evs := teamfeed.Events(team, teamfeed.Rituals, date.New(2024, 1, 1), date.New(2024, 3, 4))
	require.Len(t, evs, 9, "one a week")
	for _, e := range evs {
		assert.True(t, e.Recurrence.IsZero(), "%s", e.UID)
	}
	// Open only on Wednesdays, the same ritual is one weekly rule.
	closed = closed[:0]
	for d := date.New(2024, 1, 1); d < date.New(2024, 3, 4); d++ {
		if d.Weekday() != time.Wednesday {
			closed = append(closed, d)
		}
	}
	cal, err = sla.NewCalendar(chicago, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)), sla.Holidays(closed...))
	require.NoError(t, err)
	team.Rituals = rituals.WithWorkdays(cal)
	evs = teamfeed.Events(team, teamfeed.Rituals, date.New(2024, 1, 1), date.New(2024, 3, 4))
	require.Len(t, evs, 1)
	assert.Equal(t, ical.Recurrence{Freq: ical.Weekly, Interval: 1, Weekdays: []time.Weekday{time.Wednesday}, Until: date.New(2024, 2, 28)}, evs[0].Recurrence)
	assert.Empty(t, evs[0].Except)
}

func TestUIDsStable(t *testing.T) {
	team := fleet(t, "2024")
	a := teamfeed.Events(team, teamfeed.AllKinds, date.New(2024, 3, 4), date.New(2024, 4, 1))
	b := teamfeed.Events(team, teamfeed.AllKinds, date.New(2024, 3, 4), date.New(2024, 4, 1))
	assert.Equal(t, uids(a), uids(b), "the same export twice")

	// A roster edit: the shifts' UIDs stay, their people change.
	r := team.Layers[0].Rotation
	edited, err := r.WithRoster(r.First(), "zoe", "yan", "xia", "wim", "val")
	require.NoError(t, err)
	team2 := team
	team2.Layers = slices.Clone(team.Layers)
	team2.Layers[0] = teamfeed.Layer{Name: team.Layers[0].Name, Rotation: edited}
	before := teamfeed.Events(team, teamfeed.Shifts, date.New(2024, 3, 4), date.New(2024, 4, 1))
	after := teamfeed.Events(team2, teamfeed.Shifts, date.New(2024, 3, 4), date.New(2024, 4, 1))
	assert.Equal(t, uids(before), uids(after))
	assert.NotEqual(t, before[0].Summary, after[0].Summary)

	// A later export: the slots both cover keep their UIDs.
	later := teamfeed.Events(team, teamfeed.Sprints|teamfeed.Releases|teamfeed.Shifts, date.New(2024, 3, 18), date.New(2024, 5, 1))
	for _, u := range uids(teamfeed.Events(team, teamfeed.Sprints|teamfeed.Releases|teamfeed.Shifts, date.New(2024, 3, 18), date.New(2024, 4, 1))) {
		assert.Contains(t, uids(later), u)
	}
	// Another team never shares a UID.
	other := team
	other.Name = "other"
	for _, u := range uids(teamfeed.Events(other, teamfeed.AllKinds, date.New(2024, 3, 4), date.New(2024, 4, 1))) {
		assert.NotContains(t, uids(a), u)
	}
}

func TestFeedZoneAndLayers(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	team := fleet(t, "2024")
	names := make([]string, len(team.Layers))
	for i, l := range team.Layers {
		names[i] = l.Name
	}
	assert.Equal(t, []string{"engineering on-call", "fleet infrastructure primary", "fleet infrastructure secondary"}, names)
	team.Zone = london
	cal := teamfeed.Feed(team, teamfeed.Shifts|teamfeed.Windows|teamfeed.Rituals, date.New(2024, 3, 4), date.New(2024, 3, 11), time.Date(2024, 3, 1, 12, 0, 0, 500, time.UTC))
	assert.Equal(t, "fleet", cal.Name)
	assert.Equal(t, time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), cal.Stamp)
	for _, e := range cal.Events {
		want := "Europe/London"
		if slices.Contains(e.Categories, "ritual") {
			want = "America/Chicago" // rituals recur in their own zone
		}
		assert.Equal(t, want, e.Start.Location().String(), e.UID)
	}
	_, err = cal.Marshal()
	require.NoError(t, err)
}

func TestUID(t *testing.T) {
	u := teamfeed.UID("fleet", "release", "21")
	assert.Regexp(t, `^release-21-[0-9a-f]{8}@cadence$`, u)
	assert.Equal(t, u, teamfeed.UID("fleet", "release", "21"))
	assert.NotEqual(t, u, teamfeed.UID("fleet2", "release", "21"))
}

// The zero values give nothing rather than looping.
func TestZeroTeam(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	team := teamfeed.Team{Name: "empty", Zone: chicago, Layers: []teamfeed.Layer{{Name: "none", Rotation: rotation.Rotation[string]{}}}}
	assert.Empty(t, teamfeed.Events(team, teamfeed.AllKinds, date.New(2024, 1, 1), date.New(2025, 1, 1)))
}
