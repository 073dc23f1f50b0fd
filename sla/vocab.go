package sla

import (
	"errors"

	"github.com/teamcadence/cadence/internal/strict"
)

// Sentinels shared in name and meaning by all of cadence's packages; see
// CONTRIBUTING.md. A [*ConfigError] wraps one of them, or one of the
// package's own sentinels, and names the field.
var (
	// ErrZone reports a nil *time.Location, an unknown zone name, "Local"
	// (whose meaning depends on the machine), or a zone whose data do not
	// match its name.
	ErrZone = errors.New("sla: bad time zone")
	// ErrSyntax reports text or JSON that cannot be parsed.
	ErrSyntax = errors.New("sla: syntax error")
	// ErrUnknownField reports a JSON key the value does not have.
	ErrUnknownField = errors.New("sla: unknown field")
	// ErrDuplicateKey reports a JSON key given twice in one object.
	ErrDuplicateKey = errors.New("sla: key given twice")
	// ErrUnknownName reports a name that does not resolve, such as a
	// target or calendar name a stored clock refers to.
	ErrUnknownName = errors.New("sla: unknown name")
	// ErrZeroTime reports a zero time.Time where an instant is required.
	ErrZeroTime = errors.New("sla: zero time")
)

// A ConfigError reports a refused configuration value: Field is its JSON
// path ("milestones[1].after"), Value the bad text, Err the sentinel it
// matches with errors.Is, and Reason any further detail.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error returns `sla: field "value": what is wrong: reason`, leaving out
// what is empty.
func (e *ConfigError) Error() string {
	return strict.Message("sla", e.Field, e.Value, e.Reason, e.Err)
}

// Unwrap returns the sentinel, so errors.Is matches it.
func (e *ConfigError) Unwrap() error { return e.Err }

// decodeStrict decodes data into the wire value v with internal/strict and
// turns its errors into *ConfigError, with paths under prefix.
func decodeStrict(data []byte, v any, prefix string) error {
	return withPath(prefix, strict.Decode(data, v))
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
