package release

import (
	"encoding/json"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// A Fact is something known about a bug, the input of classification
// (R11-R14). Facts are combined into a Facts set.
type Fact uint8

// The facts about a bug. Their text forms are the names in quotes.
const (
	Regression         Fact = iota // "regression": worked in an earlier release
	Security                       // "security": a security concern or vulnerability
	Targeted                       // "targeted": affects a feature targeted for the current release
	FoundInTesting                 // "found-in-testing": found in release testing
	BreaksStable                   // "breaks-stable": new functionality impacts previously stable functionality
	IncompleteFeature              // "incomplete-feature": a feature incomplete as defined or implied in the specs
	KnownIssue                     // "known-issue": a known issue not targeted for the current release
	ReproducesInStable             // "reproduces-in-stable": reproduces in an older stable version
	BlocksWorkflow                 // "blocks-workflow": blocks the normal use of a workflow
	PreventsUpgrade                // "prevents-upgrade": prevents upgrades
	DataLoss                       // "data-loss": causes irreversible damage such as data loss
	Released                       // "released": present in a published release
	IsCritical                     // "critical": derived, set by rules that make a bug critical
	IsBlocker                      // "blocker": derived, set by rules that make a bug a release blocker
	IsPatch                        // "patch": derived, set by rules that call for a patch release
	numFacts
)

var factNames = [numFacts]string{"regression", "security", "targeted", "found-in-testing", "breaks-stable",
	"incomplete-feature", "known-issue", "reproduces-in-stable", "blocks-workflow", "prevents-upgrade",
	"data-loss", "released", "critical", "blocker", "patch"}

// String returns the fact's text form, such as "data-loss".
func (f Fact) String() string {
	if f < numFacts {
		return factNames[f]
	}
	return "fact(" + strconv.Itoa(int(f)) + ")"
}

// ParseFact parses a fact's text form.
func ParseFact(s string) (Fact, error) {
	if i := slices.Index(factNames[:], s); i >= 0 {
		return Fact(i), nil
	}
	return 0, fieldErr("fact", s, "unknown fact", ErrRules)
}

// MarshalText returns the fact's text form.
func (f Fact) MarshalText() ([]byte, error) {
	if f >= numFacts {
		return nil, fieldErr("fact", f.String(), "unknown fact", ErrRules)
	}
	return []byte(f.String()), nil
}

// UnmarshalText parses text with ParseFact.
func (f *Fact) UnmarshalText(text []byte) error {
	v, err := ParseFact(string(text))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Facts is a set of facts. The zero Facts is empty; sets compare with ==.
type Facts uint32

// FactsOf returns the set of fs.
func FactsOf(fs ...Fact) Facts {
	var s Facts
	for _, f := range fs {
		if f < numFacts {
			s |= 1 << f
		}
	}
	return s
}

const allFacts Facts = 1<<numFacts - 1

// Has reports whether f is in s.
func (s Facts) Has(f Fact) bool { return f < numFacts && s&(1<<f) != 0 }

// With returns s with fs added.
func (s Facts) With(fs ...Fact) Facts { return s | FactsOf(fs...) }

// List returns the facts in s in order.
func (s Facts) List() []Fact {
	var fs []Fact
	for f := Fact(0); f < numFacts; f++ {
		if s.Has(f) {
			fs = append(fs, f)
		}
	}
	return fs
}

// String returns the facts as "regression, data-loss", or "none".
func (s Facts) String() string {
	if s&allFacts == 0 {
		return "none"
	}
	return strings.Join(setNames(s, factNames[:]), ", ")
}

// MarshalJSON encodes s as a JSON array of fact names.
func (s Facts) MarshalJSON() ([]byte, error) { return json.Marshal(setNames(s, factNames[:])) }

// UnmarshalJSON decodes a JSON array of fact names.
func (s *Facts) UnmarshalJSON(b []byte) error { return unmarshalSet(b, "facts", ParseFact, s) }

// A Rule is one classification rule: when a bug has every fact in All, at
// least one in Any (if Any is not empty) and none in None, the rule adds the
// facts in Set and removes those in Clear. Set and Clear hold the derived
// facts IsBlocker, IsCritical and IsPatch; later rules see what earlier ones
// derived, so "a critical bug found in release testing is a blocker" is
// All: {FoundInTesting, IsCritical}.
type Rule struct {
	ID    string `json:"id"`             // the handbook rule, e.g. "R11.1"
	Text  string `json:"text,omitempty"` // a short description, e.g. "regressions block the release"
	All   Facts  `json:"all,omitzero"`
	Any   Facts  `json:"any,omitzero"`
	None  Facts  `json:"none,omitzero"`
	Set   Facts  `json:"set,omitzero"`
	Clear Facts  `json:"clear,omitzero"`
}

func (r Rule) matches(f Facts) bool {
	return f&r.All == r.All && (r.Any == 0 || f&r.Any != 0) && f&r.None == 0
}

const derived = 1<<IsCritical | 1<<IsBlocker | 1<<IsPatch

// Rules is an ordered, validated list of classification rules, as data, so
// that a team can write its own (R11-R14). Rules apply in order and a later
// rule overrides an earlier one. The zero Rules classifies nothing as a
// blocker, critical or patch. Rules is immutable.
type Rules struct {
	name  string
	rules []Rule
}

// NewRules checks rules and returns them as a Rules named name. Every rule
// needs an ID, must Set or Clear only derived facts (IsBlocker, IsCritical,
// IsPatch), and must not both Set and Clear a fact. There may be at most 64
// rules. Errors are *FieldError values matching ErrRules.
func NewRules(name string, rules ...Rule) (Rules, error) {
	if len(rules) > 64 {
		return Rules{}, fieldErr("rules", strconv.Itoa(len(rules)), "more than 64 rules", ErrRules)
	}
	for i, r := range rules {
		at := "rule " + strconv.Itoa(i)
		switch {
		case r.ID == "":
			return Rules{}, fieldErr(at, r.Text, "no id", ErrRules)
		case (r.Set|r.Clear)&^derived != 0:
			return Rules{}, fieldErr(at, r.ID, "set and clear take only critical, blocker and patch", ErrRules)
		case r.Set&r.Clear != 0:
			return Rules{}, fieldErr(at, r.ID, "sets and clears "+(r.Set&r.Clear).String(), ErrRules)
		case (r.All|r.Any|r.None)&^allFacts != 0:
			return Rules{}, fieldErr(at, r.ID, "unknown facts", ErrRules)
		case r.Set|r.Clear == 0:
			return Rules{}, fieldErr(at, r.ID, "neither sets nor clears anything", ErrRules)
		}
	}
	return Rules{name: name, rules: append([]Rule(nil), rules...)}, nil
}

// MustNewRules is like NewRules but panics on error. It is intended for use
// in tests and with hard-coded values.
func MustNewRules(name string, rules ...Rule) Rules {
	r, err := NewRules(name, rules...)
	if err != nil {
		panic(err)
	}
	return r
}

// Name returns the name of the rule set.
func (rs Rules) Name() string { return rs.name }

// All returns a copy of the rules in order.
func (rs Rules) All() []Rule { return append([]Rule(nil), rs.rules...) }

// A Verdict is one answer of a classification: yes or no, and the IDs of the
// rules that decided it (the last rule to set or clear it, with the rules
// before it that agreed). No rule means no, with no IDs.
type Verdict struct {
	Yes   bool
	Rules []string
}

// String returns "yes (R11.1, R14.3)", "no (R13.2)" or "no".
func (v Verdict) String() string {
	s := "no"
	if v.Yes {
		s = "yes"
	}
	if len(v.Rules) > 0 {
		s += " (" + strings.Join(v.Rules, ", ") + ")"
	}
	return s
}

// A Classification says whether a bug blocks the release, whether it is
// critical and whether it warrants a patch release, with the rules that
// decided each.
type Classification struct {
	Facts    Facts // the facts given, with the derived facts added
	Blocker  Verdict
	Critical Verdict
	Patch    Verdict
}

// String returns "blocker: yes (R11.1); critical: no; patch: no".
func (c Classification) String() string {
	return "blocker: " + c.Blocker.String() + "; critical: " + c.Critical.String() + "; patch: " + c.Patch.String()
}

// Classify applies the rules in order to facts. Derived facts in facts are
// ignored: only the rules derive them.
func (rs Rules) Classify(facts Facts) Classification {
	f := facts &^ derived
	var setBy, clearBy [3]uint64 // bit i: rule i set (or cleared) the derived fact
	for i, r := range rs.rules {
		if !r.matches(f) {
			continue
		}
		f = (f | r.Set) &^ r.Clear
		for j, d := range [3]Fact{IsBlocker, IsCritical, IsPatch} {
			switch {
			case r.Set.Has(d):
				setBy[j] |= 1 << i
				clearBy[j] = 0
			case r.Clear.Has(d):
				clearBy[j] |= 1 << i
				setBy[j] = 0
			}
		}
	}
	c := Classification{Facts: f}
	var decided [3]uint64
	total := 0
	for j, d := range [3]Fact{IsBlocker, IsCritical, IsPatch} {
		decided[j] = clearBy[j]
		if f.Has(d) {
			decided[j] = setBy[j]
		}
		total += bits.OnesCount64(decided[j])
	}
	ids := make([]string, 0, total) // one allocation for all three verdicts
	var vs [3]Verdict
	for j, d := range [3]Fact{IsBlocker, IsCritical, IsPatch} {
		start := len(ids)
		for i := range rs.rules {
			if decided[j]&(1<<i) != 0 {
				ids = append(ids, rs.rules[i].ID)
			}
		}
		vs[j] = Verdict{Yes: f.Has(d)}
		if len(ids) > start {
			vs[j].Rules = ids[start:len(ids):len(ids)]
		}
	}
	c.Blocker, c.Critical, c.Patch = vs[0], vs[1], vs[2]
	return c
}

// MarshalJSON encodes rs as {"name":"...","rules":[{"id":"R11.1","all":["regression"],"set":["blocker"]},...]}.
func (rs Rules) MarshalJSON() ([]byte, error) {
	rules := rs.rules
	if rules == nil {
		rules = []Rule{}
	}
	return json.Marshal(struct {
		Name  string `json:"name"`
		Rules []Rule `json:"rules"`
	}{rs.name, rules})
}

// UnmarshalJSON decodes the form MarshalJSON writes and validates it with
// NewRules.
func (rs *Rules) UnmarshalJSON(b []byte) error {
	var j struct {
		Name  string `json:"name"`
		Rules []Rule `json:"rules"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return jsonErr("rules", err)
	}
	v, err := NewRules(j.Name, j.Rules...)
	if err != nil {
		return err
	}
	*rs = v
	return nil
}

// criticalRules are R14's, shared by both Fleet presets.
var criticalRules = [...]Rule{
	{ID: "R14.1", Text: "blocks the normal use of a workflow: critical", All: 1 << BlocksWorkflow, Set: 1 << IsCritical},
	{ID: "R14.2", Text: "prevents upgrades: critical", All: 1 << PreventsUpgrade, Set: 1 << IsCritical},
	{ID: "R14.3", Text: "irreversible damage such as data loss: critical", All: 1 << DataLoss, Set: 1 << IsCritical},
	{ID: "R14.4", Text: "introduces a security vulnerability: critical", All: 1 << Security, Set: 1 << IsCritical},
}

// Fleet2024Rules returns the classification rules of Fleet's handbook
// (shared/handbook.md R11-R14), in this order:
//
//   - R14.1-R14.4: a bug that blocks a workflow, prevents upgrades, causes data
//     loss or is a security vulnerability is critical;
//   - R11.1-R11.3: regressions, security concerns and issues with features
//     targeted for the current release block the release;
//   - R12.1-R12.3: found in release testing, critical bugs, breakage of stable
//     functionality and incomplete features block the release;
//   - R13.1-R13.2: known issues not targeted for the release and behaviour
//     that reproduces in an older stable version do not block it (they may
//     still be taken by agreement of product and engineering);
//   - R14.5: a critical bug follows the patch release process;
//   - R11.4: a release blocker that shipped in a release warrants a patch.
func Fleet2024Rules() Rules {
	rs := append(criticalRules[:0:0], criticalRules[:]...)
	rs = append(rs,
		Rule{ID: "R11.1", Text: "regressions block the release", All: 1 << Regression, Set: 1 << IsBlocker},
		Rule{ID: "R11.2", Text: "security concerns block the release", All: 1 << Security, Set: 1 << IsBlocker},
		Rule{ID: "R11.3", Text: "issues with features targeted for the current release block it", All: 1 << Targeted, Set: 1 << IsBlocker},
		Rule{ID: "R12.1", Text: "critical bugs found in release testing block the release", All: 1<<FoundInTesting | 1<<IsCritical, Set: 1 << IsBlocker},
		Rule{ID: "R12.2", Text: "new functionality that impacts stable functionality, found in release testing, blocks the release", All: 1<<FoundInTesting | 1<<BreaksStable, Set: 1 << IsBlocker},
		Rule{ID: "R12.3", Text: "incomplete features found in release testing block the release", All: 1<<FoundInTesting | 1<<IncompleteFeature, Set: 1 << IsBlocker},
		Rule{ID: "R13.1", Text: "known issues not targeted for the current release do not block it", All: 1 << KnownIssue, None: 1 << Targeted, Clear: 1 << IsBlocker},
		Rule{ID: "R13.2", Text: "behaviour that reproduces in an older stable version does not block the release", All: 1 << ReproducesInStable, Clear: 1 << IsBlocker},
		Rule{ID: "R14.5", Text: "critical bugs follow the patch release process", All: 1 << IsCritical, Set: 1 << IsPatch},
		Rule{ID: "R11.4", Text: "a release blocker that shipped may warrant a patch release", All: 1<<IsBlocker | 1<<Released, Set: 1 << IsPatch},
	)
	return MustNewRules("Fleet 2024 bug rules", rs...)
}

// Fleet2025Rules returns the rules of newer Fleet handbooks, where bugs are
// never release blockers: the R14 rules still make a bug critical, and a
// critical bug follows the patch release process (R14.5), but no rule makes
// a bug block the release.
func Fleet2025Rules() Rules {
	rs := append(criticalRules[:0:0], criticalRules[:]...)
	rs = append(rs,
		Rule{ID: "R14.5", Text: "critical bugs follow the patch release process", All: 1 << IsCritical, Set: 1 << IsPatch},
	)
	return MustNewRules("Fleet 2025 bug rules (bugs never block releases)", rs...)
}
