package bugflow_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

type preset struct {
	name string
	make func(map[string]string) (bugflow.Scheme, error)
	team string
}

var presets = []preset{
	{"Fleet2022", fleet2022Quinn, "#platform"},
	{"Fleet2024", bugflow.Fleet2024, "#g-mdm"},
}

// fleet2022Quinn is Fleet2022 with the test roster's QA, quinn, in place of
// Fleet's login.
func fleet2022Quinn(people map[string]string) (bugflow.Scheme, error) {
	s, err := bugflow.Fleet2022(people)
	if err != nil {
		return s, err
	}
	return s.Rename(map[string]string{bugflow.FleetQA: "quinn"})
}

// target returns the state a transition leads to.
func target(t testing.TB, s bugflow.Scheme, name string) bugflow.State {
	if name == "" {
		return bugflow.Unknown
	}
	st, ok := s.State(name)
	require.True(t, ok, "state %q", name)
	return st
}

// Property: for every issue and every move the scheme allows from its state,
// the planned edit, applied, puts the issue in the move's target state; and
// planning again from there is a different move (the edit is not a no-op).
func TestPlanReachesTarget(t *testing.T) {
	for _, p := range presets {
		t.Run(p.name, func(t *testing.T) {
			s, err := p.make(testRoles)
			require.NoError(t, err)
			tried := map[string]int{}
			for _, is := range randomIssues(4000, 21) {
				v := s.Evaluate(is)
				if v.Diagnoses.Has(bugflow.Ambiguous) || (v.State == bugflow.Unknown && is.Closed) {
					continue
				}
				for tr := range s.Moves(v.State) {
					to := target(t, s, tr.To)
					e, err := s.Plan(is, to, bugflow.MoveOptions{Via: tr.Name, Team: p.team})
					require.NoError(t, err, "#%d %s via %s", is.Number, v.State, tr.Name)
					assert.Equal(t, v.State, e.From)
					assert.Equal(t, to, e.To)
					assert.Equal(t, tr.Name, e.Move)
					after := e.Apply(is)
					got := s.Evaluate(after)
					assert.Equal(t, to, got.State, "#%d %s -(%s)-> %s gave %s %s; edit %s; issue %+v", is.Number, v.State, tr.Name, tr.To, got.State, got.Diagnoses, e, is)
					if to != bugflow.Unknown {
						assert.Zero(t, got.Diagnoses&(bugflow.Orphan|bugflow.ReproducedOrphan), "#%d: %s leaves %s", is.Number, tr.Name, got.Diagnoses)
					}
					// The edit names only labels and people the issue has.
					for _, l := range e.RemoveLabels {
						assert.Contains(t, is.Labels, l)
					}
					for _, a := range e.Unassign {
						assert.Contains(t, is.Assignees, a)
					}
					for _, l := range e.AddLabels {
						assert.False(t, is.HasLabel(l), "#%d: adds %q it has", is.Number, l)
					}
					tried[fmt.Sprintf("%s->%s %s", v.State, tr.To, tr.Name)]++
				}
			}
			// Every transition of the preset was exercised.
			for _, from := range append([]bugflow.State{bugflow.Unknown}, s.Flow()...) {
				for tr := range s.Moves(from) {
					assert.Positive(t, tried[fmt.Sprintf("%s->%s %s", from, tr.To, tr.Name)], "%s -> %s (%s) never tried", from, tr.To, tr.Name)
				}
			}
		})
	}
}

