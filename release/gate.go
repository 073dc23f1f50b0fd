package release

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// A Phase is where an instant falls in a release's window.
type Phase uint8

const (
	Open       Phase = iota // "open": outside any window; everything merges
	Frozen                  // "freeze": the freeze; only the policy's Allow kinds merge
	DeepFrozen              // "deep-freeze": the deep freeze; only AllowDeep kinds merge
	Cut                     // "branch-cut": the release branch exists; main is open, Allow kinds are picked
	DeepCut                 // "branch-deep": the last Deep of a branch-cut window; AllowDeep kinds are picked
)

var phaseNames = [...]string{"open", "freeze", "deep-freeze", "branch-cut", "branch-deep"}

// String returns the phase's name, such as "deep-freeze".
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase(" + strconv.Itoa(int(p)) + ")"
}

// MarshalText returns p.String().
func (p Phase) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText parses a phase name.
func (p *Phase) UnmarshalText(text []byte) error {
	if i := slices.Index(phaseNames[:], string(text)); i >= 0 {
		*p = Phase(i)
		return nil
	}
	return configErr("phase", string(text), "want one of "+strings.Join(phaseNames[:], ", "), ErrSyntax)
}

// A Change is what asks to merge: its Kind, and whether it is picked into the
// release branch (Pick) rather than merged into the main branch. Pick matters
// only under a BranchCut policy; a Freeze policy has no release branch.
type Change struct {
	Kind ChangeKind
	Pick bool
}

// String returns "feature" or "pick unreleased-bug-fix".
func (c Change) String() string {
	if c.Pick {
		return "pick " + c.Kind.String()
	}
	return c.Kind.String()
}

// A Decision is the merge gate's answer for a change at an instant: whether
// it may merge, the phase, the window and release it was judged against, and
// the rule that decided it. Reason gives the answer as a sentence.
type Decision struct {
	Allowed bool
	Phase   Phase
	Change  Change
	At      time.Time
	Window  Window  // the window of the upcoming release; zero with no policy
	Ships   Release // the release the change ships in
	Rule    string  // the rule in RULES.md, e.g. "R10"
	policy  string
	allow   KindSet
}

// Window returns the window of release r under the train's policy; the zero
// Window when the train has none. It is [Policy.Window], with one rule
// more when the train moves releases off non-working days (a Move other
// than Stay): a window start (the freeze, or the branch cut) that falls on a
// non-working day moves to the previous working day, at the same time of
// day, at most six days back and never onto or before the previous
// release's day. Starting early keeps the window at least as long as the
// policy's: a release never ships after a shorter freeze than planned. The
// window's end is the release day, already a working day where one is near;
// the deep freeze stays the last Deep of real time before the end.
func (t Train) Window(r Release) Window {
	p := t.Policy()
	w := p.Window(r)
	if p.IsZero() || t.move == Stay {
		return w
	}
	planned := r.Planned
	if planned == 0 {
		planned = r.Day
	}
	start := r.Day - date.Date(p.c.Start.daysBefore(planned.Weekday()))
	if t.isWorkday(start) {
		return w
	}
	prev := t.Release(r.Number - 1).Day
	for d := start - 1; d > prev && d >= start-6; d-- {
		if t.isWorkday(d) {
			return p.window(r, d)
		}
	}
	return w
}

// Upcoming returns the release whose window (or release day) is next at
// instant at: the first release whose window has not ended at at, with that
// window. Without a policy it is Next of at's day in at's location.
func (t Train) Upcoming(at time.Time) (Release, Window) {
	p := t.Policy()
	if p.IsZero() {
		return t.Next(date.NewAt(at)), Window{}
	}
	r := t.Next(date.NewAt(at.In(p.c.Zone)))
	w := t.Window(r)
	if !at.Before(w.End) {
		r = t.Release(r.Number + 1)
		w = t.Window(r)
	}
	return r, w
}

