package sla_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

func hm(h, m int) clock.Clock { return clock.New(h, m, 0, 0) }

func TestNewCalendarErrors(t *testing.T) {
	loc := ckLoc(t, "America/Chicago")
	nine := sla.WorkWeek(hm(9, 0), hm(17, 0))
	withDay := func(wd time.Weekday, spans ...sla.Span) sla.Week {
		w := sla.WorkWeek(hm(9, 0), hm(17, 0))
		w[wd] = spans
		return w
	}
	tests := []struct {
		name    string
		loc     *time.Location
		week    sla.Week
		opts    []sla.Option
		is      error
		field   string
		message string
	}{
		{name: "nil location", loc: nil, week: nine, is: sla.ErrZone, field: "zone", message: "sla: zone: bad time zone: nil *time.Location"},
		// Bad spans in the weekly hours name the weekday and the span.
		{name: "from after to", loc: loc, week: withDay(time.Tuesday, sla.Span{From: hm(17, 0), To: hm(9, 0)}),
			is: sla.ErrInvalidSpan, field: "week.tuesday[0]", message: `sla: week.tuesday[0] "17:00-09:00": invalid span: from is not before to`},
		{name: "empty span", loc: loc, week: withDay(time.Monday, sla.Span{From: hm(9, 0), To: hm(9, 0)}),
			is: sla.ErrInvalidSpan, field: "week.monday[0]"},
		{name: "past 24:00", loc: loc, week: withDay(time.Friday, sla.Span{From: hm(22, 0), To: clock.New(25, 0, 0, 0)}),
			is: sla.ErrInvalidSpan, field: "week.friday[0]", message: `sla: week.friday[0] "22:00-25:00": invalid span: ends after 24:00`},
		{name: "negative start", loc: loc, week: withDay(time.Sunday, sla.Span{From: -clock.Hour, To: hm(1, 0)}),
			is: sla.ErrInvalidSpan, field: "week.sunday[0]", message: `sla: week.sunday[0] "-01:00-01:00": invalid span: starts before 00:00`},
		{name: "overlap", loc: loc, week: withDay(time.Wednesday, sla.MustParseSpan("09:00-12:00"), sla.MustParseSpan("11:00-17:00")),
			is: sla.ErrInvalidSpan, field: "week.wednesday[1]", message: `sla: week.wednesday[1] "11:00-17:00": invalid span: overlaps 09:00-12:00`},
		{name: "out of order", loc: loc, week: withDay(time.Thursday, sla.MustParseSpan("13:00-17:00"), sla.MustParseSpan("09:00-12:00")),
			is: sla.ErrInvalidSpan, field: "week.thursday[1]", message: `sla: week.thursday[1] "09:00-12:00": invalid span: out of order: starts before 13:00-17:00`},
		// Special days name the date.
		{name: "bad special span", loc: loc, week: nine,
			opts: []sla.Option{sla.Special(date.New(2024, 12, 24), sla.Span{From: hm(12, 0), To: hm(9, 0)})},
			is:   sla.ErrInvalidSpan, field: `special["2024-12-24"][0]`,
			message: `sla: special["2024-12-24"][0] "12:00-09:00": invalid span: from is not before to`},
		{name: "duplicate holiday", loc: loc, week: nine,
			opts: []sla.Option{sla.Holidays(date.New(2024, 12, 25)), sla.Holidays(date.New(2024, 12, 25))},
			is:   sla.ErrDuplicateDay, field: "holidays[1]",
			message: `sla: holidays[1] "2024-12-25": day given twice: also given as holidays[0]`},
		{name: "holiday and special", loc: loc, week: nine,
			opts: []sla.Option{sla.Holidays(date.New(2024, 12, 24)), sla.Special(date.New(2024, 12, 24), sla.MustParseSpan("09:00-12:00"))},
			is:   sla.ErrDuplicateDay, field: `special["2024-12-24"]`},
		{name: "no opening hours", loc: loc, week: sla.Week{}, is: sla.ErrNoOpeningHours, field: "week"},
		{name: "no weekly hours, specials only", loc: loc, week: sla.Week{},
			opts: []sla.Option{sla.Special(date.New(2024, 1, 2), sla.MustParseSpan("09:00-17:00"))}, is: sla.ErrNoOpeningHours, field: "week"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := sla.NewCalendar(tt.loc, tt.week, tt.opts...)
			require.ErrorIs(t, err, tt.is)
			assert.True(t, cal.IsZero(), "a failed NewCalendar returns the zero Calendar")
			if tt.message != "" {
				assert.Equal(t, tt.message, err.Error())
			}
			var ce *sla.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field)
		})
	}
}