func TestPlanIllegal(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	inbox := bugflow.Issue{Number: 1, Labels: []string{"bug", ":reproduce"}}
	closed := bugflow.Issue{Number: 2, Labels: []string{"bug"}, Closed: true}
	feature := bugflow.Issue{Number: 3, Labels: []string{"feature"}, Closed: true}
	tests := []struct {
		is       bugflow.Issue
		to       bugflow.State
		via      string
		from     bugflow.State
		wantText string
	}{
		{inbox, bugflow.AwaitingQA, "", bugflow.Inbox, "bugflow: cannot move inbox -> awaiting QA: the moves from inbox are reproduce -> reproduced, fast track -> reproduced, no answer -> closed"},
		{inbox, bugflow.InEngineering, "", bugflow.Inbox, "bugflow: cannot move inbox -> in engineering: the moves from inbox are "},
		{inbox, bugflow.Reproduced, "verified", bugflow.Inbox, "bugflow: cannot move inbox -> reproduced: the moves from inbox are "},
		{closed, bugflow.Reproduced, "", bugflow.Closed, "bugflow: cannot move closed -> reproduced: the moves from closed are reopen -> inbox"},
		{feature, bugflow.Reproduced, "fast track", bugflow.Unknown, "bugflow: cannot move unknown -> reproduced: a closed issue in no state has no moves"},
		{inbox, bugflow.State(42), "", bugflow.Inbox, "bugflow: cannot move inbox -> State(42): the moves"},
	}
	for _, tt := range tests {
		_, err := s.Plan(tt.is, tt.to, bugflow.MoveOptions{Via: tt.via, Team: "#agent"})
		require.ErrorIs(t, err, bugflow.ErrForbidden)
		var te *bugflow.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, tt.from, te.From)
		assert.Equal(t, tt.to, te.To)
		assert.True(t, strings.HasPrefix(err.Error(), tt.wantText), "%v", err)
		assert.False(t, s.Allowed(tt.from, tt.to) && tt.via == "", "Allowed(%s, %s)", tt.from, tt.to)
	}
	assert.True(t, s.Allowed(bugflow.Inbox, bugflow.Reproduced))
	assert.True(t, s.Allowed(bugflow.Closed, bugflow.Inbox))
}

func TestPlanEdits(t *testing.T) {
	s22, err := fleet2022Quinn(map[string]string{"quinn": "qa", "qiu": "qa", "emma": "em", "eli": "em", "pat": "pm"})
	require.NoError(t, err)
	acked := bugflow.Issue{Number: 7, Labels: []string{"Bug", " :Reproduce", "P2"}, Assignees: []string{"Quinn"},
		Boards: []bugflow.BoardItem{{Board: "🚀 release", Column: "Awaiting QA"}}}
	ack, ok := s22.State("acknowledged")
	require.True(t, ok)
	require.Equal(t, ack, s22.Evaluate(acked).State)

	// Two engineering managers: the mover must say which.
	_, err = s22.Plan(acked, bugflow.Reproduced, bugflow.MoveOptions{Team: "#agent"})
	require.ErrorIs(t, err, bugflow.ErrAssignee)
	assert.Contains(t, err.Error(), `"em"`)
	// Someone without the role.
	_, err = s22.Plan(acked, bugflow.Reproduced, bugflow.MoveOptions{Team: "#agent", Assignee: "pat"})
	require.ErrorIs(t, err, bugflow.ErrAssignee)
	// No team, or a team the scheme does not list.
	_, err = s22.Plan(acked, bugflow.Reproduced, bugflow.MoveOptions{Assignee: "eli"})
	require.ErrorIs(t, err, bugflow.ErrTeam)
	_, err = s22.Plan(acked, bugflow.Reproduced, bugflow.MoveOptions{Assignee: "eli", Team: "#backend"})
	require.ErrorIs(t, err, bugflow.ErrTeam)
	assert.Contains(t, err.Error(), `"#backend"`)

	e, err := s22.Plan(acked, bugflow.Reproduced, bugflow.MoveOptions{Assignee: "eli", Team: " #AGENT "})
	require.NoError(t, err)
	assert.Equal(t, bugflow.Edit{Number: 7, From: ack, To: bugflow.Reproduced, FromName: "acknowledged", ToName: "reproduced", Move: "reproduce", Rule: "R20",
		AddLabels: []string{"#AGENT"}, RemoveLabels: []string{" :Reproduce"},
		Assign: []string{"eli"}, Unassign: []string{"Quinn"},
		SetColumn: &bugflow.BoardItem{Board: "🚀 release", Column: "Ready"}}, e)
	assert.Equal(t, "#7 acknowledged -> reproduced (reproduce): add label #AGENT; remove label  :Reproduce; assign eli; unassign Quinn; move to 🚀 release / Ready", e.String())

	after := e.Apply(acked)
	assert.Equal(t, bugflow.Reproduced, s22.Evaluate(after).State)
	assert.Equal(t, []string{"Quinn"}, acked.Assignees, "Apply does not change its argument")

	// A team label already present needs no choice; the current EM stays.
	e, err = s22.Plan(after, bugflow.InEngineering, bugflow.MoveOptions{})
	require.NoError(t, err)
	assert.Equal(t, "#7 reproduced -> in engineering (start): move to 🚀 release / In progress", e.String())

	// Fast track is a separate, named move between the same states.
	inbox := bugflow.Issue{Number: 6, Labels: []string{"bug", ":reproduce"}}
	e, err = s22.Plan(inbox, bugflow.Reproduced, bugflow.MoveOptions{Via: "Fast Track", Assignee: "emma", Team: "#interface"})
	require.NoError(t, err)
	assert.Equal(t, "fast track", e.Move)

	// R21 not a bug: the issue leaves the flow and goes to the product manager.
	e, err = s22.Plan(acked, bugflow.Unknown, bugflow.MoveOptions{})
	require.NoError(t, err)
	assert.Equal(t, "#7 acknowledged -> unknown (not a bug): remove label Bug,  :Reproduce; assign pat; unassign Quinn; remove from board 🚀 release", e.String())

	// R19 reopen of a closed bug.
	closed := bugflow.Issue{Number: 8, Labels: []string{"bug", "#agent"}, Closed: true, Assignees: []string{"dev1"},
		Boards: []bugflow.BoardItem{{Board: bugflow.ReleaseBoard, Column: "Done"}}}
	e, err = s22.Plan(closed, bugflow.Inbox, bugflow.MoveOptions{})
	require.NoError(t, err)
	assert.Equal(t, "#8 closed -> inbox (reopen): add label :reproduce; unassign dev1; remove from board 🚀 Release; reopen", e.String())
	assert.Equal(t, bugflow.Inbox, s22.Evaluate(e.Apply(closed)).State)

	// An edit with nothing to do says so.
	assert.Equal(t, "#0 unknown -> unknown (): no change", bugflow.Edit{}.String())
}

