package bugflow_test

import (
	"encoding/json"
	"testing"
	"time"
	// The DST rows need zone data; fall back to Go's copy on systems
	// without a zoneinfo database.
	_ "time/tzdata"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

func loc(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	require.NoError(t, err)
	return l
}

func TestWallClockAdd(t *testing.T) {
	chicago, london := loc(t, "America/Chicago"), loc(t, "Europe/London")
	lordHowe, kathmandu := loc(t, "Australia/Lord_Howe"), loc(t, "Asia/Kathmandu")
	tests := []struct {
		name    string
		from    time.Time
		d       time.Duration
		want    time.Time
		elapsed time.Duration
	}{
		// plain
		{"a week", time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC), bugflow.Week, time.Date(2024, 5, 13, 9, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"zero", time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC), 0, time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC), 0},
		{"days and hours", time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC), 50 * time.Hour, time.Date(2024, 5, 8, 11, 0, 0, 0, time.UTC), 50 * time.Hour},
		// spring forward: the week is an hour short, the time of day stays
		{"Chicago spring", time.Date(2024, 3, 8, 9, 0, 0, 0, chicago), bugflow.Week, time.Date(2024, 3, 15, 9, 0, 0, 0, chicago), 167 * time.Hour},
		{"London spring", time.Date(2024, 3, 27, 9, 0, 0, 0, london), bugflow.Week, time.Date(2024, 4, 3, 9, 0, 0, 0, london), 167 * time.Hour},
		// into the gap: 02:30 does not exist on 2024-03-10; the deadline moves on to 03:30 CDT
		{"Chicago gap", time.Date(2024, 3, 3, 2, 30, 0, 0, chicago), bugflow.Week, time.Date(2024, 3, 10, 3, 30, 0, 0, chicago), 168 * time.Hour},
		// fall back: an hour long
		{"Chicago fall", time.Date(2024, 11, 1, 9, 0, 0, 0, chicago), bugflow.Week, time.Date(2024, 11, 8, 9, 0, 0, 0, chicago), 169 * time.Hour},
		{"London fall", time.Date(2024, 10, 25, 9, 0, 0, 0, london), 3 * bugflow.Week, time.Date(2024, 11, 15, 9, 0, 0, 0, london), 3*168*time.Hour + time.Hour},
		// Lord Howe moves by 30 minutes
		{"Lord Howe fall", time.Date(2024, 4, 5, 9, 0, 0, 0, lordHowe), bugflow.Week, time.Date(2024, 4, 12, 9, 0, 0, 0, lordHowe), 168*time.Hour + 30*time.Minute},
		{"Lord Howe spring", time.Date(2024, 10, 4, 9, 0, 0, 0, lordHowe), bugflow.Week, time.Date(2024, 10, 11, 9, 0, 0, 0, lordHowe), 168*time.Hour - 30*time.Minute},
		// no DST, odd offset
		{"Kathmandu", time.Date(2024, 3, 28, 23, 45, 0, 0, kathmandu), 6 * bugflow.Week, time.Date(2024, 5, 9, 23, 45, 0, 0, kathmandu), 6 * 168 * time.Hour},
		{"Lord Howe gap", time.Date(2024, 9, 29, 2, 15, 0, 0, lordHowe), bugflow.Week, time.Date(2024, 10, 6, 2, 45, 0, 0, lordHowe), 168 * time.Hour},
		// calendar edges
		{"into a leap day", time.Date(2024, 2, 22, 12, 0, 0, 0, time.UTC), bugflow.Week, time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"over a leap day", time.Date(2024, 2, 26, 12, 0, 0, 0, time.UTC), bugflow.Week, time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"no leap day 2023", time.Date(2023, 2, 26, 12, 0, 0, 0, time.UTC), bugflow.Week, time.Date(2023, 3, 5, 12, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"year end", time.Date(2024, 12, 28, 17, 0, 0, 0, london), 6 * bugflow.Week, time.Date(2025, 2, 8, 17, 0, 0, 0, london), 6 * 168 * time.Hour},
		// a start inside the repeated hour keeps its offset's wall reading
		{"from the repeated hour", time.Date(2024, 11, 3, 1, 30, 0, 0, chicago), 24 * time.Hour, time.Date(2024, 11, 4, 1, 30, 0, 0, chicago), 25 * time.Hour},
	}
	for _, tt := range tests {
		got := bugflow.WallClock{}.Add(tt.from, tt.d)
		assert.True(t, got.Equal(tt.want), "%s: Add(%v, %v) = %v, want %v", tt.name, tt.from, tt.d, got, tt.want)
		assert.Equal(t, tt.elapsed, got.Sub(tt.from), "%s: elapsed", tt.name)
		assert.Equal(t, tt.from.Location(), got.Location(), "%s: location", tt.name)
	}
}

