package bugflow_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

func board(b, c string) bugflow.BoardItem { return bugflow.BoardItem{Board: b, Column: c} }

type verdictCase struct {
	name  string
	is    bugflow.Issue
	state bugflow.State
	diag  bugflow.Diagnosis
	rule  string
}

func checkVerdicts(t *testing.T, s bugflow.Scheme, tests []verdictCase) {
	t.Helper()
	for _, tt := range tests {
		v := s.Evaluate(tt.is)
		assert.Equal(t, tt.state, v.State, "%s: Evaluate(%+v).State", tt.name, tt.is)
		assert.Equal(t, tt.diag, v.Diagnoses, "%s: Evaluate(%+v).Diagnoses = %s", tt.name, tt.is, v.Diagnoses)
		if tt.rule != "" {
			assert.Equal(t, tt.rule, v.Rule, "%s: rule", tt.name)
		}
	}
}

func TestFleet2022(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	rel := "Release"
	checkVerdicts(t, s, []verdictCase{
		// R17 inbox and its acknowledged variant
		{"inbox", bugflow.Issue{Labels: []string{"bug", ":reproduce"}}, bugflow.Inbox, 0, "inbox"},
		{"inbox, GitHub case and spaces", bugflow.Issue{Labels: []string{" BUG", ":Reproduce  "}}, bugflow.Inbox, 0, "inbox"},
		{"acknowledged", bugflow.Issue{Labels: []string{"bug", ":reproduce"}, Assignees: []string{"Quinn"}, Boards: []bugflow.BoardItem{board(rel, "awaiting qa")}}, bugflow.Inbox, 0, "acknowledged"},
		{"inbox but assigned to a developer", bugflow.Issue{Labels: []string{"bug", ":reproduce"}, Assignees: []string{"dev1"}}, bugflow.Unknown, bugflow.Unclassified, ""},
		{"inbox on a board", bugflow.Issue{Labels: []string{"bug", ":reproduce"}, Boards: []bugflow.BoardItem{board("product", "")}}, bugflow.Unknown, bugflow.Unclassified, ""},
		{"inbox on an unrelated board", bugflow.Issue{Labels: []string{"bug", ":reproduce"}, Boards: []bugflow.BoardItem{board("Roadmap", "Q3")}}, bugflow.Inbox, 0, "inbox"},
		// R17 reproduced, R23 reproduced orphan
		{"reproduced", bugflow.Issue{Labels: []string{"bug", "#agent"}, Assignees: []string{"emma"}, Boards: []bugflow.BoardItem{board(rel, "Ready")}}, bugflow.Reproduced, 0, "reproduced"},
		{"reproduced, no column", bugflow.Issue{Labels: []string{"bug", "#Interface"}, Assignees: []string{"EMMA"}, Boards: []bugflow.BoardItem{board(" release ", "")}}, bugflow.Reproduced, 0, ""},
		{"reproduced but QA still assigned", bugflow.Issue{Labels: []string{"bug", "#agent"}, Assignees: []string{"emma", "quinn"}, Boards: []bugflow.BoardItem{board(rel, "Ready")}}, bugflow.Unknown, bugflow.Unclassified, ""},
		{"reproduced orphan: no team", bugflow.Issue{Labels: []string{"bug"}, Assignees: []string{"emma"}, Boards: []bugflow.BoardItem{board(rel, "Ready")}}, bugflow.Unknown, bugflow.ReproducedOrphan, ""},
		// R17 board columns
		{"in progress", bugflow.Issue{Labels: []string{"bug", "#platform"}, Assignees: []string{"dev1"}, Boards: []bugflow.BoardItem{board(rel, "In progress")}}, bugflow.InEngineering, 0, "in engineering"},
		{"in review", bugflow.Issue{Labels: []string{"bug"}, Boards: []bugflow.BoardItem{board(rel, "IN REVIEW")}}, bugflow.InEngineering, 0, ""},
		{"awaiting QA", bugflow.Issue{Labels: []string{"bug"}, Boards: []bugflow.BoardItem{board(rel, "Awaiting QA")}}, bugflow.AwaitingQA, 0, "awaiting QA"},
		{"unknown column", bugflow.Issue{Labels: []string{"bug"}, Boards: []bugflow.BoardItem{board(rel, "Icebox")}}, bugflow.Unknown, bugflow.Unclassified, ""},
		// R23 orphans
		{"orphan", bugflow.Issue{Labels: []string{"bug"}}, bugflow.Unknown, bugflow.Orphan, ""},
		{"orphan with team", bugflow.Issue{Labels: []string{"bug", "#agent"}, Assignees: []string{"emma"}}, bugflow.Unknown, bugflow.Orphan, ""},
		// closed and not bugs
		{"closed", bugflow.Issue{Labels: []string{"bug", ":reproduce"}, Closed: true}, bugflow.Closed, 0, "closed"},
		{"closed non-bug", bugflow.Issue{Labels: []string{"feature"}, Closed: true}, bugflow.Unknown, 0, ""},
		{"open non-bug", bugflow.Issue{Labels: []string{"feature"}}, bugflow.Unknown, bugflow.Unclassified, ""},
		{"no labels", bugflow.Issue{}, bugflow.Unknown, bugflow.Unclassified, ""},
	})
}

