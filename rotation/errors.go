package rotation

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Constructors wrap them in a [*ConfigError] that names the
// bad field; match them with errors.Is.
var (
	// ErrEmptyRoster reports a rotation, roster change or escalation level
	// with nobody on it.
	ErrEmptyRoster = errors.New("rotation: empty roster")
	// ErrNoLocation reports a nil *time.Location or an unknown zone name.
	ErrNoLocation = errors.New("rotation: no location")
	// ErrTurn reports a turn length of zero or fewer days.
	ErrTurn = errors.New("rotation: turn length must be at least one day")
	// ErrEmptyRange reports an override or absence whose end is not after
	// its start.
	ErrEmptyRange = errors.New("rotation: range ends before it starts")
	// ErrSelfBackup reports an absence whose backup is the absent person.
	ErrSelfBackup = errors.New("rotation: backup is the absent person")
	// ErrNotOnRoster reports a person who is not on the roster in effect.
	ErrNotOnRoster = errors.New("rotation: person not on the roster")
	// ErrZeroTime reports a zero time.Time where an instant is required.
	ErrZeroTime = errors.New("rotation: zero time")
	// ErrWait reports a negative escalation wait, or a repeated chain whose
	// levels take no time at all.
	ErrWait = errors.New("rotation: bad escalation wait")
	// ErrSyntax reports configuration text that cannot be parsed.
	ErrSyntax = errors.New("rotation: syntax error")
)

// A ConfigError reports a bad configuration value: Field names it (as in
// the JSON form, for example "people", "zone", "overrides[3].to") and Value
// quotes it. Err is one of the package's sentinel errors.
type ConfigError struct {
	Field string
	Value string
	Err   error
}

// Error returns "rotation: <field> <quoted value>: <reason>".
func (e *ConfigError) Error() string {
	reason := "invalid"
	if e.Err != nil {
		reason = strings.TrimPrefix(e.Err.Error(), "rotation: ")
	}
	return fmt.Sprintf("rotation: %s %q: %s", e.Field, e.Value, reason)
}

// Unwrap returns the sentinel error, so errors.Is matches it.
func (e *ConfigError) Unwrap() error { return e.Err }

func configErr(field string, value any, err error) error {
	var v string
	switch x := value.(type) {
	case string:
		v = x
	case fmt.Stringer:
		v = x.String()
	default:
		v = fmt.Sprint(x)
	}
	return &ConfigError{Field: field, Value: v, Err: err}
}
