package bugflow

import (
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
)

// A Transition is one legal move of a scheme, as data: from a state to a
// state, and the edit template that carries it out. To == Unknown means the
// issue leaves the bug flow (not a bug, R21); From == Unknown means a new
// issue that is in no state yet (a fast-tracked report, R20); From == To is
// an action within a state (QA acknowledges a report, R18; asking the
// reporter for details, R19).
type Transition struct {
	Name string `json:"name"`           // such as "reproduce" or "fast track"
	Rule string `json:"rule,omitempty"` // the handbook rule, such as "R20"
	From State  `json:"from"`
	To   State  `json:"to"`
	// Add and Remove list labels to add and remove; a Remove entry ending
	// in "*" removes every label with that prefix.
	Add    []string `json:"add,omitempty"`
	Remove []string `json:"remove,omitempty"`
	// Team requires the mover to choose a team label (one of Config.Teams)
	// unless the issue already carries one.
	Team bool `json:"team,omitempty"`
	// Assign names the role to assign: the mover's choice, else a current
	// assignee with the role, else the only person with it.
	Assign string `json:"assign,omitempty"`
	// Unassign lists roles whose assignees are removed; "*" removes
	// everyone (except whoever the move assigns).
	Unassign []string `json:"unassign,omitempty"`
	// Board and Column put the issue in a column of a board.
	Board  string   `json:"board,omitempty"`
	Column string   `json:"column,omitempty"`
	Leave  []string `json:"leave,omitempty"` // boards to take the issue off
	Close  bool     `json:"close,omitempty"`
	Reopen bool     `json:"reopen,omitempty"`
}

func (t Transition) clone() Transition {
	t.Add = slices.Clone(t.Add)
	t.Remove = slices.Clone(t.Remove)
	t.Unassign = slices.Clone(t.Unassign)
	t.Leave = slices.Clone(t.Leave)
	return t
}

func (s *compiled) checkTransitions() error {
	for i, t := range s.cfg.Transitions {
		f := fmt.Sprintf("transitions[%d]", i)
		if t.From != Unknown && !t.From.IsValid() {
			return &ConfigError{Field: f + ".from", Value: t.From.String(), Reason: "not a state"}
		}
		if t.To != Unknown && !t.To.IsValid() {
			return &ConfigError{Field: f + ".to", Value: t.To.String(), Reason: "not a state"}
		}
		if trim(t.Name) == "" {
			return &ConfigError{Field: f + ".name", Value: t.Name, Reason: "empty name"}
		}
		if t.Close && t.Reopen {
			return &ConfigError{Field: f + ".reopen", Value: "true", Reason: "both close and reopen"}
		}
		if t.Board != "" && trim(t.Board) == "" {
			return &ConfigError{Field: f + ".board", Value: t.Board, Reason: "empty board name"}
		}
		for j, b := range t.Leave {
			if trim(b) == "" {
				return &ConfigError{Field: fmt.Sprintf("%s.leave[%d]", f, j), Value: b, Reason: "empty board name"}
			}
		}
		if t.Column != "" && t.Board == "" {
			return &ConfigError{Field: f + ".column", Value: t.Column, Reason: "a column without a board"}
		}
		if t.Board != "" && slices.ContainsFunc(t.Leave, func(b string) bool { return eqFold(trim(b), trim(t.Board)) }) {
			return &ConfigError{Field: f + ".leave", Value: t.Board, Reason: "leaves the board the move puts the issue on"}
		}
		if t.Team && len(s.cfg.Teams) == 0 {
			return &ConfigError{Field: f + ".team", Value: "true", Reason: "the scheme lists no teams"}
		}
	}
	return nil
}

// Moves returns the scheme's transitions that start from the state, in
// configuration order.
func (s Scheme) Moves(from State) iter.Seq[Transition] {
	s = s.orEmpty()
	return func(yield func(Transition) bool) {
		for _, t := range s.cfg.Transitions {
			if t.From == from && !yield(t.clone()) {
				return
			}
		}
	}
}

