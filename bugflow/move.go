package bugflow

import (
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
)

// A Transition is one legal move of a scheme, as data: from a state to a
// state, named as the scheme's flow names them, and the edit template that
// carries it out. To == "" means the issue leaves the bug flow (not a bug,
// R21); From == "" means a new issue that is in no state yet (a
// fast-tracked report, R20); From == To is an action within a state (asking
// the reporter for details, R19).
type Transition struct {
	Name string `json:"name"`           // such as "reproduce" or "fast track"
	Rule string `json:"rule,omitempty"` // the rule in RULES.md, such as "R20"
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
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
	// Board and Column put the issue in a column of a board; Leave takes
	// it off boards. Boards are named by project (OWNER/N) or title, and
	// must be in the board table.
	Board  string   `json:"board,omitempty"`
	Column string   `json:"column,omitempty"`
	Leave  []string `json:"leave,omitempty"`
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

// cmove is a compiled Transition.
type cmove struct {
	t        Transition
	from, to State
	board    int // -1 for none
	leave    []int
}

func (s *compiled) buildMoves() error {
	for i, t := range s.cfg.Transitions {
		f := fmt.Sprintf("transitions[%d]", i)
		mv := cmove{t: t, board: -1}
		for _, x := range []struct {
			field string
			name  string
			dst   *State
		}{{".from", t.From, &mv.from}, {".to", t.To, &mv.to}} {
			if x.name == "" {
				continue
			}
			st, ok := s.lookupState(x.name)
			if !ok {
				return unknownName(f+x.field, x.name, "not a state of the flow ("+s.flowText()+")")
			}
			*x.dst = st
		}
		if trim(t.Name) == "" {
			return &ConfigError{Field: f + ".name", Value: t.Name, Reason: "empty name", Err: ErrSyntax}
		}
		if t.Close && t.Reopen {
			return configErr(f+".reopen", "true", "both close and reopen")
		}
		if t.Board != "" {
			if mv.board = s.resolveBoard(t.Board); mv.board < 0 {
				return unknownName(f+".board", t.Board, "not in the board table")
			}
		}
		for j, b := range t.Leave {
			k := s.resolveBoard(b)
			if k < 0 {
				return unknownName(fmt.Sprintf("%s.leave[%d]", f, j), b, "not in the board table")
			}
			if k == mv.board {
				return configErr(fmt.Sprintf("%s.leave[%d]", f, j), b, "leaves the board the move puts the issue on")
			}
			mv.leave = append(mv.leave, k)
		}
		if t.Column != "" && t.Board == "" {
			return configErr(f+".column", t.Column, "a column without a board")
		}
		if t.Assign != "" {
			if _, err := s.roleIndex(f+".assign", t.Assign); err != nil {
				return err
			}
		}
		for j, r := range t.Unassign {
			if r == "*" {
				continue
			}
			if _, err := s.roleIndex(fmt.Sprintf("%s.unassign[%d]", f, j), r); err != nil {
				return err
			}
		}
		if t.Team && len(s.cfg.Teams) == 0 {
			return configErr(f+".team", "true", "the scheme lists no teams")
		}
		s.moves = append(s.moves, mv)
	}
	return nil
}

// transitionError explains a refused move: by reason, or by the moves from
// the state when reason is "".
func (s Scheme) transitionError(from, to State, reason string) *TransitionError {
	e := &TransitionError{From: from, To: to, FromName: s.StateName(from), ToName: s.StateName(to), Reason: reason}
	for _, m := range s.moves {
		if reason == "" && m.from == from {
			e.Moves = append(e.Moves, m.t.Name+" -> "+s.StateName(m.to))
		}
	}
	return e
}

// Moves returns the scheme's transitions that start from the state, in
// configuration order.
func (s Scheme) Moves(from State) iter.Seq[Transition] {
	s = s.orEmpty()
	return func(yield func(Transition) bool) {
		for _, m := range s.moves {
			if m.from == from && !yield(m.t.clone()) {
				return
			}
		}
	}
}

// Allowed reports whether the scheme has a move from one state to another.
func (s Scheme) Allowed(from, to State) bool {
	s = s.orEmpty()
	for _, m := range s.moves {
		if m.from == from && m.to == to {
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
	From         State      `json:"-"`
	To           State      `json:"-"`
	FromName     string     `json:"from"` // the scheme's names of From and To
	ToName       string     `json:"to"`
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
	from, to := e.FromName, e.ToName
	if from == "" {
		from = e.From.String()
	}
	if to == "" {
		to = e.To.String()
	}
	return fmt.Sprintf("#%d %s -> %s (%s): %s", e.Number, from, to, e.Move, strings.Join(parts, "; "))
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
		return Edit{}, fmt.Errorf("bugflow: plan #%d -> %s: %w (%s)", is.Number, s.StateName(to), ErrAmbiguous, s.FormatStates(v.Matched))
	}
	from := v.State
	if from == Unknown && is.Closed {
		// A closed issue in no state (not a bug) has no moves.
		return Edit{}, s.transitionError(from, to, "a closed issue in no state has no moves")
	}
	var mv *cmove
	for i := range s.moves {
		c := &s.moves[i]
		if c.from == from && c.to == to && (opts.Via == "" || strings.EqualFold(c.t.Name, trim(opts.Via))) {
			mv = c
			break
		}
	}
	if mv == nil {
		return Edit{}, s.transitionError(from, to, "")
	}
	t := &mv.t
	e := Edit{Number: is.Number, From: from, To: to, FromName: s.StateName(from), ToName: s.StateName(to), Move: t.Name, Rule: t.Rule, Close: t.Close && !is.Closed, Reopen: t.Reopen && is.Closed}
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
			for login, r := range s.cfg.People {
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
		if slices.Contains(mv.leave, s.boardByTitle(b.Board)) && !slices.Contains(e.LeaveBoards, b.Board) {
			e.LeaveBoards = append(e.LeaveBoards, b.Board)
		}
	}
	if mv.board >= 0 {
		i := slices.IndexFunc(is.Boards, func(b BoardItem) bool { return s.boardByTitle(b.Board) == mv.board })
		if i < 0 || cmpFold(trim(is.Boards[i].Column), trim(t.Column)) != 0 {
			title := s.boardTitle(mv.board)
			if i >= 0 {
				title = is.Boards[i].Board
			}
			e.SetColumn = &BoardItem{Board: title, Column: t.Column}
		}
	}
	return e, nil
}
