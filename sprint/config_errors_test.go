package sprint_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sprint"
)

// TestConfigErrorTexts lists, for every constructor, parser and decoder,
// the bad inputs a hand-edited configuration holds (a misspelt key at each
// level, a key given twice, an owner that is not a role, nil and Local
// zones, out-of-range numbers) with the sentinel and the exact text each
// gives: the JSON path, the quoted value and why, one "sprint:" prefix.
func TestConfigErrorTexts(t *testing.T) {
	sch := func(s string) func() error {
		return func() error { var v sprint.Schedule; return v.UnmarshalJSON([]byte(s)) }
	}
	rit := func(s string) func() error {
		return func() error { var v sprint.Rituals; return v.UnmarshalJSON([]byte(s)) }
	}
	const c3 = `"cadence":{"first":"2024-01-08","weeks":3}`
	const local = `its meaning depends on the machine; give an IANA name such as America/Chicago`
	tests := []struct {
		name string
		err  func() error
		is   error
		want string
	}{
		// Schedule JSON: a misspelt key at each level
		{"schedule key", sch(`{` + c3 + `,"zone":"UTC","ceremonys":[]}`), sprint.ErrUnknownField,
			`sprint: ceremonys "ceremonys": unknown field: did you mean "ceremonies"?`},
		{"schedule cadence key", sch(`{"cadence":{"first":"2024-01-08","weks":3},"zone":"UTC"}`), sprint.ErrUnknownField,
			`sprint: cadence.weks "weks": unknown field: did you mean "weeks"?`},
		{"schedule ceremony key", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"09:00"},{"name":"b","rule":"day 1","tiem":"09:00"}]}`),
			sprint.ErrUnknownField, `sprint: ceremonies[1].tiem "tiem": unknown field: did you mean "time"?`},
		{"schedule key case", sch(`{` + c3 + `,"Zone":"UTC"}`), sprint.ErrUnknownField,
			`sprint: Zone "Zone": unknown field: did you mean "zone"?`},
		// duplicate keys
		{"schedule duplicate", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","name":"b","rule":"day 1","time":"09:00"}]}`),
			sprint.ErrDuplicateKey, `sprint: ceremonies[0].name "name": key given twice`},
		{"schedule duplicate cadence", sch(`{` + c3 + `,` + c3 + `,"zone":"UTC"}`), sprint.ErrDuplicateKey,
			`sprint: cadence "cadence": key given twice`},
		// names that must resolve
		{"owner typo", sch(`{` + c3 + `,"zone":"UTC","roles":["Engineering manager"],"ceremonies":[{"name":"a","owner":"Enginering manager","rule":"day 1","time":"09:00"}]}`),
			sprint.ErrUnknownName, `sprint: ceremonies[0].owner "Enginering manager": unknown name: not one of the roles (did you mean "Engineering manager"?)`},
		{"owner without roles", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","owner":"QA","rule":"day 1","time":"09:00"}]}`),
			sprint.ErrUnknownName, `sprint: ceremonies[0].owner "QA": unknown name: not a role: no roles are listed`},
		{"role twice", sch(`{` + c3 + `,"zone":"UTC","roles":["QA","QA"]}`), sprint.ErrName,
			`sprint: roles[1] "QA": bad name: role listed twice`},
		{"empty role", sch(`{` + c3 + `,"zone":"UTC","roles":[""]}`), sprint.ErrName,
			`sprint: roles[0]: bad name: empty role name`},
		// zones
		{"schedule Local", sch(`{` + c3 + `,"zone":"Local"}`), sprint.ErrZone, `sprint: zone "Local": bad time zone: ` + local},
		{"schedule unknown zone", sch(`{` + c3 + `,"zone":"Mars/Olympus"}`), sprint.ErrZone,
			`sprint: zone "Mars/Olympus": bad time zone: not a zone in the IANA time zone database`},
		{"schedule no zone", sch(`{` + c3 + `}`), sprint.ErrZone,
			`sprint: zone: bad time zone: missing; give an IANA name such as America/Chicago`},
		// out-of-range and malformed values
		{"weeks 0", sch(`{"cadence":{"first":"2024-01-08","weeks":0},"zone":"UTC"}`), sprint.ErrWeeks,
			`sprint: cadence.weeks "0": bad sprint length: want 1 to 52`},
		{"weeks 53", sch(`{"cadence":{"first":"2024-01-08","weeks":53},"zone":"UTC"}`), sprint.ErrWeeks,
			`sprint: cadence.weeks "53": bad sprint length: want 1 to 52`},
		{"weeks 1e3", sch(`{"cadence":{"first":"2024-01-08","weeks":1e3},"zone":"UTC"}`), sprint.ErrSyntax,
			`sprint: cadence.weeks "1e3": syntax error: want an integer`},
		{"no cadence", sch(`{"zone":"UTC"}`), sprint.ErrSyntax,
			`sprint: cadence: syntax error: missing; want {"first":"YYYY-MM-DD","weeks":N}`},
		{"day 22 of 21", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","rule":"day 22","time":"09:00"}]}`), sprint.ErrRule,
			`sprint: ceremonies[0].rule "day 22": bad day rule: beyond the sprint's 21 days`},
		{"time 25:00", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"25:00"}]}`), sprint.ErrTime,
			`sprint: ceremonies[0].time "25:00": bad time of day: want a time of day HH:MM[:SS] from 00:00 to 24:00: hour or minute out of range`},
		{"no time", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1"}]}`), sprint.ErrTime,
			`sprint: ceremonies[0].time: bad time of day: missing; want HH:MM from 00:00 to 24:00`},
		{"duration 25h", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"09:00","duration":"25h"}]}`), sprint.ErrDuration,
			`sprint: ceremonies[0].duration "25h0m0s": bad duration: want 0s to 24h0m0s`},
		{"move", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"09:00","move":"Later"}]}`), sprint.ErrMove,
			`sprint: ceremonies[0].move "Later": bad move: want stay, skip, earlier or later`},
		{"wrong type in a list", sch(`{` + c3 + `,"zone":"UTC","ceremonies":[{"name":1,"rule":"day 1","time":"09:00"}]}`), sprint.ErrSyntax,
			`sprint: ceremonies[0].name "1": syntax error: want a string`},
		{"empty document", sch(``), sprint.ErrSyntax, `sprint: document: syntax error: unexpected end of JSON`},
		{"text after the value", sch(`{` + c3 + `,"zone":"UTC"} x`), sprint.ErrSyntax,
			`sprint: "x": syntax error: text after the JSON value`},

		// Rituals JSON
		{"rituals key", rit(`{"zone":"UTC","ritual":[]}`), sprint.ErrUnknownField,
			`sprint: ritual "ritual": unknown field: did you mean "rituals"?`},
		{"ritual key", rit(`{"zone":"UTC","rituals":[{"name":"a","recurence":"daily"}]}`), sprint.ErrUnknownField,
			`sprint: rituals[0].recurence "recurence": unknown field: did you mean "recurrence"?`},
		{"rituals duplicate", rit(`{"zone":"UTC","zone":"UTC"}`), sprint.ErrDuplicateKey, `sprint: zone "zone": key given twice`},
		{"ritual owner case", rit(`{"zone":"UTC","roles":["QA"],"rituals":[{"name":"a","owner":"qa","recurrence":"daily"}]}`), sprint.ErrUnknownName,
			`sprint: rituals[0].owner "qa": unknown name: not one of the roles (did you mean "QA"?)`},
		{"ritual owner unknown", rit(`{"zone":"UTC","roles":["QA","Engineering manager"],"rituals":[{"name":"a","owner":"zed","recurrence":"daily"}]}`),
			sprint.ErrUnknownName, `sprint: rituals[0].owner "zed": unknown name: not one of the roles "QA", "Engineering manager"`},
		{"rituals Local", rit(`{"zone":"Local"}`), sprint.ErrZone, `sprint: zone "Local": bad time zone: ` + local},
		{"every 0 weeks", rit(`{"zone":"UTC","rituals":[{"name":"a","recurrence":"every 0 weeks from 2024-01-10"}]}`), sprint.ErrRecurrence,
			`sprint: rituals[0].recurrence "every 0 weeks from 2024-01-10": bad recurrence: want 1 to 520 weeks`},
		{"offset a whole period", rit(`{"zone":"UTC","rituals":[{"name":"a","recurrence":"every 1 weeks from 2024-01-10 +7d"}]}`), sprint.ErrRecurrence,
			`sprint: rituals[0].recurrence "every 1 weeks from 2024-01-10 +7d": bad recurrence: the offset must be shorter than the period, within ±6d`},
		{"ritual no name", rit(`{"zone":"UTC","rituals":[{"recurrence":"daily"}]}`), sprint.ErrName,
			`sprint: rituals[0].name: bad name: missing`},

		// constructors
		{"NewCadence", func() error { _, err := sprint.NewCadence(0, 0); return err }, sprint.ErrWeeks,
			`sprint: weeks "0": bad sprint length: want 1 to 52`},
		{"NewSchedule nil zone", func() error {
			_, err := sprint.NewSchedule(sprint.MustNewCadence(0, 3), nil, nil, nil)
			return err
		}, sprint.ErrZone, `sprint: zone: bad time zone: nil *time.Location`},
		{"NewSchedule Local", func() error {
			_, err := sprint.NewSchedule(sprint.MustNewCadence(0, 3), time.Local, nil, nil)
			return err
		}, sprint.ErrZone, `sprint: zone "Local": bad time zone: ` + local},
		{"NewSchedule zero cadence", func() error {
			_, err := sprint.NewSchedule(sprint.Cadence{}, time.UTC, nil, nil)
			return err
		}, sprint.ErrWeeks, `sprint: cadence: bad sprint length: the zero Cadence; build one with NewCadence`},
		{"NewRituals owner", func() error {
			_, err := sprint.NewRituals(time.UTC, nil, []string{"QA", "alice"},
				sprint.Ritual{Name: "x", Owner: "alcie", Recurrence: sprint.Daily()})
			return err
		}, sprint.ErrUnknownName, `sprint: rituals[0].owner "alcie": unknown name: not one of the roles (did you mean "alice"?)`},
		{"NewRituals nil zone", func() error { _, err := sprint.NewRituals(nil, nil, nil); return err }, sprint.ErrZone,
			`sprint: zone: bad time zone: nil *time.Location`},

		{"NewRituals name with a line break", func() error {
			_, err := sprint.NewRituals(time.UTC, nil, nil, sprint.Ritual{Name: "a\nb", Recurrence: sprint.Daily()})
			return err
		}, sprint.ErrName, `sprint: rituals[0].name "a\nb": bad name: has a line break`},
		{"Schedule JSON of a fixed zone", func() error {
			s, err := sprint.NewSchedule(sprint.MustNewCadence(0, 3), time.FixedZone("UTC+1", 3600), nil, nil)
			require.NoError(t, err)
			_, err = json.Marshal(s)
			return err
		}, sprint.ErrZone, `json: error calling MarshalJSON for type sprint.Schedule: sprint: zone "UTC+1": bad time zone: not an IANA zone name, so JSON could not restore it`},
		{"Rituals JSON of a zone under another's name", func() error {
			r, err := sprint.NewRituals(time.FixedZone("America/Chicago", 0), nil, nil)
			require.NoError(t, err)
			_, err = r.MarshalJSON()
			return err
		}, sprint.ErrZone, `sprint: zone "America/Chicago": bad time zone: its offsets differ from the IANA zone of that name`},

		// text forms and single values
		{"ParseCadence", func() error { _, err := sprint.ParseCadence("R/2024-02-30/P3W"); return err }, sprint.ErrSyntax,
			`sprint: first "2024-02-30": syntax error: want a calendar day YYYY-MM-DD`},
		{"ParseDayRule", func() error { _, err := sprint.ParseDayRule("first Funday"); return err }, sprint.ErrRule,
			`sprint: rule "first Funday": bad day rule: want "first Monday", "last Friday", "each Thursday", "every workday" or "day N" (N >= 1)`},
		{"ParseMove", func() error { _, err := sprint.ParseMove("Later"); return err }, sprint.ErrMove,
			`sprint: move "Later": bad move: want stay, skip, earlier or later`},
		{"ParseRecurrence", func() error { _, err := sprint.ParseRecurrence("fortnightly"); return err }, sprint.ErrRecurrence,
			`sprint: recurrence "fortnightly": bad recurrence: want "daily", "weekly Monday", "every N weeks from YYYY-MM-DD[ ±Kd]" (N 1 to 520, |K| < 7N) or "on demand: trigger"`},
		{"Cadence JSON key", func() error { var c sprint.Cadence; return c.UnmarshalJSON([]byte(`{"frist":"2024-01-08","weeks":3}`)) },
			sprint.ErrUnknownField, `sprint: frist "frist": unknown field: did you mean "first"?`},
		{"Ceremony JSON key", func() error {
			var c sprint.Ceremony
			return c.UnmarshalJSON([]byte(`{"name":"a","rule":"day 1","time":"09:00","mvoe":"later"}`))
		}, sprint.ErrUnknownField, `sprint: mvoe "mvoe": unknown field: did you mean "move"?`},
		{"Ritual JSON key case", func() error {
			var r sprint.Ritual
			return r.UnmarshalJSON([]byte(`{"name":"a","recurrence":"daily","Owner":"x"}`))
		}, sprint.ErrUnknownField, `sprint: Owner "Owner": unknown field: did you mean "owner"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			require.ErrorIs(t, err, tt.is)
			var ce *sprint.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// TestNullLeavesValueUnchanged: null is the same as a missing field, and a
// null document leaves the value as it was, for every JSON type.
func TestNullLeavesValueUnchanged(t *testing.T) {
	loc := mustLoad(t, "America/Chicago")
	sched, err := sprint.Fleet2024Schedule(day(2024, time.January, 8), loc, nil)
	require.NoError(t, err)
	rs, err := sprint.Fleet2024Rituals(day(2024, time.January, 10), loc, nil)
	require.NoError(t, err)
	c := sched.Cadence()
	cer := sprint.Fleet2024Ceremonies()[0]
	rt := sprint.Fleet2024RitualList(day(2024, time.January, 10))[1]

	require.NoError(t, json.Unmarshal([]byte("null"), &sched))
	assert.Equal(t, c, sched.Cadence())
	require.NoError(t, json.Unmarshal([]byte("null"), &rs))
	assert.Equal(t, "America/Chicago", rs.Location().String())
	require.NoError(t, json.Unmarshal([]byte(" null "), &c))
	assert.Equal(t, sprint.MustNewCadence(day(2024, time.January, 8), 3), c)
	before := cer
	require.NoError(t, json.Unmarshal([]byte("null"), &cer))
	assert.Equal(t, before, cer)
	beforeR := rt
	require.NoError(t, json.Unmarshal([]byte("null"), &rt))
	assert.Equal(t, beforeR, rt)

	// a null field is a missing one: no roles, no ceremonies, move stay
	var s sprint.Schedule
	require.NoError(t, json.Unmarshal([]byte(`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","roles":null,
		"ceremonies":[{"name":"a","owner":null,"rule":"day 1","time":"09:00","duration":null,"move":null}]}`), &s))
	got := []sprint.Ceremony{}
	for x := range s.All() {
		got = append(got, x)
	}
	assert.Equal(t, []sprint.Ceremony{{Name: "a", Rule: sprint.DayOfSprint(1), Time: hm(9, 0)}}, got)
	assert.Empty(t, s.Roles())
	// null for a required field is as missing as leaving it out
	err = json.Unmarshal([]byte(`{"cadence":null,"zone":"UTC"}`), &s)
	require.ErrorIs(t, err, sprint.ErrSyntax)
	var ce *sprint.ConfigError
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, "cadence", ce.Field)
}
