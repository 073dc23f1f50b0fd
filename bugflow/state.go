package bugflow

import (
	"fmt"
	"math/bits"
	"strings"
)

// A State is where a bug is in its life (R17): in the inbox, reproduced, in
// the engineering process, awaiting QA, or closed.
//
// States are small integers: == and map keys work, and they order as the
// flow runs (Inbox < Reproduced < InEngineering < AwaitingQA < Closed). The
// zero State is Unknown: the issue matches no state of the scheme (an orphan,
// an ambiguous issue, or not a bug at all); an Evaluation says which.
//
// A scheme may declare more states in its flow (Config.Flow): they take
// the values from NumStates on, in the order the flow lists them, and
// Scheme.State and Scheme.StateName convert them; String writes them as
// "State(n)".
//
// Orphan and ReproducedOrphan are not states but diagnoses (see Diagnosis):
// R23 requires them to be reported, not to be a step of the flow.
type State int

const (
	// Unknown is the zero State: no state, or more than one, matched.
	Unknown State = iota
	// Inbox holds new reports waiting for QA to reproduce them (R18).
	Inbox
	// Reproduced holds bugs QA has reproduced and handed to a team (R20).
	Reproduced
	// InEngineering holds bugs engineers are fixing (R17).
	InEngineering
	// AwaitingQA holds fixed bugs waiting for QA to confirm the fix (R17).
	AwaitingQA
	// Closed holds closed bugs.
	Closed
)

// NumStates is the number of State values, Unknown included: arrays indexed
// by State, such as Report.States, have this length.
const NumStates = int(Closed) + 1

// stateName returns the name of a valid State or Unknown.
func stateName(s State) string {
	switch s {
	case Inbox:
		return "inbox"
	case Reproduced:
		return "reproduced"
	case InEngineering:
		return "in engineering"
	case AwaitingQA:
		return "awaiting QA"
	case Closed:
		return "closed"
	}
	return "unknown"
}

// States lists the states of the flow in order, without Unknown.
func States() []State { return []State{Inbox, Reproduced, InEngineering, AwaitingQA, Closed} }

// IsValid reports whether s is one of the flow's states (Unknown is not).
func (s State) IsValid() bool { return s > Unknown && s <= Closed }

// String returns the state's name as the handbook writes it: "inbox",
// "reproduced", "in engineering", "awaiting QA", "closed"; "unknown" for
// Unknown and "State(n)" for values out of range.
func (s State) String() string {
	if s < 0 || int(s) >= NumStates {
		return fmt.Sprintf("State(%d)", int(s))
	}
	return stateName(s)
}

// MarshalText returns the state's name; Unknown marshals to empty text.
func (s State) MarshalText() ([]byte, error) {
	if s == Unknown {
		return []byte{}, nil
	}
	if !s.IsValid() {
		return nil, fmt.Errorf("bugflow: cannot marshal State(%d)", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses a state name with ParseState; empty text is Unknown.
func (s *State) UnmarshalText(b []byte) error {
	st, err := ParseState(string(b))
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// ParseState parses a state name as String writes it, ignoring case and
// surrounding spaces; "-" and "_" may stand for the space ("in-engineering",
// "awaiting_qa"). Empty text and "unknown" give Unknown.
func ParseState(text string) (State, error) {
	t := spaced(text)
	if t == "" {
		return Unknown, nil
	}
	for i := range NumStates {
		if strings.EqualFold(t, stateName(State(i))) {
			return State(i), nil
		}
	}
	return Unknown, fmt.Errorf("bugflow: parse state %q: %w", text, ErrUnknownState)
}

// A StateSet is a set of states, one bit per State: the constants and the
// states a scheme declares (values below 64). The zero StateSet is empty;
// == works.
type StateSet uint64

// With returns the set with s added.
func (ss StateSet) With(s State) StateSet {
	if s < 0 || s >= 64 {
		return ss
	}
	return ss | 1<<uint(s)
}

// Has reports whether s is in the set.
func (ss StateSet) Has(s State) bool { return s >= 0 && s < 64 && ss&(1<<uint(s)) != 0 }

// Len returns the number of states in the set.
func (ss StateSet) Len() int { return bits.OnesCount64(uint64(ss)) }

// String lists the set's states in value order, separated by "|"; a
// scheme's own states are written "State(n)" (Scheme.FormatStates names
// them).
func (ss StateSet) String() string {
	var b strings.Builder
	for i := range 64 {
		if ss.Has(State(i)) {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(State(i).String())
		}
	}
	return b.String()
}

// A Diagnosis is a set of findings about an issue that are not states:
// orphans (R23), ambiguity (two states match) and unclassified open bugs. The
// zero Diagnosis reports nothing; == works.
type Diagnosis uint8

const (
	// Orphan: a bug that is on no path of the flow, for example with neither
	// :reproduce nor :release nor :product, or on neither board (R23).
	Orphan Diagnosis = 1 << iota
	// ReproducedOrphan: a reproduced bug missing from the boards, or one that
	// passes the reproduced filter but carries no team label (R17, R23).
	ReproducedOrphan
	// Ambiguous: the issue matches rules of two or more states. The evaluation's
	// State is then Unknown and Matched names the candidates; bugflow never
	// picks one.
	Ambiguous
	// Unclassified: an open issue matched no state rule and no diagnosis
	// rule.
	Unclassified
	// Incomplete: the issue is in a state but lacks what the rules ask
	// there, such as an engineering manager assigned to a reproduced bug
	// (R17); the scheme's diagnosis rule names what.
	Incomplete
)

// numDiagnoses is the number of findings a Diagnosis can hold.
const numDiagnoses = 5

// diagnosisName returns the name of the finding with bit i.
func diagnosisName(i int) string {
	switch Diagnosis(1 << uint(i)) {
	case Orphan:
		return "orphan"
	case ReproducedOrphan:
		return "reproduced orphan"
	case Ambiguous:
		return "ambiguous"
	case Unclassified:
		return "unclassified"
	case Incomplete:
		return "incomplete"
	}
	return ""
}

// Has reports whether every finding of x is in d.
func (d Diagnosis) Has(x Diagnosis) bool { return x != 0 && d&x == x }

// String lists the findings, separated by "|"; "" for none.
func (d Diagnosis) String() string {
	var b strings.Builder
	for i := range numDiagnoses {
		if n := diagnosisName(i); d&(1<<uint(i)) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(n)
		}
	}
	return b.String()
}

// MarshalText returns String's text.
func (d Diagnosis) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses the text MarshalText writes; empty text is no finding.
func (d *Diagnosis) UnmarshalText(b []byte) error {
	var out Diagnosis
	s := strings.TrimSpace(string(b))
	if s != "" {
		for part := range strings.SplitSeq(s, "|") {
			x, err := parseDiagnosis(part)
			if err != nil {
				return err
			}
			out |= x
		}
	}
	*d = out
	return nil
}

func parseDiagnosis(s string) (Diagnosis, error) {
	t := spaced(s)
	for i := range numDiagnoses {
		if strings.EqualFold(t, diagnosisName(i)) {
			return 1 << uint(i), nil
		}
	}
	return 0, fmt.Errorf("bugflow: parse diagnosis %q: %w", s, ErrUnknownDiagnosis)
}

// spaced trims a state or diagnosis name and reads "-" and "_" as spaces.
func spaced(name string) string {
	return strings.NewReplacer("-", " ", "_", " ").Replace(strings.TrimSpace(name))
}
