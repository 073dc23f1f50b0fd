package sla_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/sla"
)

const exampleLayout = "Mon 2006-01-02 15:04 MST"

// exampleChicago returns Chicago's Mon-Fri 09:00-17:00 business calendar with
// Independence Day 2024 off.
func exampleChicago() (*time.Location, sla.Calendar) {
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		panic(err)
	}
	cal, err := sla.NewCalendar(loc, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(date.New(2024, time.July, 4)))
	if err != nil {
		panic(err)
	}
	return loc, cal
}

// A first-response clock (R25) on a business calendar, paused while the
// team waits for the customer. The deadline moves by the business time the
// pause took.
func ExampleClock_Pause() {
	loc, cal := exampleChicago()
	opened := time.Date(2024, time.March, 8, 16, 30, 0, 0, loc) // Friday
	c := sla.Fleet2024FirstResponse(cal).Start(opened)
	due, _ := c.Due()
	fmt.Println("due:", due.Format(exampleLayout))

	waiting := time.Date(2024, time.March, 8, 16, 45, 0, 0, loc)
	c, err := c.Pause(waiting)
	if err != nil {
		panic(err)
	}
	fmt.Println("paused after", c.Elapsed(waiting), "remaining", c.Remaining(waiting))

	answered := time.Date(2024, time.March, 11, 10, 0, 0, 0, loc) // Monday, after DST began
	c, _ = c.Resume(answered)
	due, _ = c.Due()
	fmt.Println("due:", due.Format(exampleLayout))

	_, err = c.Resume(answered)
	fmt.Println(err)
	// Output:
	// due: Mon 2024-03-11 09:30 CDT
	// paused after 15m0s remaining 45m0s
	// due: Mon 2024-03-11 10:45 CDT
	// sla: cannot resume clock "first response": it is running
}

// Fleet's 24/7 on-call target (R26) is one value: the alert's start instant
// chooses one hour (in business hours) or four (outside them).
func ExampleTiered() {
	loc, cal := exampleChicago()
	onCall := sla.Fleet2024OnCall(cal)
	for _, alert := range []time.Time{
		time.Date(2024, time.March, 8, 16, 30, 0, 0, loc), // Friday afternoon
		time.Date(2024, time.March, 8, 20, 0, 0, 0, loc),  // Friday evening
		time.Date(2024, time.March, 9, 23, 30, 0, 0, loc), // Saturday night, DST starts at 02:00
	} {
		c := onCall.Start(alert)
		due, _ := c.Due()
		fmt.Printf("%s: %s, due %s\n", alert.Format(exampleLayout), c.Target().Name, due.Format(exampleLayout))
	}
	// Output:
	// Fri 2024-03-08 16:30 CST: on-call response (business hours), due Fri 2024-03-08 17:30 CST
	// Fri 2024-03-08 20:00 CST: on-call response (outside business hours), due Sat 2024-03-09 00:00 CST
	// Sat 2024-03-09 23:30 CST: on-call response (outside business hours), due Sun 2024-03-10 04:30 CDT
}

// A community pull request is never left more than one business day without
// a follow-up (R27): each follow-up restarts the clock, and the record keeps
// the number of cycles, the worst one and the breaches.
func ExampleClock_Restart() {
	loc, cal := exampleChicago()
	c := sla.Fleet2024PullRequestFollowUp(cal).Start(time.Date(2024, time.March, 8, 14, 0, 0, 0, loc))
	due, _ := c.Due()
	fmt.Println("reply due:", due.Format(exampleLayout))

	for _, followUp := range []time.Time{
		time.Date(2024, time.March, 11, 11, 0, 0, 0, loc), // in time
		time.Date(2024, time.March, 13, 12, 0, 0, 0, loc), // a day late
	} {
		fmt.Printf("follow-up %s after %v, breached: %v\n",
			followUp.Format(exampleLayout), c.Elapsed(followUp), c.Breached(followUp))
		c, _ = c.Restart(followUp)
	}
	due, _ = c.Due()
	fmt.Println("next reply due:", due.Format(exampleLayout))
	r := c.Record(c.Since())
	fmt.Printf("cycles %d, worst %v, breaches %d\n", r.Cycles, r.Worst, r.Breaches)
	// Output:
	// reply due: Mon 2024-03-11 14:00 CDT
	// follow-up Mon 2024-03-11 11:00 CDT after 5h0m0s, breached: false
	// follow-up Wed 2024-03-13 12:00 CDT after 17h0m0s, breached: true
	// next reply due: Thu 2024-03-14 12:00 CDT
	// cycles 3, worst 17h0m0s, breaches 1
}

