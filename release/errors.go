package release

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
)

// Sentinel errors. Every error the package returns matches one of them with
// errors.Is; the typed errors below carry the details.
var (
	// ErrWeeks reports a train period outside 1 to 10000 weeks.
	ErrWeeks = errors.New("release: weeks must be positive")
	// ErrWeekday reports a first release day that is not on the configured weekday.
	ErrWeekday = errors.New("release: first day is not on the release weekday")
	// ErrShift reports an unknown working-day shift rule.
	ErrShift = errors.New("release: unknown working-day shift")
	// ErrFirst reports a first release day too far in the past or future
	// (beyond a million years) for exact day arithmetic.
	ErrFirst = errors.New("release: first day out of range")
	// ErrVersion reports a malformed version.
	ErrVersion = errors.New("release: malformed version")
	// ErrPolicy reports an invalid freeze or branch-cut policy.
	ErrPolicy = errors.New("release: invalid policy")
	// ErrFreezeAfterRelease reports a freeze or branch cut that would start
	// on or after the release it precedes.
	ErrFreezeAfterRelease = errors.New("release: freeze starts after release day")
	// ErrRules reports an invalid classification rule set.
	ErrRules = errors.New("release: invalid rules")
	// ErrSupport reports an invalid support policy or an unknown tier.
	ErrSupport = errors.New("release: invalid support query")
	// ErrTag reports an image tag that is neither a version nor a commit hash,
	// such as the branch name "main" (R16).
	ErrTag = errors.New("release: not a version or commit hash")
	// ErrDowngrade reports a deploy to a version that is not newer than the
	// deployed one (R16).
	ErrDowngrade = errors.New("release: deploy is not newer than the deployed version")
	// ErrHistory reports an invalid record of shipped releases.
	ErrHistory = errors.New("release: invalid history")
	// ErrJSON reports a malformed JSON or text encoding of a package value.
	ErrJSON = errors.New("release: malformed encoding")
)

// A FieldError reports an invalid configuration field: Field names it, Value
// quotes the bad value, and Err is the sentinel it matches.
type FieldError struct {
	Field string // the field, e.g. "weeks" or "start"
	Value string // the bad value as text
	Why   string // a short explanation; may be empty
	Err   error  // the sentinel, e.g. ErrWeeks
}

// Error returns `release: invalid <field> "<value>": <why>`, leaving out
// the value and the explanation when they are empty.
func (e *FieldError) Error() string {
	msg := "release: invalid " + e.Field
	if e.Value != "" {
		msg += fmt.Sprintf(" %q", e.Value)
	}
	if e.Why != "" {
		msg += ": " + e.Why
	}
	return msg
}

// Unwrap returns the sentinel the error matches.
func (e *FieldError) Unwrap() error { return e.Err }

// A WeekdayError reports a first release day on the wrong weekday.
type WeekdayError struct {
	First date.Date    // the first release day given
	Want  time.Weekday // the configured weekday
}

// Error names the day, its weekday and the expected weekday.
func (e *WeekdayError) Error() string {
	return fmt.Sprintf("release: invalid first %q: a %s, want a %s", e.First.String(), e.First.Weekday(), e.Want)
}

// Unwrap returns ErrWeekday.
func (e *WeekdayError) Unwrap() error { return ErrWeekday }

// A VersionError reports a string that is not a version.
type VersionError struct {
	Input string // the text given
	Why   string // what is wrong with it
}

// Error returns `release: parsing version "x": why`.
func (e *VersionError) Error() string {
	return fmt.Sprintf("release: parsing version %q: %s", e.Input, e.Why)
}

// Unwrap returns ErrVersion.
func (e *VersionError) Unwrap() error { return ErrVersion }

func fieldErr(field, value, why string, err error) error {
	return &FieldError{Field: field, Value: value, Why: why, Err: err}
}
