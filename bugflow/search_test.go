package bugflow_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

func TestParseMatch(t *testing.T) {
	tests := []struct {
		search string
		want   bugflow.Match
		text   string // String's text, when it differs from search
	}{
		// GitHub's qualifiers
		{"is:issue is:open", bugflow.Match{Issue: true, Status: bugflow.StatusOpen}, ""},
		{"is:closed", bugflow.Match{Status: bugflow.StatusClosed}, ""},
		{"label:bug label::reproduce", bugflow.Match{Labels: []string{"bug", ":reproduce"}}, ""},
		{"label:P0,P1", bugflow.Match{AnyLabels: [][]string{{"P0", "P1"}}}, ""},
		{"-label:#agent -label:a,b", bugflow.Match{NotLabels: []string{"#agent", "a", "b"}}, "-label:#agent -label:a -label:b"},
		{"no:label no:assignee no:project", bugflow.Match{NoLabel: true, NoAssignee: true, NoProject: true}, ""},
		{"assignee:xpkoala -assignee:emma", bugflow.Match{Assignees: []string{"xpkoala"}, NotAssignees: []string{"emma"}}, ""},
		{"project:fleetdm/40 -project:fleetdm/37", bugflow.Match{Projects: []string{"fleetdm/40"}, NotProjects: []string{"fleetdm/37"}}, ""},
		{"created:>=2024-03-04 closed:<2024-03-11", bugflow.Match{Created: bugflow.DateFilter{Op: ">=", Day: date.New(2024, 3, 4)},
			Closed: bugflow.DateFilter{Op: "<", Day: date.New(2024, 3, 11)}}, ""},
		{"created:2024-02-29", bugflow.Match{Created: bugflow.DateFilter{Op: "=", Day: date.New(2024, 2, 29)}}, ""},
		{"created:>2024-01-01 closed:<=2024-12-31", bugflow.Match{Created: bugflow.DateFilter{Op: ">", Day: date.New(2024, 1, 1)},
			Closed: bugflow.DateFilter{Op: "<=", Day: date.New(2024, 12, 31)}}, ""},
		// quoting: spaces, emoji, commas; an empty column
		{`label:"~more info needed" label:"🐛 bug"`, bugflow.Match{Labels: []string{"~more info needed", "🐛 bug"}}, ""},
		{`label:🐛`, bugflow.Match{Labels: []string{"🐛"}}, ""},
		{`label:"a,b"`, bugflow.Match{Labels: []string{"a,b"}}, ""},
		{`project:fleetdm/40 column:"In progress",Ready,""`, bugflow.Match{Projects: []string{"fleetdm/40"}, Columns: []string{"In progress", "Ready", ""}}, ""},
		// the scheme's own qualifiers
		{"role:qa -role:em", bugflow.Match{Roles: []string{"qa"}, NotRoles: []string{"em"}}, ""},
		// case of qualifiers, spacing, order
		{"  LABEL:Bug\tIs:Open  ", bugflow.Match{Status: bugflow.StatusOpen, Labels: []string{"Bug"}}, "is:open label:Bug"},
		{"", bugflow.Match{}, ""},
	}
	for _, tt := range tests {
		m, err := bugflow.ParseMatch(tt.search)
		require.NoError(t, err, tt.search)
		assert.Equal(t, tt.want, m, "ParseMatch(%q)", tt.search)
		text := tt.text
		if text == "" {
			text = tt.search
		}
		assert.Equal(t, text, m.String(), "ParseMatch(%q).String()", tt.search)
	}
}

func TestParseMatchErrors(t *testing.T) {
	tests := []struct{ search, value, reason string }{
		{"label:bug milestone:v4.50", "milestone:v4.50", `unknown qualifier "milestone:"`},
		{"sort:created-asc", "sort:created-asc", `unknown qualifier "sort:"`},
		{"label:bug crash", "crash", "free text"},
		{"is:pr", "is:pr", "is: takes open, closed or issue"},
		{"is:open is:closed", "is:closed", "both is:open and is:closed"},
		{"-is:open", "-is:open", "-is: cannot be negated"},
		{"-no:label", "-no:label", "-no: cannot be negated"},
		{"no:milestone", "no:milestone", "no: takes label, assignee or project"},
		{"label:", "", "empty value"},
		{`label:"bug`, `"bug`, "unterminated quote"},
		{`label:a"b"`, `a"`, "want a space or a comma"},
		{"assignee:a,b", "assignee:a,b", "assignee: takes one value"},
		{"project:fleetdm", "", "OWNER/NUMBER"},
		{"project:fleetdm/forty", "", "OWNER/NUMBER"},
		{"column:Ready", "Ready", "column: needs exactly one project:"},
		{"project:a/1 project:a/2 column:Ready", "Ready", "column: needs exactly one project:"},
		{"project:a/1 column:a column:b", "column:b", "column: given twice"},
		{"created:>=2024-02-30", "created:>=2024-02-30", "want a day YYYY-MM-DD"},
		{"created:>=yesterday", "created:>=yesterday", "want >=, >, <=, < or nothing"},
		{"created:2024-01-01..2024-02-01", "created:2024-01-01..2024-02-01", "want >=, >, <=, < or nothing"},
		{"closed:>2024-01-01 closed:<2024-02-01", "closed:<2024-02-01", "closed: given twice"},
		{"-created:>2024-01-01", "-created:>2024-01-01", "cannot be negated"},
	}
	for _, tt := range tests {
		_, err := bugflow.ParseMatch(tt.search)
		require.ErrorIs(t, err, bugflow.ErrSyntax, tt.search)
		var ce *bugflow.ConfigError
		require.ErrorAs(t, err, &ce, tt.search)
		if tt.value != "" {
			assert.Equal(t, tt.value, ce.Value, tt.search)
		}
		assert.Contains(t, err.Error(), tt.reason, tt.search)
	}
	assert.Panics(t, func() { bugflow.MustParseMatch("milestone:x") })
}

