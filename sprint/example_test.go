package sprint_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
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
	c := sprint.MustNewCadence(date.New(2024, time.January, 8), 3)
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
	// sprint: weeks "0": bad sprint length: want 1 to 52
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
func ExampleSchedule_Ceremonies() {
	loc, _ := time.LoadLocation("America/Chicago")
	off := holidays{date.New(2024, time.February, 19): true}
	sched, err := sprint.Fleet2024Schedule(date.New(2024, time.January, 8), loc, off)
	if err != nil {
		panic(err)
	}
	for e := range sched.Ceremonies(sched.Cadence().Sprint(3)) {
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
	rs, err := sprint.Fleet2024Rituals(date.New(2024, time.January, 10), loc, nil)
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

// Last is the sprint's last day; End, the day after it, is excluded.
func ExampleSprint_Last() {
	s := sprint.MustNewCadence(date.New(2024, time.February, 19), 3).Sprint(1)
	fmt.Println(s.Start, s.Last(), s.End, s.Contains(date.New(2024, time.February, 29)), s.Contains(s.End))
	// Output:
	// 2024-02-19 2024-03-10 2024-03-11 true false
}

// A 09:00 stand-up stays at 09:00 local time across the spring-forward
// weekend in Chicago (2024-03-10), so its UTC time changes.
func ExampleSchedule_Ceremonies_dst() {
	loc, _ := time.LoadLocation("America/Chicago")
	c := sprint.MustNewCadence(date.New(2024, time.March, 4), 2)
	sched, err := sprint.NewSchedule(c, loc, nil, nil, sprint.Ceremony{
		Name: "Stand-up", Rule: sprint.EveryWorkday(), Time: clock.New(9, 0, 0, 0), Duration: 15 * time.Minute,
	})
	if err != nil {
		panic(err)
	}
	for e := range sched.Ceremonies(c.Sprint(1)) {
		if wd := e.Day.Weekday(); wd == time.Friday || wd == time.Monday {
			fmt.Println(e.Start.Format("Mon 01-02 15:04 MST"), "=", e.Start.UTC().Format("15:04 UTC"))
		}
	}
	// Output:
	// Mon 03-04 09:00 CST = 15:00 UTC
	// Fri 03-08 09:00 CST = 15:00 UTC
	// Mon 03-11 09:00 CDT = 14:00 UTC
	// Fri 03-15 09:00 CDT = 14:00 UTC
}

// A schedule kept as JSON configuration; holidays are attached after
// decoding, since working days are not part of the JSON.
func ExampleSchedule_UnmarshalJSON() {
	config := `{
	  "cadence": {"first": "2024-01-08", "weeks": 3},
	  "zone": "Europe/London",
	  "roles": ["Engineering manager"],
	  "ceremonies": [
	    {"name": "Planning", "owner": "Engineering manager", "rule": "first Monday", "time": "10:00", "duration": "1h", "move": "later"},
	    {"name": "Demo", "rule": "last Friday", "time": "15:00", "duration": "45m", "move": "earlier"}
	  ]
	}`
	var sched sprint.Schedule
	if err := json.Unmarshal([]byte(config), &sched); err != nil {
		panic(err)
	}
	sched = sched.WithWorkdays(holidays{date.New(2024, time.March, 29): true}) // Good Friday
	for e := range sched.Ceremonies(sched.At(date.New(2024, time.March, 20))) {
		fmt.Println(e)
	}
	err := json.Unmarshal([]byte(`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"Europe/London","ceremonies":[
	  {"name":"Demo","rule":"last Friday","time":"3pm","duration":"45m"}]}`), &sched)
	fmt.Println(err, errors.Is(err, sprint.ErrTime))
	err = json.Unmarshal([]byte(`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"Europe/London","ceremonies":[
	  {"name":"Demo","rule":"last Friday","time":"15:00","duraton":"45m"}]}`), &sched)
	fmt.Println(err, errors.Is(err, sprint.ErrUnknownField))
	// Output:
	// Mon 2024-03-11 10:00-11:00 GMT Planning (Engineering manager)
	// Thu 2024-03-28 15:00-15:45 GMT Demo, moved from 2024-03-29
	// sprint: ceremonies[0].time "3pm": bad time of day: want a time of day HH:MM[:SS] from 00:00 to 24:00: not HH:MM true
	// sprint: ceremonies[0].duraton "duraton": unknown field: did you mean "duration"? true
}

// "Monday of release week" for releases every three weeks on Wednesday:
// the anchor is any release day and the offset is -2 days (R9, R31).
func ExampleEveryWeeks() {
	r := sprint.EveryWeeks(3, date.New(2024, time.January, 10), -2)
	fmt.Println(r)
	rs, err := sprint.NewRituals(time.UTC, nil, []string{"QA"}, sprint.Ritual{
		Name: "Release testing report", Owner: "QA", Recurrence: r, Time: clock.New(17, 0, 0, 0), Move: sprint.Earlier,
	})
	if err != nil {
		panic(err)
	}
	for e := range rs.Occurrences(date.New(2024, time.December, 1), date.New(2025, time.February, 1)) {
		fmt.Println(e.Day, e.Day.Weekday(), e.Owner)
	}
	// Output:
	// every 3 weeks from 2024-01-10 -2d
	// 2024-12-09 Monday QA
	// 2024-12-30 Monday QA
	// 2025-01-20 Monday QA
}

// What each Move does to a weekly Wednesday ritual when Christmas 2024, a
// Wednesday, is a holiday: Stay (the zero Move) keeps it on the holiday,
// Skip drops it, Earlier and Later move it to the closest working day.
func ExampleMove() {
	off := holidays{date.New(2024, time.December, 25): true}
	for _, m := range []sprint.Move{sprint.Stay, sprint.Skip, sprint.Earlier, sprint.Later} {
		rs, err := sprint.NewRituals(time.UTC, off, nil,
			sprint.Ritual{Name: "Hand-off", Recurrence: sprint.WeeklyOn(time.Wednesday), Move: m})
		if err != nil {
			panic(err)
		}
		fmt.Print(m, ":")
		for e := range rs.Occurrences(date.New(2024, time.December, 23), date.New(2024, time.December, 30)) {
			fmt.Print(" ", e.Day.Weekday())
		}
		fmt.Println()
	}
	// Output:
	// stay: Wednesday
	// skip:
	// earlier: Tuesday
	// later: Thursday
}

// An owner must be one of the roles: a typo is refused with ErrUnknownName
// and a suggestion, never accepted silently.
func ExampleNewRituals_unknownOwner() {
	_, err := sprint.NewRituals(time.UTC, nil, []string{"QA", "Engineering manager"},
		sprint.Ritual{Name: "Bug review", Owner: "Enginering manager", Recurrence: sprint.WeeklyOn(time.Tuesday)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, sprint.ErrUnknownName))
	// Output:
	// sprint: rituals[0].owner "Enginering manager": unknown name: not one of the roles (did you mean "Engineering manager"?)
	// true
}
