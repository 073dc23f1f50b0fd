package sla_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// Clock tests against real business calendars: America/Chicago Mon-Fri
// 09:00-17:00 with US federal holidays, night-shift calendars whose hours
// straddle zone transitions, and 24x7 calendars.

func ckChicago(t testing.TB) (*time.Location, sla.Calendar) {
	t.Helper()
	loc := ckLoc(t, "America/Chicago")
	return loc, ckNineToFive(t, loc, ckUSFederalHolidays(2020, 2029)...)
}

// TestClockBusinessWeekend: a Friday-afternoon clock counts Friday's last
// hour and resumes counting Monday, across the spring-forward weekend.
func TestClockBusinessWeekend(t *testing.T) {
	loc, cal := ckChicago(t)
	fri := ckAt(loc, 2024, time.March, 8, 16, 0) // DST starts Sunday 2024-03-10
	c := sla.Target{Name: "R25 first response", Within: 2 * time.Hour, Calendar: cal}.Start(fri)

	due, ok := c.Due()
	require.True(t, ok)
	assert.True(t, due.Equal(ckAt(loc, 2024, time.March, 11, 10, 0)), "Due() = %v, want Monday 10:00 CDT", due)
	sat := ckAt(loc, 2024, time.March, 9, 12, 0)
	assert.Equal(t, time.Hour, c.Elapsed(sat))
	assert.Equal(t, time.Hour, c.Remaining(sat))
	assert.False(t, c.Breached(sat))
	assert.Equal(t, 90*time.Minute, c.Elapsed(ckAt(loc, 2024, time.March, 11, 9, 30)))
	assert.Equal(t, 2*time.Hour, c.Elapsed(due))

	// Paused over the weekend from 16:30, resumed Monday 09:30: due 11:00.
	p := ckOK(t)(c.Pause(ckAt(loc, 2024, time.March, 8, 16, 30)))
	r := ckOK(t)(p.Resume(ckAt(loc, 2024, time.March, 11, 9, 30)))
	due, _ = r.Due()
	assert.True(t, due.Equal(ckAt(loc, 2024, time.March, 11, 11, 0)), "Due() = %v", due)
	// Resumed on Sunday: nothing counts until Monday 09:00, due 10:30.
	r = ckOK(t)(p.Resume(ckAt(loc, 2024, time.March, 10, 12, 0)))
	due, _ = r.Due()
	assert.True(t, due.Equal(ckAt(loc, 2024, time.March, 11, 10, 30)), "Due() = %v", due)
}

// TestClockBreachedOnSaturday: a clock due Friday 17:00 is breached on
// Saturday though no business time elapses there, and Remaining stays zero.
func TestClockBreachedOnSaturday(t *testing.T) {
	loc, cal := ckChicago(t)
	fri := ckAt(loc, 2024, time.March, 8, 16, 0)
	c := sla.Target{Within: time.Hour, Calendar: cal}.Start(fri)
	due, _ := c.Due()
	friClose := ckAt(loc, 2024, time.March, 8, 17, 0)
	require.True(t, due.Equal(friClose), "Due() = %v", due)
	sat := ckAt(loc, 2024, time.March, 9, 10, 0)

	assert.False(t, c.Breached(friClose), "on the deadline")
	assert.True(t, c.Breached(friClose.Add(time.Nanosecond)))
	assert.True(t, c.Breached(sat))
	assert.Equal(t, time.Duration(0), c.Remaining(sat), "no business time elapses on Saturday")
	at, ok := c.BreachedAt(sat)
	require.True(t, ok)
	assert.True(t, at.Equal(friClose))

	// Paused on Saturday: the breach is recorded and survives the resume.
	p := ckOK(t)(c.Pause(sat))
	assert.True(t, p.Breached(sat))
	assert.Equal(t, time.Hour, p.Elapsed(sat))
	r := ckOK(t)(p.Resume(ckAt(loc, 2024, time.March, 11, 9, 0)))
	due, _ = r.Due()
	assert.True(t, due.Equal(friClose), "resumed after a breach: Due() = %v, want the passed deadline", due)
	assert.Equal(t, -30*time.Minute, r.Remaining(ckAt(loc, 2024, time.March, 11, 9, 30)))
	assert.Equal(t, sla.Record{Cycles: 1, Worst: 90 * time.Minute, Breaches: 1}, r.Record(ckAt(loc, 2024, time.March, 11, 9, 30)))
}

