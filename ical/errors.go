package ical

import (
	"errors"
	"fmt"

	"github.com/teamcadence/cadence/internal/strict"
)

// Sentinels shared in name and meaning by all of cadence's packages (see
// CONTRIBUTING.md), and the package's own.
var (
	// ErrZone reports a time zone that cannot be written: time.Local (whose
	// meaning depends on the machine) or a zone without a name.
	ErrZone = errors.New("ical: bad time zone")
	// ErrSyntax reports iCalendar text that cannot be parsed.
	ErrSyntax = errors.New("ical: syntax error")
	// ErrZeroTime reports a zero time.Time where an instant is required.
	ErrZeroTime = errors.New("ical: zero time")
	// ErrEvent reports an event that cannot be written as it is: an end
	// before its start, a recurrence without a bound, a control character
	// in its text.
	ErrEvent = errors.New("ical: invalid event")
	// ErrDuplicateUID reports two events of one calendar with the same UID.
	ErrDuplicateUID = errors.New("ical: UID given twice")
	// ErrUnsupported reports well-formed iCalendar that ReadHolidays does not
	// interpret, such as a monthly RRULE or BYSETPOS; it never guesses.
	ErrUnsupported = errors.New("ical: unsupported")
)

// A ConfigError reports a refused value of a [Calendar]: Field is its path
// ("events[3].end"), Value the bad text, Err the sentinel it matches with
// errors.Is, and Reason any further detail.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error returns `ical: field "value": what is wrong: reason`, leaving out
// what is empty.
func (e *ConfigError) Error() string {
	return strict.Message("ical", e.Field, e.Value, e.Reason, e.Err)
}

// Unwrap returns the sentinel, so errors.Is matches it.
func (e *ConfigError) Unwrap() error { return e.Err }

// A ParseError reports iCalendar text that [ReadHolidays] cannot read: Line
// is the 1-based line of the file on which the offending content line
// starts (before unfolding), Text that content line (unfolded, shortened),
// Err [ErrSyntax] or [ErrUnsupported], and Reason what is wrong.
type ParseError struct {
	Line   int
	Text   string
	Reason string
	Err    error
}

// Error returns `ical: line 12 "DTSTART;VALUE=DATE:2024-01-01": syntax
// error: reason`.
func (e *ParseError) Error() string {
	return strict.Message("ical", fmt.Sprintf("line %d", e.Line), e.Text, e.Reason, e.Err)
}

// Unwrap returns the sentinel, so errors.Is matches it.
func (e *ParseError) Unwrap() error { return e.Err }
