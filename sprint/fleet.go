package sprint

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// The Fleet presets model rules R6, R7 and R31 in RULES.md as Fleet's 2024
// engineering handbook words them (three-week sprints, the ceremonies of
// each sprint, and the engineering rituals table with "Monday of release
// week" and "Wednesday of release week" duties), the same handbook text as
// the other packages' Fleet2024 presets. Where the handbook is silent (times
// of day, durations, owners' role names, moves) the preset makes a choice and
// says so; a team copies the values and edits them.

// Fleet2024Weeks is the length of Fleet's sprints in weeks (R6).
const Fleet2024Weeks = 3

// Fleet2024Roles returns the role names that own Fleet's ceremonies and
// rituals in the presets: the handbook names a directly responsible role
// for each (R31); the exact names are this preset's choice.
func Fleet2024Roles() []string {
	return []string{"Engineering manager", "Product manager", "Engineers", "On-call engineer",
		"Frontend lead", "Backend lead", "QA"}
}

// Fleet2024Ceremonies returns the sprint ceremonies of Fleet's 2024
// engineering handbook (R7), built only from the public types. The handbook
// fixes the days; the times, durations, owners and moves are this preset's
// choice:
//
//	Sprint planning   first Monday      10:00 1h30m  Engineering manager  later
//	Daily stand-up    every workday     09:00 15m    Engineering manager  skip
//	Estimation        each Thursday     14:00 1h     Product manager      later
//	Sprint demo       last Friday       14:00 1h     Product manager      earlier
//	Retrospective     last Friday       15:30 45m    Engineering manager  earlier
//
// Estimation is weekly, so a three-week sprint has three sessions.
func Fleet2024Ceremonies() []Ceremony {
	return []Ceremony{
		{Name: "Sprint planning", Owner: "Engineering manager", Rule: FirstWeekday(time.Monday),
			Time: clock.New(10, 0, 0, 0), Duration: 90 * time.Minute, Move: Later},
		{Name: "Daily stand-up", Owner: "Engineering manager", Rule: EveryWorkday(),
			Time: clock.New(9, 0, 0, 0), Duration: 15 * time.Minute, Move: Skip},
		{Name: "Estimation", Owner: "Product manager", Rule: EachWeek(time.Thursday),
			Time: clock.New(14, 0, 0, 0), Duration: time.Hour, Move: Later},
		{Name: "Sprint demo", Owner: "Product manager", Rule: LastWeekday(time.Friday),
			Time: clock.New(14, 0, 0, 0), Duration: time.Hour, Move: Earlier},
		{Name: "Retrospective", Owner: "Engineering manager", Rule: LastWeekday(time.Friday),
			Time: clock.New(15, 30, 0, 0), Duration: 45 * time.Minute, Move: Earlier},
	}
}

// Fleet2024Schedule returns Fleet's meeting schedule of the 2024 handbook:
// three-week sprints (R6) whose sprint 1 starts on first, with
// Fleet2024Ceremonies held in loc and owned by Fleet2024Roles; work gives the
// working days (nil: Monday to Friday). Errors are NewCadence's and
// NewSchedule's (ErrZone for a nil loc).
func Fleet2024Schedule(first date.Date, loc *time.Location, work Workdays) (Schedule, error) {
	c, err := NewCadence(first, Fleet2024Weeks)
	if err != nil {
		return Schedule{}, err
	}
	return NewSchedule(c, loc, work, Fleet2024Roles(), Fleet2024Ceremonies()...)
}

// Fleet2024RitualList returns the engineering rituals table of Fleet's 2024
// handbook (R31), with owners from Fleet2024Roles and release-week duties
// counted every three weeks (R9) from release, any release day (a Wednesday
// for Fleet). The handbook fixes the frequencies and, for the release-week
// duties, the days; weekdays of the other weekly rituals, times, durations
// and moves are this preset's choice:
//
//	Pull request review                  daily                     10:00 30m  Engineers
//	On-call hand-off                     weekly Wednesday (R1)     09:00 30m  On-call engineer
//	Vulnerability alerts (frontend)      weekly Monday             14:00 1h   Frontend lead
//	Vulnerability alerts (backend)       weekly Monday             15:00 1h   Backend lead
//	Bug review (QA inbox)                weekly Tuesday            10:00 30m  QA
//	Engineering group discussions        weekly Thursday           11:00 1h   Engineering manager
//	Release testing report               release day -2 (Monday)   17:00 due  QA
//	Release testing done (Ready for release) release day          17:00 due  QA
//	Release ritual                       release day               17:30 1h   Engineering manager
//	Patch release branch                 on demand: every patch release       Engineering manager
//
// Weekly rituals move to the next working day, release-week deadlines to the
// previous one, so that they still come before the release; the daily review
// and the on-demand branch say Skip (their days are working days, or none).
func Fleet2024RitualList(release date.Date) []Ritual {
	at := func(h, m int) clock.Clock { return clock.New(h, m, 0, 0) }
	return []Ritual{
		{Name: "Pull request review", Owner: "Engineers", Recurrence: Daily(),
			Time: at(10, 0), Duration: 30 * time.Minute, Move: Skip},
		{Name: "On-call hand-off", Owner: "On-call engineer", Recurrence: WeeklyOn(time.Wednesday),
			Time: at(9, 0), Duration: 30 * time.Minute, Move: Later},
		{Name: "Vulnerability alerts review (frontend)", Owner: "Frontend lead", Recurrence: WeeklyOn(time.Monday),
			Time: at(14, 0), Duration: time.Hour, Move: Later},
		{Name: "Vulnerability alerts review (backend)", Owner: "Backend lead", Recurrence: WeeklyOn(time.Monday),
			Time: at(15, 0), Duration: time.Hour, Move: Later},
		{Name: "Bug review (QA inbox)", Owner: "QA", Recurrence: WeeklyOn(time.Tuesday),
			Time: at(10, 0), Duration: 30 * time.Minute, Move: Later},
		{Name: "Engineering group discussions", Owner: "Engineering manager", Recurrence: WeeklyOn(time.Thursday),
			Time: at(11, 0), Duration: time.Hour, Move: Later},
		{Name: "Release testing report", Owner: "QA", Recurrence: EveryWeeks(3, release, -2),
			Time: at(17, 0), Move: Earlier},
		{Name: "Release testing done (issues in Ready for release)", Owner: "QA", Recurrence: EveryWeeks(3, release, 0),
			Time: at(17, 0), Move: Earlier},
		{Name: "Release ritual", Owner: "Engineering manager", Recurrence: EveryWeeks(3, release, 0),
			Time: at(17, 30), Duration: time.Hour, Move: Later},
		{Name: "Patch release branch", Owner: "Engineering manager", Recurrence: OnDemand("every patch release"),
			Move: Skip},
	}
}

// Fleet2024Rituals returns Fleet2024RitualList(release) as a Rituals table
// held in loc and owned by Fleet2024Roles, with working days from work (nil:
// Monday to Friday). Errors are NewRituals' (ErrZone for a nil loc).
func Fleet2024Rituals(release date.Date, loc *time.Location, work Workdays) (Rituals, error) {
	return NewRituals(loc, work, Fleet2024Roles(), Fleet2024RitualList(release)...)
}
