package sla

import (
	"iter"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// Span is a stretch of opening hours within one day: From is included and To
// is excluded, with From < To <= 24:00.
type Span struct{ From, To clock.Clock }

// Week holds the opening hours of each day of the week, indexed by
// time.Weekday (Sunday is 0).
type Week [7][]Span

// WorkWeek returns a Week open Monday to Friday from from to to.
func WorkWeek(from, to clock.Clock) Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []Span{{from, to}}
	}
	return w
}

// An Option configures a Calendar.
type Option func(*config)

type config struct{}

// Holidays closes the calendar all day on each of days.
func Holidays(days ...date.Date) Option { return func(*config) {} }

// Special gives day its own opening hours; with no spans the day is closed.
func Special(day date.Date, spans ...Span) Option { return func(*config) {} }

// Calendar is a set of opening hours in a time zone. The zero Calendar is
// open at all times.
type Calendar struct{ c *compiled }

type compiled struct{}

// NewCalendar returns a calendar open during week in loc.
func NewCalendar(loc *time.Location, week Week, opts ...Option) (Calendar, error) {
	panic("sla: NewCalendar is being written")
}

// Open reports whether the calendar is open at t.
func (c Calendar) Open(t time.Time) bool { return true }

// NextOpen returns the first instant at or after t at which the calendar is open.
func (c Calendar) NextOpen(t time.Time) time.Time { return t }

// NextClose returns the first instant at or after t at which the calendar is closed.
func (c Calendar) NextClose(t time.Time) time.Time { return time.Time{} }

// Intervals yields the open intervals that overlap [from, to), clipped to it.
func (c Calendar) Intervals(from, to time.Time) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {}
}

// Between returns the open time in [from, to); 0 when to <= from.
func (c Calendar) Between(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	return to.Sub(from)
}

// Add returns the first instant u with Between(t, u) == d.
func (c Calendar) Add(t time.Time, d time.Duration) time.Time { return t.Add(d) }

// IsWorkday reports whether d has opening hours and is not a holiday.
func (c Calendar) IsWorkday(d date.Date) bool { return true }

// IsZero reports whether c is the zero Calendar.
func (c Calendar) IsZero() bool { return c.c == nil }

// Location returns the calendar's time zone; UTC for the zero Calendar.
func (c Calendar) Location() *time.Location { return time.UTC }
