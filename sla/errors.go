package sla

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
)

// Sentinel errors of the calendar constructors. Each error returned by
// [NewCalendar], [ParseSpan] and [Span.UnmarshalText] matches one of them
// with errors.Is, as do those of [Calendar.UnmarshalJSON] except for JSON
// that does not decode into its fields (bad syntax, an unknown field, a
// malformed date); [SpanError] and [DayError] carry the details.
var (
	// ErrNilLocation reports a calendar without a time zone.
	ErrNilLocation = errors.New("sla: nil location")
	// ErrInvalidSpan reports opening hours that are malformed, out of order
	// or overlapping.
	ErrInvalidSpan = errors.New("sla: invalid span")
	// ErrDuplicateDay reports a day given twice as a holiday or special day.
	ErrDuplicateDay = errors.New("sla: day configured twice")
	// ErrNoOpeningHours reports a calendar whose week has no opening hours,
	// so that Add could never finish; see [AllowNoOpeningHours].
	ErrNoOpeningHours = errors.New("sla: calendar has no opening hours")
	// ErrUnknownZone reports an IANA zone name that could not be loaded.
	ErrUnknownZone = errors.New("sla: unknown time zone")
)

// A SpanError reports a bad span in a calendar's configuration: in the
// weekly hours of Weekday when Day is zero, otherwise on the special day Day.
type SpanError struct {
	Weekday time.Weekday // the weekday whose hours hold the span, when Day is zero
	Day     date.Date    // the special day whose hours hold the span, or zero
	Index   int          // the position of the span in that day's list
	Span    Span         // the offending span
	Reason  string       // what is wrong, such as "overlaps 09:00-12:00"
}

// Error returns a message naming the weekday or date, the span and what is
// wrong with it.
func (e *SpanError) Error() string {
	where := e.Weekday.String()
	if e.Day != 0 {
		where = "special day " + e.Day.String()
	}
	return fmt.Sprintf("sla: %s span %d %q: %s", where, e.Index, e.Span.String(), e.Reason)
}

// Unwrap returns [ErrInvalidSpan].
func (e *SpanError) Unwrap() error { return ErrInvalidSpan }

// A DayError reports a day configured twice, as a holiday or a special day.
type DayError struct {
	Day date.Date
}

// Error returns a message naming the day.
func (e *DayError) Error() string {
	return fmt.Sprintf("sla: day %s is configured twice (holiday or special day)", e.Day)
}

// Unwrap returns [ErrDuplicateDay].
func (e *DayError) Unwrap() error { return ErrDuplicateDay }