// TestClockBusinessHolidays: deadlines skip US federal holidays.
func TestClockBusinessHolidays(t *testing.T) {
	loc, cal := ckChicago(t)
	tests := []struct {
		name   string
		start  time.Time
		within time.Duration
		due    time.Time
	}{
		{"Independence Day (Thu)", ckAt(loc, 2024, time.July, 3, 16, 0), 4 * time.Hour, ckAt(loc, 2024, time.July, 5, 12, 0)},
		{"Thanksgiving and the weekend", ckAt(loc, 2024, time.November, 27, 15, 0), 11 * time.Hour, ckAt(loc, 2024, time.December, 2, 10, 0)},
		{"Christmas (Wed)", ckAt(loc, 2024, time.December, 24, 16, 30), time.Hour, ckAt(loc, 2024, time.December, 26, 9, 30)},
		{"New Year observed Fri 2021-12-31", ckAt(loc, 2021, time.December, 30, 16, 0), 2 * time.Hour, ckAt(loc, 2022, time.January, 3, 10, 0)},
		{"started on a holiday", ckAt(loc, 2024, time.January, 15, 10, 0), time.Hour, ckAt(loc, 2024, time.January, 16, 10, 0)},
		{"ends exactly at closing", ckAt(loc, 2024, time.November, 27, 15, 0), 10 * time.Hour, ckAt(loc, 2024, time.November, 29, 17, 0)},
		{"leap day", ckAt(loc, 2024, time.February, 28, 16, 0), 8 * time.Hour, ckAt(loc, 2024, time.February, 29, 16, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sla.Target{Within: tt.within, Calendar: cal}.Start(tt.start)
			due, ok := c.Due()
			require.True(t, ok)
			assert.True(t, due.Equal(tt.due), "Due() = %v, want %v", due, tt.due)
			assert.Equal(t, tt.within, c.Elapsed(due))
			assert.Equal(t, time.Duration(0), c.Remaining(due))
			assert.False(t, c.Breached(due))
			assert.True(t, c.Breached(due.Add(time.Nanosecond)))
		})
	}
}

// TestClockPauseAcrossDSTAlwaysOpen runs the DST table on 24x7 calendars in
// each zone: open time is real time, so the results match wall-clock clocks.
func TestClockPauseAcrossDSTAlwaysOpen(t *testing.T) {
	ckRunDSTRows(t, func(loc *time.Location) sla.Calendar { return ckAlwaysOpen(t, loc) })
}

// TestClockPauseAcrossDSTNightShift: a calendar open 00:00-06:00 on one
// weekday, on the day the zone changes. The span is as long as real time
// makes it (5 hours on spring-forward in Chicago, 5h30m at Lord Howe), and a
// pause across the transition removes its real length.
func TestClockPauseAcrossDSTNightShift(t *testing.T) {
	tests := []struct {
		zone          string
		day           [3]int
		pause, resume [2]int // wall clock on day
		want          time.Duration
	}{
		{"America/Chicago", [3]int{2024, 3, 10}, [2]int{1, 30}, [2]int{3, 30}, 4 * time.Hour},               // 5h open, 1h paused
		{"America/Chicago", [3]int{2024, 11, 3}, [2]int{0, 30}, [2]int{3, 0}, 3*time.Hour + 30*time.Minute}, // 7h open, 3h30m paused
		{"Europe/London", [3]int{2024, 3, 31}, [2]int{0, 30}, [2]int{2, 30}, 4 * time.Hour},                 // 5h open, 1h paused
		{"Europe/London", [3]int{2024, 10, 27}, [2]int{0, 30}, [2]int{1, 30}, 5 * time.Hour},                // 7h open, 2h paused
		{"Australia/Lord_Howe", [3]int{2024, 10, 6}, [2]int{1, 0}, [2]int{3, 0}, 4 * time.Hour},             // 5h30m open, 1h30m paused
		{"Australia/Lord_Howe", [3]int{2024, 4, 7}, [2]int{1, 0}, [2]int{3, 0}, 4 * time.Hour},              // 6h30m open, 2h30m paused
		{"Asia/Kathmandu", [3]int{1986, 1, 1}, [2]int{1, 0}, [2]int{3, 0}, 3*time.Hour + 45*time.Minute},    // 5h45m open, 2h paused
		{"Asia/Kathmandu", [3]int{2024, 1, 7}, [2]int{1, 0}, [2]int{3, 0}, 4 * time.Hour},                   // 6h open, 2h paused
	}
	for _, tt := range tests {
		day := date.New(tt.day[0], time.Month(tt.day[1]), tt.day[2])
		t.Run(tt.zone+" "+day.String(), func(t *testing.T) {
			loc := ckLoc(t, tt.zone)
			var w sla.Week
			w[day.Weekday()] = []sla.Span{{From: clock.New(0, 0, 0, 0), To: clock.New(6, 0, 0, 0)}}
			cal, err := sla.NewCalendar(loc, w)
			require.NoError(t, err)
			at := func(h, m int) time.Time { return ckAt(loc, tt.day[0], time.Month(tt.day[1]), tt.day[2], h, m) }
			target := sla.Target{Within: tt.want + 30*time.Minute, Calendar: cal}
			c := target.Start(at(0, 0))
			c = ckOK(t)(c.Pause(at(tt.pause[0], tt.pause[1])))
			c = ckOK(t)(c.Resume(at(tt.resume[0], tt.resume[1])))
			assert.Equal(t, tt.want, c.Elapsed(at(6, 0)))
			assert.Equal(t, tt.want, c.Elapsed(at(23, 0)), "closed after 06:00")
			due, ok := c.Due()
			require.True(t, ok)
			week := day + 7
			want := time.Date(week.Year(), week.Month(), week.Day(), 0, 30, 0, 0, loc)
			assert.True(t, due.Equal(want), "Due() = %v, want %v", due, want)
			assert.Equal(t, target.Within, c.Elapsed(due))
		})
	}
}

