package bugflow

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// An Evaluation is what a scheme says of one issue: its state, the name of
// the first rule that gave it, the states whose rules matched, and the
// diagnoses. When rules of two states match, State is Unknown, Matched holds
// both and Diagnoses has Ambiguous: the conflict is reported, never
// resolved. Scheme.Explain says why. An Evaluation is comparable with ==
// (two from different builds of a scheme differ).
type Evaluation struct {
	State State
	// Name is the state's name in the scheme ("acknowledged"), "unknown"
	// for Unknown.
	Name      string
	Rule      string // the first matching state rule's Name
	Matched   StateSet
	Diagnoses Diagnosis
	// Findings lists the diagnosis rules that matched, one bit per rule in
	// configuration order (the first 64).
	Findings uint64

	s *compiled
}

// String returns the state, followed by the diagnoses in parentheses when
// there are any: "inbox", "unknown (orphan)", "unknown (ambiguous:
// reproduced|in engineering)", "reproduced (incomplete: no EM)".
func (v Evaluation) String() string {
	name := v.Name
	if name == "" {
		name = v.State.String()
	}
	var detail []string
	if v.s != nil {
		for i, r := range v.s.diagnoses {
			if i < 64 && v.Findings&(1<<uint(i)) != 0 && r.name != r.diag.String() {
				detail = append(detail, r.name)
			}
		}
	}
	switch {
	case v.Diagnoses.Has(Ambiguous):
		return fmt.Sprintf("%s (%s: %s)", name, v.Diagnoses, Scheme{v.s}.FormatStates(v.Matched))
	case len(detail) > 0:
		return fmt.Sprintf("%s (%s: %s)", name, v.Diagnoses, strings.Join(detail, ", "))
	case v.Diagnoses != 0:
		return fmt.Sprintf("%s (%s)", name, v.Diagnoses)
	}
	return name
}

// FormatStates lists the states of the set by the scheme's names, in the
// order of the flow, separated by "|".
func (s Scheme) FormatStates(ss StateSet) string {
	s = s.orEmpty()
	var out []string
	for _, st := range s.flow {
		if ss.Has(st) {
			out = append(out, s.names[st])
		}
	}
	for i := range 64 {
		if st := State(i); ss.Has(st) && !slices.Contains(s.flow, st) {
			out = append(out, s.StateName(st))
		}
	}
	return strings.Join(out, "|")
}

// Evaluate returns the evaluation of one issue. After the scheme is built it
// does not allocate and costs well under a microsecond for a typical scheme
// and issue.
func (s Scheme) Evaluate(is Issue) Evaluation {
	s = s.orEmpty()
	return s.evaluate(&is)
}

func (s *compiled) evaluate(is *Issue) Evaluation {
	f := s.features(is)
	return s.evaluateFeatures(&f)
}

func (s *compiled) evaluateFeatures(f *features) Evaluation {
	v := Evaluation{s: s}
	for i := range s.states {
		r := &s.states[i]
		if r.m.match(f) {
			if v.Matched == 0 {
				v.Rule = r.name
			}
			v.Matched = v.Matched.With(r.state)
		}
	}
	if v.Matched.Len() == 1 {
		v.State = State(bits.TrailingZeros64(uint64(v.Matched)))
	}
	for i := range s.diagnoses {
		d := &s.diagnoses[i]
		if (d.state == Unknown || d.state == v.State) && d.m.match(f) {
			v.Diagnoses |= d.diag
			if i < 64 {
				v.Findings |= 1 << uint(i)
			}
		}
	}
	switch v.Matched.Len() {
	case 1:
	case 0:
		if !f.closed && v.Diagnoses == 0 {
			v.Diagnoses |= Unclassified
		}
	default:
		v.Diagnoses |= Ambiguous
		v.Rule = ""
	}
	v.Name = s.names[v.State]
	return v
}

