package sla

import "errors"

// Sentinel errors of sla's own ideas. Every error returned by
// [NewCalendar], [ParseSpan], [Span.UnmarshalText] and
// [Calendar.UnmarshalJSON] is a [*ConfigError] that matches one of them, or
// one of the shared sentinels ([ErrZone], [ErrSyntax], [ErrUnknownField],
// [ErrDuplicateKey]), with errors.Is.
var (
	// ErrInvalidSpan reports opening hours that are malformed, out of order
	// or overlapping.
	ErrInvalidSpan = errors.New("sla: invalid span")
	// ErrDuplicateDay reports a day given twice as a holiday or special day.
	ErrDuplicateDay = errors.New("sla: day given twice")
	// ErrNoOpeningHours reports a calendar whose week has no opening hours,
	// so that Add could never finish; see [AllowNoOpeningHours].
	ErrNoOpeningHours = errors.New("sla: calendar has no opening hours")
)
