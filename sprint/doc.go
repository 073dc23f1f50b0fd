// Package sprint owns the team's meeting schedule: sprint numbering, the
// ceremonies of each sprint, and recurring rituals with their owners.
//
// It models rules R6-R8 and R31 in RULES.md at the root of the repository:
// three-week sprints (R6); planning on the first Monday, a daily stand-up,
// weekly estimation and a demo and retrospective on the last Friday (R7);
// and rituals such as the daily pull-request review or the release-testing
// report on the Monday of release week, each with a directly responsible
// owner (R31). Work items (R8) are left to the tools that track them.
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
// [Start, End); Last is its last day, and Next and Prev step along.
//
// # Ceremonies
//
// A Schedule adds a time zone, a Workdays, the roles that may own a
// ceremony and a list of Ceremony values, each a DayRule (FirstWeekday,
// LastWeekday, EachWeek, EveryWorkday, DayOfSprint), a local time of day, a
// duration, an owner and a Move that says what happens when the day is not a
// working day: Stay (the zero Move: it stays on that day), Skip, Earlier or
// Later (at most MaxMove days and never out of the sprint). Ceremonies(s)
// yields the Events of a sprint in order, as instants built with time.Date
// in the team's zone, so a 09:00 stand-up is at 09:00 on both sides of a DST
// change. All yields the configured ceremonies.
//
// # Rituals
//
// Rituals is a table of Ritual values: duties with an owner and a Recurrence
// (Daily on working days, WeeklyOn a weekday, EveryWeeks n weeks from an
// anchor day plus an offset, or OnDemand with no dated occurrences).
// "Monday of release week" is EveryWeeks(3, releaseDay, -2): the package
// needs no knowledge of releases. Occurrences(from, to) yields the dated
// Events of a range of days with their owners.
//
// # Names that must resolve
//
// A ceremony's or ritual's Owner names a role, and must be one of the roles
// given to NewSchedule or NewRituals (the "roles" list in JSON); otherwise
// the constructor or decoder refuses it with ErrUnknownName, naming the
// owner and suggesting a role that differs only in case or by a typo. An
// empty Owner means none.
//
// # Configuration
//
// Cadence, DayRule, Move and Recurrence have text forms ("R/2024-01-08/P3W",
// "first Monday", "later", "every 3 weeks from 2024-01-10 -2d"); Cadence,
// Ceremony, Schedule, Ritual and Rituals round-trip through JSON with
// camelCase keys, zones as IANA names, times of day as HH:MM[:SS[.fraction]]
// from 00:00 to 24:00 and durations as Go duration strings. Decoding is
// strict: an unknown key (keys match exactly, case included) or a key given
// twice is refused at any depth, and nothing may follow the value. A null
// field is the same as a missing one, and a null document leaves the value
// unchanged, as encoding/json does for other types. "Local" is refused as a
// zone (its meaning depends on the machine), and so are a nil
// *time.Location and time.Local in the constructors. Working days are not
// stored: attach them with WithWorkdays.
//
// Every error is a *ConfigError whose Field is the JSON path
// ("ceremonies[2].time"), whose Value is the bad text and whose Reason says
// what is accepted; it wraps a sentinel shared by all of cadence's packages
// (ErrZone, ErrSyntax, ErrUnknownField, ErrDuplicateKey, ErrUnknownName) or
// one of sprint's own (ErrWeeks, ErrFirst, ErrTime, ErrDuration, ErrName,
// ErrRule, ErrRecurrence, ErrMove), and prints as
//
//	sprint: ceremonies[2].time "25:00": bad time of day: want a time of day HH:MM[:SS] from 00:00 to 24:00: hour or minute out of range
//
// Fleet's process is a preset built from these types, named after the 2024
// handbook text it models: Fleet2024Roles, Fleet2024Ceremonies,
// Fleet2024Schedule, Fleet2024RitualList and Fleet2024Rituals.
//
// # Usage
//
//	loc, _ := time.LoadLocation("America/Chicago")
//	sched, err := sprint.Fleet2024Schedule(date.New(2024, time.January, 8), loc, holidays)
//	if err != nil { ... }
//	today := date.NewAt(now.In(loc))
//	s := sched.At(today)
//	fmt.Println(s.Number, s.Start, s.Last()) // End is the day after the last day
//	for e := range sched.Ceremonies(s) {
//		fmt.Println(e) // "Mon 2024-01-29 10:00-11:30 CST Sprint planning (Engineering manager)"
//	}
//
//	rs, err := sprint.Fleet2024Rituals(date.New(2024, time.January, 10), loc, holidays)
//	monday := today - date.Date((today.Weekday()+6)%7)
//	for e := range rs.Occurrences(monday, monday+7) {
//		fmt.Println(e.Day, e.Name, e.Owner) // this week's rituals and who owns them
//	}
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package sprint
