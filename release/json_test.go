package release

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goodTrainJSON = `{"first":"2024-03-06","weeks":3,"weekday":"Wednesday","version":"4.46.0",` +
	`"policy":{"name":"Fleet 2024 freeze","mode":"freeze","zone":"America/Los_Angeles","start":"Tuesday 09:00",` +
	`"lift":"24:00","deep":"24h0m0s","allow":["docs"],"allowDeep":["blocker-fix"],"rule":"R10"},"move":"earlier"}`

// Nothing fails silently: a misspelt or repeated key at every level, a bad
// value in every field, is refused with a *ConfigError naming its JSON path.
func TestTrainJSONStrict(t *testing.T) {
	var tr Train
	require.NoError(t, json.Unmarshal([]byte(goodTrainJSON), &tr))
	require.Equal(t, Earlier, tr.Move())
	require.Equal(t, "Fleet 2024 freeze", tr.Policy().Name())

	tests := []struct {
		name, in string
		want     error
		field    string
	}{
		// misspelt keys, each level
		{"typo top", `{"first":"2024-03-06","weeks":3,"polcy":{"mode":"freeze"}}`, ErrUnknownField, "polcy"},
		{"case top", `{"First":"2024-03-06","weeks":3}`, ErrUnknownField, "First"},
		{"snake case", strings.Replace(goodTrainJSON, `"allowDeep"`, `"allow_deep"`, 1), ErrUnknownField, "policy.allow_deep"},
		{"typo policy", strings.Replace(goodTrainJSON, `"start"`, `"strat"`, 1), ErrUnknownField, "policy.strat"},
		{"old shift key", `{"first":"2024-03-06","weeks":3,"shift":"later"}`, ErrUnknownField, "shift"},
		// duplicate keys, each level
		{"dup top", `{"first":"2024-03-06","weeks":3,"weeks":4}`, ErrDuplicateKey, "weeks"},
		{"dup policy", strings.Replace(goodTrainJSON, `"mode":"freeze"`, `"mode":"freeze","mode":"branch-cut"`, 1), ErrDuplicateKey, "policy.mode"},
		// bad values
		{"no first", `{"weeks":3}`, ErrFirst, "first"},
		{"bad first", `{"first":"2024-13-40","weeks":3}`, ErrSyntax, "first"},
		{"no weeks", `{"first":"2024-03-06"}`, ErrWeeks, "weeks"},
		{"weeks out of range", `{"first":"2024-03-06","weeks":0}`, ErrWeeks, "weeks"},
		{"weeks not a number", `{"first":"2024-03-06","weeks":"3"}`, ErrSyntax, "weeks"},
		{"wrong weekday", `{"first":"2024-03-06","weeks":3,"weekday":"Thursday"}`, ErrWeekday, "first"},
		{"unknown weekday", `{"first":"2024-03-06","weeks":3,"weekday":"Caturday"}`, ErrWeekday, "weekday"},
		{"bad version", `{"first":"2024-03-06","weeks":3,"version":"4.46"}`, ErrVersion, "version"},
		{"skip", `{"first":"2024-03-06","weeks":3,"move":"skip"}`, ErrMove, "move"},
		{"unknown move", `{"first":"2024-03-06","weeks":3,"move":"sideways"}`, ErrMove, "move"},
		{"local zone", strings.Replace(goodTrainJSON, `America/Los_Angeles`, `Local`, 1), ErrZone, "policy.zone"},
		{"empty zone", strings.Replace(goodTrainJSON, `"America/Los_Angeles"`, `""`, 1), ErrZone, "policy.zone"},
		{"unknown zone", strings.Replace(goodTrainJSON, `America/Los_Angeles`, `Mars/Olympus`, 1), ErrZone, "policy.zone"},
		{"bad lift", strings.Replace(goodTrainJSON, `"24:00"`, `"25:00"`, 1), ErrSyntax, "policy.lift"},
		{"bad start", strings.Replace(goodTrainJSON, `Tuesday 09:00`, `Tuesday 9am`, 1), ErrSyntax, "policy.start"},
		{"bad deep", strings.Replace(goodTrainJSON, `24h0m0s`, `a day`, 1), ErrSyntax, "policy.deep"},
		{"unknown kind", strings.Replace(goodTrainJSON, `["docs"]`, `["docs","feat"]`, 1), ErrUnknownName, "policy.allow[1]"},
		{"unknown mode", strings.Replace(goodTrainJSON, `"mode":"freeze"`, `"mode":"thaw"`, 1), ErrPolicy, "policy.mode"},
		{"no mode", strings.Replace(goodTrainJSON, `"mode":"freeze",`, ``, 1), ErrPolicy, "policy.mode"},
		{"policy too long", `{"first":"2024-03-06","weeks":1,"policy":{"mode":"freeze","zone":"UTC","start":"Wednesday 00:00","lift":"24:00"}}`, ErrPolicy, "policy"},
		{"trailing", goodTrainJSON + `{}`, ErrSyntax, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tr
			err := u.UnmarshalJSON([]byte(tt.in)) // json.Unmarshal would check the syntax first
			if tt.want != ErrSyntax {
				require.Equal(t, err, json.Unmarshal([]byte(tt.in), &u))
			}
			require.ErrorIs(t, err, tt.want)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field, "%v", err)
			assert.True(t, strings.HasPrefix(err.Error(), "release: "+tt.field), err.Error())
			assert.Equal(t, 1, strings.Count(err.Error(), "release:"), "one package prefix: %v", err)
			assert.True(t, tr.Equal(u), "a refused document leaves the value as it was")
		})
	}

	// null leaves a value as it was; a null field is a missing one.
	u := tr
	require.NoError(t, json.Unmarshal([]byte(`null`), &u))
	assert.True(t, tr.Equal(u))
	require.NoError(t, json.Unmarshal([]byte(`{"first":"2024-03-06","weeks":3,"version":null,"policy":null,"move":null}`), &u))
	assert.True(t, u.Policy().IsZero())
	assert.True(t, u.FirstVersion().IsZero())
	assert.Equal(t, Stay, u.Move())
	var p Policy = tr.Policy()
	require.NoError(t, json.Unmarshal([]byte(`null`), &p))
	assert.True(t, p.Equal(tr.Policy()))
}

