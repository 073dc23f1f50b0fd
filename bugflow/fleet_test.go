package bugflow_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

// The presets are Fleet's searches, literally (issue 13's list).
func TestFleetPresetsAreFleetSearches(t *testing.T) {
	tests := []struct {
		make  func(map[string]string) (bugflow.Scheme, error)
		rules map[string]string
	}{
		{bugflow.Fleet2022, map[string]string{
			"inbox":                  `is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee`,
			"acknowledged":           `label:bug label::reproduce -project:fleetdm/37 project:fleetdm/40 role:qa column:"Awaiting QA"`,
			"reproduced":             `label:bug -label::reproduce -project:fleetdm/37 project:fleetdm/40 -assignee:xpkoala column:Ready`,
			"in engineering":         `label:bug project:fleetdm/40 column:"In progress","Ready for review","In review"`,
			"awaiting QA":            `label:bug -label::reproduce project:fleetdm/40 column:"Awaiting QA"`,
			"closed":                 `is:closed label:bug`,
			"orphan":                 `label:bug -label::reproduce -project:fleetdm/37 -project:fleetdm/40`,
			"reproduced orphan":      `label:bug -label::reproduce -project:fleetdm/37 project:fleetdm/40 -assignee:xpkoala column:Ready -label:#interface -label:#platform -label:#agent`,
			"no engineering manager": `-role:em`,
		}},
		{bugflow.Fleet2024, map[string]string{
			"inbox":                        `is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee`,
			"reproduced":                   `label:bug label::product -label::reproduce -label::release project:fleetdm/37 label:#g-*`,
			"in engineering":               `label:bug label::release -label::reproduce project:fleetdm/40 column:Ready,"In progress","Ready for review","In review",""`,
			"awaiting QA":                  `label:bug label::release -label::reproduce project:fleetdm/40 column:"Awaiting QA"`,
			"closed":                       `is:closed label:bug`,
			"orphan":                       `label:bug -label::reproduce -label::release -label::product`,
			"reproduced orphan":            `label:bug label::product,:release -label::reproduce -project:fleetdm/37 -project:fleetdm/40`,
			"reproduced orphan (no group)": `label:bug label::product -label::reproduce -label::release project:fleetdm/37 -label:#g-*`,
		}},
	}
	for _, tt := range tests {
		s, err := tt.make(testRoles)
		require.NoError(t, err)
		cfg := s.Config()
		assert.Equal(t, bugflow.MustParseMatch("is:issue is:open"), cfg.Scope, cfg.Name)
		assert.Equal(t, bugflow.FleetBoards(), cfg.Boards)
		assert.Equal(t, []bugflow.Board{{Project: "fleetdm/40", Title: "🚀 Release"}, {Project: "fleetdm/37", Title: "🎁 Product"}}, cfg.Boards)
		seen := 0
		check := func(name string, m bugflow.Match) {
			want, ok := tt.rules[name]
			if !assert.True(t, ok, "%s: rule %q not in the list", cfg.Name, name) {
				return
			}
			seen++
			assert.Equal(t, bugflow.MustParseMatch(want), m, "%s: %s", cfg.Name, name)
		}
		for _, r := range cfg.States {
			check(r.Name, r.Match)
		}
		for _, r := range cfg.Diagnoses {
			check(r.Name, r.Match)
		}
		assert.Equal(t, len(tt.rules), seen, cfg.Name)
		assert.Equal(t, bugflow.MustParseMatch("is:issue is:open label:bug"), cfg.Metrics.Open)
		assert.Equal(t, bugflow.MustParseMatch("label:bug"), cfg.Metrics.Opened)
		assert.Equal(t, bugflow.MustParseMatch("is:closed label:bug"), cfg.Metrics.Closed)
	}
}

// An issue and edits to it, for pinning each qualifier of a rule.
type edit struct {
	name string
	f    func(*bugflow.Issue)
}

func addLabel(l string) edit {
	return edit{"add label " + l, func(is *bugflow.Issue) { is.Labels = append(is.Labels, l) }}
}

func dropLabel(l string) edit {
	return edit{"drop label " + l, func(is *bugflow.Issue) {
		is.Labels = slices.DeleteFunc(is.Labels, func(x string) bool { return strings.EqualFold(x, l) })
	}}
}

func assign(login string) edit {
	return edit{"assign " + login, func(is *bugflow.Issue) { is.Assignees = append(is.Assignees, login) }}
}

func unassign(login string) edit {
	return edit{"unassign " + login, func(is *bugflow.Issue) {
		is.Assignees = slices.DeleteFunc(is.Assignees, func(x string) bool { return x == login })
	}}
}

func onBoard(title, column string) edit {
	return edit{"on " + title + "/" + column, func(is *bugflow.Issue) {
		is.Boards = slices.DeleteFunc(is.Boards, func(b bugflow.BoardItem) bool { return b.Board == title })
		is.Boards = append(is.Boards, bugflow.BoardItem{Board: title, Column: column})
	}}
}

func offBoard(title string) edit {
	return edit{"off " + title, func(is *bugflow.Issue) {
		is.Boards = slices.DeleteFunc(is.Boards, func(b bugflow.BoardItem) bool { return b.Board == title })
	}}
}

