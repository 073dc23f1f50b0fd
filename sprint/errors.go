package sprint

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers branch with errors.Is; a *ConfigError adds the field and value.
var (
	// ErrWeeks reports a sprint length outside 1 to MaxWeeks weeks.
	ErrWeeks = errors.New("sprint: weeks must be 1 to 52")
	// ErrFirst reports a first day outside date.Min() to date.Max().
	ErrFirst = errors.New("sprint: first day out of range")
	// ErrLocation reports a missing or unloadable time zone.
	ErrLocation = errors.New("sprint: bad time zone")
	// ErrTime reports a time of day outside 00:00 to 24:00 or not in whole seconds.
	ErrTime = errors.New("sprint: time of day must be 00:00 to 24:00 in whole seconds")
	// ErrDuration reports a duration outside 0 to 24h.
	ErrDuration = errors.New("sprint: duration must be 0 to 24h")
	// ErrName reports an empty ceremony or ritual name.
	ErrName = errors.New("sprint: name must not be empty")
	// ErrRule reports a ceremony rule that is malformed or does not fit the sprint.
	ErrRule = errors.New("sprint: bad ceremony rule")
	// ErrRecurrence reports a ritual recurrence that is malformed.
	ErrRecurrence = errors.New("sprint: bad recurrence")
	// ErrMove reports an unknown Move.
	ErrMove = errors.New("sprint: move must be skip, earlier or later")
	// ErrSyntax reports text or JSON that cannot be parsed.
	ErrSyntax = errors.New("sprint: syntax error")
)

// A ConfigError reports a bad field of a configuration value: which field,
// the offending value as text, and the sentinel (Err) it breaks.
type ConfigError struct {
	Field string // e.g. "weeks", "ceremonies[2].duration"
	Value string // the bad value as given
	Err   error  // one of the Err* sentinels
}

// Error returns a message such as `sprint: weeks "0": weeks must be 1 to 52`.
func (e *ConfigError) Error() string {
	return "sprint: " + e.Field + " " + quote(e.Value) + ": " + strings.TrimPrefix(e.Err.Error(), "sprint: ")
}

// Unwrap returns the sentinel, so errors.Is(err, ErrWeeks) works.
func (e *ConfigError) Unwrap() error { return e.Err }

func quote(s string) string {
	const maxLen = 64
	if len(s) > maxLen {
		s = s[:maxLen] + "..."
	}
	return strconv.Quote(s)
}

// prefix puts parent in front of a ConfigError's field, so nested
// configuration reports "ceremonies[1].time".
func prefix(parent string, err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) {
		f := parent
		if ce.Field != "" {
			f += "." + ce.Field
		}
		return &ConfigError{Field: f, Value: ce.Value, Err: ce.Err}
	}
	return err
}
