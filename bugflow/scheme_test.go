package bugflow_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

var search = bugflow.MustParseMatch

func TestAmbiguousIsReported(t *testing.T) {
	cfg := bugflow.Config{Name: "overlap", States: []bugflow.StateRule{
		{Name: "new", State: "inbox", Match: search("label:bug")},
		{Name: "hot", State: "in engineering", Match: search("label:P0")},
		{Name: "new again", State: "inbox", Match: search("is:open label:bug")},
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
	assert.Equal(t, "unknown (orphan|unclassified)", bugflow.Evaluation{Diagnoses: bugflow.Orphan | bugflow.Unclassified}.String())
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
	assert.Empty(t, s.Check(nil).Findings)
	require.NoError(t, s.Check([]bugflow.Issue{{Labels: []string{"bug"}}}).Err())
}

// States beyond the five are data: declared with their order in the flow,
// counted by Report, named by the scheme.
func TestDeclaredStates(t *testing.T) {
	s, err := bugflow.NewScheme(bugflow.Config{
		Flow:  []string{"triage", "inbox", "blocked", "in engineering", "closed"},
		Scope: search("is:open"),
		States: []bugflow.StateRule{
			{State: "triage", Match: search("label:bug no:assignee -label:accepted -label:blocked")},
			{State: "inbox", Match: search("label:bug label:accepted")},
			{State: "blocked", Match: search("label:bug label:blocked -label:accepted")},
			{State: "in-engineering", Match: search("label:bug label:doing -label:blocked")},
			{State: "closed", Match: search("is:closed label:bug")},
		},
		Transitions: []bugflow.Transition{{Name: "block", From: "in engineering", To: "blocked", Add: []string{"blocked"}, Remove: []string{"doing"}}},
	})
	require.NoError(t, err)
	triage, ok := s.State("Triage")
	require.True(t, ok)
	blocked, _ := s.State("blocked")
	assert.Equal(t, bugflow.State(bugflow.NumStates), triage, "declared states number from NumStates, in flow order")
	assert.Equal(t, bugflow.State(bugflow.NumStates+1), blocked)
	assert.Equal(t, []bugflow.State{triage, bugflow.Inbox, blocked, bugflow.InEngineering, bugflow.Closed}, s.Flow())
	assert.Equal(t, "blocked", s.StateName(blocked))
	assert.Equal(t, "State(7)", blocked.String(), "without the scheme a declared state has no name")
	_, ok = s.State("reproduced")
	assert.False(t, ok, "not declared")

	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug"}},
		{Number: 2, Labels: []string{"bug", "blocked"}, Assignees: []string{"dev"}},
		{Number: 3, Labels: []string{"bug", "blocked"}, Assignees: []string{"dev"}},
		{Number: 4, Labels: []string{"bug", "doing"}, Assignees: []string{"dev"}},
	}
	v := s.Evaluate(issues[1])
	assert.Equal(t, blocked, v.State)
	assert.Equal(t, "blocked", v.Name)
	assert.Equal(t, "blocked", v.String())
	r := s.Report(issues, issues[0].Created, bugflow.ReportOptions{})
	assert.Equal(t, []bugflow.StateCount{
		{State: triage, Name: "triage", Count: 1}, {State: bugflow.Inbox, Name: "inbox", Count: 0},
		{State: blocked, Name: "blocked", Count: 2}, {State: bugflow.InEngineering, Name: "in engineering", Count: 1},
		{State: bugflow.Closed, Name: "closed", Count: 0},
	}, r.States)
	assert.Contains(t, r.Summary(), "(triage 1, inbox 0, blocked 2, in engineering 1)")
	e, err := s.Plan(issues[3], blocked, bugflow.MoveOptions{})
	require.NoError(t, err)
	assert.Equal(t, "#4 in engineering -> blocked (block): add label blocked; remove label doing", e.String())
	assert.Equal(t, blocked, s.Evaluate(e.Apply(issues[3])).State)
	assert.Equal(t, "triage|blocked", s.FormatStates(bugflow.StateSet(0).With(blocked).With(triage)))
}

// manyStates is a flow of 59 states of the scheme's own: one too many.
var manyStates = func() []string {
	var out []string
	for i := range 59 {
		out = append(out, "s"+fmt.Sprint(i))
	}
	return out
}()

func TestNewSchemeErrors(t *testing.T) {
	_, err := bugflow.NewScheme(bugflow.Config{Flow: manyStates[:58]})
	require.NoError(t, err, "58 states of its own fit")
	ok := search("label:bug")
	boards := []bugflow.Board{{Project: "o/1", Title: "B"}}
	many := make([]string, 65)
	for i := range many {
		many[i] = "l" + strings.Repeat("x", i)
	}
	tests := []struct {
		name  string
		cfg   bugflow.Config
		field string
		value string
		err   error
	}{
		// names that must resolve
		{"state not in the flow", bugflow.Config{States: []bugflow.StateRule{{State: "limbo", Match: ok}}}, "states[0].state", "limbo", bugflow.ErrUnknownName},
		{"diagnosis state", bugflow.Config{Diagnoses: []bugflow.DiagnosisRule{{Diagnosis: bugflow.Incomplete, State: "reprodcued", Match: ok}}}, "diagnoses[0].state", "reprodcued", bugflow.ErrUnknownName},
		{"project not in the table", bugflow.Config{Boards: boards, States: []bugflow.StateRule{{State: "inbox", Match: search("project:o/2")}}}, "states[0].search.projects[0]", "o/2", bugflow.ErrUnknownName},
		{"not-project not in the table", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: search("-project:fleetdm/40")}}}, "states[0].search.notProjects[0]", "fleetdm/40", bugflow.ErrUnknownName},
		{"column's project", bugflow.Config{Diagnoses: []bugflow.DiagnosisRule{{Diagnosis: bugflow.Orphan, Match: search("project:o/9 column:x")}}}, "diagnoses[0].search.projects[0]", "o/9", bugflow.ErrUnknownName},
		{"role not declared", bugflow.Config{Roles: []string{"qa"}, States: []bugflow.StateRule{{State: "inbox", Match: search("role:em")}}}, "states[0].search.roles[0]", "em", bugflow.ErrUnknownName},
		{"person's role", bugflow.Config{Roles: []string{"qa"}, People: map[string]string{"quinn": "QA"}}, "people.quinn", "QA", bugflow.ErrUnknownName},
		{"transition state", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: "inbox", To: "done"}}}, "transitions[0].to", "done", bugflow.ErrUnknownName},
		{"transition board", bugflow.Config{Boards: boards, Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Board: "Kanban"}}}, "transitions[0].board", "Kanban", bugflow.ErrUnknownName},
		{"transition leave", bugflow.Config{Boards: boards, Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Leave: []string{"o/2"}}}}, "transitions[0].leave[0]", "o/2", bugflow.ErrUnknownName},
		{"transition role", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Assign: "qa"}}}, "transitions[0].assign", "qa", bugflow.ErrUnknownName},
		{"transition unassign", bugflow.Config{Roles: []string{"qa"}, Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Unassign: []string{"qa", "em"}}}}, "transitions[0].unassign[1]", "em", bugflow.ErrUnknownName},
		// syntax
		{"empty label", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{Labels: []string{"bug", "  "}}}}}, "states[0].search.labels[1]", "  ", bugflow.ErrSyntax},
		{"empty prefix", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{NotLabels: []string{"*"}}}}}, "states[0].search.notLabels[0]", "*", bugflow.ErrSyntax},
		{"quote in a name", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{Labels: []string{`a"b`}}}}}, "states[0].search.labels[0]", `a"b`, bugflow.ErrSyntax},
		{"any-of of one", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{AnyLabels: [][]string{{"a"}}}}}}, "states[0].search.anyLabels[0]", "a", bugflow.ErrSyntax},
		{"bad status", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{Status: "merged"}}}}, "states[0].search.status", "merged", bugflow.ErrSyntax},
		{"columns without a project", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{Columns: []string{"Ready"}}}}}, "states[0].search.columns", "Ready", bugflow.ErrSyntax},
		{"bad project", bugflow.Config{Boards: []bugflow.Board{{Project: "fleet", Title: "B"}}}, "boards[0].project", "fleet", bugflow.ErrSyntax},
		{"empty title", bugflow.Config{Boards: []bugflow.Board{{Project: "o/1", Title: " "}}}, "boards[0].title", " ", bugflow.ErrSyntax},
		{"scope", bugflow.Config{Scope: bugflow.Match{Projects: []string{"x"}}}, "scope.projects[0]", "x", bugflow.ErrSyntax},
		{"metric", bugflow.Config{Metrics: bugflow.Metrics{Opened: bugflow.Match{Created: bugflow.DateFilter{Op: "~"}}}}, "metrics.opened.created", "~", bugflow.ErrSyntax},
		{"empty transition name", bugflow.Config{Transitions: []bugflow.Transition{{From: "inbox", To: "closed"}}}, "transitions[0].name", "", bugflow.ErrSyntax},
		{"bad role name", bugflow.Config{Roles: []string{"q a"}}, "roles[0]", "q a", bugflow.ErrSyntax},
		// other refusals
		{"board twice", bugflow.Config{Boards: []bugflow.Board{{Project: "o/1", Title: "B"}, {Project: "o/2", Title: " b "}}}, "boards[1].title", " b ", bugflow.ErrConfig},
		{"project twice", bugflow.Config{Boards: []bugflow.Board{{Project: "o/1", Title: "B"}, {Project: "O/1", Title: "C"}}}, "boards[1].project", "O/1", bugflow.ErrConfig},
		{"state twice", bugflow.Config{Flow: []string{"inbox", "Inbox"}}, "flow[1]", "Inbox", bugflow.ErrConfig},
		{"unknown state name", bugflow.Config{Flow: []string{"inbox", "unknown"}}, "flow[1]", "unknown", bugflow.ErrConfig},
		{"too many states", bugflow.Config{Flow: manyStates}, "flow[58]", "s58", bugflow.ErrConfig},
		{"bad diagnosis", bugflow.Config{Diagnoses: []bugflow.DiagnosisRule{{Diagnosis: bugflow.Ambiguous, Match: ok}}}, "diagnoses[0].diagnosis", "ambiguous", bugflow.ErrConfig},
		{"too many labels", bugflow.Config{States: []bugflow.StateRule{{State: "inbox", Match: bugflow.Match{Labels: many}}}}, "labels", "65", bugflow.ErrConfig},
		{"login twice", bugflow.Config{Roles: []string{"qa"}, People: map[string]string{"quinn": "qa", "QUINN": "qa"}}, "people.quinn", "qa", bugflow.ErrConfig},
		{"close and reopen", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: "inbox", To: "closed", Close: true, Reopen: true}}}, "transitions[0].reopen", "true", bugflow.ErrConfig},
		{"leave the board it joins", bugflow.Config{Boards: boards, Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Board: "o/1", Leave: []string{"B"}}}}, "transitions[0].leave[0]", "B", bugflow.ErrConfig},
		{"column without board", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Column: "c"}}}, "transitions[0].column", "c", bugflow.ErrConfig},
		{"team without teams", bugflow.Config{Transitions: []bugflow.Transition{{Name: "x", From: "inbox", Team: true}}}, "transitions[0].team", "true", bugflow.ErrConfig},
		{"negative timer", bugflow.Config{Timers: bugflow.Timers{Ping: -1}}, "timers.ping", "-1ns", bugflow.ErrConfig},
		{"ping after close", bugflow.Config{Timers: bugflow.Timers{Ping: 2, Close: 1}}, "timers.ping", "2ns", bugflow.ErrConfig},
	}
	for _, tt := range tests {
		_, err := bugflow.NewScheme(tt.cfg)
		require.ErrorIs(t, err, tt.err, tt.name)
		var ce *bugflow.ConfigError
		require.ErrorAs(t, err, &ce, tt.name)
		assert.Equal(t, tt.field, ce.Field, tt.name)
		assert.Equal(t, tt.value, ce.Value, tt.name)
		assert.True(t, strings.HasPrefix(err.Error(), "bugflow: "+tt.field), "%s: %v", tt.name, err)
		assert.Equal(t, 1, strings.Count(err.Error(), "bugflow:"), "%s: one prefix: %v", tt.name, err)
		assert.NotPanics(t, func() { _ = bugflow.MustNewScheme(bugflow.Config{}) })
		assert.Panics(t, func() { _ = bugflow.MustNewScheme(tt.cfg) }, tt.name)
	}
}

