package sprint_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sprint"
)

// offDays is a Workdays: Monday to Friday (or every day with weekends)
// except the listed days.
type offDays struct {
	off      map[date.Date]bool
	weekends bool
}

func (o offDays) IsWorkday(d date.Date) bool {
	if !o.weekends && (d.Weekday() == time.Saturday || d.Weekday() == time.Sunday) {
		return false
	}
	return !o.off[d]
}

func closed(days ...date.Date) offDays {
	m := map[date.Date]bool{}
	for _, d := range days {
		m[d] = true
	}
	return offDays{off: m}
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func hm(h, m int) clock.Clock { return clock.New(h, m, 0, 0) }

func events(seq func(func(sprint.Event) bool)) []sprint.Event {
	var out []sprint.Event
	for e := range seq {
		out = append(out, e)
	}
	return out
}

func count(es []sprint.Event, name string) int {
	n := 0
	for _, e := range es {
		if e.Name == name {
			n++
		}
	}
	return n
}

// TestFleetCeremoniesR7 checks the R7 counts in every sprint of two years,
// for a cadence starting on a Monday and one starting on a Wednesday.
func TestFleetCeremoniesR7(t *testing.T) {
	loc := mustLoad(t, "America/Chicago")
	for _, first := range []date.Date{day(2024, time.January, 8), day(2024, time.January, 10)} {
		cal, err := sprint.Fleet2024Schedule(first, loc, nil)
		require.NoError(t, err)
		for s := range cal.Cadence().Sprints(day(2024, time.January, 1), day(2026, time.January, 1)) {
			es := events(cal.Ceremonies(s))
			assert.Equal(t, 1, count(es, "Sprint planning"), "%v", s)
			assert.Equal(t, 15, count(es, "Daily stand-up"), "%v: one per working day", s)
			assert.Equal(t, 3, count(es, "Estimation"), "%v: weekly, 3 per sprint", s)
			assert.Equal(t, 1, count(es, "Sprint demo"), "%v", s)
			assert.Equal(t, 1, count(es, "Retrospective"), "%v", s)
			for i, e := range es {
				require.True(t, s.Contains(e.Day), "%v outside %v", e, s)
				assert.False(t, e.Moved(), "no holidays configured: %v", e)
				if i > 0 {
					assert.False(t, e.Start.Before(es[i-1].Start), "out of order: %v after %v", e, es[i-1])
				}
				switch e.Name {
				case "Sprint planning":
					assert.Equal(t, time.Monday, e.Day.Weekday())
					assert.Less(t, int(e.Day-s.Start), 7, "first Monday")
				case "Sprint demo", "Retrospective":
					assert.Equal(t, time.Friday, e.Day.Weekday())
					assert.Less(t, int(s.Last()-e.Day), 7, "last Friday")
				case "Estimation":
					assert.Equal(t, time.Thursday, e.Day.Weekday())
				}
			}
		}
	}
}

// TestCeremonyDST checks that times of day are wall-clock readings in the
// team's zone on both sides of DST changes, and durations are real time.
func TestCeremonyDST(t *testing.T) {
	everyDay := offDays{weekends: true}
	tests := []struct {
		name      string
		zone      string
		day       date.Date
		at        clock.Clock
		dur       time.Duration
		wantStart string // RFC 3339 in UTC
		wantEnd   string
	}{
		// America/Chicago: 2024-03-10 02:00 -> 03:00, 2024-11-03 02:00 -> 01:00
		{"chicago before spring forward", "America/Chicago", day(2024, time.March, 8), hm(9, 0), time.Hour, "2024-03-08T15:00:00Z", "2024-03-08T16:00:00Z"},
		{"chicago after spring forward", "America/Chicago", day(2024, time.March, 11), hm(9, 0), time.Hour, "2024-03-11T14:00:00Z", "2024-03-11T15:00:00Z"},
		{"chicago in the gap", "America/Chicago", day(2024, time.March, 10), hm(2, 30), time.Hour, "2024-03-10T08:30:00Z", "2024-03-10T09:30:00Z"},      // 03:30 CDT
		{"chicago repeated hour", "America/Chicago", day(2024, time.November, 3), hm(1, 30), time.Hour, "2024-11-03T06:30:00Z", "2024-11-03T07:30:00Z"}, // first 01:30, CDT
		{"chicago across fall back", "America/Chicago", day(2024, time.November, 3), hm(0, 30), 2 * time.Hour, "2024-11-03T05:30:00Z", "2024-11-03T07:30:00Z"},
		{"chicago after fall back", "America/Chicago", day(2024, time.November, 4), hm(9, 0), time.Hour, "2024-11-04T15:00:00Z", "2024-11-04T16:00:00Z"},
		// Europe/London: 2024-03-31 01:00 -> 02:00, 2024-10-27 02:00 -> 01:00
		{"london spring forward day", "Europe/London", day(2024, time.March, 31), hm(9, 0), time.Hour, "2024-03-31T08:00:00Z", "2024-03-31T09:00:00Z"},
		{"london day before", "Europe/London", day(2024, time.March, 30), hm(9, 0), time.Hour, "2024-03-30T09:00:00Z", "2024-03-30T10:00:00Z"},
		{"london fall back day", "Europe/London", day(2024, time.October, 27), hm(9, 0), time.Hour, "2024-10-27T09:00:00Z", "2024-10-27T10:00:00Z"},
		// Australia/Lord_Howe: 30-minute DST; 2024-04-07 02:00 -> 01:30, 2024-10-06 02:00 -> 02:30
		{"lord howe summer", "Australia/Lord_Howe", day(2024, time.April, 5), hm(9, 0), time.Hour, "2024-04-04T22:00:00Z", "2024-04-04T23:00:00Z"},
		{"lord howe winter", "Australia/Lord_Howe", day(2024, time.April, 8), hm(9, 0), time.Hour, "2024-04-07T22:30:00Z", "2024-04-07T23:30:00Z"},
		{"lord howe in the 30-minute gap", "Australia/Lord_Howe", day(2024, time.October, 6), hm(2, 15), time.Hour, "2024-10-05T15:45:00Z", "2024-10-05T16:45:00Z"}, // 02:45 +11
		{"lord howe repeated half hour", "Australia/Lord_Howe", day(2024, time.April, 7), hm(1, 45), time.Hour, "2024-04-06T14:45:00Z", "2024-04-06T15:45:00Z"},     // first 01:45, +11
		{"london in the gap", "Europe/London", day(2024, time.March, 31), hm(1, 30), time.Hour, "2024-03-31T01:30:00Z", "2024-03-31T02:30:00Z"},                     // 02:30 BST
		{"lord howe spring forward", "Australia/Lord_Howe", day(2024, time.October, 7), hm(9, 0), time.Hour, "2024-10-06T22:00:00Z", "2024-10-06T23:00:00Z"},
		// Asia/Kathmandu: +05:45, no DST
		{"kathmandu", "Asia/Kathmandu", day(2024, time.July, 1), hm(9, 0), 45 * time.Minute, "2024-07-01T03:15:00Z", "2024-07-01T04:00:00Z"},
		// leap day and year end
		{"kathmandu leap day", "Asia/Kathmandu", day(2024, time.February, 29), hm(9, 0), time.Hour, "2024-02-29T03:15:00Z", "2024-02-29T04:15:00Z"},
		{"london new year's eve into new year", "Europe/London", day(2024, time.December, 31), hm(23, 30), time.Hour, "2024-12-31T23:30:00Z", "2025-01-01T00:30:00Z"},
		// end of day: 24:00 is the next midnight
		{"kathmandu end of day", "Asia/Kathmandu", day(2024, time.December, 31), clock.Day, 0, "2024-12-31T18:15:00Z", "2024-12-31T18:15:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustLoad(t, tt.zone)
			c := sprint.MustNewCadence(tt.day, 1)
			cal, err := sprint.NewSchedule(c, loc, everyDay, nil,
				sprint.Ceremony{Name: "Sync", Rule: sprint.DayOfSprint(1), Time: tt.at, Duration: tt.dur})
			require.NoError(t, err)
			es := events(cal.Ceremonies(c.At(tt.day)))
			require.Len(t, es, 1)
			e := es[0]
			want, _ := time.Parse(time.RFC3339, tt.wantStart)
			wantEnd, _ := time.Parse(time.RFC3339, tt.wantEnd)
			assert.True(t, e.Start.Equal(want), "Start = %v, want %v", e.Start.UTC(), want)
			assert.True(t, e.End.Equal(wantEnd), "End = %v, want %v", e.End.UTC(), wantEnd)
			assert.Equal(t, tt.dur, e.End.Sub(e.Start), "duration is real elapsed time")
			assert.Equal(t, loc, e.Start.Location(), "results are in the team's zone")
			assert.Equal(t, tt.day, e.Day)
		})
	}
}

