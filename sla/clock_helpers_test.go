package sla_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// Helpers for the clock tests; names start with ck so they cannot collide
// with the calendar tests in the same package.

// ckZones are the zones every DST test covers.
var ckZones = []string{"America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"}

func ckLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err, "tz data for %s", name)
	return loc
}

// ckAt builds a wall-clock instant the house way, with time.Date.
func ckAt(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// ckNineToFive is America/Chicago-style Mon-Fri 09:00-17:00 in loc with the
// given holidays.
func ckNineToFive(t testing.TB, loc *time.Location, holidays ...date.Date) sla.Calendar {
	t.Helper()
	cal, err := sla.NewCalendar(loc, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)), sla.Holidays(holidays...))
	require.NoError(t, err)
	return cal
}

// ckAlwaysOpen is a 24x7 calendar in loc: every day 00:00-24:00, so its open
// time is real elapsed time.
func ckAlwaysOpen(t testing.TB, loc *time.Location) sla.Calendar {
	t.Helper()
	cal, err := sla.NewCalendar(loc, sla.AllWeek())
	require.NoError(t, err)
	return cal
}

// ckUSFederalHolidays returns the observed US federal holidays of the years
// [from, to], in order: a holiday on Saturday is observed on Friday, one on
// Sunday on Monday. Juneteenth counts from 2021.
func ckUSFederalHolidays(from, to int) []date.Date {
	nth := func(y int, m time.Month, wd time.Weekday, n int) date.Date {
		first := date.New(y, m, 1)
		off := (int(wd) - int(first.Weekday()) + 7) % 7
		return first + date.Date(off+7*(n-1))
	}
	last := func(y int, m time.Month, wd time.Weekday) date.Date {
		end := date.New(y, m+1, 1) - 1
		off := (int(end.Weekday()) - int(wd) + 7) % 7
		return end - date.Date(off)
	}
	observed := func(d date.Date) date.Date {
		switch d.Weekday() {
		case time.Saturday:
			return d - 1
		case time.Sunday:
			return d + 1
		}
		return d
	}
	var days []date.Date
	for y := from; y <= to; y++ {
		days = append(days,
			observed(date.New(y, time.January, 1)),
			nth(y, time.January, time.Monday, 3),
			nth(y, time.February, time.Monday, 3),
			last(y, time.May, time.Monday))
		if y >= 2021 {
			days = append(days, observed(date.New(y, time.June, 19)))
		}
		days = append(days,
			observed(date.New(y, time.July, 4)),
			nth(y, time.September, time.Monday, 1),
			nth(y, time.October, time.Monday, 2),
			observed(date.New(y, time.November, 11)),
			nth(y, time.November, time.Thursday, 4),
			observed(date.New(y, time.December, 25)))
	}
	return days
}

// ckJSON returns c's JSON, failing the test on error.
func ckJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// ckOK returns a function that returns a move's clock, failing the test if
// the move failed: ckOK(t)(c.Pause(at)).
func ckOK(t testing.TB) func(sla.Clock, error) sla.Clock {
	return func(c sla.Clock, err error) sla.Clock {
		t.Helper()
		require.NoError(t, err)
		return c
	}
}
