package release

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// A Kind says what a change is, for the merge gate (R10).
type Kind uint8

// The kinds of change. Their text forms are the names in quotes.
const (
	Feature          Kind = iota // "feature": new functionality or an improvement
	ReleasedBugFix               // "released-bug-fix": fixes a bug present in a published release
	UnreleasedBugFix             // "unreleased-bug-fix": fixes a bug only on the main or release branch
	BlockerFix                   // "blocker-fix": fixes a release-blocking bug (R11, R12)
	Docs                         // "docs": documentation only
	Chore                        // "chore": tests, CI, tooling, dependency bumps
	numKinds
)

var kindNames = [numKinds]string{"feature", "released-bug-fix", "unreleased-bug-fix", "blocker-fix", "docs", "chore"}

// String returns the kind's text form, such as "blocker-fix".
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind parses a kind's text form.
func ParseKind(s string) (Kind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return Kind(i), nil
	}
	return 0, fieldErr("kind", s, "want one of "+strings.Join(kindNames[:], ", "), ErrJSON)
}

// MarshalText returns the kind's text form.
func (k Kind) MarshalText() ([]byte, error) {
	if k >= numKinds {
		return nil, fieldErr("kind", k.String(), "unknown kind", ErrJSON)
	}
	return []byte(k.String()), nil
}

// UnmarshalText parses text with ParseKind.
func (k *Kind) UnmarshalText(text []byte) error {
	v, err := ParseKind(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// A KindSet is a set of kinds. The zero KindSet is empty; sets compare with ==.
type KindSet uint16

// Kinds returns the set of ks.
func Kinds(ks ...Kind) KindSet {
	var s KindSet
	for _, k := range ks {
		if k < numKinds {
			s |= 1 << k
		}
	}
	return s
}

// AllKinds is the set of every kind.
const AllKinds KindSet = 1<<numKinds - 1

// Has reports whether k is in s.
func (s KindSet) Has(k Kind) bool { return k < numKinds && s&(1<<k) != 0 }

// List returns the kinds in s in order.
func (s KindSet) List() []Kind {
	var ks []Kind
	for k := Kind(0); k < numKinds; k++ {
		if s.Has(k) {
			ks = append(ks, k)
		}
	}
	return ks
}

// String returns the kinds as "blocker-fix, docs", or "nothing" when empty.
func (s KindSet) String() string {
	if s&AllKinds == 0 {
		return "nothing"
	}
	return strings.Join(setNames(s, kindNames[:]), ", ")
}

// MarshalJSON encodes s as a JSON array of kind names.
func (s KindSet) MarshalJSON() ([]byte, error) { return json.Marshal(setNames(s, kindNames[:])) }

// UnmarshalJSON decodes a JSON array of kind names.
func (s *KindSet) UnmarshalJSON(b []byte) error { return unmarshalSet(b, "kinds", ParseKind, s) }

// setNames returns the names of the members of the bit set s in order, where
// names[i] names bit i; never nil, so that an empty set encodes as [].
func setNames[S ~uint16 | ~uint32](s S, names []string) []string {
	out := []string{}
	for i, n := range names {
		if s&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// unmarshalSet decodes a JSON array of names, each parsed with parse, into
// the bit set *s; what names the set in errors.
func unmarshalSet[S ~uint16 | ~uint32, E ~uint8](b []byte, what string, parse func(string) (E, error), s *S) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return jsonErr(what, err)
	}
	var v S
	for _, n := range names {
		e, err := parse(n)
		if err != nil {
			return err
		}
		v |= 1 << e
	}
	*s = v
	return nil
}

// jsonErr wraps a decoding error so that it matches ErrJSON and keeps the
// cause.
func jsonErr(what string, err error) error {
	return &FieldError{Field: what, Value: "", Why: err.Error(), Err: errJoin{ErrJSON, err}}
}

// errJoin matches both a sentinel and a cause.
type errJoin [2]error

func (e errJoin) Error() string   { return e[1].Error() }
func (e errJoin) Unwrap() []error { return e[:] }
