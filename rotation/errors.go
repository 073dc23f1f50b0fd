package rotation

import (
	"errors"
	"fmt"

	"github.com/teamcadence/cadence/internal/strict"
)

// Sentinel errors. Constructors and decoders wrap them in a [*ConfigError]
// that names the bad field; match them with errors.Is. The first six are
// the sentinels every cadence package declares for the same ideas.
var (
	// ErrZone reports a nil *time.Location, an unknown zone name, or
	// "Local" in JSON (its meaning depends on the machine).
	ErrZone = errors.New("rotation: bad time zone")
	// ErrSyntax reports configuration text that cannot be parsed.
	ErrSyntax = errors.New("rotation: syntax error")
	// ErrUnknownField reports a JSON key the value does not have.
	ErrUnknownField = errors.New("rotation: unknown field")
	// ErrDuplicateKey reports a JSON key given twice in one object.
	ErrDuplicateKey = errors.New("rotation: duplicate key")
	// ErrUnknownName reports a name that must refer to someone and does
	// not: a person absent, replaced, backing up or removed who is not on
	// the rotation's roster or its list of backups.
	ErrUnknownName = errors.New("rotation: unknown name")
	// ErrZeroTime reports a zero time.Time where an instant is required.
	ErrZeroTime = errors.New("rotation: zero time")

	// ErrEmptyRoster reports a rotation, roster change or escalation level
	// with nobody on it.
	ErrEmptyRoster = errors.New("rotation: empty roster")
	// ErrTurn reports a turn length outside 1 to [MaxTurn] days.
	ErrTurn = errors.New("rotation: bad turn length")
	// ErrEmptyRange reports a range whose end is not after its start: an
	// override or absence, or an escalation queried before its alert.
	ErrEmptyRange = errors.New("rotation: range ends before it starts")
	// ErrSelfBackup reports an absence whose backup is the absent person.
	ErrSelfBackup = errors.New("rotation: backup is the absent person")
	// ErrWait reports a negative escalation wait, a repeated chain whose
	// levels take no time at all, or repeats whose total wait overflows.
	ErrWait = errors.New("rotation: bad escalation wait")
)

// A ConfigError reports a refused configuration value: Field is its JSON
// path ("overrides[0].absent", "every", "zone"), Value the bad text, Err
// the sentinel it matches and Reason any further detail, such as the
// accepted range.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error returns `rotation: field "value": sentinel text: reason`, leaving
// out an empty value or reason.
func (e *ConfigError) Error() string {
	return strict.Message("rotation", e.Field, e.Value, e.Reason, e.Err)
}

// Unwrap returns the sentinel error, so errors.Is matches it.
func (e *ConfigError) Unwrap() error { return e.Err }

func configErr(field string, value any, err error, reason ...string) error {
	var v string
	switch x := value.(type) {
	case string:
		v = x
	case fmt.Stringer:
		v = x.String()
	default:
		v = fmt.Sprint(x)
	}
	e := &ConfigError{Field: field, Value: v, Err: err}
	if len(reason) > 0 {
		e.Reason = reason[0]
	}
	return e
}

// fromStrict turns an error of internal/strict into a *ConfigError, with
// prefix (a JSON path, or "") before its path. Errors of nested values
// (already *ConfigError) get the prefix too.
func fromStrict(err error, prefix string) error {
	var se *strict.Error
	if errors.As(err, &se) {
		kind := ErrSyntax
		switch se.Kind {
		case strict.UnknownField:
			kind = ErrUnknownField
		case strict.DuplicateKey:
			kind = ErrDuplicateKey
		}
		return &ConfigError{Field: joinPath(prefix, se.Path), Value: se.Value, Reason: se.Reason, Err: kind}
	}
	var ce *ConfigError
	if errors.As(err, &ce) {
		out := *ce
		out.Field = joinPath(prefix, ce.Field)
		return &out
	}
	return &ConfigError{Field: prefix, Reason: err.Error(), Err: ErrSyntax}
}

// joinPath returns path under prefix: "levels[0]" and "rotations[1].zone"
// give "levels[0].rotations[1].zone".
func joinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case path[0] == '[':
		return prefix + path
	}
	return prefix + "." + path
}
