package sla_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/sla"
)

// A support desk open 09:00-17:00 on weekdays in Chicago, closed on
// Christmas Day and open only in the morning of Christmas Eve.
func ExampleNewCalendar() {
	loc, _ := time.LoadLocation("America/Chicago")
	cal, err := sla.NewCalendar(loc,
		sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(date.New(2024, time.December, 25)),
		sla.Special(date.New(2024, time.December, 24), sla.MustParseSpan("09:00-12:00")),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	eve := time.Date(2024, time.December, 24, 11, 0, 0, 0, loc)
	fmt.Println(cal.Open(eve), cal.IsWorkday(date.New(2024, time.December, 25)))
	fmt.Println(cal.NextOpen(eve.Add(2 * time.Hour)).Format("Mon Jan 2 15:04"))
	// Output:
	// true false
	// Thu Dec 26 09:00
}

// R25: a first response within one business hour. A ticket opened on
// Friday at 16:30 is due on Monday at 09:30, across the spring-forward
// Sunday.
func ExampleCalendar_Add() {
	loc, _ := time.LoadLocation("America/Chicago")
	cal := sla.MustNewCalendar(loc, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)))
	opened := time.Date(2024, time.March, 8, 16, 30, 0, 0, loc)
	due := cal.Add(opened, time.Hour)
	fmt.Println(due.Format("Mon Jan 2 15:04 MST"))
	fmt.Println(cal.Between(opened, due))
	// Counting backwards: when must work start to be done by the due time?
	fmt.Println(cal.Add(due, -time.Hour).Format("Mon Jan 2 15:04 MST"))
	// Output:
	// Mon Mar 11 09:30 CDT
	// 1h0m0s
	// Fri Mar 8 16:30 CST
}

// Business time is real elapsed time: on the spring-forward day a 24x7
// calendar is open 23 hours, and 48 hours added across it land at the same
// instant as plain time.Time.Add.
func ExampleCalendar_Between_dst() {
	loc, _ := time.LoadLocation("America/Chicago")
	always := sla.MustNewCalendar(loc, sla.AllWeek())
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, loc) }
	fmt.Println(always.Between(day(time.March, 10), day(time.March, 11)))
	fmt.Println(always.Between(day(time.November, 3), day(time.November, 4)))
	sat := time.Date(2024, time.March, 9, 12, 0, 0, 0, loc)
	fmt.Println(always.Add(sat, 48*time.Hour).Equal(sat.Add(48 * time.Hour)))
	// Output:
	// 23h0m0s
	// 25h0m0s
	// true
}

// Overnight hours are two spans that behave as one stretch.
func ExampleCalendar_Intervals() {
	loc, _ := time.LoadLocation("Europe/London")
	var night sla.Week
	for wd := time.Monday; wd <= time.Friday; wd++ {
		night[wd] = append(night[wd], sla.MustParseSpan("22:00-24:00"))
		night[wd+1] = append(night[wd+1], sla.MustParseSpan("00:00-06:00"))
	}
	cal := sla.MustNewCalendar(loc, night)
	from := time.Date(2024, time.October, 24, 12, 0, 0, 0, loc) // Thursday
	to := time.Date(2024, time.October, 28, 12, 0, 0, 0, loc)
	for start, end := range cal.Intervals(from, to) {
		fmt.Println(start.Format("Mon 15:04"), "-", end.Format("Mon 15:04"), end.Sub(start))
	}
	fmt.Println(cal.Between(from, to))
	// Output:
	// Thu 22:00 - Fri 06:00 8h0m0s
	// Fri 22:00 - Sat 06:00 8h0m0s
	// 16h0m0s
}

// A calendar's configuration round-trips through JSON, with the zone by
// its IANA name and spans as text.
func ExampleCalendar_MarshalJSON() {
	loc, _ := time.LoadLocation("Asia/Kathmandu")
	week := sla.WorkWeek(clock.New(10, 0, 0, 0), clock.New(17, 0, 0, 0))
	week[time.Friday] = nil
	week[time.Sunday] = []sla.Span{sla.MustParseSpan("10:00-17:00")}
	cal := sla.MustNewCalendar(loc, week, sla.Holidays(date.New(2024, time.October, 12)))
	data, _ := json.Marshal(cal)
	fmt.Println(string(data))
	var back sla.Calendar
	if err := json.Unmarshal(data, &back); err != nil {
		fmt.Println(err)
	}
	fmt.Println(back)
	fmt.Println(back.Equal(cal), back.Week().Hours())
	// Output:
	// {"zone":"Asia/Kathmandu","week":{"monday":["10:00-17:00"],"tuesday":["10:00-17:00"],"wednesday":["10:00-17:00"],"thursday":["10:00-17:00"],"sunday":["10:00-17:00"]},"holidays":["2024-10-12"]}
	// Asia/Kathmandu Mon-Thu 10:00-17:00, Sun 10:00-17:00; 1 holiday, 0 special days
	// true 35h0m0s
}

// Configuration errors name the JSON path of the bad value, quote it and
// say what is wrong; errors.Is matches the sentinel and errors.As gives
// the fields.
func ExampleCalendar_UnmarshalJSON_errors() {
	for _, in := range []string{
		`{"zone":"Europe/Paris","week":{"monday":["09:00-12:00","11:00-17:00"]}}`,
		`{"zone":"Europe/Paris","week":{"monday":["09:00-17:00"]},"special":{"2024-12-24":[],"+2024-12-24":["09:00-12:00"]}}`,
		`{"zone":"Local","week":{"monday":["09:00-17:00"]}}`,
		`{"zone":"Europe/Paris","week":{"munday":["09:00-17:00"]}}`,
	} {
		var cal sla.Calendar
		err := json.Unmarshal([]byte(in), &cal)
		var ce *sla.ConfigError
		if errors.As(err, &ce) {
			fmt.Printf("%s\n  field %s, value %q\n", err, ce.Field, ce.Value)
		}
	}
	// Output:
	// sla: week.monday[1] "11:00-17:00": invalid span: overlaps 09:00-12:00
	//   field week.monday[1], value "11:00-17:00"
	// sla: special["2024-12-24"] "2024-12-24": day given twice: also given as special["+2024-12-24"]
	//   field special["2024-12-24"], value "2024-12-24"
	// sla: zone "Local": bad time zone: its meaning depends on the machine: give an IANA zone name
	//   field zone, value "Local"
	// sla: week.munday "munday": unknown field: did you mean "monday"?
	//   field week.munday, value "munday"
}
