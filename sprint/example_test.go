package sprint_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/teamcadence/cadence/sprint"
)

// Three-week sprints (R6) numbered from a first day; days before it belong
// to sprint 0 and below.
func Example() {
	c, err := sprint.NewCadence(date.New(2024, time.January, 8), 3)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.At(date.New(2024, time.March, 13)))
	fmt.Println(c.At(date.New(2024, time.January, 7)))
	fmt.Println(c.Sprint(-1).Start, c.Sprint(-1).Last())
	// Output:
	// sprint 4 [2024-03-11, 2024-04-01)
	// sprint 0 [2023-12-18, 2024-01-08)
	// 2023-11-27 2023-12-17
}

// Sprints yields every sprint that overlaps a range of days.
func ExampleCadence_Sprints() {
	c := sprint.MustCadence(date.New(2024, time.January, 8), 3)
	for s := range c.Sprints(date.New(2024, time.March, 1), date.New(2024, time.April, 1)) {
		fmt.Println(s.Number, s.Start, s.Last())
	}
	// Output:
	// 3 2024-02-19 2024-03-10
	// 4 2024-03-11 2024-03-31
}

// A cadence round-trips as text (an ISO 8601 repeating interval) and JSON.
func ExampleParseCadence() {
	c, err := sprint.ParseCadence("R/2024-01-08/P3W")
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(c)
	fmt.Println(c, string(b))
	_, err = sprint.NewCadence(c.First(), 0)
	fmt.Println(err)
	// Output:
	// R/2024-01-08/P3W {"first":"2024-01-08","weeks":3}
	// sprint: weeks "0": weeks must be 1 to 52
}

// holidays is a Workdays: Monday to Friday except the listed days. An
// sla.Calendar does the same job in a real program.
type holidays map[date.Date]bool

func (h holidays) IsWorkday(d date.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h[d]
}

// Fleet's ceremonies (R7) for sprint 3, in Chicago. Its first Monday is
// Presidents' Day, so planning moves to the next working day; the stand-ups
// are left out to keep the listing short.
func ExampleCalendar_Ceremonies() {
	loc, _ := time.LoadLocation("America/Chicago")
	off := holidays{date.New(2024, time.February, 19): true}
	cal, err := sprint.Fleet2023Calendar(date.New(2024, time.January, 8), loc, off)
	if err != nil {
		panic(err)
	}
	for e := range cal.Ceremonies(cal.Cadence().Sprint(3)) {
		if e.Name != "Daily stand-up" {
			fmt.Println(e)
		}
	}
	// Output:
	// Tue 2024-02-20 10:00-11:30 CST Sprint planning (Engineering manager), moved from 2024-02-19
	// Thu 2024-02-22 14:00-15:00 CST Estimation (Product manager)
	// Thu 2024-02-29 14:00-15:00 CST Estimation (Product manager)
	// Thu 2024-03-07 14:00-15:00 CST Estimation (Product manager)
	// Fri 2024-03-08 14:00-15:00 CST Sprint demo (Product manager)
	// Fri 2024-03-08 15:30-16:15 CST Retrospective (Engineering manager)
}

// This week's rituals and who owns them (R31), for a bot to post; releases
// are every three weeks from Wednesday 2024-01-10.
func ExampleRituals_Occurrences() {
	loc, _ := time.LoadLocation("America/Chicago")
	rs, err := sprint.Fleet2023Rituals(date.New(2024, time.January, 10), loc, nil)
	if err != nil {
		panic(err)
	}
	monday := date.New(2024, time.January, 29)
	for e := range rs.Occurrences(monday, monday+7) {
		if e.Name != "Pull request review" {
			fmt.Println(e)
		}
	}
	for r := range rs.OnDemand() {
		fmt.Printf("%s: %s (%s)\n", r.Name, r.Recurrence.Trigger(), r.Owner)
	}
	// Output:
	// Mon 2024-01-29 14:00-15:00 CST Vulnerability alerts review (frontend) (Frontend lead)
	// Mon 2024-01-29 15:00-16:00 CST Vulnerability alerts review (backend) (Backend lead)
	// Mon 2024-01-29 17:00 CST Release testing report (QA)
	// Tue 2024-01-30 10:00-10:30 CST Bug review (QA inbox) (QA)
	// Wed 2024-01-31 09:00-09:30 CST On-call hand-off (On-call engineer)
	// Wed 2024-01-31 17:00 CST Release testing done (issues in Ready for release) (QA)
	// Wed 2024-01-31 17:30-18:30 CST Release ritual (Engineering manager)
	// Thu 2024-02-01 11:00-12:00 CST Engineering group discussions (Engineering manager)
	// Patch release branch: every patch release (Engineering manager)
}