func TestAllowNoOpeningHours(t *testing.T) {
	loc := ckLoc(t, "Europe/London")
	xmas := date.New(2024, 12, 24)
	cal, err := sla.NewCalendar(loc, sla.Week{}, sla.AllowNoOpeningHours(),
		sla.Special(xmas, sla.MustParseSpan("09:00-12:00")))
	require.NoError(t, err)
	start := time.Date(2024, 12, 1, 0, 0, 0, 0, loc)
	assert.Equal(t, 3*time.Hour, cal.Between(start, time.Date(2025, 1, 1, 0, 0, 0, 0, loc)))
	assert.True(t, cal.Add(start, 2*time.Hour).Equal(time.Date(2024, 12, 24, 11, 0, 0, 0, loc)))
	// Never enough open time: Add and NextOpen return the zero time, and do return.
	assert.True(t, cal.Add(start, 4*time.Hour).IsZero())
	assert.True(t, cal.NextOpen(time.Date(2024, 12, 24, 12, 0, 0, 0, loc)).IsZero())
	assert.True(t, cal.Add(time.Date(2300, 1, 1, 0, 0, 0, 0, loc), time.Hour).IsZero())
	assert.False(t, cal.IsWorkday(xmas+1))
	assert.True(t, cal.IsWorkday(xmas))
}

func TestZeroCalendarIsAlwaysOpen(t *testing.T) {
	var cal sla.Calendar
	a := time.Date(2024, 3, 10, 1, 30, 0, 0, ckLoc(t, "America/Chicago"))
	b := a.Add(5 * time.Hour)
	assert.True(t, cal.IsZero())
	assert.True(t, cal.Open(a))
	assert.Equal(t, 5*time.Hour, cal.Between(a, b))
	assert.Equal(t, time.Duration(0), cal.Between(b, a), "backwards range")
	assert.True(t, cal.Add(a, 5*time.Hour).Equal(b))
	assert.True(t, cal.NextOpen(a).Equal(a))
	assert.True(t, cal.NextClose(a).IsZero(), "never closes")
	assert.True(t, cal.IsWorkday(date.New(2024, 12, 25)))
	assert.Equal(t, time.UTC, cal.Location())
	data, err := json.Marshal(cal)
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(data))
}

