package ical_test

import (
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/ical"
	"github.com/teamcadence/cadence/sla"
)

// Holidays read from a public-holiday calendar drive an SLA calendar: a
// ticket opened on the afternoon before Independence Day is due after the
// long weekend.
func ExampleReadHolidays() {
	data, err := os.ReadFile("testdata/us-federal.ics")
	if err != nil {
		log.Fatal(err)
	}
	holidays, err := ical.ReadHolidays(data, date.New(2025, 1, 1), date.New(2026, 1, 1))
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range holidays[4:6] {
		fmt.Println(h)
	}
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		log.Fatal(err)
	}
	business, err := sla.NewCalendar(chicago,
		sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(ical.Days(holidays)...))
	if err != nil {
		log.Fatal(err)
	}
	opened := time.Date(2025, 7, 3, 16, 30, 0, 0, chicago)
	fmt.Println(len(holidays), "holidays in 2025; due", business.Add(opened, time.Hour).Format("Mon 2006-01-02 15:04"))
	// Output:
	// 2025-06-19 Juneteenth National Independence Day
	// 2025-07-04 Independence Day
	// 11 holidays in 2025; due Mon 2025-07-07 09:30
}

// A malformed file gives a *ParseError naming the line.
func ExampleParseError() {
	data := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Bank holiday\r\nDTSTART;VALUE=DATE:2025-05-05\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	_, err := ical.ReadHolidays([]byte(data), date.New(2025, 1, 1), date.New(2026, 1, 1))
	fmt.Println(err)
	// Output:
	// ical: line 4 "DTSTART;VALUE=DATE:2025-05-05": syntax error: "2025-05-05": want YYYYMMDD for VALUE=DATE
}

// A weekday stand-up as one recurring event, with a holiday left out.
func ExampleCalendar_Marshal() {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		log.Fatal(err)
	}
	c := ical.Calendar{
		ProdID: "-//example//EN",
		Stamp:  time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC),
		Events: []ical.Event{{
			// Stable: the team, the ritual and its first day; never the export time.
			UID:     "standup-20250331@team.example",
			Summary: "Daily stand-up",
			Contact: "Engineering manager",
			Start:   time.Date(2025, 3, 31, 9, 0, 0, 0, london),
			End:     time.Date(2025, 3, 31, 9, 15, 0, 0, london),
			Recurrence: ical.Recurrence{
				Freq:     ical.Weekly,
				Weekdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
				Until:    date.New(2025, 4, 25),
			},
			Except: []date.Date{date.New(2025, 4, 18), date.New(2025, 4, 21)}, // Good Friday, Easter Monday
		}},
	}
	b, err := c.Marshal()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(strings.ReplaceAll(string(b), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//example//EN
	// CALSCALE:GREGORIAN
	// METHOD:PUBLISH
	// BEGIN:VTIMEZONE
	// TZID:Europe/London
	// BEGIN:DAYLIGHT
	// DTSTART:20250330T010000
	// TZOFFSETFROM:+0000
	// TZOFFSETTO:+0100
	// TZNAME:BST
	// END:DAYLIGHT
	// END:VTIMEZONE
	// BEGIN:VEVENT
	// UID:standup-20250331@team.example
	// DTSTAMP:20250401T120000Z
	// DTSTART;TZID=Europe/London:20250331T090000
	// DTEND;TZID=Europe/London:20250331T091500
	// RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250425T225959Z
	// EXDATE;TZID=Europe/London:20250418T090000,20250421T090000
	// SUMMARY:Daily stand-up
	// CONTACT:Engineering manager
	// TRANSP:OPAQUE
	// END:VEVENT
	// END:VCALENDAR
}
