package rotation

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression tests for issue 12 (nothing fails silently).

const issue12Rotation = `{"name":"r1","zone":"America/Chicago","first":"2024-03-06","weekday":"Wednesday",` +
	`"at":"09:00","every":7,"people":["alice","bob"],"start":1,` +
	`"changes":[{"from":"2024-05-01","people":["alice","bob","cy"],"start":1}],` +
	`"backups":["dee"],` +
	`"overrides":[{"kind":"absence","who":"dee","absent":"alice","from":"2024-03-07T00:00:00-06:00","to":"2024-03-09T00:00:00-06:00"}],` +
	`"checklist":["alias"]}`

// TestIssue12MisspeltKeyAtEveryLevel: a misspelt key at any depth of a
// rotation or a chain is refused as ErrUnknownField with its JSON path.
func TestIssue12MisspeltKeyAtEveryLevel(t *testing.T) {
	var ok Rotation[string]
	require.NoError(t, json.Unmarshal([]byte(issue12Rotation), &ok))
	for _, tt := range []struct{ from, to, path string }{
		{`"overrides":`, `"overides":`, "overides"},
		{`"zone":`, `"Zone":`, "Zone"},
		{`"every":7`, `"evry":7`, "evry"},
		{`"name":`, `"nmae":`, "nmae"},
		{`"backups":`, `"backup":`, "backup"},
		{`"checklist":`, `"checkList":`, "checkList"},
		{`{"from":"2024-05-01"`, `{"form":"2024-05-01"`, "changes[0].form"},
		{`"start":1}]`, `"strat":1}]`, "changes[0].strat"},
		{`"absent":"alice"`, `"absnet":"alice"`, "overrides[0].absnet"},
		{`"kind":"absence"`, `"knid":"absence"`, "overrides[0].knid"},
		{`"from":"2024-03-07`, `"From":"2024-03-07`, "overrides[0].From"},
	} {
		in := strings.Replace(issue12Rotation, tt.from, tt.to, 1)
		require.NotEqual(t, issue12Rotation, in, tt.path)
		var r Rotation[string]
		err := json.Unmarshal([]byte(in), &r)
		require.ErrorIs(t, err, ErrUnknownField, tt.path)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tt.path, ce.Field)
		assert.True(t, r.IsZero(), "a refused document leaves the value unchanged")
		assert.Equal(t, 1, strings.Count(err.Error(), "rotation:"), "one prefix: %v", err)
	}
	chain := `{"levels":[{"name":"on call","rotations":[` + issue12Rotation + `],"wait":"15m"},{"people":["lead"],"wait":"1h"}],"repeats":2}`
	var c Chain[string]
	require.NoError(t, json.Unmarshal([]byte(chain), &c))
	for _, tt := range []struct{ from, to, path string }{
		{`"levels":`, `"level":`, "level"},
		{`"repeats":`, `"repeat":`, "repeat"},
		{`"wait":"1h"`, `"wiat":"1h"`, "levels[1].wiat"},
		{`"rotations":`, `"rotation":`, "levels[0].rotation"},
		{`"overrides":`, `"overides":`, "levels[0].rotations[0].overides"},
		{`"absent":"alice"`, `"absnet":"alice"`, "levels[0].rotations[0].overrides[0].absnet"},
	} {
		in := strings.Replace(chain, tt.from, tt.to, 1)
		var c Chain[string]
		err := json.Unmarshal([]byte(in), &c)
		require.ErrorIs(t, err, ErrUnknownField, tt.path)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tt.path, ce.Field)
	}
}

// TestIssue12DuplicateKeys: a key given twice, at any depth, is refused.
func TestIssue12DuplicateKeys(t *testing.T) {
	for _, tt := range []struct{ from, to, path string }{
		{`"every":7`, `"every":7,"every":14`, "every"},
		{`"absent":"alice"`, `"absent":"alice","absent":"bob"`, "overrides[0].absent"},
		{`"start":1}]`, `"start":1,"start":2}]`, "changes[0].start"},
	} {
		in := strings.Replace(issue12Rotation, tt.from, tt.to, 1)
		var r Rotation[string]
		err := json.Unmarshal([]byte(in), &r)
		require.ErrorIs(t, err, ErrDuplicateKey, tt.path)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tt.path, ce.Field)
	}
	var c Chain[string]
	err := json.Unmarshal([]byte(`{"levels":[{"people":["a"],"wait":"1m","wait":"2m"}]}`), &c)
	require.ErrorIs(t, err, ErrDuplicateKey)
}