func TestCalendarBasics(t *testing.T) {
	loc := ckLoc(t, "America/Chicago")
	xmas := date.New(2024, 12, 25)
	cal, err := sla.NewCalendar(loc, sla.WorkWeek(hm(9, 0), hm(17, 0)), sla.Holidays(xmas),
		sla.Special(date.New(2024, 12, 24), sla.MustParseSpan("09:00-12:00")))
	require.NoError(t, err)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2024, m, d, h, min, 0, 0, loc) }

	t.Run("Open", func(t *testing.T) {
		tests := []struct {
			t    time.Time
			want bool
		}{
			{at(3, 8, 8, 59), false},
			{at(3, 8, 9, 0), true}, // the start of a span is open
			{at(3, 8, 16, 59), true},
			{at(3, 8, 17, 0), false}, // its end is not
			{at(3, 9, 12, 0), false}, // Saturday
			{at(12, 24, 11, 59), true},
			{at(12, 24, 12, 0), false}, // half day
			{at(12, 25, 10, 0), false}, // holiday
		}
		for _, tt := range tests {
			assert.Equal(t, tt.want, cal.Open(tt.t), "Open(%v)", tt.t)
		}
	})
	t.Run("Between and Add", func(t *testing.T) {
		tests := []struct {
			from, to time.Time
			want     time.Duration
			// Add(from, want) and Add(to, -want) when they differ from to
			// and from: Add never stops inside a closed stretch.
			addTo, backTo time.Time
		}{
			{from: at(3, 8, 16, 30), to: at(3, 11, 9, 30), want: time.Hour},                             // a weekend with the spring-forward Sunday
			{from: at(12, 23, 16, 0), to: at(12, 26, 10, 0), want: time.Hour + 3*time.Hour + time.Hour}, // half day, holiday
			{from: at(3, 4, 0, 0), to: at(3, 11, 0, 0), want: 40 * time.Hour, addTo: at(3, 8, 17, 0), backTo: at(3, 4, 9, 0)},
			{from: at(3, 4, 0, 0), to: at(3, 4, 0, 0), want: 0},
		}
		for _, tt := range tests {
			assert.Equal(t, tt.want, cal.Between(tt.from, tt.to), "Between(%v, %v)", tt.from, tt.to)
			assert.Equal(t, time.Duration(0), cal.Between(tt.to, tt.from), "Between(%v, %v) backwards", tt.to, tt.from)
			if tt.want > 0 {
				addTo, backTo := tt.to, tt.from
				if !tt.addTo.IsZero() {
					addTo, backTo = tt.addTo, tt.backTo
				}
				got := cal.Add(tt.from, tt.want)
				assert.True(t, got.Equal(addTo), "Add(%v, %v) = %v, want %v", tt.from, tt.want, got, addTo)
				back := cal.Add(tt.to, -tt.want)
				assert.True(t, back.Equal(backTo), "Add(%v, %v) = %v, want %v", tt.to, -tt.want, back, backTo)
			}
		}
	})
	t.Run("Add lands at a close, not the next opening", func(t *testing.T) {
		got := cal.Add(at(3, 8, 16, 0), time.Hour)
		assert.True(t, got.Equal(at(3, 8, 17, 0)), "Add = %v", got)
		assert.Equal(t, loc, got.Location(), "result in the caller's location")
		utc := cal.Add(at(3, 8, 16, 0).UTC(), time.Hour)
		assert.Equal(t, time.UTC, utc.Location())
	})
	t.Run("NextOpen and NextClose", func(t *testing.T) {
		assert.True(t, cal.NextOpen(at(12, 24, 12, 0)).Equal(at(12, 26, 9, 0)))
		assert.True(t, cal.NextOpen(at(3, 8, 10, 0)).Equal(at(3, 8, 10, 0)))
		assert.True(t, cal.NextClose(at(12, 24, 9, 0)).Equal(at(12, 24, 12, 0)))
		assert.True(t, cal.NextClose(at(12, 25, 9, 0)).Equal(at(12, 25, 9, 0)))
	})
	t.Run("Intervals", func(t *testing.T) {
		var got []string
		var sum time.Duration
		from, to := at(12, 23, 16, 0), at(12, 26, 10, 0)
		for s, e := range cal.Intervals(from, to) {
			got = append(got, s.Format("Jan 2 15:04")+"-"+e.Format("15:04"))
			sum += e.Sub(s)
		}
		assert.Equal(t, []string{"Dec 23 16:00-17:00", "Dec 24 09:00-12:00", "Dec 26 09:00-10:00"}, got)
		assert.Equal(t, cal.Between(from, to), sum)
		n := 0
		for range cal.Intervals(from, to) {
			n++
			break
		}
		assert.Equal(t, 1, n, "stops when yield returns false")
	})
	t.Run("IsWorkday and HoursOn", func(t *testing.T) {
		assert.True(t, cal.IsWorkday(date.New(2024, 12, 24)))
		assert.False(t, cal.IsWorkday(xmas))
		assert.False(t, cal.IsWorkday(date.New(2024, 12, 28)))
		assert.Equal(t, []sla.Span{sla.MustParseSpan("09:00-12:00")}, cal.HoursOn(date.New(2024, 12, 24)))
		assert.Empty(t, cal.HoursOn(xmas))
		assert.Len(t, cal.SpecialDays(), 2)
	})
	t.Run("configuration is copied", func(t *testing.T) {
		w := cal.Week()
		w[time.Monday][0] = sla.MustParseSpan("00:00-01:00")
		assert.Equal(t, hm(9, 0), cal.Week()[time.Monday][0].From)
	})
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in   string
		want sla.Span
		ok   bool
	}{
		{"09:00-17:00", sla.Span{From: hm(9, 0), To: hm(17, 0)}, true},
		{" 22:00 - 24:00 ", sla.Span{From: hm(22, 0), To: clock.New(24, 0, 0, 0)}, true},
		{"00:00-00:00:01", sla.Span{From: 0, To: clock.New(0, 0, 1, 0)}, true},
		{"09:00:30.5-10:00", sla.Span{From: clock.New(9, 0, 30, 500), To: hm(10, 0)}, true},
		// Invalid
		{"", sla.Span{}, false},
		{"9:00-17:00", sla.Span{}, false},
		{"09:00", sla.Span{}, false},
		{"17:00-09:00", sla.Span{}, false},
		{"09:00-25:00", sla.Span{}, false},
		{"09:00-24:01", sla.Span{}, false},
		{"09:60-10:00", sla.Span{}, false},
		{"09:00-10:00:61", sla.Span{}, false},
		{"09:00-10:00:00.", sla.Span{}, false},
		{"09:00-10:00:00.1234567890", sla.Span{}, false},
		{"aa:00-10:00", sla.Span{}, false},
	}
	for _, tt := range tests {
		got, err := sla.ParseSpan(tt.in)
		if !tt.ok {
			var ce *sla.ConfigError
			if assert.ErrorAs(t, err, &ce, "ParseSpan(%q)", tt.in) {
				assert.True(t, ce.Err == sla.ErrSyntax || ce.Err == sla.ErrInvalidSpan, "ParseSpan(%q): %v", tt.in, err)
				assert.Equal(t, tt.in, ce.Value)
			}
			continue
		}
		require.NoError(t, err, "ParseSpan(%q)", tt.in)
		assert.Equal(t, tt.want, got, "ParseSpan(%q)", tt.in)
		again, err := sla.ParseSpan(got.String())
		require.NoError(t, err)
		assert.Equal(t, got, again, "ParseSpan(%q).String() round trip", tt.in)
	}
	var s sla.Span
	require.NoError(t, s.UnmarshalText(nil))
	assert.Equal(t, sla.Span{}, s)
	text, err := sla.Span{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)
}

