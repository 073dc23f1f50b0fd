// Package sla owns business time: calendars of opening hours in a time zone,
// and response clocks that run against them.
//
// It models rules R25-R29 in RULES.md at the root of the repository:
// a first response within one business hour (R25), a 24/7 on-call target of
// one hour in business hours and under four outside them (R26), a pull
// request that never waits more than one business day for a follow-up (R27),
// an escalation when a critical bug is not confirmed within an hour (R28),
// and the QA inbox and reporter follow-up clocks with their milestones (R29).
//
// # Calendars
//
// A [Calendar] holds opening hours for each weekday as a [Week] of [Span]
// values (several per day, so lunch breaks and split shifts work), in one
// *time.Location, with full-day holidays and special days. Overnight hours are
// written as two spans (Monday 22:00-24:00 and Tuesday 00:00-06:00) and behave
// as one continuous stretch. Business time is real elapsed time: on a
// spring-forward day an 00:00-24:00 span is 23 hours long, and on a fall-back
// day it is 25 hours long. The zero Calendar is open at all times.
//
// Queries are arithmetic over precomputed tables, not loops over days:
// [Calendar.Between] and [Calendar.Add] cost the same for a span of one day or
// ten years. Calendars in the same zone share their zone table, so building
// another calendar in a zone already used is cheap.
//
// # Configuration and errors
//
// [NewCalendar] and [Calendar.UnmarshalJSON] validate everything they are
// given. Their errors are [*ConfigError] values whose Field is the JSON path
// of the bad value (`week.monday[1]`, `special["2024-12-24"][0]`, `zone`),
// whose Value quotes it, and which match a sentinel with errors.Is: the
// shared [ErrZone], [ErrSyntax], [ErrUnknownField], [ErrDuplicateKey], or
// sla's own [ErrInvalidSpan], [ErrDuplicateDay], [ErrNoOpeningHours].
// Calendar JSON is strict: keys are camelCase and matched exactly, an
// unknown or repeated key is refused at any depth, and null is the same as
// a missing value.
//
// # Clocks
//
// A [Target] names a duration of business time; [Target.Start] returns a
// [Clock] that can be paused, resumed and stopped. A clock reports the time
// elapsed, the time remaining (negative once breached), its due instant and
// whether it is breached. Clocks are values: every move returns a new clock,
// and a clock marshals to JSON for storage.
//
// # Usage
//
//	loc, _ := time.LoadLocation("America/Chicago")
//	cal, err := sla.NewCalendar(loc,
//		sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
//		sla.Holidays(date.New(2024, time.December, 25)))
//	if err != nil { ... }
//	due := cal.Add(openedAt, time.Hour)           // R25: one business hour
//	spent := cal.Between(openedAt, answeredAt)    // business time, exact across DST
//
//	c := sla.Fleet2024FirstResponse(cal).Start(openedAt)
//	c, err = c.Pause(waitingAt)                   // waiting on the customer
//	c, err = c.Resume(answeredAt)
//	due, ok := c.Due()                            // store the clock; wake then
//	m, at, ok := c.NextMilestone(now)             // R28/R29 milestones
//	onCall := sla.Fleet2024OnCall(cal).Start(alertAt) // R26: tier chosen by the alert instant
//
// # Limits
//
// Calendars table their zone's offset changes from 1900 to 2150; queries
// that reach outside those years stay exact, for any instant time.Time
// holds, but cost one step per offset change they cross there, never one
// per day. Between saturates at the largest time.Duration (about 292 years
// of open time).
//
// The zero time.Time is an ordinary instant to a Calendar (0001-01-01
// 00:00 UTC), answered as exactly as any other; where sla needs an instant
// to be set, it reports [ErrZeroTime] instead. Add, NextOpen and NextClose
// return the zero time.Time for "no such instant".
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package sla