func TestCeremonyMoves(t *testing.T) {
	loc := mustLoad(t, "Europe/London")
	first := day(2024, time.December, 23) // Monday; the sprint spans the year end
	c := sprint.MustNewCadence(first, 3)
	s := c.At(first)
	tests := []struct {
		name    string
		rule    sprint.DayRule
		move    sprint.Move
		off     []date.Date
		want    []date.Date
		planned []date.Date
	}{
		{"planned day is a workday", sprint.FirstWeekday(time.Monday), sprint.Later, nil,
			[]date.Date{first}, []date.Date{first}},
		// Christmas (Wed) and Boxing Day (Thu) off
		{"later over two holidays", sprint.DayOfSprint(3), sprint.Later,
			[]date.Date{day(2024, time.December, 25), day(2024, time.December, 26)},
			[]date.Date{day(2024, time.December, 27)}, []date.Date{day(2024, time.December, 25)}},
		{"earlier", sprint.DayOfSprint(3), sprint.Earlier,
			[]date.Date{day(2024, time.December, 25), day(2024, time.December, 26)},
			[]date.Date{day(2024, time.December, 24)}, []date.Date{day(2024, time.December, 25)}},
		{"skip", sprint.DayOfSprint(3), sprint.Skip, []date.Date{day(2024, time.December, 25)}, nil, nil},
		// stay, the zero Move: held on the holiday itself
		{"stay", sprint.DayOfSprint(3), sprint.Stay, []date.Date{day(2024, time.December, 25)},
			[]date.Date{day(2024, time.December, 25)}, []date.Date{day(2024, time.December, 25)}},
		{"stay on a Saturday", sprint.FirstWeekday(time.Saturday), sprint.Move(0), nil,
			[]date.Date{day(2024, time.December, 28)}, []date.Date{day(2024, time.December, 28)}},
		// new year's day (Wed) off: weekly Wednesday moves to Thursday in week 2 only
		{"weekly over new year", sprint.EachWeek(time.Wednesday), sprint.Later, []date.Date{day(2025, time.January, 1)},
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 2), day(2025, time.January, 8)},
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 1), day(2025, time.January, 8)}},
		// never out of the sprint
		{"earlier from the first day", sprint.FirstWeekday(time.Monday), sprint.Earlier, []date.Date{first}, nil, nil},
		{"later from the last Friday", sprint.LastWeekday(time.Friday), sprint.Later, []date.Date{day(2025, time.January, 10)}, nil, nil},
		{"last Friday earlier", sprint.LastWeekday(time.Friday), sprint.Earlier, []date.Date{day(2025, time.January, 10)},
			[]date.Date{day(2025, time.January, 9)}, []date.Date{day(2025, time.January, 10)}},
		// a weekend day planned by rule moves to Monday
		{"saturday later", sprint.FirstWeekday(time.Saturday), sprint.Later, nil,
			[]date.Date{day(2024, time.December, 30)}, []date.Date{day(2024, time.December, 28)}},
		// stand-ups skip holidays: 15 working days minus 3
		{"every workday", sprint.EveryWorkday(), sprint.Later,
			[]date.Date{day(2024, time.December, 25), day(2024, time.December, 26), day(2025, time.January, 1)}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := sprint.NewSchedule(c, loc, closed(tt.off...), nil,
				sprint.Ceremony{Name: "C", Rule: tt.rule, Time: hm(10, 0), Duration: time.Hour, Move: tt.move})
			require.NoError(t, err)
			es := events(cal.Ceremonies(s))
			if tt.rule == sprint.EveryWorkday() {
				assert.Len(t, es, 12)
				for _, e := range es {
					assert.NotContains(t, tt.off, e.Day)
				}
				return
			}
			var got, planned []date.Date
			for _, e := range es {
				got = append(got, e.Day)
				planned = append(planned, e.Planned)
				assert.Equal(t, 10, e.Start.Hour(), "keeps its time of day")
			}
			assert.Equal(t, tt.want, got, "days")
			assert.Equal(t, tt.planned, planned, "planned days")
		})
	}
}

