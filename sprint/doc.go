// Package sprint owns the team calendar: sprint numbering, the ceremonies of
// each sprint, and recurring rituals with their owners.
//
// It models rules R6-R8 and R31 of the reference handbook
// (shared/handbook.md): three-week sprints (R6); planning on the first Monday,
// a daily stand-up, weekly estimation and a demo and retrospective on the last
// Friday (R7); and rituals such as the daily pull-request review or the
// release-testing report on the Monday of release week, each with a
// directly responsible owner (R31). Work items (R8) are left to the tools that
// track them.
//
// The package does not import sla: where it needs to know which days are
// working days it accepts a Workdays, anything with an IsWorkday(date.Date)
// bool method (sla.Calendar has one); nil means Monday to Friday.
//
// # Sprints
//
// A Cadence numbers sprints of N weeks from a first day: sprint 1 starts on
// it, and the sprints before it are numbered 0, -1, and so on. At, Sprint(n)
// and Sprints(from, to) are arithmetic (floor division on day numbers), so
// they cost the same for any day. A Sprint is the half-open range of days
// [Start, End); Last is its last day.
//
// # Ceremonies
//
// A Calendar adds a time zone, a Workdays and a list of Ceremony values,
// each a Rule (FirstWeekday, LastWeekday, EachWeek, EveryWorkday,
// DayOfSprint), a local time of day, a duration, an owner and a Move that
// says what happens when the day is not a working day (Skip, Earlier or
// Later, at most MaxMove days and never out of the sprint). Ceremonies(s)
// yields the Events of a sprint in order, as instants built with time.Date in
// the team's zone, so a 09:00 stand-up is at 09:00 on both sides of a DST
// change.
//
// # Rituals
//
// Rituals is a table of Ritual values: duties with an owner and a Recurrence
// (Daily on working days, Weekly on a weekday, EveryWeeks n weeks from an
// anchor day plus an offset, or OnDemand with no dated occurrences).
// "Monday of release week" is EveryWeeks(3, releaseDay, -2): the package
// needs no knowledge of releases. Occurrences(from, to) yields the dated
// Events of a range of days with their owners.
//
// # Configuration
//
// Cadence, Rule, Move and Recurrence have text forms ("R/2024-01-08/P3W",
// "first Monday", "later", "every 3 weeks from 2024-01-10 -2d"); Cadence,
// Ceremony, Calendar, Ritual and Rituals round-trip through JSON with zones as
// IANA names, times of day as "09:00" and durations as Go duration strings.
// Working days are not stored: attach them with WithWorkdays. Errors are
// *ConfigError values naming the field and wrapping a sentinel such as
// ErrWeeks or ErrTime.
//
// Fleet's process is a preset built from these types: Fleet2023Ceremonies,
// Fleet2023Calendar, Fleet2023RitualList and Fleet2023Rituals.
//
// # Usage
//
//	loc, _ := time.LoadLocation("America/Chicago")
//	cal, err := sprint.Fleet2023Calendar(date.New(2024, time.January, 8), loc, holidays)
//	if err != nil { ... }
//	today := date.NewAt(now.In(loc))
//	s := cal.At(today)
//	fmt.Println(s.Number, s.Start, s.Last()) // End is the day after the last day
//	for e := range cal.Ceremonies(s) {
//		fmt.Println(e) // "Mon 2024-01-29 10:00-11:30 CST Sprint planning (Engineering manager)"
//	}
//
//	rs, err := sprint.Fleet2023Rituals(date.New(2024, time.January, 10), loc, holidays)
//	monday := today - date.Date((today.Weekday()+6)%7)
//	for e := range rs.Occurrences(monday, monday+7) {
//		fmt.Println(e.Day, e.Name, e.Owner) // this week's rituals and who owns them
//	}
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package sprint