var closeIt = edit{"close", func(is *bugflow.Issue) { is.Closed = true }}
var reopenIt = edit{"reopen", func(is *bugflow.Issue) { is.Closed = false }}

func apply(is bugflow.Issue, e edit) bugflow.Issue {
	out := is
	out.Labels = slices.Clone(is.Labels)
	out.Assignees = slices.Clone(is.Assignees)
	out.Boards = slices.Clone(is.Boards)
	e.f(&out)
	return out
}

// holds reports whether the named rule of the scheme holds for the issue,
// read from its evaluation: a state rule gives the issue its state, a
// diagnosis rule's finding is set.
func holds(t *testing.T, s bugflow.Scheme, rule string, is bugflow.Issue) bool {
	t.Helper()
	v := s.Evaluate(is)
	cfg := s.Config()
	for _, r := range cfg.States {
		if r.Name == rule {
			// Under the rule alone: matched its state, whatever else did.
			st, _ := s.State(r.State)
			for _, c := range s.Explain(is).States {
				if c.Rule == rule {
					ok := c.OK()
					assert.Equal(t, ok, ok && v.Matched.Has(st), "%s: Explain and Evaluate disagree", rule)
					return ok && v.Matched.Has(st)
				}
			}
		}
	}
	for i, r := range cfg.Diagnoses {
		if r.Name == rule {
			return v.Findings&(1<<uint(i)) != 0
		}
	}
	t.Fatalf("no rule %q", rule)
	return false
}

// pin checks that the rule holds for base and that each edit, which breaks
// one qualifier, makes it fail: deleting any qualifier from the preset
// fails this test.
func pin(t *testing.T, s bugflow.Scheme, rule string, base bugflow.Issue, edits ...edit) {
	t.Helper()
	require.True(t, holds(t, s, rule, base), "%s: base %+v: %s", rule, base, s.Explain(base))
	for _, e := range edits {
		is := apply(base, e)
		assert.False(t, holds(t, s, rule, is), "%s: still holds after %s: %+v", rule, e.name, is)
	}
}

const rel, prod = bugflow.ReleaseBoard, bugflow.ProductBoard

func TestFleet2022EveryCondition(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	bug := func(labels ...string) bugflow.Issue {
		return bugflow.Issue{Number: 1, Labels: append([]string{"bug"}, labels...)}
	}
	with := func(is bugflow.Issue, es ...edit) bugflow.Issue {
		for _, e := range es {
			is = apply(is, e)
		}
		return is
	}
	pin(t, s, "inbox", bug(":reproduce"),
		dropLabel("bug"), dropLabel(":reproduce"), closeIt, onBoard(prod, ""), onBoard(rel, ""), assign("dev1"))
	pin(t, s, "acknowledged", with(bug(":reproduce"), onBoard(rel, bugflow.ColumnAwaitingQA), assign("quinn")),
		dropLabel("bug"), dropLabel(":reproduce"), closeIt, onBoard(prod, ""), offBoard(rel), onBoard(rel, "Ready"), unassign("quinn"))
	assert.True(t, holds(t, s, "acknowledged", with(bug(":reproduce"), onBoard(rel, bugflow.ColumnAwaitingQA), assign(bugflow.FleetQA))),
		"Fleet's QA login has the QA role")
	pin(t, s, "reproduced", with(bug("#agent"), onBoard(rel, "Ready"), assign("emma")),
		dropLabel("bug"), addLabel(":reproduce"), closeIt, onBoard(prod, ""), offBoard(rel), onBoard(rel, "In progress"), onBoard(rel, ""), assign(bugflow.FleetQA))
	for _, col := range []string{"In progress", "Ready for review", "In review"} {
		pin(t, s, "in engineering", with(bug(), onBoard(rel, col)),
			dropLabel("bug"), closeIt, offBoard(rel), onBoard(rel, "Ready"), onBoard(rel, "Awaiting QA"), onBoard(rel, ""))
	}
	pin(t, s, "awaiting QA", with(bug(), onBoard(rel, bugflow.ColumnAwaitingQA)),
		dropLabel("bug"), addLabel(":reproduce"), closeIt, offBoard(rel), onBoard(rel, "In review"))
	pin(t, s, "closed", with(bug(), closeIt), dropLabel("bug"), reopenIt)
	pin(t, s, "orphan", bug(),
		dropLabel("bug"), addLabel(":reproduce"), closeIt, onBoard(prod, ""), onBoard(rel, "Ready"))
	pin(t, s, "reproduced orphan", with(bug(), onBoard(rel, "Ready"), assign("emma")),
		dropLabel("bug"), addLabel(":reproduce"), closeIt, onBoard(prod, ""), offBoard(rel), onBoard(rel, "In progress"),
		assign(bugflow.FleetQA), addLabel("#interface"), addLabel("#platform"), addLabel("#agent"))
	pin(t, s, "no engineering manager", with(bug("#agent"), onBoard(rel, "Ready"), assign("dev1")),
		assign("emma"),              // -role:em
		onBoard(rel, "In progress"), // only in the reproduced state
		edit{"scope", closeIt.f})    // is:open
}