func TestRulesAndSupportJSONStrict(t *testing.T) {
	tests := []struct {
		name, in string
		into     json.Unmarshaler
		want     error
		field    string
	}{
		{"rules typo top", `{"name":"x","rulez":[]}`, new(Rules), ErrUnknownField, "rulez"},
		{"rules typo rule", `{"name":"x","rules":[{"id":"a","set":["blocker"],"st":["patch"]}]}`, new(Rules), ErrUnknownField, "rules[0].st"},
		{"rules dup", `{"name":"x","rules":[{"id":"a","id":"b","set":["blocker"]}]}`, new(Rules), ErrDuplicateKey, "rules[0].id"},
		{"rules unknown fact", `{"name":"x","rules":[{"id":"a","all":["regresion"],"set":["blocker"]}]}`, new(Rules), ErrUnknownName, "rules[0].all[0]"},
		{"rules no id", `{"name":"x","rules":[{"set":["blocker"]}]}`, new(Rules), ErrRules, "rules[0].id"},
		{"rules same id", `{"name":"x","rules":[{"id":"a","set":["blocker"]},{"id":"a","set":["patch"]}]}`, new(Rules), ErrRules, "rules[1].id"},
		{"rules sets a plain fact", `{"name":"x","rules":[{"id":"a","set":["regression"]}]}`, new(Rules), ErrRules, "rules[0].set"},
		{"support typo tier", `{"name":"x","tiers":[{"teir":"a","fixes":"all","troubleshooting":"all"}]}`, new(Support), ErrUnknownField, "tiers[0].teir"},
		{"support dup", `{"name":"x","name":"y","tiers":[]}`, new(Support), ErrDuplicateKey, "name"},
		{"support bad scope", `{"name":"x","tiers":[{"tier":"a","fixes":"some","troubleshooting":"all"}]}`, new(Support), ErrSupport, "tiers[0].fixes"},
		{"support missing scope", `{"name":"x","tiers":[{"tier":"a","fixes":"all"}]}`, new(Support), ErrSupport, "tiers[0].troubleshooting"},
		{"support twice", `{"name":"x","tiers":[{"tier":"a","fixes":"all","troubleshooting":"all"},{"tier":"a","fixes":"all","troubleshooting":"all"}]}`, new(Support), ErrSupport, "tiers[1].tier"},
		{"kinds", `["docs","doc"]`, new(KindSet), ErrUnknownName, "[1]"},
		{"facts", `["regression","regresion"]`, new(Facts), ErrUnknownName, "[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.in), tt.into)
			require.ErrorIs(t, err, tt.want)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field, "%v", err)
		})
	}
	rs := Fleet2024Rules()
	require.NoError(t, json.Unmarshal([]byte(`null`), &rs))
	assert.Equal(t, "Fleet 2024 bug rules", rs.Name(), "null leaves the value as it was")
	b, err := json.Marshal(Fleet2024Support())
	require.NoError(t, err)
	var s Support
	require.NoError(t, json.Unmarshal(b, &s))
	assert.Equal(t, Fleet2024Support().Tiers(), s.Tiers())
}

// Keys are camelCase: what MarshalJSON writes has no snake_case key.
func TestJSONKeysCamelCase(t *testing.T) {
	for _, v := range []any{must(Fleet2024Train(WithPolicy(must(Fleet2024Freeze(pacific))), WithWorkdays(nil, Earlier))), Fleet2024Rules(), Fleet2024Support()} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		var generic any
		require.NoError(t, json.Unmarshal(b, &generic))
		var walk func(x any)
		walk = func(x any) {
			switch x := x.(type) {
			case map[string]any:
				for k, v := range x {
					assert.NotContains(t, k, "_", "key %q of %T", k, v)
					assert.Equal(t, strings.ToLower(k[:1]), k[:1], "key %q", k)
					walk(v)
				}
			case []any:
				for _, v := range x {
					walk(v)
				}
			}
		}
		walk(generic)
	}
}