// The reporter follow-up clock (R19, R29) has milestones: remind at three
// weeks, close at six. A scheduler stores the clock and wakes when
// NextMilestone says, without replaying its history.
func ExampleClock_NextMilestone() {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	asked := time.Date(2024, time.March, 20, 10, 0, 0, 0, loc)
	c := sla.Fleet2024ReporterFollowUp().Start(asked)
	for at := asked; ; {
		m, due, ok := c.NextMilestone(at)
		if !ok {
			break
		}
		fmt.Printf("%s at %s\n", m.Name, due.Format(exampleLayout))
		at = due
	}
	now := time.Date(2024, time.April, 15, 9, 0, 0, 0, loc)
	for _, m := range c.Passed(now) {
		fmt.Println("passed by", now.Format(exampleLayout)+":", m.Name)
	}
	// Output:
	// remind at Wed 2024-04-10 11:00 BST
	// close at Wed 2024-05-01 11:00 BST
	// passed by Mon 2024-04-15 09:00 BST: remind
}

// A clock stores as JSON and comes back in the same state, zone and all.
func ExampleClock_MarshalJSON() {
	loc, err := time.LoadLocation("Asia/Kathmandu")
	if err != nil {
		panic(err)
	}
	start := time.Date(2024, time.February, 29, 9, 0, 0, 0, loc)
	c := sla.Target{Name: "ack", Within: 4 * time.Hour}.Start(start)
	c, _ = c.Pause(start.Add(90 * time.Minute))
	b, _ := json.Marshal(c)
	fmt.Println(string(b))

	var back sla.Clock
	if err := json.Unmarshal(b, &back); err != nil {
		panic(err)
	}
	fmt.Println(back.State(), back.Elapsed(start.Add(5*time.Hour)), back.Since().Location())
	// Output:
	// {"target":{"name":"ack","within":"4h0m0s"},"state":"paused","zone":"Asia/Kathmandu","started":"2024-02-29T09:00:00+05:45","since":"2024-02-29T10:30:00+05:45","elapsed":"1h30m0s"}
	// paused 1h30m0s Asia/Kathmandu
}

// A help desk stores each clock by reference: the target and the calendar
// by name, in about 100 bytes, resolved on decode from the catalog the
// service builds from its configuration.
func ExampleCatalog_DecodeClock() {
	_, cal := exampleChicago()
	cat, err := sla.NewCatalog(map[string]sla.Calendar{"us": cal},
		sla.Fleet2024FirstResponse(cal), sla.Fleet2024CriticalBugConfirmation(cal))
	if err != nil {
		panic(err)
	}
	opened := time.Date(2024, time.July, 3, 16, 30, 0, 0, cal.Location()) // the eve of a holiday
	stored, err := cat.EncodeClock(sla.Fleet2024FirstResponse(cal).Start(opened))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s (%d bytes)\n", stored, len(stored))

	c, err := cat.DecodeClock(stored)
	if err != nil {
		panic(err)
	}
	due, _ := c.Due()
	fmt.Println("due:", due.Format(exampleLayout))

	_, err = cat.DecodeClock([]byte(`{"target":"frist response","calendar":"us","state":"running","started":"2024-07-03T16:30:00-05:00"}`))
	fmt.Println(err)
	// Output:
	// {"target":"first response","calendar":"us","state":"running","started":"2024-07-03T16:30:00-05:00"} (99 bytes)
	// due: Fri 2024-07-05 09:30 CDT
	// sla: target "frist response": unknown name: no such target in the catalog
}

// A holiday is added while tickets are open. Each clock keeps the time it
// has counted and follows the new calendar from the change on: a loop over
// values, with no replay of the tickets' history.
func ExampleClock_WithCalendar() {
	loc, cal := exampleChicago()
	opened := time.Date(2024, time.November, 27, 16, 30, 0, 0, loc) // Wednesday before Thanksgiving
	clocks := []sla.Clock{
		sla.Fleet2024FirstResponse(cal).Start(opened),
		sla.Fleet2024PullRequestFollowUp(cal).Start(opened.Add(-4 * time.Hour)),
	}
	// Thanksgiving and the Friday after become holidays at 17:00.
	changed := time.Date(2024, time.November, 27, 17, 0, 0, 0, loc)
	newCal, err := sla.NewCalendar(loc, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(date.New(2024, time.July, 4), date.New(2024, time.November, 28), date.New(2024, time.November, 29)))
	if err != nil {
		panic(err)
	}
	for _, c := range clocks {
		before, _ := c.Due()
		c, err := c.WithCalendar(newCal, changed)
		if err != nil {
			panic(err)
		}
		after, _ := c.Due()
		fmt.Printf("%s: counted %v, due %s, now %s\n", c.Target().Name, c.Elapsed(changed),
			before.Format(exampleLayout), after.Format(exampleLayout))
	}
	// Output:
	// first response: counted 30m0s, due Thu 2024-11-28 09:30 CST, now Mon 2024-12-02 09:30 CST
	// pull request follow-up: counted 4h30m0s, due Thu 2024-11-28 12:30 CST, now Mon 2024-12-02 12:30 CST
}