var fleetTimers = bugflow.FleetTimers()

func TestDeadlines(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	chicago := loc(t, "America/Chicago")
	created := time.Date(2024, 3, 4, 9, 0, 0, 0, chicago)
	contact := time.Date(2024, 10, 20, 15, 0, 0, 0, chicago)
	tests := []struct {
		name string
		is   bugflow.Issue
		want []bugflow.Deadline
	}{
		{"inbox: R18 from creation across DST", bugflow.Issue{Number: 1, Labels: []string{"bug", ":reproduce"}, Created: created},
			[]bugflow.Deadline{{Number: 1, Timer: bugflow.TimerReproduce, Start: created, Due: time.Date(2024, 3, 11, 9, 0, 0, 0, chicago)}}},
		{"waiting: R19 from last contact, R18 stopped", bugflow.Issue{Number: 2, Labels: []string{"bug", ":reproduce", "~More Info Needed"}, Created: created, LastContact: contact},
			[]bugflow.Deadline{
				{Number: 2, Timer: bugflow.TimerPing, Start: contact, Due: time.Date(2024, 11, 10, 15, 0, 0, 0, chicago)},
				{Number: 2, Timer: bugflow.TimerClose, Start: contact, Due: time.Date(2024, 12, 1, 15, 0, 0, 0, chicago)},
			}},
		{"waiting, no contact: from creation", bugflow.Issue{Number: 3, Labels: []string{"bug", "~more info needed"}, Created: created},
			[]bugflow.Deadline{
				{Number: 3, Timer: bugflow.TimerPing, Start: created, Due: time.Date(2024, 3, 25, 9, 0, 0, 0, chicago)},
				{Number: 3, Timer: bugflow.TimerClose, Start: created, Due: time.Date(2024, 4, 15, 9, 0, 0, 0, chicago)},
			}},
		{"reproduced: no timer", bugflow.Issue{Number: 4, Labels: []string{"bug", "#agent"}, Assignees: []string{"emma"}, Boards: []bugflow.BoardItem{board(bugflow.ReleaseBoard, "Ready")}, Created: created}, nil},
		{"closed: no timer", bugflow.Issue{Number: 5, Labels: []string{"bug", ":reproduce", "~more info needed"}, Closed: true, Created: created}, nil},
		{"no creation time", bugflow.Issue{Number: 6, Labels: []string{"bug", ":reproduce"}}, nil},
	}
	for _, tt := range tests {
		got := s.Deadlines(tt.is, nil)
		require.Len(t, got, len(tt.want), tt.name)
		for i := range got {
			assert.Equal(t, tt.want[i].Number, got[i].Number, tt.name)
			assert.Equal(t, tt.want[i].Timer, got[i].Timer, tt.name)
			assert.True(t, tt.want[i].Start.Equal(got[i].Start), "%s: start %v, want %v", tt.name, got[i].Start, tt.want[i].Start)
			assert.True(t, tt.want[i].Due.Equal(got[i].Due), "%s: due %v, want %v", tt.name, got[i].Due, tt.want[i].Due)
		}
	}
}

func TestDeadlineOverdueBoundary(t *testing.T) {
	due := time.Date(2024, 3, 11, 9, 0, 0, 0, time.UTC)
	d := bugflow.Deadline{Number: 4, Timer: bugflow.TimerPing, Due: due}
	assert.Equal(t, "#4 ping reporter (R19) due 2024-03-11 09:00 UTC", d.String())
	assert.False(t, d.Overdue(due.Add(-time.Nanosecond)))
	assert.True(t, d.Overdue(due), "due at the instant itself")
	assert.True(t, d.Overdue(due.In(loc(t, "Asia/Kathmandu"))), "the same instant in another zone")
}

// weekdays is a fake business calendar: it counts only Monday-Friday, whole
// days, as sla.Calendar would with 24-hour workdays.
type weekdays struct{}

func (weekdays) Add(t time.Time, d time.Duration) time.Time {
	for d > 0 {
		next := t.Add(time.Hour)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			d -= time.Hour
		}
		t = next
	}
	return t
}

