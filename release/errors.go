package release

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/teamcadence/cadence/internal/strict"
)

// Sentinels shared in name and meaning by all of cadence's packages (see
// CONTRIBUTING.md). A [*ConfigError] wraps one of them, or one of the
// package's own sentinels below, and names the field.
var (
	// ErrZone reports a nil *time.Location, an unknown zone name, or
	// "Local" (whose meaning depends on the machine).
	ErrZone = errors.New("release: bad time zone")
	// ErrSyntax reports text or JSON that cannot be parsed.
	ErrSyntax = errors.New("release: syntax error")
	// ErrUnknownField reports a JSON key the value does not have.
	ErrUnknownField = errors.New("release: unknown field")
	// ErrDuplicateKey reports a JSON key given twice in one object.
	ErrDuplicateKey = errors.New("release: key given twice")
	// ErrUnknownName reports a name that does not resolve: a support tier,
	// a kind of change, a fact or a derived fact that the package does not
	// know.
	ErrUnknownName = errors.New("release: unknown name")
	// ErrZeroTime reports a zero or missing instant where one is required,
	// such as a release's publishedAt in a GitHub listing.
	ErrZeroTime = errors.New("release: zero time")
)

// The package's own sentinels. Every error the package returns matches one
// of them or one of the shared sentinels above with errors.Is; the typed
// errors below carry the details.
var (
	// ErrWeeks reports a train period outside 1 to 10000 weeks.
	ErrWeeks = errors.New("release: weeks out of range")
	// ErrWeekday reports a first release day that is not on the configured
	// weekday, or a weekday that does not exist.
	ErrWeekday = errors.New("release: wrong weekday")
	// ErrMove reports a Move the train cannot do: an unknown value, or Skip
	// (a train never skips a release: its numbers and versions would no
	// longer follow its days).
	ErrMove = errors.New("release: move must be stay, earlier or later")
	// ErrFirst reports a first release day too far in the past or future
	// (beyond a million years) for exact day arithmetic, or a missing one.
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
	// ErrSupport reports an invalid support policy or query.
	ErrSupport = errors.New("release: invalid support query")
	// ErrTag reports an image tag that is neither a version nor a commit hash,
	// such as the branch name "main" (R16).
	ErrTag = errors.New("release: not a version or commit hash")
	// ErrDowngrade reports a deploy to a version that is not newer than the
	// deployed one (R16).
	ErrDowngrade = errors.New("release: deploy is not newer than the deployed version")
	// ErrHistory reports an invalid record of shipped releases.
	ErrHistory = errors.New("release: invalid history")
	// ErrAnchor reports a drift plan re-anchored at a version that is not
	// on the train's scheme, or twice at one version.
	ErrAnchor = errors.New("release: invalid re-anchor")
)

// A ConfigError reports a refused configuration value: Field is its JSON
// path ("policy.start", "rules[2].set"), Value the bad text, Err the
// sentinel it matches and Reason any further detail.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error returns `release: field "value": sentinel text: reason`, leaving
// out what is empty.
func (e *ConfigError) Error() string {
	return strict.Message("release", e.Field, e.Value, e.Reason, e.Err)
}

// Unwrap returns the sentinel, so errors.Is matches it.
func (e *ConfigError) Unwrap() error { return e.Err }

func configErr(field, value, reason string, err error) error {
	return &ConfigError{Field: field, Value: value, Reason: reason, Err: err}
}

// A WeekdayError reports a first release day on the wrong weekday.
type WeekdayError struct {
	First date.Date    // the first release day given
	Want  time.Weekday // the configured weekday
}

// Error names the day, its weekday and the expected weekday.
func (e *WeekdayError) Error() string {
	return fmt.Sprintf("release: first %q: a %s, want a %s", e.First.String(), e.First.Weekday(), e.Want)
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

// decode decodes data into the wire value v with internal/strict and turns
// its errors into *ConfigError, with paths under prefix.
func decode(data []byte, v any, prefix string) error {
	return withPath(prefix, strict.Decode(data, v))
}

// withPath turns a *strict.Error into a *ConfigError and puts prefix in
// front of the field of either, so that a nested value's error names its
// full JSON path. A *VersionError becomes a *ConfigError matching
// ErrVersion. Other errors pass through unchanged.
func withPath(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var se *strict.Error
	var ve *VersionError
	switch {
	case errors.As(err, &se):
		ce := &ConfigError{Field: se.Path, Value: se.Value, Reason: se.Reason, Err: ErrSyntax}
		switch se.Kind {
		case strict.UnknownField:
			ce.Err = ErrUnknownField
		case strict.DuplicateKey:
			ce.Err = ErrDuplicateKey
		}
		err = ce
	case errors.As(err, &ve):
		err = &ConfigError{Value: ve.Input, Reason: ve.Why, Err: ErrVersion}
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

// checkZone refuses a nil location and "Local", whose meaning depends on
// the machine.
func checkZone(field string, loc *time.Location) error {
	switch {
	case loc == nil:
		return configErr(field, "", "a location is required", ErrZone)
	case loc == time.Local || loc.String() == "Local":
		return configErr(field, "Local", "its meaning depends on the machine; want an IANA name", ErrZone)
	}
	return nil
}

// loadZone loads an IANA zone by name for a decoder, refusing "" and
// "Local".
func loadZone(field, name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, configErr(field, name, "want an IANA zone name such as America/Los_Angeles", ErrZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, configErr(field, name, "unknown zone", ErrZone)
	}
	return loc, nil
}
