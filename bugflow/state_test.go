package bugflow_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

func TestStateText(t *testing.T) {
	for _, st := range append([]bugflow.State{bugflow.Unknown}, bugflow.States()...) {
		b, err := st.MarshalText()
		require.NoError(t, err)
		var got bugflow.State
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, st, got, "round trip of %v via %q", st, b)
		p, err := bugflow.ParseState(st.String())
		require.NoError(t, err)
		assert.Equal(t, st, p, "ParseState(%q)", st.String())
	}
	b, err := bugflow.Unknown.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b, "the zero State marshals to empty text")
}

func TestParseState(t *testing.T) {
	tests := []struct {
		in   string
		want bugflow.State
		ok   bool
	}{
		{"inbox", bugflow.Inbox, true},
		{"  Inbox ", bugflow.Inbox, true},
		{"in-engineering", bugflow.InEngineering, true},
		{"AWAITING_QA", bugflow.AwaitingQA, true},
		{"awaiting qa", bugflow.AwaitingQA, true},
		{"", bugflow.Unknown, true},
		{"unknown", bugflow.Unknown, true},
		// invalid
		{"orphan", bugflow.Unknown, false}, // a diagnosis, not a state
		{"done", bugflow.Unknown, false},
		{"in engineeringx", bugflow.Unknown, false},
	}
	for _, tt := range tests {
		got, err := bugflow.ParseState(tt.in)
		if !tt.ok {
			require.ErrorIs(t, err, bugflow.ErrUnknownState, "ParseState(%q)", tt.in)
			assert.Contains(t, err.Error(), `"`+tt.in+`"`)
			continue
		}
		require.NoError(t, err, "ParseState(%q)", tt.in)
		assert.Equal(t, tt.want, got, "ParseState(%q)", tt.in)
	}
}

func TestStateOutOfRange(t *testing.T) {
	assert.Equal(t, "State(9)", bugflow.State(9).String())
	assert.False(t, bugflow.State(9).IsValid())
	assert.False(t, bugflow.Unknown.IsValid())
	_, err := bugflow.State(-1).MarshalText()
	require.Error(t, err)
}

func TestStateJSON(t *testing.T) {
	b, err := json.Marshal(map[string]bugflow.State{"a": bugflow.AwaitingQA, "b": bugflow.Unknown})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"awaiting QA","b":""}`, string(b))
	var back map[string]bugflow.State
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, bugflow.AwaitingQA, back["a"])
	assert.Equal(t, bugflow.Unknown, back["b"])
}

func TestStateSet(t *testing.T) {
	var ss bugflow.StateSet
	assert.Zero(t, ss.Len())
	ss = ss.With(bugflow.Inbox).With(bugflow.AwaitingQA).With(bugflow.Inbox).With(bugflow.State(99))
	assert.Equal(t, 2, ss.Len())
	assert.True(t, ss.Has(bugflow.Inbox))
	assert.False(t, ss.Has(bugflow.Reproduced))
	assert.False(t, ss.Has(bugflow.State(-3)))
	assert.Equal(t, "inbox|awaiting QA", ss.String())
}

func TestDiagnosisText(t *testing.T) {
	all := bugflow.Orphan | bugflow.ReproducedOrphan | bugflow.Ambiguous | bugflow.Unclassified
	for d := range all + 1 {
		b, err := d.MarshalText()
		require.NoError(t, err)
		var got bugflow.Diagnosis
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, d, got, "round trip of %q", b)
	}
	var d bugflow.Diagnosis
	require.ErrorIs(t, d.UnmarshalText([]byte("orphan|lost")), bugflow.ErrUnknownDiagnosis)
	require.NoError(t, d.UnmarshalText([]byte(" Reproduced-Orphan ")))
	assert.Equal(t, bugflow.ReproducedOrphan, d)
	assert.True(t, (bugflow.Orphan | bugflow.Ambiguous).Has(bugflow.Orphan))
	assert.False(t, bugflow.Orphan.Has(0), "the empty set is not a finding")
}
