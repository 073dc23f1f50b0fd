package bugflow_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

// FuzzDecodeGitHub checks that any input either decodes to bugs with unique
// positive numbers that survive a round trip through gh's format, or fails
// with a *DecodeError.
func FuzzDecodeGitHub(f *testing.F) {
	// valid
	f.Add([]byte(ghSample))
	f.Add([]byte(`[]`))
	f.Add(encodeGitHub(randomIssues(5, 1)))
	f.Add([]byte(`[{"number": 1, "createdAt": "2024-03-01T00:00:00+05:45", "labels": [{"name": "bug"}], "projectItems": [{"title": "Release", "status": null}]}]`))
	// invalid
	f.Add([]byte(``))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[{"number": 1}]`))
	f.Add([]byte(`[{"number": 1, "createdAt": "2024-03-01T00:00:00Z"}, {"number": 1, "createdAt": "2024-03-01T00:00:00Z"}]`))
	f.Add([]byte(`[{"number": 9223372036854775807, "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}]}]`))
	f.Add([]byte(`[{"number": 2, "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": 3}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		issues, skipped, err := bugflow.DecodeGitHub(data)
		if err != nil {
			var de *bugflow.DecodeError
			require.ErrorAs(t, err, &de)
			require.True(t, strings.HasPrefix(err.Error(), "bugflow: decode"), err.Error())
			require.GreaterOrEqual(t, de.Index, -1)
			return
		}
		seen := map[int]bool{}
		for _, is := range issues {
			require.Positive(t, is.Number)
			require.False(t, seen[is.Number], "duplicate #%d", is.Number)
			seen[is.Number] = true
			require.True(t, is.HasLabel("bug"), "#%d is not a bug", is.Number)
			require.False(t, is.Created.IsZero())
		}
		for _, s := range skipped {
			require.False(t, seen[s.Number], "duplicate #%d", s.Number)
			seen[s.Number] = true
			require.NotEmpty(t, s.Reason)
		}
		again, skipped2, err := bugflow.DecodeGitHub(encodeGitHub(issues))
		require.NoError(t, err)
		require.Empty(t, skipped2)
		require.Len(t, again, len(issues))
		for i := range issues {
			require.Equal(t, issues[i].Number, again[i].Number)
			require.Equal(t, issues[i].Labels, again[i].Labels)
			require.Equal(t, issues[i].Assignees, again[i].Assignees)
			require.Equal(t, issues[i].Boards, again[i].Boards)
			require.Equal(t, issues[i].Closed, again[i].Closed)
			require.True(t, issues[i].Created.Equal(again[i].Created))
		}
	})
}

// FuzzEvaluate checks the verdict's invariants for issues made of arbitrary
// names, that case and padding do not matter, and that every planned move
// reaches its target.
func FuzzEvaluate(f *testing.F) {
	// labels, assignees, boards as "board:column" lists, closed
	f.Add("bug,:reproduce", "", "", false)
	f.Add("bug,#agent", "emma", "🚀 Release:Ready", false)
	f.Add("bug,:product,#g-mdm", "emma,quinn", "🎁 Product:", false)
	f.Add("bug,:release,:product", "dev1", "🚀 Release:In progress,🎁 Product:", false)
	f.Add("Bug,  :REPRODUCE ", "Quinn", "🚀 release:awaiting qa", false)
	f.Add("bug,:reproduce", "quinn", "🚀 Release:Awaiting QA", false)
	f.Add("bug", "", "", true)
	f.Add("", "", ":", false)
	f.Add("*,#g-,~more info needed", "*", "*:*", false)
	f.Fuzz(func(t *testing.T, labels, assignees, boards string, closed bool) {
		is := bugflow.Issue{Number: 1, Closed: closed, Labels: split(labels), Assignees: split(assignees)}
		for _, b := range split(boards) {
			name, col, _ := strings.Cut(b, ":")
			is.Boards = append(is.Boards, bugflow.BoardItem{Board: name, Column: col})
		}
		for _, p := range presets {
			s, err := p.make(testRoles)
			require.NoError(t, err)
			v := s.Evaluate(is)
			require.Equal(t, v.State != bugflow.Unknown, v.Matched.Len() == 1, "%+v", v)
			require.Equal(t, v.Matched.Len() > 1, v.Diagnoses.Has(bugflow.Ambiguous), "%+v", v)
			require.Equal(t, v, s.Evaluate(reversed(is)))
			if isASCII(labels+assignees+boards) || strings.Contains(boards, bugflow.ReleaseBoard) {
				require.Equal(t, v, s.Evaluate(shout(is)), "case and padding")
			}
			for tr := range s.Moves(v.State) {
				to := target(t, s, tr.To)
				e, err := s.Plan(is, to, bugflow.MoveOptions{Via: tr.Name, Team: p.team})
				if err != nil {
					var te *bugflow.TransitionError
					require.True(t, errors.As(err, &te) || errors.Is(err, bugflow.ErrAmbiguous), "%v", err)
					continue
				}
				got := s.Evaluate(e.Apply(is))
				if !hasDuplicateBoards(is) {
					assert.Equal(t, to, got.State, "%s: %s", tr.Name, e)
				}
			}
		}
	})
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hasDuplicateBoards reports whether the issue is on one board twice, which
// GitHub does not allow and a single column edit cannot fix.
func hasDuplicateBoards(is bugflow.Issue) bool {
	seen := map[string]bool{}
	for _, b := range is.Boards {
		k := strings.ToLower(strings.TrimSpace(b.Board))
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// FuzzParseState checks that parsing never panics and that a parsed state
// prints to text that parses back to it.
func FuzzParseState(f *testing.F) {
	for _, s := range []string{"inbox", "Awaiting QA", "in-engineering", "", "unknown", "closed ", "orphan", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := bugflow.ParseState(s)
		if err != nil {
			require.ErrorIs(t, err, bugflow.ErrUnknownState)
			return
		}
		b, err := st.MarshalText()
		require.NoError(t, err)
		back, err := bugflow.ParseState(string(b))
		require.NoError(t, err)
		require.Equal(t, st, back)
	})
}

// FuzzNewScheme checks that any JSON configuration either fails with a
// *ConfigError or builds a scheme whose Config round-trips through JSON and
// builds again to a scheme that evaluates every issue the same.
func FuzzNewScheme(f *testing.F) {
	for _, mk := range []func(map[string]string) (bugflow.Scheme, error){bugflow.Fleet2022, bugflow.Fleet2024} {
		s, err := mk(testRoles)
		require.NoError(f, err)
		data, err := json.Marshal(s)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"states":[{"name":"x","state":"inbox","search":"label:bug"}]}`))
	f.Add([]byte(`{"states":[{"name":"x","state":"limbo","search":""}]}`))
	f.Add([]byte(`{"flow":["inbox","triage","closed"],"states":[{"state":"triage","search":"label:bug,defect -label:x"}]}`))
	f.Add([]byte(`{"boards":[{"project":"o/1","title":"B"}],"states":[{"state":"inbox","search":"project:o/1 column:a,\"\""}],"transitions":[{"name":"m","from":"inbox","to":"closed","board":"o/1","column":"a"}]}`))
	f.Add([]byte(`{"roles":["qa"],"people":{"q":"qa"},"states":[{"state":"inbox","search":"role:qa -assignee:z created:>=2024-01-01"}]}`))
	f.Add([]byte(`{"timers":{"ping":"1h","close":"1m"}}`))
	f.Add([]byte(`{"states":[{"state":"inbox","search":"label:bug","serach":""}]}`))
	f.Add([]byte(`{"name":"a","name":"b"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s bugflow.Scheme
		if err := json.Unmarshal(data, &s); err != nil {
			var ce *bugflow.ConfigError
			var se *json.SyntaxError
			require.True(t, errors.As(err, &ce) || errors.As(err, &se), "%T %v", err, err)
			return
		}
		out, err := json.Marshal(s)
		require.NoError(t, err)
		var again bugflow.Scheme
		require.NoError(t, json.Unmarshal(out, &again), "%s", out)
		out2, err := json.Marshal(again)
		require.NoError(t, err)
		require.JSONEq(t, string(out), string(out2))
		for _, is := range randomIssues(20, 3) {
			v := s.Evaluate(is)
			requireSameEvaluation(t, v, again.Evaluate(is))
			for _, to := range append(s.Flow(), bugflow.Unknown) {
				e, err := s.Plan(is, to, bugflow.MoveOptions{})
				if err == nil {
					require.Equal(t, v.State, e.From)
					_ = e.Apply(is)
				}
			}
		}
	})
}

// requireSameEvaluation compares evaluations from two builds of a scheme.
func requireSameEvaluation(t testing.TB, a, b bugflow.Evaluation) {
	t.Helper()
	require.Equal(t, []any{a.State, a.Name, a.Rule, a.Matched, a.Diagnoses, a.Findings, a.String()},
		[]any{b.State, b.Name, b.Rule, b.Matched, b.Diagnoses, b.Findings, b.String()})
}

// FuzzParseMatch checks that parsing never panics, that errors match
// ErrSyntax, and that a parsed search round-trips: ParseMatch(m.String())
// gives m again, and String is stable.
func FuzzParseMatch(f *testing.F) {
	for _, s := range []string{
		// Fleet's searches
		`is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40`,
		`label:bug -label::reproduce -project:fleetdm/37 project:fleetdm/40 -assignee:xpkoala`,
		`is:closed label:bug closed:>=2024-03-04`,
		`label:bug created:>=2024-03-04`,
		// quoting, any-of, the scheme's own qualifiers
		`label:"~more info needed" label:P0,P1,"customer acme" no:label no:assignee no:project`,
		`project:fleetdm/40 column:"In progress",Ready,""`,
		`role:qa -role:em assignee:a -assignee:b created:<2024-01-01 closed:2024-02-29`,
		`LABEL:Bug IS:OPEN`,
		`label:"🚀 x" label:🐛`,
		// errors
		`milestone:v1`, `label:`, `label:"open`, `-is:open`, `is:open is:closed`, `free text`,
		`column:a`, `project:fleet`, `created:>=2024-13-01`, `label:a"b`, `column:a column:b`,
		`created:>=2024-01-01 created:<2024-02-01`, "label:\"a\tb\"", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, search string) {
		m, err := bugflow.ParseMatch(search)
		if err != nil {
			require.ErrorIs(t, err, bugflow.ErrSyntax)
			var ce *bugflow.ConfigError
			require.ErrorAs(t, err, &ce)
			return
		}
		text := m.String()
		back, err := bugflow.ParseMatch(text)
		require.NoError(t, err, "%q written as %q", search, text)
		require.Equal(t, m, back, "%q written as %q", search, text)
		require.Equal(t, text, back.String())
		b, err := m.MarshalText()
		require.NoError(t, err)
		require.Equal(t, text, string(b))
	})
}
