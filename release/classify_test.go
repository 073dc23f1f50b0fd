package release

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassifyFleet2024(t *testing.T) {
	rs := Fleet2024Rules()
	tests := []struct {
		name                     string
		facts                    Facts
		blocker, critical, patch bool
		blockBy, critBy, patchBy []string
	}{
		{"nothing known", 0, false, false, false, nil, nil, nil},
		// R11
		{"regression", FactsOf(Regression), true, false, false, []string{"R11.1"}, nil, nil},
		{"security concern", FactsOf(Security), true, true, true, []string{"R11.2"}, []string{"R14.4"}, []string{"R14.5"}},
		{"targeted feature", FactsOf(Targeted), true, false, false, []string{"R11.3"}, nil, nil},
		{"shipped regression warrants a patch", FactsOf(Regression, Released), true, false, true, []string{"R11.1"}, nil, []string{"R11.4"}},
		// R12: only in release testing
		{"critical in release testing", FactsOf(FoundInTesting, BlocksWorkflow), true, true, true, []string{"R12.1"}, []string{"R14.1"}, []string{"R14.5"}},
		{"critical outside testing", FactsOf(PreventsUpgrade), false, true, true, nil, []string{"R14.2"}, []string{"R14.5"}},
		{"breaks stable in testing", FactsOf(FoundInTesting, BreaksStable), true, false, false, []string{"R12.2"}, nil, nil},
		{"breaks stable, not in testing", FactsOf(BreaksStable), false, false, false, nil, nil, nil},
		{"incomplete feature in testing", FactsOf(FoundInTesting, IncompleteFeature), true, false, false, []string{"R12.3"}, nil, nil},
		// R13 overrides
		{"known issue not targeted", FactsOf(KnownIssue, FoundInTesting, BreaksStable), false, false, false, []string{"R13.1"}, nil, nil},
		{"known issue but targeted", FactsOf(KnownIssue, Targeted), true, false, false, []string{"R11.3"}, nil, nil},
		{"reproduces in stable", FactsOf(Regression, ReproducesInStable), false, false, false, []string{"R13.2"}, nil, nil},
		{"data loss reproducing in stable: critical, not blocker", FactsOf(DataLoss, FoundInTesting, ReproducesInStable), false, true, true, []string{"R13.2"}, []string{"R14.3"}, []string{"R14.5"}},
		// several rules agree
		{"regression with data loss in testing", FactsOf(Regression, DataLoss, FoundInTesting), true, true, true, []string{"R11.1", "R12.1"}, []string{"R14.3"}, []string{"R14.5"}},
		{"every critical fact", FactsOf(BlocksWorkflow, PreventsUpgrade, DataLoss), false, true, true, nil, []string{"R14.1", "R14.2", "R14.3"}, []string{"R14.5"}},
		{"derived facts given are ignored", FactsOf(IsBlocker, IsCritical, IsPatch), false, false, false, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rs.Classify(tt.facts)
			assert.Equal(t, tt.blocker, c.Blocker.Yes, "blocker: %v", c)
			assert.Equal(t, tt.critical, c.Critical.Yes, "critical: %v", c)
			assert.Equal(t, tt.patch, c.Patch.Yes, "patch: %v", c)
			assert.Equal(t, tt.blockBy, c.Blocker.Rules, "blocker rules")
			assert.Equal(t, tt.critBy, c.Critical.Rules, "critical rules")
			assert.Equal(t, tt.patchBy, c.Patch.Rules, "patch rules")
			assert.Equal(t, tt.blocker, c.Facts.Has(IsBlocker))
		})
	}
}

// The newer Fleet preset: bugs never block releases, for any facts.
func TestClassifyFleet2025NeverBlocks(t *testing.T) {
	rs, old := Fleet2025Rules(), Fleet2024Rules()
	for f := Facts(0); f < 1<<IsCritical; f++ {
		c := rs.Classify(f)
		require.False(t, c.Blocker.Yes, "%v", f)
		o := old.Classify(f)
		require.Equal(t, o.Critical, c.Critical, "R14 unchanged for %v", f)
		require.Equal(t, c.Critical.Yes, c.Patch.Yes, "critical bugs, and only they, get a patch: %v", f)
	}
}

func TestRulesAreData(t *testing.T) {
	// A team's own rules: security bugs are critical, critical bugs block.
	rs, err := NewRules("team",
		Rule{ID: "T1", All: FactsOf(Security), Set: FactsOf(IsCritical)},
		Rule{ID: "T2", All: FactsOf(IsCritical), Set: FactsOf(IsBlocker, IsPatch)},
		Rule{ID: "T3", Any: FactsOf(KnownIssue, ReproducesInStable), None: FactsOf(Security), Clear: FactsOf(IsBlocker)},
	)
	require.NoError(t, err)
	c := rs.Classify(FactsOf(Security, KnownIssue))
	assert.Equal(t, "blocker: yes (T2); critical: yes (T1); patch: yes (T2)", c.String())
	c = rs.Classify(FactsOf(KnownIssue))
	assert.Equal(t, "blocker: no (T3); critical: no (none of T1 applies); patch: no (none of T2 applies)", c.String())
	assert.Equal(t, []string{"T1"}, c.Critical.Unmatched, "a no says which rules did not apply")
	assert.Empty(t, c.Blocker.Unmatched, "a no decided by a rule names that rule instead")

	bad := []struct {
		name string
		r    Rule
	}{
		{"no id", Rule{Set: FactsOf(IsBlocker)}},
		{"sets a plain fact", Rule{ID: "x", Set: FactsOf(Regression)}},
		{"sets and clears", Rule{ID: "x", Set: FactsOf(IsBlocker), Clear: FactsOf(IsBlocker)}},
		{"does nothing", Rule{ID: "x", All: FactsOf(Regression)}},
		{"unknown fact", Rule{ID: "x", All: 1 << 30, Set: FactsOf(IsBlocker)}},
	}
	for _, b := range bad {
		_, err := NewRules("bad", b.r)
		assert.ErrorIs(t, err, ErrRules, b.name)
	}
	_, err = NewRules("too many", make([]Rule, 65)...)
	assert.ErrorIs(t, err, ErrRules)

	for _, rs := range []Rules{Fleet2024Rules(), Fleet2025Rules(), rs} {
		b, err := json.Marshal(rs)
		require.NoError(t, err)
		var back Rules
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, rs, back)
		for f := Facts(0); f < 1<<IsCritical; f += 97 {
			assert.Equal(t, rs.Classify(f), back.Classify(f))
		}
	}
	b, _ := json.Marshal(Fleet2024Rules())
	assert.Contains(t, string(b), `{"id":"R11.1","text":"regressions block the release","all":["regression"],"set":["blocker"]}`)
	var r Rules
	err = json.Unmarshal([]byte(`{"rules":[{"id":"x","all":["regresion"],"set":["blocker"]}]}`), &r)
	assert.ErrorIs(t, err, ErrUnknownName)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "rules[0].all[0]", ce.Field)
	assert.Equal(t, "regresion", ce.Value)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"rules":[{"id":"x","all":"cmVncmVzc2lvbg==","set":["blocker"]}]}`), &r), ErrSyntax)
}

func TestFactsText(t *testing.T) {
	for f := Fact(0); f < numFacts; f++ {
		b, err := f.MarshalText()
		require.NoError(t, err)
		var back Fact
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, f, back)
	}
	assert.Equal(t, "regression, data-loss", FactsOf(DataLoss, Regression).String())
	assert.Equal(t, "none", Facts(0).String())
	assert.True(t, Facts(0).With(Security).Has(Security))
	_, err := Fact(99).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownName)
}
