package bugflow

import (
	"errors"
	"fmt"
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
	// ErrConfig is the error a ConfigError unwraps to.
	ErrConfig = errors.New("bugflow: invalid scheme")
	// ErrTeam reports a move that needs a team label the caller did not give,
	// or gave one the scheme does not list.
	ErrTeam = errors.New("bugflow: move needs a team label")
	// ErrAssignee reports a move that must assign someone with a role but
	// cannot tell whom.
	ErrAssignee = errors.New("bugflow: move needs an assignee")
)

// A TransitionError reports a move the workflow forbids.
type TransitionError struct{ From, To State }

// Error names both states.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("bugflow: cannot move %s -> %s", e.From, e.To)
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

// A ConfigError reports an invalid scheme configuration: the field and the
// offending value.
type ConfigError struct {
	Field  string // such as "states[2].labels[0]"
	Value  string
	Reason string
}

// Error names the field and value.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("bugflow: invalid scheme: %s %q: %s", e.Field, e.Value, e.Reason)
}

// Unwrap returns ErrConfig.
func (e *ConfigError) Unwrap() error { return ErrConfig }