func TestAgenda(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	mon := func(week, hour int) time.Time { return time.Date(2024, 1, 1+7*week, hour, 0, 0, 0, time.UTC) }
	issues := []bugflow.Issue{
		{Number: 10, Labels: []string{"bug", ":reproduce"}, Created: mon(0, 9)},                                               // R18 due week 1
		{Number: 11, Labels: []string{"bug", ":reproduce"}, Created: mon(1, 10)},                                              // R18 due week 2 10:00
		{Number: 12, Labels: []string{"bug", "~more info needed"}, Created: mon(0, 9), LastContact: mon(0, 9)},                // ping week 3, close week 6
		{Number: 13, Labels: []string{"bug", "~more info needed", ":reproduce"}, Created: mon(0, 9), LastContact: mon(-4, 9)}, // ping week -1, close week 2
		{Number: 14, Labels: []string{"bug", ":reproduce"}, Created: mon(0, 9), Closed: true, ClosedAt: mon(0, 10)},           // closed
	}
	at := mon(2, 9)
	a := s.Agenda(issues, at, nil)
	require.Len(t, a.Overdue, 2)
	assert.Equal(t, 10, a.Overdue[0].Number)
	assert.Equal(t, bugflow.TimerReproduce, a.Overdue[0].Timer)
	assert.Equal(t, 13, a.Overdue[1].Number)
	assert.Equal(t, bugflow.TimerClose, a.Overdue[1].Timer, "the close supersedes the ping")
	require.True(t, a.HasNext)
	assert.Equal(t, 11, a.Next.Number)
	assert.True(t, a.Next.Due.Equal(mon(2, 10)))

	// One hour later #11 is overdue too and the next is #12's ping.
	a = s.Agenda(issues, mon(2, 10), nil)
	assert.Len(t, a.Overdue, 3)
	assert.Equal(t, 12, a.Next.Number)
	assert.Equal(t, bugflow.TimerPing, a.Next.Timer)

	// Counting weekdays only pushes deadlines past weekends.
	b := s.Agenda(issues[:1], mon(1, 9), weekdays{})
	assert.Empty(t, b.Overdue, "5 weekdays have passed, not 7")
	assert.True(t, b.Next.Due.Equal(time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC)), "%v", b.Next.Due)

	// Nothing running.
	c := s.Agenda(issues[4:], at, nil)
	assert.False(t, c.HasNext)
	assert.Empty(t, c.Overdue)
}

// Property: deadlines never come before their start, and a later instant
// never has fewer overdue deadlines (monotone).
func TestAgendaMonotone(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	issues := randomIssues(2000, 31)
	prev := -1
	for day := range 300 {
		at := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, day)
		a := s.Agenda(issues, at, nil)
		for _, d := range a.Overdue {
			assert.False(t, d.Due.Before(d.Start))
			assert.True(t, d.Overdue(at))
		}
		if a.HasNext {
			assert.True(t, a.Next.Due.After(at))
		}
		n := 0
		for _, d := range a.Overdue {
			if d.Timer != bugflow.TimerClose {
				n++
			} else {
				n += 2 // an expired clock stands for its overdue ping too
			}
		}
		assert.GreaterOrEqual(t, n, prev, "day %d", day)
		prev = n
	}
}

func TestTimersJSON(t *testing.T) {
	b, err := json.Marshal(fleetTimers)
	require.NoError(t, err)
	assert.JSONEq(t, `{"reproduce":"168h0m0s","ping":"504h0m0s","close":"1008h0m0s"}`, string(b))
	var back bugflow.Timers
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, fleetTimers, back)
	assert.Equal(t, "R18", bugflow.TimerReproduce.Rule())
	assert.Equal(t, "R19", bugflow.TimerClose.Rule())
	assert.Equal(t, "ping reporter", bugflow.TimerPing.String())
	assert.Equal(t, "Timer(9)", bugflow.Timer(9).String())
}

// Agenda runs the clocks in the zone of its instant: a UTC creation time
// seen from Chicago keeps its Chicago wall time across spring forward.
func TestAgendaInCallersZone(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	chicago := loc(t, "America/Chicago")
	is := bugflow.Issue{Number: 1, Labels: []string{"bug", ":reproduce"}, Created: time.Date(2024, 3, 4, 16, 20, 0, 0, time.UTC)} // 10:20 CST
	a := s.Agenda([]bugflow.Issue{is}, time.Date(2024, 3, 10, 12, 0, 0, 0, chicago), nil)
	require.True(t, a.HasNext)
	assert.True(t, a.Next.Due.Equal(time.Date(2024, 3, 11, 10, 20, 0, 0, chicago)), "due %v", a.Next.Due)
	assert.Equal(t, chicago, a.Next.Due.Location())
	assert.Equal(t, 167*time.Hour, a.Next.Due.Sub(is.Created))
	// Deadlines keeps the issue's own zone: UTC has no DST.
	d := s.Deadlines(is, nil)
	require.Len(t, d, 1)
	assert.Equal(t, 168*time.Hour, d[0].Due.Sub(is.Created))
}