// A RuleCheck is one rule's search checked against one issue: the
// qualifiers that hold and those that fail, with what the issue has
// instead.
type RuleCheck struct {
	Rule  string // the rule's name
	State State  // the state it gives, or for a diagnosis the state it applies to
	// Diagnosis is the finding of a diagnosis rule, 0 for a state rule.
	Diagnosis Diagnosis
	Holds     []string // qualifiers that hold, such as "label:bug"
	Fails     []Failure
}

// OK reports whether every qualifier holds.
func (c RuleCheck) OK() bool { return len(c.Fails) == 0 }

// A Failure is a qualifier that does not hold, and why: "project:fleetdm/40"
// because "on no board".
type Failure struct {
	Term string
	Why  string
}

// String returns "fails project:fleetdm/40 (on no board)".
func (f Failure) String() string { return fmt.Sprintf("fails %s (%s)", f.Term, f.Why) }

// An Explanation says why an issue is in its state or in none: every state
// rule and diagnosis rule checked qualifier by qualifier.
type Explanation struct {
	Number     int
	Evaluation Evaluation
	States     []RuleCheck // one per state rule, in configuration order
	Diagnoses  []RuleCheck // one per diagnosis rule, in configuration order
	scheme     Scheme
}

// Explain checks the issue against every rule of the scheme. Unlike
// Evaluate it allocates; use it to answer "why", in a log or a bot comment.
func (s Scheme) Explain(is Issue) Explanation {
	s = s.orEmpty()
	f := s.features(&is)
	e := Explanation{Number: is.Number, Evaluation: s.evaluateFeatures(&f), scheme: s}
	check := func(r *crule) RuleCheck {
		c := RuleCheck{Rule: r.name, State: r.state, Diagnosis: r.diag}
		projectFails := false
		for _, t := range r.terms {
			if t.src.Columns == nil && t.src.Projects != nil && !t.m.match(&f) {
				projectFails = true
			}
		}
		for _, t := range r.terms {
			switch {
			case t.m.match(&f):
				c.Holds = append(c.Holds, t.text)
			case t.src.Columns != nil && projectFails:
				// Off the board: the project's failure says it.
			default:
				c.Fails = append(c.Fails, Failure{Term: t.text, Why: s.why(t, &is)})
			}
		}
		return c
	}
	for i := range s.states {
		e.States = append(e.States, check(&s.states[i]))
	}
	for i := range s.diagnoses {
		e.Diagnoses = append(e.Diagnoses, check(&s.diagnoses[i]))
	}
	return e
}

// Nearest returns the state rules that fail the fewest qualifiers (at least
// one), the states the issue is closest to; none when a state rule holds.
// Rules for closed issues are left out for an open one and the other way
// round (their is: fails), unless no other rule is left.
func (e Explanation) Nearest() []RuleCheck {
	for _, c := range e.States {
		if c.OK() {
			return nil
		}
	}
	statusFails := func(c RuleCheck) bool {
		return slices.ContainsFunc(c.Fails, func(f Failure) bool { return strings.HasPrefix(f.Term, "is:") })
	}
	cands := slices.DeleteFunc(slices.Clone(e.States), statusFails)
	if len(cands) == 0 {
		cands = e.States
	}
	best := -1
	for _, c := range cands {
		if best < 0 || len(c.Fails) < best {
			best = len(c.Fails)
		}
	}
	var out []RuleCheck
	for _, c := range cands {
		if len(c.Fails) == best {
			out = append(out, c)
		}
	}
	return out
}