func TestFleet2024(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	rel, prod := "Release", "Product"
	checkVerdicts(t, s, []verdictCase{
		{"inbox", bugflow.Issue{Labels: []string{"bug", ":reproduce", "~released bug"}}, bugflow.Inbox, 0, "inbox"},
		{"reproduced", bugflow.Issue{Labels: []string{"bug", ":product", "#g-mdm", "~unreleased bug"}, Boards: []bugflow.BoardItem{board(prod, "")}}, bugflow.Reproduced, 0, "reproduced"},
		{"reproduced, group in caps", bugflow.Issue{Labels: []string{"bug", ":product", " #G-Orchestration"}, Boards: []bugflow.BoardItem{board(prod, "Inbox")}}, bugflow.Reproduced, 0, ""},
		{"reproduced orphan: no group", bugflow.Issue{Labels: []string{"bug", ":product"}, Boards: []bugflow.BoardItem{board(prod, "")}}, bugflow.Unknown, bugflow.ReproducedOrphan, ""},
		{"reproduced orphan: off the boards", bugflow.Issue{Labels: []string{"bug", ":product", "#g-mdm"}}, bugflow.Unknown, bugflow.ReproducedOrphan, ""},
		{"reproduced orphan: :release off the boards", bugflow.Issue{Labels: []string{"bug", ":release"}}, bugflow.Unknown, bugflow.ReproducedOrphan, ""},
		{"in engineering", bugflow.Issue{Labels: []string{"bug", ":release", "#g-mdm", "P1"}, Boards: []bugflow.BoardItem{board(rel, "Ready")}}, bugflow.InEngineering, 0, "in engineering"},
		{"awaiting QA", bugflow.Issue{Labels: []string{"bug", ":release"}, Boards: []bugflow.BoardItem{board(rel, "Awaiting QA")}}, bugflow.AwaitingQA, 0, "awaiting QA"},
		{"orphan R23", bugflow.Issue{Labels: []string{"bug", "#g-mdm"}, Boards: []bugflow.BoardItem{board(rel, "Ready")}}, bugflow.Unknown, bugflow.Orphan, ""},
		// :product left behind when scheduled: the reproduced filter forbids :release
		{":product and :release", bugflow.Issue{Labels: []string{"bug", ":product", ":release", "#g-mdm"}, Boards: []bugflow.BoardItem{board(prod, ""), board(rel, "In progress")}}, bugflow.InEngineering, 0, ""},
		{"closed", bugflow.Issue{Labels: []string{"bug"}, Closed: true}, bugflow.Closed, 0, ""},
	})
}

