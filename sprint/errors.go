package sprint

import (
	"errors"

	"github.com/teamcadence/cadence/internal/strict"
)

// Sentinels shared in name and meaning by all of cadence's packages; see
// CONTRIBUTING.md. Every error this package returns is a *ConfigError that
// wraps one of them or one of the package's own sentinels below, so callers
// branch with errors.Is and read the field with errors.As.
var (
	// ErrZone reports a nil *time.Location, time.Local, an unknown zone
	// name, or "Local" in JSON (its meaning depends on the machine).
	ErrZone = errors.New("sprint: bad time zone")
	// ErrSyntax reports text or JSON that cannot be parsed.
	ErrSyntax = errors.New("sprint: syntax error")
	// ErrUnknownField reports a JSON key the value does not have (keys
	// match exactly, case included).
	ErrUnknownField = errors.New("sprint: unknown field")
	// ErrDuplicateKey reports a JSON key given twice in one object.
	ErrDuplicateKey = errors.New("sprint: key given twice")
	// ErrUnknownName reports a name that must refer to something and does
	// not: a ceremony or ritual owner that is not one of the roles.
	ErrUnknownName = errors.New("sprint: unknown name")
	// ErrZeroTime reports a zero time.Time where an instant is required.
	// sprint's configuration holds days and times of day, not instants, so
	// no function returns it today; it is declared so that every package
	// has the same sentinels.
	ErrZeroTime = errors.New("sprint: zero time")
)

// The package's own sentinels.
var (
	// ErrWeeks reports a sprint length outside 1 to MaxWeeks weeks, or an
	// invalid Cadence.
	ErrWeeks = errors.New("sprint: bad sprint length")
	// ErrFirst reports a first day outside date.Min() to date.Max().
	ErrFirst = errors.New("sprint: first day out of range")
	// ErrTime reports a time of day outside 00:00 to 24:00.
	ErrTime = errors.New("sprint: bad time of day")
	// ErrDuration reports a duration outside 0 to 24h.
	ErrDuration = errors.New("sprint: bad duration")
	// ErrName reports an empty ceremony, ritual or role name, or a role
	// listed twice.
	ErrName = errors.New("sprint: bad name")
	// ErrRule reports a ceremony DayRule that is malformed or does not fit
	// the sprint.
	ErrRule = errors.New("sprint: bad day rule")
	// ErrRecurrence reports a ritual recurrence that is malformed.
	ErrRecurrence = errors.New("sprint: bad recurrence")
	// ErrMove reports an unknown Move.
	ErrMove = errors.New("sprint: bad move")
)

// A ConfigError reports a refused configuration value: Field is its JSON
// path ("ceremonies[2].time"), Value the bad text, Err the sentinel it
// matches with errors.Is, and Reason any further detail, such as the
// accepted range.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error returns `sprint: field "value": what is wrong: reason`, such as
// `sprint: weeks "0": bad sprint length: want 1 to 52`, leaving out what is
// empty; the sentinel's own prefix is not repeated.
func (e *ConfigError) Error() string {
	field := e.Field
	if field == "" && e.Value == "" {
		field = "document" // the whole text, such as an empty one
	}
	return strict.Message("sprint", field, e.Value, e.Reason, e.Err)
}

// Unwrap returns the sentinel, so errors.Is(err, ErrWeeks) works.
func (e *ConfigError) Unwrap() error { return e.Err }

// decodeStrict decodes data into the wire value v with internal/strict and
// turns its errors into *ConfigError.
func decodeStrict(data []byte, v any) error {
	return withPath("", strict.Decode(data, v))
}

// withPath turns a *strict.Error into a *ConfigError and puts prefix in
// front of the field of either, so a nested value's error names its full
// JSON path. Other errors pass through unchanged.
func withPath(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var se *strict.Error
	if errors.As(err, &se) {
		ce := &ConfigError{Field: se.Path, Value: se.Value, Reason: se.Reason}
		switch se.Kind {
		case strict.UnknownField:
			ce.Err = ErrUnknownField
		case strict.DuplicateKey:
			ce.Err = ErrDuplicateKey
		default:
			ce.Err = ErrSyntax
		}
		err = ce
	}
	var ce *ConfigError
	if prefix != "" && errors.As(err, &ce) {
		c := *ce
		switch {
		case c.Field == "":
			c.Field = prefix
		case c.Field[0] == '[':
			c.Field = prefix + c.Field
		default:
			c.Field = prefix + "." + c.Field
		}
		return &c
	}
	return err
}