func TestCeremoniesNoWorkdays(t *testing.T) {
	never := offDays{off: map[date.Date]bool{}}
	for d := day(2024, time.January, 1); d < day(2024, time.March, 1); d++ {
		never.off[d] = true
	}
	cal, err := sprint.Fleet2024Schedule(day(2024, time.January, 8), time.UTC, never)
	require.NoError(t, err)
	assert.Empty(t, events(cal.Ceremonies(cal.At(day(2024, time.January, 10)))))
	var zero sprint.Schedule
	assert.Empty(t, events(zero.Ceremonies(sprint.Sprint{Number: 1})))
	assert.Empty(t, events(zero.Meetings(time.Unix(0, 0), time.Unix(1e9, 0))))
}

func TestMeetings(t *testing.T) {
	loc := mustLoad(t, "America/Chicago")
	cal, err := sprint.Fleet2024Schedule(day(2024, time.January, 8), loc, nil)
	require.NoError(t, err)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2024, m, d, h, min, 0, 0, loc) }
	names := func(from, to time.Time) []string {
		var ns []string
		for e := range cal.Meetings(from, to) {
			ns = append(ns, e.Day.String()+" "+e.Name)
		}
		return ns
	}
	// across the end of sprint 1 (Fri 26 Jan) into sprint 2 (Mon 29 Jan)
	assert.Equal(t, []string{
		"2024-01-26 Daily stand-up", "2024-01-26 Sprint demo", "2024-01-26 Retrospective",
		"2024-01-29 Daily stand-up", "2024-01-29 Sprint planning",
	}, names(at(time.January, 26, 0, 0), at(time.January, 30, 0, 0)))
	// boundaries: the 09:00-09:15 stand-up overlaps [09:14, 09:15) but not [09:15, 10:00)
	assert.Equal(t, []string{"2024-01-29 Daily stand-up"}, names(at(time.January, 29, 9, 14), at(time.January, 29, 9, 15)))
	assert.Empty(t, names(at(time.January, 29, 9, 15), at(time.January, 29, 10, 0)))
	assert.Equal(t, []string{"2024-01-29 Daily stand-up"}, names(at(time.January, 29, 8, 0), at(time.January, 29, 9, 0).Add(time.Nanosecond)))
	assert.Empty(t, names(at(time.January, 29, 8, 0), at(time.January, 29, 9, 0)), "to is excluded")
	// backwards and empty ranges
	assert.Empty(t, names(at(time.January, 30, 0, 0), at(time.January, 26, 0, 0)))
	assert.Empty(t, names(at(time.January, 29, 9, 0), at(time.January, 29, 9, 0)))
	// from in another zone gives the same answer
	assert.Equal(t, names(at(time.January, 26, 0, 0), at(time.January, 30, 0, 0)),
		names(at(time.January, 26, 0, 0).UTC(), at(time.January, 30, 0, 0).In(mustLoad(t, "Asia/Kathmandu"))))
	// stops early
	n := 0
	for range cal.Meetings(at(time.January, 1, 0, 0), at(time.December, 31, 0, 0)) {
		n++
		if n == 4 {
			break
		}
	}
	assert.Equal(t, 4, n)
	// Meetings over a sprint equals Ceremonies of that sprint
	s := cal.Cadence().Sprint(5)
	assert.Equal(t, events(cal.Ceremonies(s)), events(cal.Meetings(midnightIn(s.Start, loc), midnightIn(s.End, loc))))
}