// String returns the explanation as text a bot can post as a comment: the
// evaluation, the rule that holds, or the nearest states and what each
// misses, then the diagnoses that hold with the rules behind them.
//
//	#17102 is unknown (unclassified)
//	- nearest: reproduced: fails project:fleetdm/40 (on no board)
func (e Explanation) String() string {
	var b strings.Builder
	s := e.scheme.orEmpty()
	fmt.Fprintf(&b, "#%d is %s", e.Number, e.Evaluation)
	switch {
	case e.Evaluation.Diagnoses.Has(Ambiguous):
		for _, c := range e.States {
			if c.OK() {
				fmt.Fprintf(&b, "\n- %s (%s) holds: %s", c.Rule, s.StateName(c.State), strings.Join(c.Holds, " "))
			}
		}
	case e.Evaluation.State != Unknown:
		for _, c := range e.States {
			if c.OK() {
				fmt.Fprintf(&b, "\n- %s holds: %s", c.Rule, strings.Join(c.Holds, " "))
				break
			}
		}
	default:
		for _, c := range e.Nearest() {
			var fs []string
			for _, f := range c.Fails {
				fs = append(fs, f.String())
			}
			fmt.Fprintf(&b, "\n- nearest: %s: %s", c.Rule, strings.Join(fs, "; "))
		}
	}
	for _, c := range e.Diagnoses {
		applies := c.State == Unknown || c.State == e.Evaluation.State
		if c.OK() && applies {
			fmt.Fprintf(&b, "\n- %s (%s): %s", c.Rule, c.Diagnosis, strings.Join(c.Holds, " "))
		}
	}
	return b.String()
}

// why says what the issue has instead of what a failing term asks.
func (s *compiled) why(t term, is *Issue) string {
	m := t.src
	switch {
	case m.Issue:
		return "not an issue"
	case m.Status != StatusAny:
		if is.Closed {
			return "closed"
		}
		return "open"
	case m.Labels != nil || m.AnyLabels != nil:
		return "labels: " + listOr(is.Labels, "none")
	case m.NotLabels != nil:
		p := compilePattern(m.NotLabels[0])
		for _, l := range is.Labels {
			if p.match(trim(l)) {
				return "has " + trim(l)
			}
		}
	case m.NoLabel:
		return "labels: " + listOr(is.Labels, "none")
	case m.Assignees != nil || m.NotAssignees != nil || m.NoAssignee:
		return "assigned to " + listOr(is.Assignees, "nobody")
	case m.Roles != nil || m.NotRoles != nil:
		var who []string
		for _, a := range is.Assignees {
			r := Scheme{s}.Role(a)
			if r == "" {
				r = "no role"
			}
			who = append(who, trim(a)+" ("+r+")")
		}
		return "assigned to " + listOr(who, "nobody")
	case m.Columns != nil:
		b := s.boardByProject(m.Projects[0])
		for _, bi := range is.Boards {
			if s.boardByTitle(bi.Board) == b {
				if trim(bi.Column) == "" {
					return "on " + trim(bi.Board) + " with no column"
				}
				return "in column " + trim(bi.Column) + " of " + trim(bi.Board)
			}
		}
		return "not on " + s.boardTitle(b)
	case m.Projects != nil || m.NotProjects != nil || m.NoProject:
		var on []string
		for _, bi := range is.Boards {
			on = append(on, trim(bi.Board))
		}
		if len(on) == 0 {
			return "on no board"
		}
		return "on " + strings.Join(on, ", ")
	case !m.Created.IsZero():
		if is.Created.IsZero() {
			return "no creation time"
		}
		return "created " + is.Created.UTC().Format("2006-01-02")
	case !m.Closed.IsZero():
		if is.ClosedAt.IsZero() {
			return "never closed"
		}
		return "closed " + is.ClosedAt.UTC().Format("2006-01-02")
	}
	return "does not hold"
}

// boardTitle returns the configured title of board b.
func (s *compiled) boardTitle(b int) string {
	if b < 0 || b >= len(s.cfg.Boards) {
		return "the board"
	}
	return trim(s.cfg.Boards[b].Title)
}

func listOr(xs []string, none string) string {
	var out []string
	for _, x := range xs {
		if t := trim(x); t != "" {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return none
	}
	return strings.Join(out, ", ")
}