func TestAmbiguousIsReported(t *testing.T) {
	cfg := bugflow.Config{Name: "overlap", States: []bugflow.StateRule{
		{Name: "new", State: bugflow.Inbox, Match: bugflow.Match{Labels: []string{"bug"}}},
		{Name: "hot", State: bugflow.InEngineering, Match: bugflow.Match{Labels: []string{"P0"}}},
		{Name: "new again", State: bugflow.Inbox, Match: bugflow.Match{Labels: []string{"bug"}, Status: bugflow.StatusOpen}},
	}}
	s, err := bugflow.NewScheme(cfg)
	require.NoError(t, err)
	v := s.Evaluate(bugflow.Issue{Labels: []string{"bug", "p0"}})
	assert.Equal(t, bugflow.Unknown, v.State)
	assert.True(t, v.Diagnoses.Has(bugflow.Ambiguous))
	assert.Equal(t, bugflow.StateSet(0).With(bugflow.Inbox).With(bugflow.InEngineering), v.Matched)
	assert.Empty(t, v.Rule)
	assert.Equal(t, "unknown (ambiguous: inbox|in engineering)", v.String())

	// Two rules of one state are no conflict.
	v = s.Evaluate(bugflow.Issue{Labels: []string{"bug"}})
	assert.Equal(t, bugflow.Inbox, v.State)
	assert.Equal(t, "new", v.Rule)
	assert.Equal(t, "inbox", v.String())
	assert.Equal(t, "unknown (orphan|unclassified)", bugflow.Verdict{Diagnoses: bugflow.Orphan | bugflow.Unclassified}.String())
	assert.Zero(t, v.Diagnoses)

	_, err = s.Plan(bugflow.Issue{Number: 9, Labels: []string{"bug", "P0"}}, bugflow.Closed, bugflow.MoveOptions{})
	require.ErrorIs(t, err, bugflow.ErrAmbiguous)
	assert.Contains(t, err.Error(), "#9")
}

func TestZeroScheme(t *testing.T) {
	var s bugflow.Scheme
	v := s.Evaluate(bugflow.Issue{Labels: []string{"bug"}})
	assert.Equal(t, bugflow.Unknown, v.State)
	assert.Equal(t, bugflow.Unclassified, v.Diagnoses)
	assert.Empty(t, s.Name())
	assert.Empty(t, s.Deadlines(bugflow.Issue{}, nil))
	_, err := s.Plan(bugflow.Issue{}, bugflow.Inbox, bugflow.MoveOptions{})
	require.ErrorIs(t, err, bugflow.ErrForbidden)
}

