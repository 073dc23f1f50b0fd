package sla

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 11, item 5: MarshalJSON wrote any zone whose name loads and whose
// offsets matched at three instants, so the round trip reloaded a zone
// that answers differently before 1945.

func TestMarshalJSONIssue11FixedZoneUnderIANAName(t *testing.T) {
	cal := MustNewCalendar(time.FixedZone("Asia/Kolkata", 19800), WorkWeek(hm(9, 0), hm(17, 0)))
	_, err := json.Marshal(cal)
	require.ErrorIs(t, err, ErrZone)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "zone", ce.Field)
	assert.Equal(t, "Asia/Kolkata", ce.Value)
}

func TestMarshalJSONIssue11LondonDataAsDublin(t *testing.T) {
	data := zoneData(t)["Europe/London"]
	require.NotEmpty(t, data)
	fake, err := time.LoadLocationFromTZData("Europe/Dublin", data)
	require.NoError(t, err)
	cal := MustNewCalendar(fake, WorkWeek(hm(9, 0), hm(17, 0)))
	_, err = json.Marshal(cal)
	require.ErrorIs(t, err, ErrZone)

	// The real data under the real name is written and reads back.
	real, err := time.LoadLocationFromTZData("Europe/London", data)
	require.NoError(t, err)
	out, err := json.Marshal(MustNewCalendar(real, WorkWeek(hm(9, 0), hm(17, 0))))
	require.NoError(t, err)
	var back Calendar
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, "Europe/London", back.Location().String())
}

// "Local" and "" cannot travel in JSON: refused on encode and on decode.
// NewCalendar refuses time.Local, whose meaning depends on the machine, as
// every cadence package does; an unnamed fixed zone builds but cannot be
// written.
func TestCalendarJSONIssue11LocalAndEmptyZone(t *testing.T) {
	for _, loc := range []*time.Location{time.Local, time.FixedZone("Local", 0)} {
		_, err := NewCalendar(loc, WorkWeek(hm(9, 0), hm(17, 0)))
		require.ErrorIs(t, err, ErrZone, "NewCalendar(%q)", loc)
		assert.Equal(t, `sla: zone "Local": bad time zone: its meaning depends on the machine: give an IANA zone such as America/Chicago`, err.Error())
	}
	cal, err := NewCalendar(time.FixedZone("", 3600), WorkWeek(hm(9, 0), hm(17, 0)))
	require.NoError(t, err)
	_, err = json.Marshal(cal)
	assert.ErrorIs(t, err, ErrZone, "an unnamed fixed zone cannot travel in JSON")
	for _, in := range []string{
		`{"zone":"Local","week":{"monday":["09:00-17:00"]}}`,
		`{"zone":"","week":{"monday":["09:00-17:00"]}}`,
		`{"week":{"monday":["09:00-17:00"]}}`,
	} {
		var c Calendar
		assert.ErrorIs(t, json.Unmarshal([]byte(in), &c), ErrZone, in)
	}
}

// Issue 11, item 6: a special day given twice was merged, the last winning.
func TestCalendarJSONIssue11SpecialDayTwice(t *testing.T) {
	for _, in := range []string{
		`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"special":{"2024-12-24":["09:00-12:00"],"2024-12-24":["09:00-13:00"]}}`,
		`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"special":{"+2024-12-24":["09:00-12:00"],"2024-12-24":["09:00-13:00"]}}`,
		`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"special":{"2024-12-24":["09:00-12:00"],"+2024-12-24":[]}}`,
		`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-12-24"],"special":{"+2024-12-24":["09:00-12:00"]}}`,
		`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-12-24","+2024-12-24"]}`,
	} {
		var c Calendar
		err := json.Unmarshal([]byte(in), &c)
		assert.True(t, err != nil, "accepted %s as %v", in, c.SpecialDays())
		var ce *ConfigError
		if assert.ErrorAs(t, err, &ce, in) {
			assert.True(t, ce.Err == ErrDuplicateKey || ce.Err == ErrDuplicateDay, "%s: %v", in, err)
		}
	}
	// One of each is fine, and the "+" form names the same day.
	var c Calendar
	require.NoError(t, json.Unmarshal([]byte(`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"special":{"+2024-12-24":["09:00-12:00"]}}`), &c))
	assert.Equal(t, []SpecialDay{{Day: date.New(2024, 12, 24), Spans: []Span{span(9, 0, 12, 0)}}}, c.SpecialDays())
}
