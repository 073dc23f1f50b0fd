package release

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/teamcadence/cadence/internal/strict"
)

// A Scope says which versions a kind of support covers, relative to the
// latest release.
type Scope uint8

const (
	ScopeNone   Scope = iota // "none": no version
	ScopeLatest              // "latest": the latest minor release and its patches only
	ScopeMajor               // "major": every release of the latest major version
	ScopeAll                 // "all": every released version
	numScopes
)

var scopeNames = [numScopes]string{"none", "latest", "major", "all"}

// String returns the scope's name.
func (s Scope) String() string {
	if s < numScopes {
		return scopeNames[s]
	}
	return "scope(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns the scope's name.
func (s Scope) MarshalText() ([]byte, error) {
	if s >= numScopes {
		return nil, configErr("scope", s.String(), "unknown scope", ErrSupport)
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses a scope's name.
func (s *Scope) UnmarshalText(text []byte) error {
	if i := slices.Index(scopeNames[:], string(text)); i >= 0 {
		*s = Scope(i)
		return nil
	}
	return configErr("scope", string(text), `want "none", "latest", "major" or "all"`, ErrSupport)
}

func (s Scope) covers(v, latest Version) bool {
	switch s {
	case ScopeLatest:
		return v.Major == latest.Major && v.Minor == latest.Minor
	case ScopeMajor:
		return v.Major == latest.Major
	case ScopeAll:
		return true
	}
	return false
}

// A Coverage is the support one tier gets (R15).
type Coverage struct {
	Tier            string `json:"tier"`            // e.g. "community", "premium"
	Fixes           Scope  `json:"fixes"`           // versions that get bug fixes
	Troubleshooting Scope  `json:"troubleshooting"` // versions that get troubleshooting support
}

// A Support is a version-support policy (R15): per tier, which versions get
// bug fixes and which get troubleshooting. It is immutable; the zero Support
// knows no tiers.
type Support struct {
	name  string
	tiers []Coverage
}

// NewSupport returns a support policy named name for the tiers given. Tier
// names must be non-empty and distinct (a *ConfigError matching ErrSupport,
// whose Field is the tier's JSON path, "tiers[1].tier").
func NewSupport(name string, tiers ...Coverage) (Support, error) {
	for i, c := range tiers {
		at := strict.Index("tiers", i)
		switch {
		case c.Tier == "":
			return Support{}, configErr(at+".tier", "", "a tier needs a name", ErrSupport)
		case c.Fixes >= numScopes:
			return Support{}, configErr(at+".fixes", c.Fixes.String(), "unknown scope", ErrSupport)
		case c.Troubleshooting >= numScopes:
			return Support{}, configErr(at+".troubleshooting", c.Troubleshooting.String(), "unknown scope", ErrSupport)
		}
		for _, d := range tiers[:i] {
			if d.Tier == c.Tier {
				return Support{}, configErr(at+".tier", c.Tier, "listed twice", ErrSupport)
			}
		}
	}
	return Support{name: name, tiers: append([]Coverage(nil), tiers...)}, nil
}

// Name returns the policy's name.
func (s Support) Name() string { return s.name }

// Tiers returns a copy of the policy's tiers.
func (s Support) Tiers() []Coverage { return append([]Coverage(nil), s.tiers...) }

// A SupportAnswer says what support version v gets in a tier, and the
// scopes that decided it, so that a no carries its reason.
type SupportAnswer struct {
	Tier            string
	Version, Latest Version
	Fixes           bool  // bug fixes land for this version (R15: latest only; no back-ports)
	Troubleshooting bool  // the team helps troubleshoot this version
	FixScope        Scope // the tier's scope for fixes
	HelpScope       Scope // the tier's scope for troubleshooting
}

// String returns a sentence such as "community on 3.29.0 (latest 4.58.0):
// no fixes (latest 4.58 only), no troubleshooting (major 4 only) (R15)":
// each no says which versions the tier covers.
func (a SupportAnswer) String() string {
	yn := func(b bool, what string, s Scope) string {
		if b {
			return what
		}
		switch s {
		case ScopeLatest:
			return "no " + what + " (latest " + strconv.Itoa(a.Latest.Major) + "." + strconv.Itoa(a.Latest.Minor) + " only)"
		case ScopeMajor:
			return "no " + what + " (major " + strconv.Itoa(a.Latest.Major) + " only)"
		}
		return "no " + what + " (none in this tier)"
	}
	return a.Tier + " on " + a.Version.String() + " (latest " + a.Latest.String() + "): " +
		yn(a.Fixes, "fixes", a.FixScope) + ", " + yn(a.Troubleshooting, "troubleshooting", a.HelpScope) + " (R15)"
}

// Check reports the support version v gets in tier, when latest is the
// latest release. An unknown tier returns a *ConfigError matching
// ErrUnknownName; a v newer than latest one matching ErrSupport.
func (s Support) Check(tier string, v, latest Version) (SupportAnswer, error) {
	if latest.Less(v) {
		return SupportAnswer{}, configErr("version", v.String(), "newer than the latest release "+latest.String(), ErrSupport)
	}
	for _, c := range s.tiers {
		if c.Tier == tier {
			return SupportAnswer{Tier: tier, Version: v, Latest: latest,
				Fixes: c.Fixes.covers(v, latest), Troubleshooting: c.Troubleshooting.covers(v, latest),
				FixScope: c.Fixes, HelpScope: c.Troubleshooting}, nil
		}
	}
	return SupportAnswer{}, configErr("tier", tier, "not a tier of "+strconv.Quote(s.name), ErrUnknownName)
}

type supportWire struct {
	Name  string         `json:"name"`
	Tiers []coverageWire `json:"tiers"`
}

type coverageWire struct {
	Tier            string `json:"tier"`
	Fixes           string `json:"fixes"`
	Troubleshooting string `json:"troubleshooting"`
}

// MarshalJSON encodes s as {"name":"...","tiers":[{"tier":"community","fixes":"latest","troubleshooting":"major"}]}.
func (s Support) MarshalJSON() ([]byte, error) {
	j := supportWire{Name: s.name, Tiers: make([]coverageWire, len(s.tiers))}
	for i, c := range s.tiers {
		j.Tiers[i] = coverageWire{c.Tier, c.Fixes.String(), c.Troubleshooting.String()}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly (unknown and
// duplicate keys are refused at any depth, errors name the JSON path), and
// validates it with NewSupport. "fixes" and "troubleshooting" are required
// in every tier. A null document or field leaves the value as it was.
func (s *Support) UnmarshalJSON(b []byte) error {
	var j *supportWire
	if err := decode(b, &j, ""); err != nil {
		return err
	}
	if j == nil {
		return nil
	}
	tiers := make([]Coverage, len(j.Tiers))
	for i, w := range j.Tiers {
		at := strict.Index("tiers", i)
		tiers[i].Tier = w.Tier
		if err := tiers[i].Fixes.UnmarshalText([]byte(w.Fixes)); err != nil {
			return withField(at+".fixes", err)
		}
		if err := tiers[i].Troubleshooting.UnmarshalText([]byte(w.Troubleshooting)); err != nil {
			return withField(at+".troubleshooting", err)
		}
	}
	v, err := NewSupport(j.Name, tiers...)
	if err != nil {
		return err
	}
	*s = v
	return nil
}
