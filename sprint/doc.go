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
// working days it accepts anything with an IsWorkday(date.Date) bool method
// (sla.Calendar has one); nil means Monday to Friday.
//
// # Usage
//
//	c, err := sprint.NewCadence(date.New(2024, time.January, 8), 3)
//	if err != nil { ... }
//	s := c.At(date.TodayIn(loc))
//	fmt.Println(s.Number, s.Start, s.End) // End is the day after the last day
package sprint