func TestCalendarJSON(t *testing.T) {
	loc := ckLoc(t, "Australia/Lord_Howe")
	week := sla.WorkWeek(hm(9, 0), hm(17, 0))
	week[time.Monday] = []sla.Span{sla.MustParseSpan("09:00-12:00"), sla.MustParseSpan("13:00-17:00")}
	week[time.Saturday] = []sla.Span{sla.MustParseSpan("22:00-24:00")}
	week[time.Sunday] = []sla.Span{sla.MustParseSpan("00:00-06:00")}
	cal, err := sla.NewCalendar(loc, week, sla.Holidays(date.New(2024, 12, 25), date.New(2024, 12, 26)),
		sla.Special(date.New(2024, 12, 24), sla.MustParseSpan("09:00-12:00")))
	require.NoError(t, err)
	data, err := json.Marshal(cal)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"zone": "Australia/Lord_Howe",
		"week": {
			"sunday": ["00:00-06:00"],
			"monday": ["09:00-12:00", "13:00-17:00"],
			"tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"],
			"friday": ["09:00-17:00"], "saturday": ["22:00-24:00"]
		},
		"holidays": ["2024-12-25", "2024-12-26"],
		"special": {"2024-12-24": ["09:00-12:00"]}
	}`, string(data))

	var back sla.Calendar
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, cal.Week(), back.Week())
	assert.Equal(t, cal.SpecialDays(), back.SpecialDays())
	assert.Equal(t, cal.Location().String(), back.Location().String())
	a, b := time.Date(2024, 12, 20, 0, 0, 0, 0, loc), time.Date(2025, 4, 10, 0, 0, 0, 0, loc)
	assert.Equal(t, cal.Between(a, b), back.Between(a, b))

	t.Run("empty object is the zero Calendar", func(t *testing.T) {
		c := cal
		require.NoError(t, json.Unmarshal([]byte(`{}`), &c))
		assert.True(t, c.IsZero())
	})
	t.Run("null leaves the value unchanged", func(t *testing.T) {
		c := cal
		require.NoError(t, c.UnmarshalJSON([]byte(`null`)))
		assert.True(t, c.Equal(cal), "null document")
		var n sla.Calendar
		require.NoError(t, json.Unmarshal([]byte(`{"zone":"UTC","week":{"monday":["09:00-17:00"],"tuesday":null},"holidays":null,"special":{"2024-01-02":null}}`), &n))
		assert.Equal(t, 8*time.Hour, n.Week().Hours())
		assert.Empty(t, n.SpecialDays(), "a null special day is the same as a missing one")
	})
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			in      string
			is      error
			field   string
			message string
		}{
			{`{"zone":"Mars/Olympus","week":{"monday":["09:00-17:00"]}}`, sla.ErrZone, "zone",
				`sla: zone "Mars/Olympus": bad time zone: not a zone time.LoadLocation knows`},
			{`{"week":{"monday":["09:00-17:00"]}}`, sla.ErrZone, "zone", ""},
			{`{"zone":"","week":{"monday":["09:00-17:00"]}}`, sla.ErrZone, "zone", ""},
			{`{"zone":"Local","week":{"monday":["09:00-17:00"]}}`, sla.ErrZone, "zone", ""},
			{`{"zone":"UTC","week":{"moonday":["09:00-17:00"]}}`, sla.ErrUnknownField, "week.moonday", ""},
			{`{"zone":"UTC","week":{"Monday":["09:00-17:00"]}}`, sla.ErrUnknownField, "week.Monday", ""},
			{`{"zone":"UTC","weekk":{}}`, sla.ErrUnknownField, "weekk", ""},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00"],"monday":["10:00-11:00"]}}`, sla.ErrDuplicateKey, "week.monday", ""},
			{`{"zone":"UTC","zone":"UTC","week":{"monday":["09:00-17:00"]}}`, sla.ErrDuplicateKey, "zone", ""},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00","17:00-09:00"]}}`, sla.ErrInvalidSpan, "week.monday[1]",
				`sla: week.monday[1] "17:00-09:00": invalid span: from is not before to`},
			{`{"zone":"UTC","week":{"monday":["09:00-25h"]}}`, sla.ErrSyntax, "week.monday[0]", ""},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-13-01"]}`, sla.ErrSyntax, "holidays[0]", ""},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"special":{"2024-12-24":["12:00-09:00"]}}`, sla.ErrInvalidSpan, `special["2024-12-24"][0]`,
				`sla: special["2024-12-24"][0] "12:00-09:00": invalid span: from is not before to`},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-01-01"],"special":{"2024-01-01":["09:00-12:00"]}}`, sla.ErrDuplicateDay, `special["2024-01-01"]`, ""},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-01-01","2024-01-01"]}`, sla.ErrDuplicateDay, "holidays[1]", ""},
			{`{"zone":"UTC","week":{}}`, sla.ErrNoOpeningHours, "week", ""},
			{`{"zone":"UTC","week":{"monday":["09:00-17:00"]}} {}`, sla.ErrSyntax, "", ""},
		}
		for _, tt := range tests {
			var c sla.Calendar
			err := c.UnmarshalJSON([]byte(tt.in))
			require.ErrorIs(t, err, tt.is, tt.in)
			var ce *sla.ConfigError
			require.ErrorAs(t, err, &ce, tt.in)
			assert.Equal(t, tt.field, ce.Field, tt.in)
			if tt.message != "" {
				assert.Equal(t, tt.message, err.Error(), tt.in)
			}
			assert.Equal(t, 1, strings.Count(err.Error(), "sla:"), "the prefix is not repeated: %s", err)
		}
	})
}

// TestCalendarFarFromTheTable checks instants outside 1900-2150, where
// the calendar walks the zone's changes instead of its table, against the
// same arithmetic inside it.
func TestCalendarFarFromTheTable(t *testing.T) {
	loc := ckLoc(t, "Europe/London")
	cal, err := sla.NewCalendar(loc, sla.WorkWeek(hm(9, 0), hm(17, 0)))
	require.NoError(t, err)
	for _, year := range []int{1850, 1899, 2199, 2250, 2400} {
		from := time.Date(year, 3, 1, 10, 0, 0, 0, loc)
		to := time.Date(year, 12, 1, 10, 0, 0, 0, loc)
		got := cal.Between(from, to)
		// 9-5 weekdays: count the weekdays with plain date arithmetic.
		days := 0
		for d := date.NewAt(from); d < date.NewAt(to); d++ {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				days++
			}
		}
		want := time.Duration(days) * 8 * time.Hour
		if wd := from.Weekday(); wd == time.Saturday || wd == time.Sunday {
			// from at 10:00 on a weekend day counts nothing of that day.
		} else {
			want -= time.Hour // 09:00-10:00 of the first day is before from
		}
		if wd := to.Weekday(); wd != time.Saturday && wd != time.Sunday {
			want += time.Hour // 09:00-10:00 of the last day
		}
		assert.Equal(t, want, got, "Between in %d", year)
		assert.True(t, cal.Add(from, got).Equal(to) || !cal.Open(to), "Add(%v, %v) in %d", from, got, year)
		assert.Equal(t, got, cal.Between(from, cal.Add(from, got)), "Between(t, Add(t, d)) in %d", year)
		assert.Equal(t, got, cal.Between(cal.Add(to, -got), to), "Between(Add(t, -d), t) in %d", year)
	}
}

func TestCalendarEqualAndString(t *testing.T) {
	chicago := ckLoc(t, "America/Chicago")
	week := sla.WorkWeek(hm(9, 0), hm(17, 0))
	xmas := sla.Holidays(date.New(2024, 12, 25))
	a := sla.MustNewCalendar(chicago, week, xmas)
	b := sla.MustNewCalendar(chicago, week, xmas)
	assert.True(t, a.Equal(b), "same configuration, separate tables")
	assert.True(t, a.Equal(a))
	assert.False(t, a.Equal(sla.MustNewCalendar(chicago, week)), "holidays differ")
	assert.False(t, a.Equal(sla.MustNewCalendar(ckLoc(t, "Europe/London"), week, xmas)), "zones differ")
	assert.False(t, a.Equal(sla.MustNewCalendar(chicago, sla.WorkWeek(hm(9, 0), hm(16, 0)), xmas)), "hours differ")
	assert.False(t, a.Equal(sla.Calendar{}))
	assert.True(t, sla.Calendar{}.Equal(sla.Calendar{}))

	assert.Equal(t, "America/Chicago Mon-Fri 09:00-17:00; 1 holiday, 0 special days", a.String())
	assert.Equal(t, "always open", sla.Calendar{}.String())
	split := sla.WorkWeek(hm(9, 0), hm(17, 0))
	for wd := time.Monday; wd <= time.Thursday; wd++ {
		split[wd] = []sla.Span{sla.MustParseSpan("09:00-12:00"), sla.MustParseSpan("13:00-17:00")}
	}
	split[time.Sunday] = []sla.Span{sla.MustParseSpan("00:00-06:00")}
	assert.Equal(t, "Mon-Thu 09:00-12:00,13:00-17:00, Fri 09:00-17:00, Sun 00:00-06:00", split.String())
	assert.Equal(t, "Mon-Sun 00:00-24:00", sla.AllWeek().String())
	assert.Equal(t, "closed", sla.Week{}.String())
}