func TestNewScheduleErrors(t *testing.T) {
	c := sprint.MustNewCadence(day(2024, time.January, 8), 3)
	good := sprint.Ceremony{Name: "Sync", Rule: sprint.EveryWorkday(), Time: hm(9, 0), Duration: 15 * time.Minute}
	with := func(f func(*sprint.Ceremony)) sprint.Ceremony { x := good; f(&x); return x }
	tests := []struct {
		name      string
		cad       sprint.Cadence
		loc       *time.Location
		cer       sprint.Ceremony
		wantErr   error
		wantField string
	}{
		{"zero cadence", sprint.Cadence{}, time.UTC, good, sprint.ErrWeeks, "cadence"},
		{"nil location", c, nil, good, sprint.ErrZone, "zone"},
		{"empty name", c, time.UTC, with(func(x *sprint.Ceremony) { x.Name = "" }), sprint.ErrName, "ceremonies[1].name"},
		{"zero rule", c, time.UTC, with(func(x *sprint.Ceremony) { x.Rule = sprint.DayRule{} }), sprint.ErrRule, "ceremonies[1].rule"},
		{"bad weekday", c, time.UTC, with(func(x *sprint.Ceremony) { x.Rule = sprint.FirstWeekday(9) }), sprint.ErrRule, "ceremonies[1].rule"},
		{"day 0", c, time.UTC, with(func(x *sprint.Ceremony) { x.Rule = sprint.DayOfSprint(0) }), sprint.ErrRule, "ceremonies[1].rule"},
		{"day beyond the sprint", c, time.UTC, with(func(x *sprint.Ceremony) { x.Rule = sprint.DayOfSprint(22) }), sprint.ErrRule, "ceremonies[1].rule"},
		{"time 25:00", c, time.UTC, with(func(x *sprint.Ceremony) { x.Time = hm(25, 0) }), sprint.ErrTime, "ceremonies[1].time"},
		{"negative time", c, time.UTC, with(func(x *sprint.Ceremony) { x.Time = -clock.Minute }), sprint.ErrTime, "ceremonies[1].time"},
		{"time past 24:00 by 1ns", c, time.UTC, with(func(x *sprint.Ceremony) { x.Time = hm(24, 0) + 1 }), sprint.ErrTime, "ceremonies[1].time"},
		{"Local zone", c, time.Local, good, sprint.ErrZone, "zone"},
		{"owner not a role", c, time.UTC, with(func(x *sprint.Ceremony) { x.Owner = "EM" }), sprint.ErrUnknownName, "ceremonies[1].owner"},
		{"negative duration", c, time.UTC, with(func(x *sprint.Ceremony) { x.Duration = -time.Minute }), sprint.ErrDuration, "ceremonies[1].duration"},
		{"duration over 24h", c, time.UTC, with(func(x *sprint.Ceremony) { x.Duration = 25 * time.Hour }), sprint.ErrDuration, "ceremonies[1].duration"},
		{"bad move", c, time.UTC, with(func(x *sprint.Ceremony) { x.Move = 7 }), sprint.ErrMove, "ceremonies[1].move"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sprint.NewSchedule(tt.cad, tt.loc, nil, nil, good, tt.cer)
			require.ErrorIs(t, err, tt.wantErr)
			var ce *sprint.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.wantField, ce.Field)
			assert.Regexp(t, `^sprint: `+regexpQuote(tt.wantField)+`( ".*")?: `, err.Error())
		})
	}
	// the schedule keeps its own copy of the ceremonies
	cs := []sprint.Ceremony{good}
	cal, err := sprint.NewSchedule(c, time.UTC, nil, nil, cs...)
	require.NoError(t, err)
	cs[0].Name = "changed"
	assert.Equal(t, "Sync", slices.Collect(cal.All())[0].Name)
}