func TestFleet2024EveryCondition(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	bug := func(labels ...string) bugflow.Issue {
		return bugflow.Issue{Number: 1, Labels: append([]string{"bug"}, labels...)}
	}
	with := func(is bugflow.Issue, es ...edit) bugflow.Issue {
		for _, e := range es {
			is = apply(is, e)
		}
		return is
	}
	pin(t, s, "inbox", bug(":reproduce"),
		dropLabel("bug"), dropLabel(":reproduce"), closeIt, onBoard(prod, ""), onBoard(rel, ""), assign("dev1"))
	pin(t, s, "reproduced", with(bug(":product", "#g-mdm"), onBoard(prod, "")),
		dropLabel("bug"), dropLabel(":product"), addLabel(":reproduce"), addLabel(":release"), offBoard(prod), dropLabel("#g-mdm"), closeIt)
	// In engineering, or on the release board with no column.
	for _, col := range []string{"Ready", "In progress", "Ready for review", "In review", ""} {
		pin(t, s, "in engineering", with(bug(":release"), onBoard(rel, col)),
			dropLabel("bug"), dropLabel(":release"), addLabel(":reproduce"), offBoard(rel), onBoard(rel, "Awaiting QA"), onBoard(rel, "Done"), closeIt)
	}
	pin(t, s, "awaiting QA", with(bug(":release"), onBoard(rel, "Awaiting QA")),
		dropLabel("bug"), dropLabel(":release"), addLabel(":reproduce"), offBoard(rel), onBoard(rel, "In review"), closeIt)
	pin(t, s, "closed", with(bug(), closeIt), dropLabel("bug"), reopenIt)
	pin(t, s, "orphan", bug("#g-mdm"),
		dropLabel("bug"), addLabel(":reproduce"), addLabel(":release"), addLabel(":product"), closeIt)
	for _, l := range []string{":product", ":release"} {
		pin(t, s, "reproduced orphan", bug(l),
			dropLabel("bug"), dropLabel(l), addLabel(":reproduce"), onBoard(prod, ""), onBoard(rel, ""), closeIt)
	}
	pin(t, s, "reproduced orphan (no group)", with(bug(":product"), onBoard(prod, "")),
		dropLabel("bug"), dropLabel(":product"), addLabel(":reproduce"), addLabel(":release"), offBoard(prod), addLabel("#g-security"), closeIt)
}

// Board titles compare trimmed and case-insensitively, emoji included; a
// board of another title is another board.
func TestBoardTitles(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	is := func(title string) bugflow.Issue {
		return bugflow.Issue{Labels: []string{"bug", ":release"}, Boards: []bugflow.BoardItem{{Board: title, Column: "In progress"}}}
	}
	for _, title := range []string{"🚀 Release", "🚀 release", " 🚀 RELEASE\t"} {
		assert.Equal(t, bugflow.InEngineering, s.Evaluate(is(title)).State, "%q", title)
	}
	for _, title := range []string{"🚀 Release (archive)", "Release", "🚀Release", "🚢 Release"} {
		v := s.Evaluate(is(title))
		assert.Equal(t, bugflow.Unknown, v.State, "%q", title)
		assert.True(t, v.Diagnoses.Has(bugflow.ReproducedOrphan), "%q: off the board table's boards", title)
	}
}

func TestRename(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	r, err := s.Rename(map[string]string{"🚀 release": "Release", "🎁 Product": "Product", "XPKOALA": "quinn", "fleetdm/37": "acme/7"})
	require.NoError(t, err)
	cfg := r.Config()
	assert.Equal(t, []bugflow.Board{{Project: "fleetdm/40", Title: "Release"}, {Project: "acme/7", Title: "Product"}}, cfg.Boards)
	acked := bugflow.Issue{Labels: []string{"bug", ":reproduce"}, Assignees: []string{"quinn"}, Boards: []bugflow.BoardItem{board("Release", "Awaiting QA")}}
	ack, _ := r.State("acknowledged")
	assert.Equal(t, ack, r.Evaluate(acked).State)
	assert.NotEqual(t, ack, s.Evaluate(acked).State, "the original is unchanged")
	assert.Contains(t, cfg.States[2].Match.NotAssignees, "quinn")
	assert.Contains(t, cfg.States[0].Match.NotProjects, "acme/7")
	// Transitions follow the project's new name.
	for tr := range r.Moves(bugflow.Inbox) {
		assert.NotContains(t, tr.Leave, "fleetdm/37")
	}
	// A name the scheme does not have is an error, not a silent no-op.
	_, err = s.Rename(map[string]string{"Relase": "Release"})
	require.ErrorIs(t, err, bugflow.ErrUnknownName)
	assert.EqualError(t, err, `bugflow: rename "Relase": unknown name: not a board title, project or login of the scheme`)
	// Renaming to a title already taken fails as NewScheme does.
	_, err = s.Rename(map[string]string{"🚀 Release": "🎁 Product"})
	require.ErrorIs(t, err, bugflow.ErrConfig)
}