func TestConfigErrorText(t *testing.T) {
	_, err := bugflow.NewScheme(bugflow.Config{States: []bugflow.StateRule{{State: "limbo", Match: search("label:bug")}}})
	assert.EqualError(t, err, `bugflow: states[0].state "limbo": unknown name: not a state of the flow (inbox, reproduced, in engineering, awaiting QA, closed)`)
}

// The scheme's JSON: camelCase keys, searches as text, strict decoding.
func TestSchemeJSON(t *testing.T) {
	for _, mk := range []func(map[string]string) (bugflow.Scheme, error){bugflow.Fleet2022, bugflow.Fleet2024} {
		s, err := mk(testRoles)
		require.NoError(t, err)
		b, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"search":"is:issue is:open label:bug label::reproduce no:assignee -project:fleetdm/37 -project:fleetdm/40"`)
		var back bugflow.Scheme
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, s.Config(), back.Config())
		for _, is := range randomIssues(300, 9) {
			requireSameEvaluation(t, s.Evaluate(is), back.Evaluate(is))
		}
		// null leaves the scheme unchanged.
		require.NoError(t, json.Unmarshal([]byte("null"), &back))
		assert.Equal(t, s.Name(), back.Name())
	}
}

func TestSchemeJSONErrors(t *testing.T) {
	tests := []struct {
		name, json, field, value string
		err                      error
	}{
		{"typo at the top", `{"nmae":"x"}`, "nmae", "nmae", bugflow.ErrUnknownField},
		{"key case", `{"Name":"x"}`, "Name", "Name", bugflow.ErrUnknownField},
		{"typo in a board", `{"boards":[{"project":"o/1","tilte":"B"}]}`, "boards[0].tilte", "tilte", bugflow.ErrUnknownField},
		{"typo in a rule", `{"states":[{"state":"inbox","serach":"label:bug"}]}`, "states[0].serach", "serach", bugflow.ErrUnknownField},
		{"typo in a diagnosis", `{"diagnoses":[{"diagnosis":"orphan","search":"","stat":"x"}]}`, "diagnoses[0].stat", "stat", bugflow.ErrUnknownField},
		{"typo in metrics", `{"metrics":{"opend":"label:bug"}}`, "metrics.opend", "opend", bugflow.ErrUnknownField},
		{"typo in a transition", `{"transitions":[{"name":"x","form":"inbox"}]}`, "transitions[0].form", "form", bugflow.ErrUnknownField},
		{"typo in timers", `{"timers":{"pnig":"1h"}}`, "timers.pnig", "pnig", bugflow.ErrUnknownField},
		{"duplicate key", `{"name":"a","name":"b"}`, "name", "name", bugflow.ErrDuplicateKey},
		{"duplicate deep", `{"states":[{"state":"inbox","search":"","state":"closed"}]}`, "states[0].state", "state", bugflow.ErrDuplicateKey},
		{"duplicate login", `{"roles":["qa"],"people":{"q":"qa","q":"qa"}}`, "people.q", "q", bugflow.ErrDuplicateKey},
		{"bad search", `{"states":[{"state":"inbox","search":"label:bug milestone:x"}]}`, "states[0].search", "milestone:x", bugflow.ErrSyntax},
		{"bad duration", `{"timers":{"ping":"3 weeks"}}`, "timers.ping", "3 weeks", bugflow.ErrSyntax},
		{"bad timers", `{"timers":{"ping":"2h","close":"1h"}}`, "timers.ping", "2h0m0s", bugflow.ErrConfig},
		{"bad diagnosis", `{"diagnoses":[{"diagnosis":"lost","search":""}]}`, "diagnoses[0].diagnosis", "lost", bugflow.ErrUnknownName},
		{"wrong type", `{"flow":"inbox"}`, "flow", `"inbox"`, bugflow.ErrSyntax},
		{"trailing text", `{} {}`, "", "{}", bugflow.ErrSyntax},
		{"unknown name", `{"states":[{"state":"limbo","search":""}]}`, "states[0].state", "limbo", bugflow.ErrUnknownName},
	}
	for _, tt := range tests {
		var s bugflow.Scheme
		err := s.UnmarshalJSON([]byte(tt.json))
		require.ErrorIs(t, err, tt.err, tt.name)
		var ce *bugflow.ConfigError
		require.ErrorAs(t, err, &ce, tt.name)
		assert.Equal(t, tt.field, ce.Field, "%s: %v", tt.name, err)
		assert.Equal(t, tt.value, ce.Value, "%s: %v", tt.name, err)
		assert.Nil(t, s.Config().States, tt.name)
	}
}

// A null field is the same as a missing one.
func TestSchemeJSONNull(t *testing.T) {
	var a, b bugflow.Scheme
	require.NoError(t, json.Unmarshal([]byte(`{"name":"x","flow":null,"timers":null,"metrics":{"open":null}}`), &a))
	require.NoError(t, json.Unmarshal([]byte(`{"name":"x","metrics":{}}`), &b))
	assert.Equal(t, b.Config(), a.Config())
	var tm bugflow.Timers = bugflow.FleetTimers()
	require.NoError(t, json.Unmarshal([]byte(`{"ping":null}`), &tm))
	assert.Equal(t, bugflow.FleetTimers(), tm, "a null field leaves the duration unchanged")
	require.NoError(t, json.Unmarshal([]byte(`null`), &tm))
	assert.Equal(t, bugflow.FleetTimers(), tm)
}

func TestConfigIsCopied(t *testing.T) {
	cfg := bugflow.Config{Roles: []string{"qa"}, People: map[string]string{"quinn": "qa"},
		States: []bugflow.StateRule{{State: "inbox", Match: search("label:bug label:a,b")}}}
	s, err := bugflow.NewScheme(cfg)
	require.NoError(t, err)
	cfg.States[0].Match.Labels[0] = "feature"
	cfg.States[0].Match.AnyLabels[0][0] = "z"
	cfg.People["quinn"] = "em"
	assert.Equal(t, bugflow.Inbox, s.Evaluate(bugflow.Issue{Labels: []string{"bug", "a"}}).State)
	assert.Equal(t, "qa", s.Role("quinn"))
	got := s.Config()
	got.States[0].Match.AnyLabels[0][1] = "y"
	assert.Equal(t, bugflow.Inbox, s.Evaluate(bugflow.Issue{Labels: []string{"bug", "b"}}).State)
}

func TestEvaluateDoesNotAllocate(t *testing.T) {
	for _, mk := range []func(map[string]string) (bugflow.Scheme, error){bugflow.Fleet2022, bugflow.Fleet2024} {
		s, err := mk(testRoles)
		require.NoError(t, err)
		issues := randomIssues(64, 3)
		i := 0
		allocs := testing.AllocsPerRun(1000, func() {
			_ = s.Evaluate(issues[i%len(issues)])
			i++
		})
		assert.Zero(t, allocs)
	}
}

// Evaluations do not depend on the case or padding of names (GitHub search
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
	want := make([]bugflow.Evaluation, len(issues))
	for i, is := range issues {
		want[i] = s.Evaluate(is)
	}
	done := make(chan []bugflow.Evaluation)
	for range 4 {
		go func() {
			got := make([]bugflow.Evaluation, len(issues))
			for i, is := range issues {
				got[i] = s.Evaluate(is)
				_, _ = s.Plan(is, bugflow.Closed, bugflow.MoveOptions{})
				_ = s.Explain(is).String()
			}
			done <- got
		}()
	}
	for range 4 {
		assert.Equal(t, want, <-done)
	}
}