func regexpQuote(s string) string {
	r := ""
	for _, ch := range s {
		if ch == '[' || ch == ']' || ch == '.' {
			r += `\`
		}
		r += string(ch)
	}
	return r
}

func TestRuleText(t *testing.T) {
	tests := []struct {
		in   string
		want sprint.DayRule
		ok   bool
	}{
		// valid
		{"first Monday", sprint.FirstWeekday(time.Monday), true},
		{"last Friday", sprint.LastWeekday(time.Friday), true},
		{"each Thursday", sprint.EachWeek(time.Thursday), true},
		{"every workday", sprint.EveryWorkday(), true},
		{"day 1", sprint.DayOfSprint(1), true},
		{"day 21", sprint.DayOfSprint(21), true},
		{"first monday", sprint.FirstWeekday(time.Monday), true}, // weekday case is free
		// invalid
		{"first", sprint.DayRule{}, false},
		{"first Funday", sprint.DayRule{}, false},
		{"day 0", sprint.DayRule{}, false},
		{"day -1", sprint.DayRule{}, false},
		{"day +1", sprint.DayRule{}, false},
		{"day x", sprint.DayRule{}, false},
		{"every day", sprint.DayRule{}, false},
		{"First Monday", sprint.DayRule{}, false},
		{"", sprint.DayRule{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := sprint.ParseDayRule(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, sprint.ErrRule, "ParseDayRule(%q)", tt.in)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := sprint.ParseDayRule(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, again, "String then Parse")
		})
	}
}

func TestMoveText(t *testing.T) {
	for _, m := range []sprint.Move{sprint.Skip, sprint.Earlier, sprint.Later} {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var got sprint.Move
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, m, got)
	}
	var m sprint.Move
	require.ErrorIs(t, m.UnmarshalText([]byte("sideways")), sprint.ErrMove)
	_, err := sprint.Move(9).MarshalText()
	require.ErrorIs(t, err, sprint.ErrMove)
	assert.Equal(t, "Move(9)", sprint.Move(9).String())
}

func TestScheduleJSON(t *testing.T) {
	loc := mustLoad(t, "Australia/Lord_Howe")
	cal, err := sprint.Fleet2024Schedule(day(2024, time.January, 8), loc, nil)
	require.NoError(t, err)
	b, err := json.Marshal(cal)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"zone":"Australia/Lord_Howe"`)
	assert.Contains(t, string(b), `{"name":"Sprint planning","owner":"Engineering manager","rule":"first Monday","time":"10:00","duration":"1h30m0s","move":"later"}`)
	var got sprint.Schedule
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, cal.Cadence(), got.Cadence())
	assert.Equal(t, slices.Collect(cal.All()), slices.Collect(got.All()))
	assert.Equal(t, cal.Roles(), got.Roles())
	assert.Equal(t, "Australia/Lord_Howe", got.Location().String())
	for _, n := range []int{-3, 1, 7, 40} {
		s := cal.Cadence().Sprint(n)
		want, have := events(cal.Ceremonies(s)), events(got.Ceremonies(s))
		require.Equal(t, len(want), len(have))
		for i := range want {
			assert.True(t, want[i].Start.Equal(have[i].Start))
			assert.Equal(t, want[i].Name, have[i].Name)
		}
	}
	// working days are not stored: WithWorkdays restores them
	s := cal.Cadence().Sprint(3)
	withOff := got.WithWorkdays(closed(day(2024, time.February, 19)))
	assert.Equal(t, 14, count(events(withOff.Ceremonies(s)), "Daily stand-up"))
	assert.Equal(t, 15, count(events(got.Ceremonies(s)), "Daily stand-up"), "WithWorkdays returns a copy")

	// seconds in a time of day survive
	one := sprint.Ceremony{Name: "x", Rule: sprint.DayOfSprint(2), Time: clock.New(23, 59, 30, 0), Duration: 90 * time.Second}
	b, err = json.Marshal(one)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"x","rule":"day 2","time":"23:59:30","duration":"1m30s","move":"stay"}`, string(b))
	var back sprint.Ceremony
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, one, back)

	var zero sprint.Schedule
	b, err = json.Marshal(zero)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	_, err = json.Marshal(sprint.Ceremony{})
	require.ErrorIs(t, err, sprint.ErrName)
}

func TestScheduleJSONErrors(t *testing.T) {
	cer := func(s string) string {
		return `{"cadence":{"first":"2024-01-08","weeks":3},"zone":"Europe/London","ceremonies":[` + s + `]}`
	}
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"bad zone", `{"cadence":{"first":"2024-01-08","weeks":3},"zone":"Mars/Olympus","ceremonies":[]}`, sprint.ErrZone},
		{"Local zone", `{"cadence":{"first":"2024-01-08","weeks":3},"zone":"Local","ceremonies":[]}`, sprint.ErrZone},
		{"no zone", `{"cadence":{"first":"2024-01-08","weeks":3},"ceremonies":[]}`, sprint.ErrZone},
		{"no cadence", `{"zone":"UTC","ceremonies":[]}`, sprint.ErrSyntax},
		{"bad cadence", `{"cadence":{"first":"2024-01-08","weeks":0},"zone":"UTC"}`, sprint.ErrWeeks},
		{"cadence as text", `{"cadence":"R/2024-01-08/P3W","zone":"UTC"}`, sprint.ErrSyntax},
		{"unknown field", `{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","holidays":[]}`, sprint.ErrUnknownField},
		{"cadence unknown field", `{"cadence":{"first":"2024-01-08","weeks":3,"wekks":3},"zone":"UTC"}`, sprint.ErrUnknownField},
		{"duplicate key", `{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","zone":"UTC"}`, sprint.ErrDuplicateKey},
		{"not an object", `[]`, sprint.ErrSyntax},
		{"time 9:00", cer(`{"name":"a","rule":"day 1","time":"9:00","duration":"1h"}`), sprint.ErrTime},
		{"time 24:01", cer(`{"name":"a","rule":"day 1","time":"24:01","duration":"1h"}`), sprint.ErrTime},
		{"time 12:60", cer(`{"name":"a","rule":"day 1","time":"12:60","duration":"1h"}`), sprint.ErrTime},
		{"duration -1h", cer(`{"name":"a","rule":"day 1","time":"09:00","duration":"-1h"}`), sprint.ErrDuration},
		{"duration 1 hour", cer(`{"name":"a","rule":"day 1","time":"09:00","duration":"1 hour"}`), sprint.ErrDuration},
		{"rule", cer(`{"name":"a","rule":"first Funday","time":"09:00","duration":"1h"}`), sprint.ErrRule},
		{"no rule", cer(`{"name":"a","time":"09:00","duration":"1h"}`), sprint.ErrRule},
		{"day 22 in 3 weeks", cer(`{"name":"a","rule":"day 22","time":"09:00","duration":"1h"}`), sprint.ErrRule},
		{"move", cer(`{"name":"a","rule":"day 1","time":"09:00","duration":"1h","move":"never"}`), sprint.ErrMove},
		{"no name", cer(`{"rule":"day 1","time":"09:00","duration":"1h"}`), sprint.ErrName},
		{"ceremony unknown field", cer(`{"name":"a","rule":"day 1","time":"09:00","duration":"1h","room":"b"}`), sprint.ErrUnknownField},
		{"ceremony duplicate key", cer(`{"name":"a","rule":"day 1","time":"09:00","time":"10:00"}`), sprint.ErrDuplicateKey},
		{"owner without roles", cer(`{"name":"a","owner":"EM","rule":"day 1","time":"09:00"}`), sprint.ErrUnknownName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c sprint.Schedule
			err := json.Unmarshal([]byte(tt.in), &c)
			require.ErrorIs(t, err, tt.wantErr)
			var ce *sprint.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Nil(t, c.Location(), "a failed decode leaves the value alone")
		})
	}
}

func TestEventString(t *testing.T) {
	loc := mustLoad(t, "Europe/London")
	e := sprint.Event{Name: "Demo", Owner: "PM", Day: day(2024, time.March, 28), Planned: day(2024, time.March, 29),
		Start: time.Date(2024, 3, 28, 14, 0, 0, 0, loc), End: time.Date(2024, 3, 28, 15, 0, 0, 0, loc)}
	assert.Equal(t, "Thu 2024-03-28 14:00-15:00 GMT Demo (PM), moved from 2024-03-29", e.String())
	e.Owner, e.Planned, e.End = "", e.Day, e.Start
	assert.Equal(t, "Thu 2024-03-28 14:00 GMT Demo", e.String())
}

// midnightIn is the first instant of d in loc (date's MidnightIn is off on
// DST days in zones east of UTC).
func midnightIn(d date.Date, loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}