func TestNewSchemeErrors(t *testing.T) {
	ok := bugflow.Match{Labels: []string{"bug"}}
	many := make([]string, 65)
	for i := range many {
		many[i] = "l" + strings.Repeat("x", i)
	}
	tests := []struct {
		name  string
		cfg   bugflow.Config
		field string
	}{
		{"bad state", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Unknown, Match: ok}}}, "states[0].state"},
		{"bad state high", bugflow.Config{States: []bugflow.StateRule{{State: 12, Match: ok}}}, "states[0].state"},
		{"empty label", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{Labels: []string{"bug", "  "}}}}}, "states[0].labels[1]"},
		{"empty prefix", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{NoLabel: []string{"*"}}}}}, "states[0].noLabel[0]"},
		{"bad status", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{Status: "merged"}}}}, "states[0].status"},
		{"columns without board", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{Columns: []string{"Ready"}}}}}, "states[0].columns"},
		{"unassigned with roles", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{Unassigned: true, Roles: []string{"qa"}}}}}, "states[0].roles"},
		{"blank board", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{Board: "  ", Columns: []string{"x"}}}}}, "states[0].board"},
		{"blank off board", bugflow.Config{Diagnoses: []bugflow.DiagnosisRule{{Diagnosis: bugflow.Orphan, Match: bugflow.Match{OffBoard: []string{"A", ""}}}}}, "diagnoses[0].offBoard[1]"},
		{"blank move board", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: bugflow.Closed, Board: " "}}}, "transitions[0].board"},
		{"blank leave", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: bugflow.Closed, Leave: []string{""}}}}, "transitions[0].leave[0]"},
		{"bad diagnosis", bugflow.Config{Diagnoses: []bugflow.DiagnosisRule{{Diagnosis: bugflow.Ambiguous, Match: ok}}}, "diagnoses[0].diagnosis"},
		{"too many labels", bugflow.Config{States: []bugflow.StateRule{{State: bugflow.Inbox, Match: bugflow.Match{AnyLabel: many}}}}, "labels"},
		{"empty login", bugflow.Config{Roles: map[string]string{" ": "qa"}}, "roles"},
		{"login twice", bugflow.Config{Roles: map[string]string{"Quinn": "qa", "quinn ": "em"}}, "roles"},
		{"bad to", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: -1}}}, "transitions[0].to"},
		{"bad from", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: 40, To: bugflow.Inbox}}}, "transitions[0].from"},
		{"nameless move", bugflow.Config{Transitions: []bugflow.Transition{{From: bugflow.Inbox, To: bugflow.Closed}}}, "transitions[0].name"},
		{"close and reopen", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: bugflow.Closed, Close: true, Reopen: true}}}, "transitions[0].reopen"},
		{"column without board", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: bugflow.Closed, Column: "Ready"}}}, "transitions[0].column"},
		{"leave and join", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: bugflow.Closed, Board: "B", Leave: []string{"A", " b "}}}}, "transitions[0].leave"},
		{"team without teams", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: bugflow.Inbox, To: bugflow.Closed, Team: true}}}, "transitions[0].team"},
		{"negative timer", bugflow.Config{Timers: bugflow.Timers{Reproduce: -1}}, "timers.reproduce"},
		{"ping after close", bugflow.Config{Timers: bugflow.Timers{Ping: 6 * bugflow.Week, Close: 3 * bugflow.Week}}, "timers.ping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bugflow.NewScheme(tt.cfg)
			require.ErrorIs(t, err, bugflow.ErrConfig)
			var ce *bugflow.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field)
			assert.Regexp(t, `^bugflow: invalid scheme: `, err.Error())
		})
	}
	assert.Panics(t, func() { bugflow.MustScheme(tests[0].cfg) })
}

// A preset's Config survives JSON and compiles to a scheme that gives the
// same verdicts and moves.
func TestConfigJSONRoundTrip(t *testing.T) {
	for _, mk := range []func(map[string]string) (bugflow.Scheme, error){bugflow.Fleet2022, bugflow.Fleet2024} {
		s, err := mk(testRoles)
		require.NoError(t, err)
		data, err := json.Marshal(s.Config())
		require.NoError(t, err)
		var cfg bugflow.Config
		require.NoError(t, json.Unmarshal(data, &cfg))
		assert.Equal(t, s.Config(), cfg, "Config round trip of %s", s.Name())
		again, err := bugflow.NewScheme(cfg)
		require.NoError(t, err)
		for _, is := range randomIssues(500, 11) {
			assert.Equal(t, s.Evaluate(is), again.Evaluate(is), "#%d", is.Number)
		}
		assert.Contains(t, string(data), `"reproduce":"168h0m0s"`)
	}
}