// TestTieredBusinessHours covers R26 on a Chicago business calendar: the
// tier follows the alert's start instant, and both tiers count wall time.
func TestTieredBusinessHours(t *testing.T) {
	loc, cal := ckChicago(t)
	onCall := sla.Fleet2024OnCall(cal)
	tests := []struct {
		name  string
		alert time.Time
		tier  sla.Target
		due   time.Time
	}{
		{"business hours", ckAt(loc, 2024, time.March, 8, 16, 30), onCall.Open, ckAt(loc, 2024, time.March, 8, 17, 30)},
		{"opening instant", ckAt(loc, 2024, time.March, 8, 9, 0), onCall.Open, ckAt(loc, 2024, time.March, 8, 10, 0)},
		{"closing instant", ckAt(loc, 2024, time.March, 8, 17, 0), onCall.Closed, ckAt(loc, 2024, time.March, 8, 21, 0)},
		{"evening", ckAt(loc, 2024, time.March, 8, 20, 0), onCall.Closed, ckAt(loc, 2024, time.March, 9, 0, 0)},
		{"across spring-forward", ckAt(loc, 2024, time.March, 9, 23, 30), onCall.Closed, ckAt(loc, 2024, time.March, 10, 4, 30)},
		{"holiday morning", ckAt(loc, 2024, time.July, 4, 10, 0), onCall.Closed, ckAt(loc, 2024, time.July, 4, 14, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.tier.Name, onCall.For(tt.alert).Name)
			c := onCall.Start(tt.alert)
			assert.Equal(t, tt.tier.Name, c.Target().Name)
			due, ok := c.Due()
			require.True(t, ok)
			assert.True(t, due.Equal(tt.due), "Due() = %v, want %v", due, tt.due)
		})
	}
}

// TestRestartBusinessDay covers R27: every follow-up restarts the
// one-business-day clock; the record keeps the cycles and the worst one.
func TestRestartBusinessDay(t *testing.T) {
	loc, cal := ckChicago(t)
	opened := ckAt(loc, 2024, time.March, 8, 14, 0)
	c := sla.Fleet2024PullRequestFollowUp(cal).Start(opened)
	due, _ := c.Due()
	assert.True(t, due.Equal(ckAt(loc, 2024, time.March, 11, 14, 0)), "Due() = %v", due)

	c = ckOK(t)(c.Restart(ckAt(loc, 2024, time.March, 11, 11, 0))) // 3h Friday + 2h Monday
	due, _ = c.Due()
	assert.True(t, due.Equal(ckAt(loc, 2024, time.March, 12, 11, 0)), "Due() = %v", due)
	wed := ckAt(loc, 2024, time.March, 13, 12, 0) // 6h Monday + 8h Tuesday + 3h Wednesday
	assert.True(t, c.Breached(wed))
	c = ckOK(t)(c.Restart(wed))
	assert.Equal(t, sla.Record{Cycles: 3, Worst: 17 * time.Hour, Breaches: 1}, c.Record(wed))
}