func TestMovesIterator(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	var names []string
	for tr := range s.Moves(bugflow.Inbox) {
		names = append(names, tr.Name)
		if len(names) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"reproduce", "fast track", "no answer"}, names)
	// The iterator hands out copies.
	for tr := range s.Moves(bugflow.Inbox) {
		tr.Remove[0] = "x"
		break
	}
	for tr := range s.Moves(bugflow.Inbox) {
		assert.NotEqual(t, "x", tr.Remove[0])
		break
	}
}

func TestTransitionErrorIsTyped(t *testing.T) {
	var err error = &bugflow.TransitionError{From: bugflow.AwaitingQA, To: bugflow.Inbox}
	assert.True(t, errors.Is(err, bugflow.ErrForbidden))
	assert.EqualError(t, err, "bugflow: cannot move awaiting QA -> inbox: no move starts there")
	err = &bugflow.TransitionError{From: bugflow.AwaitingQA, To: bugflow.Inbox, FromName: "QA", Moves: []string{"verified -> closed"}}
	assert.EqualError(t, err, "bugflow: cannot move QA -> inbox: the moves from QA are verified -> closed")
}

// Actions within a state (R18, R19) are moves whose edit keeps the state.
func TestPlanWithinInbox(t *testing.T) {
	s, err := fleet2022Quinn(testRoles)
	require.NoError(t, err)
	is := bugflow.Issue{Number: 12, Labels: []string{"bug", ":reproduce"}, Created: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)}
	ack, _ := s.State("acknowledged")
	e, err := s.Plan(is, ack, bugflow.MoveOptions{Via: "acknowledge"})
	require.NoError(t, err)
	assert.Equal(t, "#12 inbox -> acknowledged (acknowledge): assign quinn; move to 🚀 Release / Awaiting QA", e.String())
	acked := e.Apply(is)
	v := s.Evaluate(acked)
	assert.Equal(t, ack, v.State)
	assert.Equal(t, "acknowledged", v.Rule)
	// The R18 clock runs on in the acknowledged state.
	require.Len(t, s.Deadlines(acked, nil), 1)
	assert.Equal(t, bugflow.TimerReproduce, s.Deadlines(acked, nil)[0].Timer)

	e, err = s.Plan(is, bugflow.Inbox, bugflow.MoveOptions{Via: "ask reporter"})
	require.NoError(t, err)
	assert.Equal(t, []string{bugflow.WaitingLabel}, e.AddLabels)
	waiting := e.Apply(is)
	require.Len(t, s.Deadlines(waiting, nil), 2, "the R19 clocks run")

	e, err = s.Plan(waiting, bugflow.Inbox, bugflow.MoveOptions{Via: "reporter answered"})
	require.NoError(t, err)
	assert.Equal(t, []string{bugflow.WaitingLabel}, e.RemoveLabels)

	// Fleet2024 has no acknowledged variant.
	s24, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	_, err = s24.Plan(is, bugflow.Inbox, bugflow.MoveOptions{Via: "acknowledge"})
	require.ErrorIs(t, err, bugflow.ErrForbidden)
}