func TestSchemeJSON(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var back bugflow.Scheme
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s.Config(), back.Config())
	assert.Equal(t, "fleet-2022", back.Name())

	err = json.Unmarshal([]byte(`{"states":[{"name":"x","state":"inbox","labels":[""]}]}`), &back)
	require.ErrorIs(t, err, bugflow.ErrConfig)
	assert.Equal(t, "fleet-2022", back.Name(), "a failed unmarshal leaves the scheme alone")
	require.Error(t, json.Unmarshal([]byte(`{"states":[{"state":"limbo"}]}`), &back))

	var zero bugflow.Scheme
	b, err = json.Marshal(zero)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"states":null`)
}

func TestTimersJSONErrors(t *testing.T) {
	var tm bugflow.Timers
	err := json.Unmarshal([]byte(`{"ping":"three weeks"}`), &tm)
	var ce *bugflow.ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "timers.ping", ce.Field)
	require.NoError(t, json.Unmarshal([]byte(`{}`), &tm))
	assert.Zero(t, tm)
}

// Config returns a copy: changing it does not change the scheme.
func TestConfigIsCopied(t *testing.T) {
	roles := map[string]string{"quinn": "qa"}
	s, err := bugflow.Fleet2022(roles)
	require.NoError(t, err)
	roles["quinn"] = "pm"
	cfg := s.Config()
	cfg.States[0].Labels[0] = "feature"
	cfg.Roles["quinn"] = "em"
	assert.Equal(t, "qa", s.Role("QUINN"))
	assert.Equal(t, "bug", s.Config().States[0].Labels[0])
	assert.Equal(t, bugflow.Inbox, s.Evaluate(bugflow.Issue{Labels: []string{"bug", ":reproduce"}}).State)
}

func TestEvaluateDoesNotAllocate(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	issues := randomIssues(64, 3)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		_ = s.Evaluate(issues[i%len(issues)])
		i++
	})
	assert.Zero(t, allocs)
}

// Verdicts do not depend on the case or padding of names (GitHub search
// semantics), nor on the order of labels, assignees and boards.
func TestEvaluateNormalisation(t *testing.T) {
	for _, mk := range []func(map[string]string) (bugflow.Scheme, error){bugflow.Fleet2022, bugflow.Fleet2024} {
		s, err := mk(testRoles)
		require.NoError(t, err)
		for _, is := range randomIssues(1000, 5) {
			want := s.Evaluate(is)
			assert.Equal(t, want, s.Evaluate(shout(is)), "#%d upper-cased and padded", is.Number)
			assert.Equal(t, want, s.Evaluate(reversed(is)), "#%d reversed", is.Number)
			assert.Equal(t, want.State != bugflow.Unknown, want.Matched.Len() == 1, "#%d: a state iff one state matched", is.Number)
			assert.Equal(t, want.Matched.Len() > 1, want.Diagnoses.Has(bugflow.Ambiguous), "#%d", is.Number)
		}
	}
}

func shout(is bugflow.Issue) bugflow.Issue {
	up := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = " " + strings.ToUpper(x) + "\t"
		}
		return out
	}
	out := is
	out.Labels, out.Assignees = up(is.Labels), up(is.Assignees)
	out.Boards = nil
	for _, b := range is.Boards {
		out.Boards = append(out.Boards, bugflow.BoardItem{Board: strings.ToUpper(b.Board) + " ", Column: " " + strings.ToUpper(b.Column)})
	}
	return out
}

func reversed(is bugflow.Issue) bugflow.Issue {
	rev := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[len(xs)-1-i] = x
		}
		return out
	}
	out := is
	out.Labels, out.Assignees = rev(is.Labels), rev(is.Assignees)
	out.Boards = make([]bugflow.BoardItem, len(is.Boards))
	for i, b := range is.Boards {
		out.Boards[len(is.Boards)-1-i] = b
	}
	return out
}

// A Scheme is safe for concurrent use (run with -race).
func TestConcurrentUse(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	issues := randomIssues(200, 13)
	want := make([]bugflow.Verdict, len(issues))
	for i, is := range issues {
		want[i] = s.Evaluate(is)
	}
	done := make(chan []bugflow.Verdict)
	for range 4 {
		go func() {
			got := make([]bugflow.Verdict, len(issues))
			for i, is := range issues {
				got[i] = s.Evaluate(is)
				_, _ = s.Plan(is, bugflow.Closed, bugflow.MoveOptions{})
			}
			done <- got
		}()
	}
	for range 4 {
		assert.Equal(t, want, <-done)
	}
}
