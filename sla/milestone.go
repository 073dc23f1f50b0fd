package sla

import (
	"sort"
	"time"
)

// Passed returns the milestones of the current cycle reached by at: those
// whose At is at most Elapsed(at), in order. A milestone is reached at the
// first instant its time has been counted, so a scheduler that wakes at the
// instant NextMilestone reports finds it passed. The result is a new slice.
func (c Clock) Passed(at time.Time) []Milestone {
	return cloneMilestones(c.target.Milestones[:c.passed(c.Elapsed(at))])
}

// passed returns how many milestones have At <= elapsed, by binary search.
func (c Clock) passed(elapsed time.Duration) int {
	ms := c.target.Milestones
	return sort.Search(len(ms), func(i int) bool { return ms[i].At > elapsed })
}

// NextMilestone returns the first milestone not yet reached at at, and the
// instant it will be reached: one Calendar.Add from the clock's last event,
// without replaying history. ok is false, with the zero Milestone and time,
// when every milestone has been reached, when the clock is not running (a
// paused clock reaches nothing until it resumes; a stopped one never will),
// and when its calendar (one made with AllowNoOpeningHours) never again has
// enough open time to reach the next one.
func (c Clock) NextMilestone(at time.Time) (m Milestone, due time.Time, ok bool) {
	if c.state != Running {
		return Milestone{}, time.Time{}, false
	}
	i := c.passed(c.Elapsed(at))
	if i == len(c.target.Milestones) {
		return Milestone{}, time.Time{}, false
	}
	m = c.target.Milestones[i]
	due = c.target.Calendar.Add(c.since, m.At-c.stored)
	if due.IsZero() {
		return Milestone{}, time.Time{}, false
	}
	return m, due, true
}
