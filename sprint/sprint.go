package sprint

import (
	"fmt"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/timespan"
)

// A Sprint is one numbered sprint: the days [Start, End), so Start is its
// first day and End the day after its last day (Last gives the last day).
// Numbers run 1, 2, ... from a Cadence's first day and 0, -1, ... before it.
//
// Sprints are comparable with == and work as map keys. The zero Sprint is
// empty: it holds no days.
type Sprint struct {
	Number     int
	Start, End date.Date
}

// Last returns the last day of the sprint (End - 1, inclusive).
func (s Sprint) Last() date.Date { return s.End - 1 }

// Days returns the number of days in the sprint (0 for an empty sprint).
func (s Sprint) Days() int {
	if s.End <= s.Start {
		return 0
	}
	return int(s.End - s.Start)
}

// Contains reports whether d is one of the sprint's days: Start is included
// and End excluded. An empty sprint contains nothing.
func (s Sprint) Contains(d date.Date) bool { return s.Start <= d && d < s.End }

// Next returns the sprint after s, of the same length.
func (s Sprint) Next() Sprint {
	return Sprint{Number: s.Number + 1, Start: s.End, End: s.End + (s.End - s.Start)}
}

// Prev returns the sprint before s, of the same length.
func (s Sprint) Prev() Sprint {
	return Sprint{Number: s.Number - 1, Start: s.Start - (s.End - s.Start), End: s.Start}
}

// DayOf returns the 1-based position of d in the sprint (1 on Start), and
// false when the sprint does not contain d.
func (s Sprint) DayOf(d date.Date) (int, bool) {
	if !s.Contains(d) {
		return 0, false
	}
	return int(d-s.Start) + 1, true
}

// DateRange returns the sprint's days as a timespan.DateRange.
func (s Sprint) DateRange() timespan.DateRange {
	return timespan.BetweenDates(s.Start, s.End)
}

// String returns "sprint 5 [2024-03-11, 2024-04-01)", showing the half-open day range.
func (s Sprint) String() string {
	return fmt.Sprintf("sprint %d [%s, %s)", s.Number, s.Start, s.End)
}