// Each qualifier means what GitHub's search means by it.
func TestMatchSemantics(t *testing.T) {
	boards := []bugflow.Board{{Project: "o/1", Title: "🚀 Board"}, {Project: "o/2", Title: "Other"}}
	day := func(d int) time.Time { return time.Date(2024, 3, d, 23, 30, 0, 0, time.UTC) }
	chicago := loc(t, "America/Chicago")
	tests := []struct {
		search string
		is     bugflow.Issue
		want   bool
	}{
		{"no:label", bugflow.Issue{}, true},
		{"no:label", bugflow.Issue{Labels: []string{"x"}}, false},
		{"no:label", bugflow.Issue{Labels: []string{" "}}, true},
		{"no:assignee", bugflow.Issue{Assignees: []string{"a"}}, false},
		{"assignee:Ann", bugflow.Issue{Assignees: []string{"bob", " ann "}}, true},
		{"assignee:ann", bugflow.Issue{Assignees: []string{"bob"}}, false},
		{"-assignee:ann", bugflow.Issue{Assignees: []string{"ANN"}}, false},
		{"-assignee:ann", bugflow.Issue{}, true},
		{"label:a,b", bugflow.Issue{Labels: []string{"B"}}, true},
		{"label:a,b", bugflow.Issue{Labels: []string{"c"}}, false},
		{"label:a,b label:c,d", bugflow.Issue{Labels: []string{"a"}}, false},
		{"-label:a", bugflow.Issue{Labels: []string{"A "}}, false},
		{"no:project", bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "Roadmap"}}}, false},
		{"no:project", bugflow.Issue{}, true},
		{"project:o/1", bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "🚀 BOARD"}}}, true},
		{"project:o/1", bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "Board"}}}, false},
		{"-project:o/1 -project:o/2", bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "Other"}}}, false},
		{`project:o/1 column:""`, bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "🚀 Board"}}}, true},
		{`project:o/1 column:""`, bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "🚀 Board", Column: "Ready"}}}, false},
		{`project:o/1 column:Ready`, bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "Other", Column: "Ready"}}}, false},
		{`project:o/1 column:Ready`, bugflow.Issue{Boards: []bugflow.BoardItem{{Board: "Other", Column: "Ready"}, {Board: "🚀 Board", Column: " ready"}}}, true},
		// days are UTC days, as GitHub reads a bare date
		{"created:>=2024-03-05", bugflow.Issue{Created: day(4)}, false},
		{"created:>=2024-03-05", bugflow.Issue{Created: day(5)}, true},
		{"created:>=2024-03-05", bugflow.Issue{Created: time.Date(2024, 3, 4, 19, 0, 0, 0, chicago)}, true},
		{"created:<2024-03-05", bugflow.Issue{Created: day(4)}, true},
		{"created:2024-03-05", bugflow.Issue{Created: day(5)}, true},
		{"created:>2024-03-05", bugflow.Issue{Created: day(5)}, false},
		{"created:<=2024-03-05", bugflow.Issue{Created: day(5)}, true},
		{"created:>=2024-03-05", bugflow.Issue{}, false},
		{"closed:>=2024-03-05", bugflow.Issue{Closed: true, ClosedAt: day(6)}, true},
		{"closed:>=2024-03-05", bugflow.Issue{Closed: true}, false},
		{"role:qa", bugflow.Issue{Assignees: []string{"Quinn"}}, true},
		{"role:qa", bugflow.Issue{Assignees: []string{"emma"}}, false},
		{"-role:em", bugflow.Issue{Assignees: []string{"quinn", "EMMA"}}, false},
		{"-role:em", bugflow.Issue{Assignees: []string{"quinn"}}, true},
	}
	for _, tt := range tests {
		s, err := bugflow.NewScheme(bugflow.Config{Boards: boards, Roles: []string{"qa", "em"}, People: map[string]string{"quinn": "qa", "emma": "em"},
			States: []bugflow.StateRule{{State: "inbox", Match: search(tt.search)}}})
		require.NoError(t, err, tt.search)
		got := s.Evaluate(tt.is).State == bugflow.Inbox
		assert.Equal(t, tt.want, got, "%q on %+v", tt.search, tt.is)
	}
}

// And joins two searches; the second's is: wins, as a rule's does over the
// scope.
func TestMatchAnd(t *testing.T) {
	m := search("is:open label:bug").And(search("is:closed -label:x project:a/1 column:c"))
	assert.Equal(t, "is:closed label:bug -label:x project:a/1 column:c", m.String())
	s, err := bugflow.NewScheme(bugflow.Config{Scope: search("is:open label:bug"), States: []bugflow.StateRule{
		{State: "closed", Match: search("is:closed")}, {State: "inbox", Match: search("label:new")}}})
	require.NoError(t, err)
	assert.Equal(t, bugflow.Closed, s.Evaluate(bugflow.Issue{Labels: []string{"bug"}, Closed: true}).State)
	assert.Equal(t, bugflow.Unknown, s.Evaluate(bugflow.Issue{Labels: []string{"new"}}).State, "the scope's label:bug applies")
	assert.False(t, s.Evaluate(bugflow.Issue{Labels: []string{"bug", "new"}, Closed: true}).Matched.Has(bugflow.Inbox), "the scope's is:open applies")
}