// TestMilestonesBusiness covers R28 and R29 on business calendars.
func TestMilestonesBusiness(t *testing.T) {
	loc, cal := ckChicago(t)
	alarm := ckAt(loc, 2024, time.March, 8, 16, 30)
	c := sla.Fleet2024CriticalBugConfirmation(cal).Start(alarm)
	m, at, ok := c.NextMilestone(alarm)
	require.True(t, ok)
	assert.Equal(t, "escalate to P1", m.Name)
	assert.True(t, at.Equal(ckAt(loc, 2024, time.March, 11, 9, 30)), "escalate at %v", at)
	assert.Empty(t, c.Passed(ckAt(loc, 2024, time.March, 10, 12, 0)))

	inbox := sla.Fleet2024QAInbox(cal).Start(ckAt(loc, 2024, time.July, 1, 10, 0))
	due, _ := inbox.Due()
	assert.True(t, due.Equal(ckAt(loc, 2024, time.July, 9, 10, 0)), "one working week, July 4 off: %v", due)
}

// TestClockPropertiesBusiness runs the clock properties on business
// calendars in every test zone: elapsed outside pauses, Elapsed(Due) ==
// Within, Breached just after Due.
func TestClockPropertiesBusiness(t *testing.T) {
	for i, zone := range ckZones {
		loc := ckLoc(t, zone)
		t.Run(zone+" 9-5", func(t *testing.T) {
			ckCheckProperties(t, ckNineToFive(t, loc, ckUSFederalHolidays(2020, 2029)...), loc, uint64(100+i), 300)
		})
		t.Run(zone+" 24x7", func(t *testing.T) {
			ckCheckProperties(t, ckAlwaysOpen(t, loc), loc, uint64(200+i), 300)
		})
	}
}

// TestClockJSONRoundTripBusiness round-trips clocks whose target carries a
// business calendar, which must come back answering the same queries.
func TestClockJSONRoundTripBusiness(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	loc, cal := ckChicago(t)
	target := sla.Fleet2024CriticalBugConfirmation(cal)
	for range 100 {
		start := time.Date(2022, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(r.Int64N(int64(5 * 365 * 24 * time.Hour))))
		c := ckRandomClock(t, r, target, start, r.IntN(6), 30*time.Hour)
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var got sla.Clock
		require.NoError(t, json.Unmarshal(b, &got), "%s", b)
		require.False(t, got.Target().Calendar.IsZero(), "calendar lost in %s", b)
		ckSameClock(t, c, got, c.Since(), c.Since().Add(time.Duration(r.Int64N(int64(100*time.Hour)))))
	}
}

// TestTargetJSONWithCalendar: targets and tiers keep their business
// calendar through JSON, which then answers the same queries.
func TestTargetJSONWithCalendar(t *testing.T) {
	loc, cal := ckChicago(t)
	at := ckAt(loc, 2024, time.November, 27, 16, 30)

	target := sla.Fleet2024CriticalBugConfirmation(cal)
	var back sla.Target
	require.NoError(t, json.Unmarshal([]byte(ckJSON(t, target)), &back))
	assert.Equal(t, ckJSON(t, target), ckJSON(t, back))
	want, _ := target.Start(at).Due()
	got, _ := back.Start(at).Due()
	assert.True(t, got.Equal(want), "Due() = %v, want %v (Thanksgiving skipped)", got, want)
	assert.True(t, got.Equal(ckAt(loc, 2024, time.November, 29, 9, 30)))

	tiers := sla.Fleet2024OnCall(cal)
	var tb sla.Tiered
	require.NoError(t, json.Unmarshal([]byte(ckJSON(t, tiers)), &tb))
	assert.Equal(t, ckJSON(t, tiers), ckJSON(t, tb))
	for _, h := range []int{8, 9, 16, 17} {
		alert := ckAt(loc, 2024, time.November, 26, h, 0)
		assert.Equal(t, tiers.For(alert).Name, tb.For(alert).Name, "alert at %v", alert)
	}
	assert.Equal(t, tiers.Closed.Name, tb.For(ckAt(loc, 2024, time.November, 28, 10, 0)).Name, "Thanksgiving")
}
