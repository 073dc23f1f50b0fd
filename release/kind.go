package release

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/teamcadence/cadence/internal/strict"
)

// A ChangeKind says what a change is, for the merge gate (R10). (The
// rotation package's override kinds are rotation.OverrideKind.)
type ChangeKind uint8

// The kinds of change. Their text forms are the names in quotes.
const (
	Feature          ChangeKind = iota // "feature": new functionality or an improvement
	ReleasedBugFix                     // "released-bug-fix": fixes a bug present in a published release
	UnreleasedBugFix                   // "unreleased-bug-fix": fixes a bug only on the main or release branch
	BlockerFix                         // "blocker-fix": fixes a release-blocking bug (R11, R12)
	Docs                               // "docs": documentation only
	Chore                              // "chore": tests, CI, tooling, dependency bumps
	numKinds
)

var kindNames = [numKinds]string{"feature", "released-bug-fix", "unreleased-bug-fix", "blocker-fix", "docs", "chore"}

// String returns the kind's text form, such as "blocker-fix".
func (k ChangeKind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseChangeKind parses a kind's text form.
func ParseChangeKind(s string) (ChangeKind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return ChangeKind(i), nil
	}
	return 0, configErr("kind", s, "want one of "+strings.Join(kindNames[:], ", "), ErrUnknownName)
}

// MarshalText returns the kind's text form.
func (k ChangeKind) MarshalText() ([]byte, error) {
	if k >= numKinds {
		return nil, configErr("kind", k.String(), "unknown kind", ErrUnknownName)
	}
	return []byte(k.String()), nil
}

// UnmarshalText parses text with ParseChangeKind.
func (k *ChangeKind) UnmarshalText(text []byte) error {
	v, err := ParseChangeKind(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// A KindSet is a set of kinds. The zero KindSet is empty; sets compare with ==.
type KindSet uint16

// Kinds returns the set of ks.
func Kinds(ks ...ChangeKind) KindSet {
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
func (s KindSet) Has(k ChangeKind) bool { return k < numKinds && s&(1<<k) != 0 }

// List returns the kinds in s in order.
func (s KindSet) List() []ChangeKind {
	var ks []ChangeKind
	for k := ChangeKind(0); k < numKinds; k++ {
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
func (s *KindSet) UnmarshalJSON(b []byte) error { return unmarshalSet(b, ParseChangeKind, s) }

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

// unmarshalSet decodes a JSON array of names strictly, each parsed with
// parse, into the bit set *s; errors name the element ("[2]"). A null
// document leaves *s as it was.
func unmarshalSet[S ~uint16 | ~uint32, E ~uint8](b []byte, parse func(string) (E, error), s *S) error {
	var names *[]string
	if err := decode(b, &names, ""); err != nil {
		return err
	}
	if names == nil {
		return nil
	}
	var v S
	for i, n := range *names {
		e, err := parse(n)
		if err != nil {
			return withField(strict.Index("", i), err)
		}
		v |= 1 << e
	}
	*s = v
	return nil
}
