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
	f.Add("bug,#agent", "emma", "Release:Ready", false)
	f.Add("bug,:product,#g-mdm", "emma,quinn", "Product:", false)
	f.Add("bug,:release,:product", "dev1", "Release:In progress,Product:", false)
	f.Add("Bug,  :REPRODUCE ", "Quinn", "release:awaiting qa", false)
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
			if isASCII(labels + assignees + boards) {
				require.Equal(t, v, s.Evaluate(shout(is)), "case and padding")
			}
			for tr := range s.Moves(v.State) {
				e, err := s.Plan(is, tr.To, bugflow.MoveOptions{Via: tr.Name, Team: p.team})
				if err != nil {
					var te *bugflow.TransitionError
					require.True(t, errors.As(err, &te) || errors.Is(err, bugflow.ErrAmbiguous), "%v", err)
					continue
				}
				got := s.Evaluate(e.Apply(is))
				if !hasDuplicateBoards(is) {
					assert.Equal(t, tr.To, got.State, "%s: %s", tr.Name, e)
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
// *ConfigError (or a JSON error) or builds a scheme whose Config round-trips
// and builds again.
func FuzzNewScheme(f *testing.F) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(f, err)
	data, err := json.Marshal(s.Config())
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`{"states":[{"name":"x","state":"inbox","labels":["bug"]}]}`))
	f.Add([]byte(`{"states":[{"name":"x","state":"limbo"}]}`))
	f.Add([]byte(`{"states":[{"state":"inbox","board":"B","columns":["a","b"]}],"transitions":[{"name":"m","from":"inbox","to":"closed","board":"B","column":"a"}]}`))
	f.Add([]byte(`{"timers":{"ping":"1h","close":"1m"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var cfg bugflow.Config
		if json.Unmarshal(data, &cfg) != nil {
			return
		}
		s, err := bugflow.NewScheme(cfg)
		if err != nil {
			require.ErrorIs(t, err, bugflow.ErrConfig)
			return
		}
		out, err := json.Marshal(s.Config())
		require.NoError(t, err)
		var back bugflow.Config
		require.NoError(t, json.Unmarshal(out, &back))
		again, err := bugflow.NewScheme(back)
		require.NoError(t, err)
		for _, is := range randomIssues(20, 3) {
			v := s.Evaluate(is)
			require.Equal(t, v, again.Evaluate(is))
			for _, to := range append(bugflow.States(), bugflow.Unknown) {
				e, err := s.Plan(is, to, bugflow.MoveOptions{})
				if err == nil {
					require.Equal(t, v.State, e.From)
					_ = e.Apply(is)
				}
			}
		}
	})
}