// TestIssue12Null: null is the same as a missing field, and a null
// document leaves the value unchanged.
func TestIssue12Null(t *testing.T) {
	var r Rotation[string]
	require.NoError(t, json.Unmarshal([]byte(issue12Rotation), &r))
	before := r
	require.NoError(t, json.Unmarshal([]byte(`null`), &r))
	assert.True(t, r.Equal(before))
	withNulls := strings.Replace(issue12Rotation, `"name":"r1",`, `"name":null,"weekday":null,"checklist":null,`, 1)
	withNulls = strings.Replace(withNulls, `,"checklist":["alias"]`, ``, 1)
	withNulls = strings.Replace(withNulls, `"weekday":"Wednesday",`, ``, 1)
	var n Rotation[string]
	require.NoError(t, json.Unmarshal([]byte(withNulls), &n))
	assert.Equal(t, "", n.Name())
	assert.Nil(t, n.Checklist())
	var p Rotation[string]
	err := json.Unmarshal([]byte(`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":7,"people":null}`), &p)
	require.ErrorIs(t, err, ErrEmptyRoster, "a null roster is a missing one")
	var c Chain[string]
	require.NoError(t, json.Unmarshal([]byte(` null `), &c))
	assert.Empty(t, c.Levels())
}

// TestIssue12Zones: "Local", an empty, unknown or nil zone is ErrZone.
func TestIssue12Zones(t *testing.T) {
	for _, z := range []string{`"Local"`, `""`, `"Mars/Base"`, `"america/chicago"`} {
		var r Rotation[string]
		err := json.Unmarshal([]byte(`{"zone":`+z+`,"first":"2024-03-06","at":"09:00","every":7,"people":["a"]}`), &r)
		require.ErrorIs(t, err, ErrZone, z)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "zone", ce.Field)
	}
	_, err := New(time.Local, date.New(2024, 3, 6), clock.New(9, 0, 0, 0), 7, "a")
	require.ErrorIs(t, err, ErrZone)
	_, err = New(nil, date.New(2024, 3, 6), clock.New(9, 0, 0, 0), 7, "a")
	require.ErrorIs(t, err, ErrZone)
	assert.Equal(t, "rotation: zone: bad time zone: nil *time.Location", err.Error())
}

// TestIssue12UnknownNames: every name an override or a roster change
// gives must resolve, in the constructors and in JSON.
func TestIssue12UnknownNames(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi)
	from, to := first.AddDate(0, 0, 1), first.AddDate(0, 0, 3)
	r := MustWeekly(first, "alice", "bob").WithBackups("dee")
	for _, tt := range []struct {
		name  string
		o     Override[string]
		field string
	}{
		{"absent zed", Absence("zed", "dee", from, to), "overrides[0].absent"},
		{"absent alcie", Absence("alcie", "bob", from, to), "overrides[0].absent"},
		{"backup zed", Absence("alice", "zed", from, to), "overrides[0].who"},
		{"swap to zed", Swap("zed", from, to), "overrides[0].who"},
	} {
		got, err := r.WithOverrides(tt.o)
		require.ErrorIs(t, err, ErrUnknownName, tt.name)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tt.field, ce.Field, tt.name)
		assert.Equal(t, ce.Value, map[bool]string{true: "alcie", false: "zed"}[strings.Contains(tt.name, "alcie")], tt.name)
		assert.True(t, got.Equal(r), "%s: unchanged", tt.name)
	}
	_, err := r.Remove(first, "zed")
	require.ErrorIs(t, err, ErrUnknownName)
	// A backup may be absent in turn, and a roster change's people count.
	r2, err := r.WithRoster(first.AddDate(0, 0, 14), "alice", "bob", "cy")
	require.NoError(t, err)
	_, err = r2.WithOverrides(Absence("dee", "cy", from, to), Swap("cy", from, to))
	require.NoError(t, err)
	// In JSON.
	for _, tt := range []struct{ from, to, field string }{
		{`"absent":"alice"`, `"absent":"zed"`, "overrides[0].absent"},
		{`"who":"dee"`, `"who":"zed"`, "overrides[0].who"},
		{`"backups":["dee"],`, ``, "overrides[0].who"},
	} {
		var x Rotation[string]
		err := json.Unmarshal([]byte(strings.Replace(issue12Rotation, tt.from, tt.to, 1)), &x)
		require.ErrorIs(t, err, ErrUnknownName, tt.to)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tt.field, ce.Field)
	}
	// An Infra resolves against its responders.
	in, err := Fleet2024Infra(time.Date(2024, 3, 4, 8, 0, 0, 0, chi), time.Hour, []string{"ana", "ben"}, Contact("lead", "lena"))
	require.NoError(t, err)
	_, err = in.WithOverrides(Absence("ben", "jo", from, to))
	require.ErrorIs(t, err, ErrUnknownName)
	_, err = in.WithBackups("jo").WithOverrides(Absence("ben", "jo", from, to))
	require.NoError(t, err)
	_, err = in.WithBackups("jo").WithOverrides(Absence("zed", "jo", from, to))
	require.ErrorIs(t, err, ErrUnknownName)
}

