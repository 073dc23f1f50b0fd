package bugflow

import (
	"errors"
	"fmt"
	"strings"

	"github.com/teamcadence/cadence/internal/strict"
)

var (
	// ErrForbidden is the error a TransitionError unwraps to: the scheme has
	// no move between the two states.
	ErrForbidden = errors.New("bugflow: transition not allowed")
	// ErrAmbiguous reports that an issue matches two or more states, so no
	// move can be planned from it until a person resolves it.
	ErrAmbiguous = errors.New("bugflow: issue matches more than one state")
	// ErrUnknownState reports a state name ParseState does not know.
	ErrUnknownState = errors.New("bugflow: unknown state")
	// ErrUnknownDiagnosis reports a diagnosis name that is not known.
	ErrUnknownDiagnosis = errors.New("bugflow: unknown diagnosis")
	// ErrDuplicate reports an issue number seen twice in one input.
	ErrDuplicate = errors.New("bugflow: duplicate issue number")
	// ErrConfig reports a scheme value that is out of range or
	// contradicts another (a rule with no state, a column without a board,
	// out-of-order timers); a ConfigError names the field.
	ErrConfig = errors.New("bugflow: invalid scheme")
	// ErrTeam reports a move that needs a team label the caller did not give,
	// or gave one the scheme does not list.
	ErrTeam = errors.New("bugflow: move needs a team label")
	// ErrAssignee reports a move that must assign someone with a role but
	// cannot tell whom.
	ErrAssignee = errors.New("bugflow: move needs an assignee")

	// ErrSyntax reports text or JSON that cannot be parsed: a search with
	// an unknown qualifier or a bad value, a malformed duration.
	ErrSyntax = errors.New("bugflow: syntax error")
	// ErrUnknownField reports a JSON key the value does not have (keys match
	// exactly, case included).
	ErrUnknownField = errors.New("bugflow: unknown field")
	// ErrDuplicateKey reports a JSON key given twice in one object.
	ErrDuplicateKey = errors.New("bugflow: duplicate key")
	// ErrUnknownName reports a name that must refer to something and does
	// not: a project missing from the board table, a state the flow does not
	// declare, a role nobody has.
	ErrUnknownName = errors.New("bugflow: unknown name")
	// ErrZeroTime reports a zero time.Time where an instant is required.
	ErrZeroTime = errors.New("bugflow: zero time")
)

// A TransitionError reports a move the workflow forbids, and why: the
// moves the scheme has from the state (Moves, as "name -> state"), none
// when no move starts there. FromName and ToName are the scheme's names of
// the states ("" for the State's own String).
type TransitionError struct {
	From, To         State
	FromName, ToName string
	Moves            []string
	Reason           string // why no move applies, when Moves cannot say
}

// Error names both states and the moves there are instead.
func (e *TransitionError) Error() string {
	from, to := e.FromName, e.ToName
	if from == "" {
		from = e.From.String()
	}
	if to == "" {
		to = e.To.String()
	}
	why := "no move starts there"
	switch {
	case e.Reason != "":
		why = e.Reason
	case len(e.Moves) > 0:
		why = "the moves from " + from + " are " + strings.Join(e.Moves, ", ")
	}
	return fmt.Sprintf("bugflow: cannot move %s -> %s: %s", from, to, why)
}

// Unwrap returns ErrForbidden.
func (e *TransitionError) Unwrap() error { return ErrForbidden }

// A DecodeError reports malformed tracker input: which issue (its index in
// the input array, and its number when that could be read), which field, and
// why.
type DecodeError struct {
	Index  int    // position in the input array; -1 for the document itself
	Number int    // the number, 0 when unknown
	Field  string // the JSON field, such as "createdAt" or "labels[2].name"
	Value  string // the offending value, possibly shortened
	Err    error  // the cause
}

// Error names the issue, the field and the value.
func (e *DecodeError) Error() string {
	switch {
	case e.Index < 0:
		return fmt.Sprintf("bugflow: decode: %v", e.Err)
	case e.Number != 0:
		return fmt.Sprintf("bugflow: decode issue #%d (index %d): field %s %q: %v", e.Number, e.Index, e.Field, e.Value, e.Err)
	default:
		return fmt.Sprintf("bugflow: decode issue at index %d: field %s %q: %v", e.Index, e.Field, e.Value, e.Err)
	}
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// A ConfigError reports a refused configuration value: Field is its JSON
// path ("states[2].search"), Value the bad text, Err the sentinel it matches
// (ErrSyntax, ErrUnknownField, ErrDuplicateKey, ErrUnknownName, ErrZeroTime
// or ErrConfig) and Reason any further detail.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error returns `bugflow: field "value": sentinel text: reason`.
func (e *ConfigError) Error() string {
	return strict.Message("bugflow", e.Field, e.Value, e.Reason, e.Err)
}

// Unwrap returns the sentinel.
func (e *ConfigError) Unwrap() error { return e.Err }

// configErr builds a ConfigError matching ErrConfig.
func configErr(field, value, reason string) *ConfigError {
	return &ConfigError{Field: field, Value: value, Reason: reason, Err: ErrConfig}
}

// unknownName builds a ConfigError matching ErrUnknownName.
func unknownName(field, value, reason string) *ConfigError {
	return &ConfigError{Field: field, Value: value, Reason: reason, Err: ErrUnknownName}
}

// fromStrict turns an error of strict.Decode into a ConfigError, with its
// path under prefix; other errors pass through.
func fromStrict(prefix string, err error) error {
	var se *strict.Error
	if !errors.As(err, &se) {
		var ce *ConfigError
		if errors.As(err, &ce) && prefix != "" {
			c := *ce
			c.Field = joinPath(prefix, c.Field)
			return &c
		}
		return err
	}
	c := &ConfigError{Field: joinPath(prefix, se.Path), Value: se.Value, Reason: se.Reason, Err: ErrSyntax}
	switch se.Kind {
	case strict.UnknownField:
		c.Err = ErrUnknownField
	case strict.DuplicateKey:
		c.Err = ErrDuplicateKey
	}
	return c
}

func joinPath(prefix, p string) string {
	switch {
	case prefix == "":
		return p
	case p == "":
		return prefix
	case p[0] == '[':
		return prefix + p
	}
	return prefix + "." + p
}
