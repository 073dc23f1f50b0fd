package release

import (
	"encoding/json"
	"iter"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/teamcadence/cadence/internal/strict"
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
	return 0, configErr("fact", s, "want one of "+strings.Join(factNames[:], ", "), ErrUnknownName)
}

// MarshalText returns the fact's text form.
func (f Fact) MarshalText() ([]byte, error) {
	if f >= numFacts {
		return nil, configErr("fact", f.String(), "unknown fact", ErrUnknownName)
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
func (s *Facts) UnmarshalJSON(b []byte) error { return unmarshalSet(b, ParseFact, s) }

// A Rule is one classification rule: when a bug has every fact in All, at
// least one in Any (if Any is not empty) and none in None, the rule adds the
// facts in Set and removes those in Clear. Set and Clear hold the derived
// facts IsBlocker, IsCritical and IsPatch; later rules see what earlier ones
// derived, so "a critical bug found in release testing is a blocker" is
// All: {FoundInTesting, IsCritical}.
type Rule struct {
	ID    string `json:"id"`             // the rule in RULES.md, e.g. "R11.1"
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
// IsPatch), must not both Set and Clear a fact, and IDs must be distinct.
// There may be at most 64 rules. Errors are *ConfigError values matching
// ErrRules whose Field is the rule's JSON path ("rules[3].set").
func NewRules(name string, rules ...Rule) (Rules, error) {
	if len(rules) > 64 {
		return Rules{}, configErr("rules", strconv.Itoa(len(rules)), "more than 64 rules", ErrRules)
	}
	for i, r := range rules {
		at := strict.Index("rules", i)
		switch {
		case r.ID == "":
			return Rules{}, configErr(at+".id", "", "a rule needs an id", ErrRules)
		case (r.Set|r.Clear)&^derived != 0:
			return Rules{}, configErr(at+".set", r.ID, "set and clear take only critical, blocker and patch", ErrRules)
		case r.Set&r.Clear != 0:
			return Rules{}, configErr(at+".clear", r.ID, "sets and clears "+(r.Set&r.Clear).String(), ErrRules)
		case (r.All|r.Any|r.None)&^allFacts != 0:
			return Rules{}, configErr(at, r.ID, "unknown facts", ErrRules)
		case r.Set|r.Clear == 0:
			return Rules{}, configErr(at, r.ID, "neither sets nor clears anything", ErrRules)
		}
		for _, q := range rules[:i] {
			if q.ID == r.ID {
				return Rules{}, configErr(at+".id", r.ID, "given to two rules", ErrRules)
			}
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

// All yields the rules in order.
func (rs Rules) All() iter.Seq[Rule] {
	return func(yield func(Rule) bool) {
		for _, r := range rs.rules {
			if !yield(r) {
				return
			}
		}
	}
}

// Len returns the number of rules.
func (rs Rules) Len() int { return len(rs.rules) }

// A Verdict is one answer of a classification: yes or no, and why. Rules
// are the IDs of the rules that decided it (the last rule to set or clear
// it, with the rules before it that agreed). A no that no rule decided says
// why in Unmatched: the IDs of the rules that would have made it a yes and
// did not apply to the bug's facts (empty when the rule set has none, as
// Fleet2025Rules has no blocker rule).
type Verdict struct {
	Yes       bool
	Rules     []string
	Unmatched []string
}

// String returns "yes (R11.1, R14.3)", "no (R13.2)", "no (none of R11.1,
// R11.2 applies)" or "no (no rule sets it)".
func (v Verdict) String() string {
	switch {
	case len(v.Rules) > 0 && v.Yes:
		return "yes (" + strings.Join(v.Rules, ", ") + ")"
	case v.Yes:
		return "yes"
	case len(v.Rules) > 0:
		return "no (" + strings.Join(v.Rules, ", ") + ")"
	case len(v.Unmatched) > 0:
		return "no (none of " + strings.Join(v.Unmatched, ", ") + " applies)"
	}
	return "no (no rule sets it)"
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
	var unmatched [3]uint64 // rules that would set the fact, when no rule decided a no
	for j, d := range [3]Fact{IsBlocker, IsCritical, IsPatch} {
		if decided[j] == 0 && !f.Has(d) {
			for i, r := range rs.rules {
				if r.Set.Has(d) {
					unmatched[j] |= 1 << i
				}
			}
			total += bits.OnesCount64(unmatched[j])
		}
	}
	ids := make([]string, 0, total) // one allocation for all three verdicts
	var vs [3]Verdict
	pick := func(set uint64) []string {
		start := len(ids)
		for i := range rs.rules {
			if set&(1<<i) != 0 {
				ids = append(ids, rs.rules[i].ID)
			}
		}
		if len(ids) == start {
			return nil
		}
		return ids[start:len(ids):len(ids)]
	}
	for j, d := range [3]Fact{IsBlocker, IsCritical, IsPatch} {
		vs[j] = Verdict{Yes: f.Has(d), Rules: pick(decided[j]), Unmatched: pick(unmatched[j])}
	}
	c.Blocker, c.Critical, c.Patch = vs[0], vs[1], vs[2]
	return c
}

// rulesWire is the stored form of Rules.
type rulesWire struct {
	Name  string     `json:"name"`
	Rules []ruleWire `json:"rules"`
}

type ruleWire struct {
	ID    string   `json:"id"`
	Text  string   `json:"text,omitempty"`
	All   []string `json:"all,omitempty"`
	Any   []string `json:"any,omitempty"`
	None  []string `json:"none,omitempty"`
	Set   []string `json:"set,omitempty"`
	Clear []string `json:"clear,omitempty"`
}

// MarshalJSON encodes rs as {"name":"...","rules":[{"id":"R11.1","all":["regression"],"set":["blocker"]},...]}.
func (rs Rules) MarshalJSON() ([]byte, error) {
	j := rulesWire{Name: rs.name, Rules: make([]ruleWire, len(rs.rules))}
	for i, r := range rs.rules {
		j.Rules[i] = ruleWire{ID: r.ID, Text: r.Text, All: factNamesOf(r.All), Any: factNamesOf(r.Any),
			None: factNamesOf(r.None), Set: factNamesOf(r.Set), Clear: factNamesOf(r.Clear)}
	}
	return json.Marshal(j)
}

func factNamesOf(s Facts) []string {
	if s == 0 {
		return nil
	}
	return setNames(s, factNames[:])
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly (unknown and
// duplicate keys are refused at any depth, errors name the JSON path such
// as "rules[2].set[0]"), and validates it with NewRules. A null document or
// field leaves the value as it was.
func (rs *Rules) UnmarshalJSON(b []byte) error {
	var j *rulesWire
	if err := decode(b, &j, ""); err != nil {
		return err
	}
	if j == nil {
		return nil
	}
	rules := make([]Rule, len(j.Rules))
	for i, w := range j.Rules {
		at := strict.Index("rules", i)
		r := Rule{ID: w.ID, Text: w.Text}
		for _, f := range []struct {
			key   string
			names []string
			dst   *Facts
		}{{"all", w.All, &r.All}, {"any", w.Any, &r.Any}, {"none", w.None, &r.None}, {"set", w.Set, &r.Set}, {"clear", w.Clear, &r.Clear}} {
			for k, n := range f.names {
				x, err := ParseFact(n)
				if err != nil {
					return withField(strict.Index(at+"."+f.key, k), err)
				}
				*f.dst |= 1 << x
			}
		}
		rules[i] = r
	}
	v, err := NewRules(j.Name, rules...)
	if err != nil {
		return err
	}
	*rs = v
	return nil
}