// TestIssue12ZeroInstants: a zero time.Time where an instant is required
// is ErrZeroTime everywhere.
func TestIssue12ZeroInstants(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi)
	r := MustWeekly(first, "a", "b")
	_, err := Weekly(time.Time{}, "a")
	require.ErrorIs(t, err, ErrZeroTime)
	_, err = r.WithOverrides(Swap("a", time.Time{}, first))
	require.ErrorIs(t, err, ErrZeroTime)
	_, err = r.WithRoster(time.Time{}, "a")
	require.ErrorIs(t, err, ErrZeroTime)
	_, err = r.Insert(time.Time{}, "c")
	require.ErrorIs(t, err, ErrZeroTime)
	var x Rotation[string]
	err = json.Unmarshal([]byte(strings.Replace(issue12Rotation, `"from":"2024-03-07T00:00:00-06:00"`, `"from":"0001-01-01T00:00:00Z"`, 1)), &x)
	require.ErrorIs(t, err, ErrZeroTime)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "overrides[0].from", ce.Field)
}

// TestIssue12Texts: one prefix, the path, the quoted value, the reason;
// no empty quoted values.
func TestIssue12Texts(t *testing.T) {
	chi := zone(t, "America/Chicago")
	_, err := Weekly[string](time.Date(2024, 3, 6, 9, 0, 0, 0, chi))
	assert.EqualError(t, err, "rotation: people: empty roster")
	_, err = New(chi, date.New(2024, 3, 6), clock.New(9, 0, 0, 0), 0, "a")
	assert.EqualError(t, err, `rotation: days "0": bad turn length: want 1 to 3653 days`)
	var r Rotation[string]
	err = json.Unmarshal([]byte(strings.Replace(issue12Rotation, `"at":"09:00"`, `"at":"25:00"`, 1)), &r)
	assert.EqualError(t, err, `rotation: at "25:00": syntax error: want a time of day HH:MM[:SS] from 00:00 to 24:00: hour or minute out of range`)
	err = json.Unmarshal([]byte(strings.Replace(issue12Rotation, `"absent":"alice"`, `"absnet":"alice"`, 1)), &r)
	assert.EqualError(t, err, `rotation: overrides[0].absnet "absnet": unknown field: did you mean "absent"?`)
	for _, e := range []error{err} {
		assert.NotContains(t, e.Error(), `""`)
	}
}

// TestIssue12InstantsRFC3339: instants in JSON are RFC 3339, readable by
// time.Parse as they are; the zone is its own field.
func TestIssue12InstantsRFC3339(t *testing.T) {
	var r Rotation[string]
	require.NoError(t, json.Unmarshal([]byte(issue12Rotation), &r))
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var generic map[string]any
	require.NoError(t, json.Unmarshal(b, &generic))
	assert.Equal(t, "America/Chicago", generic["zone"])
	o := generic["overrides"].([]any)[0].(map[string]any)
	for _, k := range []string{"from", "to"} {
		s := o[k].(string)
		assert.NotContains(t, s, "[")
		_, err := time.Parse(time.RFC3339, s)
		assert.NoError(t, err, s)
	}
	assert.Contains(t, string(b), `"backups":["dee"]`)
}

// TestIssue12LayersStrict: layers decode strictly too.
func TestIssue12LayersStrict(t *testing.T) {
	good := `[{"name":"primary","rotation":` + issue12Rotation + `}]`
	var l Layers[string]
	require.NoError(t, json.Unmarshal([]byte(good), &l))
	require.Len(t, l, 1)
	for in, path := range map[string]string{
		strings.Replace(good, `"name":"primary"`, `"nmae":"primary"`, 1): "[0].nmae",
		strings.Replace(good, `"absent":"alice"`, `"absnet":"alice"`, 1): "[0].rotation.overrides[0].absnet",
		`[{"name":"primary"}]`: "[0].rotation",
	} {
		var x Layers[string]
		err := json.Unmarshal([]byte(in), &x)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce, in)
		assert.Equal(t, path, ce.Field)
		assert.Nil(t, x)
	}
}