// Allowed reports whether the scheme has a move from one state to another.
func (s Scheme) Allowed(from, to State) bool {
	s = s.orEmpty()
	for _, t := range s.cfg.Transitions {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}

// MoveOptions are the mover's choices for a move: which transition when
// several join the same states, the team label, and who to assign.
type MoveOptions struct {
	Via      string // the transition's Name; "" for the first that fits
	Team     string // the team label to add, for moves with Team set
	Assignee string // the login to assign
}

// An Edit is the exact change that carries out a move on one issue, so a
// bot can apply it through the tracker's API: labels to add and remove
// (spelled as on the issue), logins to assign and unassign, the board
// column to set, boards to leave, and whether to close or reopen. An empty
// list means no change.
type Edit struct {
	Number       int        `json:"number"`
	From         State      `json:"from"`
	To           State      `json:"to"`
	Move         string     `json:"move"`
	Rule         string     `json:"rule,omitempty"`
	AddLabels    []string   `json:"addLabels,omitempty"`
	RemoveLabels []string   `json:"removeLabels,omitempty"`
	Assign       []string   `json:"assign,omitempty"`
	Unassign     []string   `json:"unassign,omitempty"`
	SetColumn    *BoardItem `json:"setColumn,omitempty"`
	LeaveBoards  []string   `json:"leaveBoards,omitempty"`
	Close        bool       `json:"close,omitempty"`
	Reopen       bool       `json:"reopen,omitempty"`
}

// String describes the edit on one line, for logs and bot comments.
func (e Edit) String() string {
	var parts []string
	add := func(verb string, xs []string) {
		if len(xs) > 0 {
			parts = append(parts, verb+" "+strings.Join(xs, ", "))
		}
	}
	add("add label", e.AddLabels)
	add("remove label", e.RemoveLabels)
	add("assign", e.Assign)
	add("unassign", e.Unassign)
	if e.SetColumn != nil {
		if e.SetColumn.Column == "" {
			parts = append(parts, "add to board "+e.SetColumn.Board)
		} else {
			parts = append(parts, fmt.Sprintf("move to %s / %s", e.SetColumn.Board, e.SetColumn.Column))
		}
	}
	add("remove from board", e.LeaveBoards)
	if e.Close {
		parts = append(parts, "close")
	}
	if e.Reopen {
		parts = append(parts, "reopen")
	}
	if len(parts) == 0 {
		parts = append(parts, "no change")
	}
	return fmt.Sprintf("#%d %s -> %s (%s): %s", e.Number, e.From, e.To, e.Move, strings.Join(parts, "; "))
}

// Apply returns a copy of the issue with the edit made, as the tracker
// would after a bot applied it. The issue is not changed.
func (e Edit) Apply(is Issue) Issue {
	is = is.clone()
	is.Labels = slices.DeleteFunc(is.Labels, func(l string) bool {
		return slices.ContainsFunc(e.RemoveLabels, func(r string) bool { return cmpFold(trim(l), trim(r)) == 0 })
	})
	is.Labels = append(is.Labels, e.AddLabels...)
	is.Assignees = slices.DeleteFunc(is.Assignees, func(a string) bool {
		return slices.ContainsFunc(e.Unassign, func(u string) bool { return cmpFold(trim(a), trim(u)) == 0 })
	})
	is.Assignees = append(is.Assignees, e.Assign...)
	is.Boards = slices.DeleteFunc(is.Boards, func(b BoardItem) bool {
		return slices.ContainsFunc(e.LeaveBoards, func(x string) bool { return cmpFold(trim(b.Board), trim(x)) == 0 })
	})
	if e.SetColumn != nil {
		i := slices.IndexFunc(is.Boards, func(b BoardItem) bool { return cmpFold(trim(b.Board), trim(e.SetColumn.Board)) == 0 })
		if i >= 0 {
			is.Boards[i].Column = e.SetColumn.Column
		} else {
			is.Boards = append(is.Boards, *e.SetColumn)
		}
	}
	if e.Close {
		is.Closed = true
	}
	if e.Reopen {
		is.Closed = false
	}
	return is
}

// Plan returns the edit that moves the issue from its current state to the
// state to, using the first transition between the two (or the one named
// opts.Via).
//
// It returns a *TransitionError (which unwraps to ErrForbidden) when the
// scheme has no such move; an error wrapping ErrAmbiguous when the issue
// matches two states; ErrTeam when the move needs a team label and none (or
// one the scheme does not list) was given; ErrAssignee when it must assign a
// role and cannot tell whom.
func (s Scheme) Plan(is Issue, to State, opts MoveOptions) (Edit, error) {
	s = s.orEmpty()
	v := s.evaluate(&is)
	if v.Diagnoses.Has(Ambiguous) {
		return Edit{}, fmt.Errorf("bugflow: plan #%d -> %s: %w (%s)", is.Number, to, ErrAmbiguous, v.Matched)
	}
	from := v.State
	if from == Unknown && is.Closed {
		// A closed issue in no state (not a bug) has no moves.
		return Edit{}, &TransitionError{From: from, To: to}
	}
	var t *Transition
	for i := range s.cfg.Transitions {
		c := &s.cfg.Transitions[i]
		if c.From == from && c.To == to && (opts.Via == "" || strings.EqualFold(c.Name, trim(opts.Via))) {
			t = c
			break
		}
	}
	if t == nil {
		return Edit{}, &TransitionError{From: from, To: to}
	}
	e := Edit{Number: is.Number, From: from, To: to, Move: t.Name, Rule: t.Rule, Close: t.Close && !is.Closed, Reopen: t.Reopen && is.Closed}
	for _, l := range is.Labels {
		for _, r := range t.Remove {
			if compilePattern(r).match(trim(l)) && !slices.Contains(e.RemoveLabels, l) {
				e.RemoveLabels = append(e.RemoveLabels, l)
			}
		}
	}
	for _, a := range t.Add {
		if !is.HasLabel(a) {
			e.AddLabels = append(e.AddLabels, trim(a))
		}
	}
	if t.Team {
		has := slices.ContainsFunc(s.teamPats, func(p pattern) bool {
			return slices.ContainsFunc(is.Labels, func(l string) bool { return p.match(trim(l)) })
		})
		switch {
		case opts.Team != "":
			team := trim(opts.Team)
			if strings.HasSuffix(team, "*") || !slices.ContainsFunc(s.teamPats, func(p pattern) bool { return p.match(team) }) {
				return Edit{}, fmt.Errorf("bugflow: plan #%d: team %q: %w (want one of %s)", is.Number, opts.Team, ErrTeam, strings.Join(s.cfg.Teams, ", "))
			}
			if !is.HasLabel(team) {
				e.AddLabels = append(e.AddLabels, team)
			}
		case !has:
			return Edit{}, fmt.Errorf("bugflow: plan #%d: %w (one of %s)", is.Number, ErrTeam, strings.Join(s.cfg.Teams, ", "))
		}
	}
	keep := ""
	switch {
	case opts.Assignee != "":
		keep = trim(opts.Assignee)
		if t.Assign != "" && s.Role(keep) != t.Assign {
			return Edit{}, fmt.Errorf("bugflow: plan #%d: assignee %q: %w with role %q", is.Number, opts.Assignee, ErrAssignee, t.Assign)
		}
	case t.Assign != "":
		if i := slices.IndexFunc(is.Assignees, func(a string) bool { return s.Role(a) == t.Assign }); i >= 0 {
			keep = is.Assignees[i]
		} else {
			var who []string
			for login, r := range s.cfg.Roles {
				if r == t.Assign {
					who = append(who, login)
				}
			}
			if len(who) != 1 {
				sort.Strings(who)
				return Edit{}, fmt.Errorf("bugflow: plan #%d: %w with role %q (candidates: %q)", is.Number, ErrAssignee, t.Assign, who)
			}
			keep = who[0]
		}
	}
	if keep != "" && !slices.ContainsFunc(is.Assignees, func(a string) bool { return cmpFold(trim(a), keep) == 0 }) {
		e.Assign = append(e.Assign, keep)
	}
	for _, a := range is.Assignees {
		if keep != "" && cmpFold(trim(a), keep) == 0 {
			continue
		}
		role := s.Role(a)
		if slices.ContainsFunc(t.Unassign, func(u string) bool { return u == "*" || (u == role && role != "") }) {
			e.Unassign = append(e.Unassign, a)
		}
	}
	for _, b := range is.Boards {
		if slices.ContainsFunc(t.Leave, func(x string) bool { return cmpFold(trim(b.Board), trim(x)) == 0 }) &&
			!slices.Contains(e.LeaveBoards, b.Board) {
			e.LeaveBoards = append(e.LeaveBoards, b.Board)
		}
	}
	if t.Board != "" {
		i := slices.IndexFunc(is.Boards, func(b BoardItem) bool { return cmpFold(trim(b.Board), trim(t.Board)) == 0 })
		if i < 0 || cmpFold(trim(is.Boards[i].Column), trim(t.Column)) != 0 {
			e.SetColumn = &BoardItem{Board: t.Board, Column: t.Column}
		}
	}
	return e, nil
}