// Gate decides whether change c may merge at instant at (R10). Without a
// policy everything merges. Under a Freeze policy, outside the window every
// kind merges; in the freeze only the Allow kinds and in the deep freeze only
// the AllowDeep kinds. Under a BranchCut policy the main branch is always
// open (after the cut its changes ship in the following release) and a pick
// into the release branch is allowed only between the cut and the release,
// for the Allow (or, in the deep part, AllowDeep) kinds.
func (t Train) Gate(at time.Time, c Change) Decision {
	r, w := t.Upcoming(at)
	d := Decision{Allowed: true, Phase: w.Phase(at), Change: c, At: at, Window: w, Ships: r}
	p := t.Policy()
	if p.IsZero() {
		return d
	}
	d.Rule, d.policy = p.c.Rule, p.c.Name
	switch d.Phase {
	case Frozen, Cut:
		d.allow = p.c.Allow
	case DeepFrozen, DeepCut:
		d.allow = p.c.AllowDeep
	}
	switch {
	case w.Mode == BranchCut && !c.Pick:
		if d.Phase != Open {
			d.Ships = t.Release(r.Number + 1)
		}
	case w.Mode == BranchCut && d.Phase == Open:
		d.Allowed = false
	case d.Phase != Open:
		d.Allowed = d.allow.Has(c.Kind)
	}
	return d
}

// Reason returns the decision as a sentence for a person, for example
// "feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 2
// (4.48.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT;
// only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge
// (Fleet 2024 freeze, R10)". Its instants are in the policy's zone (the
// zone of [Window]), or in At's location when there is no policy, whatever
// the caller's zone: use [Decision.ReasonIn] to print them in a reader's.
func (d Decision) Reason() string { return d.ReasonIn(nil) }

// ReasonIn returns [Decision.Reason] with every instant (At and the
// window's bounds) printed in loc, with loc's zone abbreviation: a Chicago
// reader of Fleet's Pacific freeze sees "Tue 2024-03-26 11:00 CDT" where
// Reason says "09:00 PDT". The instants are the same; only their wall-clock
// reading changes, so on days when the two zones change to or from
// daylight-saving time at different instants the offsets between them
// differ from usual. A nil loc means the policy's zone, as Reason does.
func (d Decision) ReasonIn(loc *time.Location) string {
	const layout = "Mon 2006-01-02 15:04 MST"
	if loc == nil {
		loc = d.At.Location()
		if !d.Window.Start.IsZero() {
			loc = d.Window.Start.Location()
		}
	}
	at := d.At.In(loc).Format(layout)
	verb := "merge"
	if d.Change.Pick {
		verb = "be picked"
	}
	s := d.Change.Kind.String()
	if d.Allowed {
		s += " may " + verb + " at " + at + ": "
	} else {
		s += " may not " + verb + " at " + at + ": "
	}
	rel := rname(d.Window.Release)
	var from string
	if !d.Window.End.IsZero() {
		from = d.Window.Start.In(loc).Format(layout)
	}
	switch {
	case d.Window.End.IsZero():
		s += "no freeze policy"
	case d.Phase == Open && d.Window.Mode == BranchCut && d.Change.Pick:
		s += "no release branch yet; the branch for " + rel + " is cut at " + from
	case d.Phase == Open && d.Window.Mode == BranchCut:
		s += "main is open; the branch for " + rel + " is cut at " + from
	case d.Phase == Open:
		s += "main is open; the freeze for " + rel + " starts at " + from
	case d.Window.Mode == BranchCut && !d.Change.Pick:
		s += "main is open; the branch for " + rel + " was cut at " + from + ", so this ships in " + rname(d.Ships)
	default:
		what := "freeze"
		switch d.Phase {
		case DeepFrozen, DeepCut:
			what = "deep freeze"
			from = d.Window.Deep.In(loc).Format(layout)
		case Cut:
			what = "release branch"
		}
		until := d.Window.End.In(loc).Format(layout)
		s += what + " for " + rel + " since " + from + " until " + until + "; only " + d.allow.String() + " may " + verb
	}
	switch {
	case d.policy != "" && d.Rule != "":
		s += " (" + d.policy + ", " + d.Rule + ")"
	case d.Rule != "":
		s += " (" + d.Rule + ")"
	}
	return s
}

// String returns [Decision.Reason].
func (d Decision) String() string { return d.Reason() }

// rname returns "release 12 (4.69.0)", leaving out the version when there is
// none.
func rname(r Release) string {
	s := "release " + strconv.Itoa(r.Number)
	if !r.Version.IsZero() {
		s += " (" + r.Version.String() + ")"
	}
	return s
}
