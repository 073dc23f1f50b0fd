package ical

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func days(t *testing.T, ss ...string) []date.Date {
	t.Helper()
	out := make([]date.Date, len(ss))
	for i, s := range ss {
		out[i] = date.MustParseISO(s)
	}
	return out
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return b
}

func TestReadHolidaysUS(t *testing.T) {
	hs, err := ReadHolidays(readFile(t, "us-federal.ics"), date.New(2024, 1, 1), date.New(2027, 1, 1))
	require.NoError(t, err)
	// The US federal holidays as observed, as published by OPM: the list
	// examples/handbook keeps by hand for 2024-2026.
	want := days(t,
		"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04",
		"2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25",
		"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
		"2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25",
		"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
		"2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25")
	assert.Equal(t, want, Days(hs))
	// EXDATE: Independence Day 2026 (a Saturday) is left out; the observed
	// Friday is its own event.
	assert.Contains(t, hs, Holiday{date.New(2026, 7, 3), "Independence Day (observed)"})
	assert.NotContains(t, Days(hs), date.New(2026, 7, 4))
	// BYDAY=4TH in November.
	assert.Contains(t, hs, Holiday{date.New(2025, 11, 27), "Thanksgiving Day"})
	// COUNT=3 and UNTIL=20261231 end the rules: nothing in 2027.
	later, err := ReadHolidays(readFile(t, "us-federal.ics"), date.New(2027, 1, 1), date.New(2030, 1, 1))
	require.NoError(t, err)
	assert.Empty(t, later)
}

func TestReadHolidaysUK(t *testing.T) {
	hs, err := ReadHolidays(readFile(t, "uk-england.ics"), date.New(2026, 1, 1), date.New(2027, 1, 1))
	require.NoError(t, err)
	want := []Holiday{
		{date.New(2026, 1, 1), "New Year’s Day"},
		{date.New(2026, 4, 3), "Good Friday"},
		{date.New(2026, 4, 6), "Easter Monday"},
		{date.New(2026, 5, 4), "Early May bank holiday"},
		{date.New(2026, 5, 25), "Spring bank holiday"},
		{date.New(2026, 8, 31), "Summer bank holiday"},
		{date.New(2026, 12, 25), "Christmas Day"},
		// RECURRENCE-ID replaces Saturday 26 December.
		{date.New(2026, 12, 28), "Boxing Day (substitute day)"},
	}
	assert.Equal(t, want, hs, "the VTIMEZONE and the timed 'Clocks go forward' are skipped")
}

func TestReadHolidaysTwoCountries(t *testing.T) {
	both := append(readFile(t, "us-federal.ics"), readFile(t, "uk-england.ics")...)
	hs, err := ReadHolidays(both, date.New(2024, 12, 24), date.New(2025, 1, 2))
	require.NoError(t, err)
	assert.Equal(t, []Holiday{
		{date.New(2024, 12, 25), "Christmas Day"}, // in both files: once
		{date.New(2024, 12, 26), "Boxing Day"},
		{date.New(2025, 1, 1), "New Year's Day"},
		{date.New(2025, 1, 1), "New Year’s Day"},
	}, hs)
	assert.Equal(t, days(t, "2024-12-25", "2024-12-26", "2025-01-01"), Days(hs), "Days gives each day once")
}

func TestReadHolidaysRange(t *testing.T) {
	data := readFile(t, "us-federal.ics")
	tests := []struct {
		name     string
		from, to date.Date
		want     []date.Date
	}{
		{"from included, to excluded", date.New(2025, 7, 4), date.New(2025, 9, 1), days(t, "2025-07-04")},
		{"one day", date.New(2025, 12, 25), date.New(2025, 12, 26), days(t, "2025-12-25")},
		{"empty", date.New(2025, 12, 25), date.New(2025, 12, 25), nil},
		{"backwards", date.New(2026, 1, 1), date.New(2025, 1, 1), nil},
		{"before DTSTART", date.New(2000, 1, 1), date.New(2024, 1, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs, err := ReadHolidays(data, tt.from, tt.to)
			require.NoError(t, err)
			assert.Equal(t, tt.want, Days(hs), "ReadHolidays(%v, %v)", tt.from, tt.to)
		})
	}
	// A malformed file is an error even for an empty range.
	_, err := ReadHolidays([]byte("BEGIN:VCALENDAR\r\n"), date.New(2025, 1, 1), date.New(2025, 1, 1))
	require.ErrorIs(t, err, ErrSyntax)
}

// cal wraps VEVENT lines in a VCALENDAR with CRLF.
func cal(lines ...string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n")
}

// event is one all-day VEVENT starting on start, with extra properties.
func event(start string, extra ...string) string {
	return strings.Join(append([]string{"BEGIN:VEVENT", "UID:x", "SUMMARY:h", "DTSTART;VALUE=DATE:" + start}, extra...), "\r\n") + "\r\nEND:VEVENT"
}

func TestReadHolidaysRules(t *testing.T) {
	tests := []struct {
		name     string
		ev       string
		from, to string
		want     []string
	}{
		// FREQ=YEARLY with no BY parts repeats DTSTART's month and day; a
		// 29 February only in leap years.
		{"plain yearly", event("20240704", "RRULE:FREQ=YEARLY"), "2024-01-01", "2027-01-01",
			[]string{"2024-07-04", "2025-07-04", "2026-07-04"}},
		{"leap day", event("20200229", "RRULE:FREQ=YEARLY"), "2020-01-01", "2029-01-01",
			[]string{"2020-02-29", "2024-02-29", "2028-02-29"}},
		{"interval", event("20200101", "RRULE:FREQ=YEARLY;INTERVAL=4"), "2021-01-01", "2033-01-01",
			[]string{"2024-01-01", "2028-01-01", "2032-01-01"}},
		// BYDAY with an ordinal within BYMONTH; negative from the end.
		{"4th Thursday", event("20221124", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"), "2023-01-01", "2025-01-01",
			[]string{"2023-11-23", "2024-11-28"}},
		{"last Monday", event("20240527", "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO"), "2024-01-01", "2027-01-01",
			[]string{"2024-05-27", "2025-05-26", "2026-05-25"}},
		{"second to last Friday", event("20241220", "RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=-2FR"), "2025-01-01", "2026-01-01",
			[]string{"2025-12-19"}},
		// A weekday without an ordinal: every one in the month.
		{"every Monday of February", event("20250203", "RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=MO;COUNT=4"), "2025-01-01", "2027-01-01",
			[]string{"2025-02-03", "2025-02-10", "2025-02-17", "2025-02-24"}},
		// BYDAY with an ordinal and no BYMONTH counts in the year.
		{"20th Monday of the year", event("20240513", "RRULE:FREQ=YEARLY;BYDAY=20MO"), "2025-01-01", "2026-01-01",
			[]string{"2025-05-19"}},
		{"last day of the year", event("20241231", "RRULE:FREQ=YEARLY;BYDAY=-1TU"), "2025-01-01", "2026-01-01",
			[]string{"2025-12-30"}},
		// BYMONTHDAY and BYDAY: US election day, the Tuesday after the first Monday.
		{"election day", event("20241105", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"), "2025-01-01", "2029-01-01",
			[]string{"2025-11-04", "2026-11-03", "2027-11-02", "2028-11-07"}},
		// BYMONTHDAY without BYMONTH is every month; negative from the end.
		{"last day of each month", event("20250131", "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;COUNT=3"), "2025-01-01", "2026-01-01",
			[]string{"2025-01-31", "2025-02-28", "2025-03-31"}},
		{"31st skips short months", event("20250131", "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4;BYMONTHDAY=31"), "2025-01-01", "2026-01-01",
			[]string{"2025-01-31", "2025-03-31"}},
		// COUNT counts DTSTART, even before the range.
		{"count from DTSTART", event("20200101", "RRULE:FREQ=YEARLY;COUNT=3"), "2021-06-01", "2030-01-01",
			[]string{"2022-01-01"}},
		// DTSTART that the rule does not pick is still the first occurrence.
		{"DTSTART off rule", event("20240102", "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=2"), "2024-01-01", "2030-01-01",
			[]string{"2024-01-02", "2025-01-01"}},
		{"until inclusive", event("20240101", "RRULE:FREQ=YEARLY;UNTIL=20260101"), "2020-01-01", "2030-01-01",
			[]string{"2024-01-01", "2025-01-01", "2026-01-01"}},
		{"until date-time", event("20240101", "RRULE:FREQ=YEARLY;UNTIL=20251231T235959Z"), "2020-01-01", "2030-01-01",
			[]string{"2024-01-01", "2025-01-01"}},
		{"until before start", event("20240101", "RRULE:FREQ=YEARLY;UNTIL=20230101"), "2020-01-01", "2030-01-01", nil},
		// EXDATE, RDATE (dates or date-times), STATUS.
		{"exdate list", event("20240101", "RRULE:FREQ=YEARLY;COUNT=4", "EXDATE;VALUE=DATE:20250101,20260101"), "2020-01-01", "2030-01-01",
			[]string{"2024-01-01", "2027-01-01"}},
		{"exdate date-time", event("20240101", "RRULE:FREQ=YEARLY;COUNT=2", "EXDATE:20250101T000000Z"), "2020-01-01", "2030-01-01",
			[]string{"2024-01-01"}},
		{"rdate", event("20240101", "RDATE;VALUE=DATE:20240301", "RDATE;VALUE=DATE:20250301"), "2024-02-01", "2030-01-01",
			[]string{"2024-03-01", "2025-03-01"}},
		{"cancelled", event("20240101", "STATUS:CANCELLED"), "2020-01-01", "2030-01-01", nil},
		// RECURRENCE-ID replaces the occurrence of the event with its UID
		// only; a cancelled replacement removes it.
		{"override", event("20240101", "RRULE:FREQ=YEARLY;COUNT=3") + "\r\n" +
			"BEGIN:VEVENT\r\nUID:x\r\nRECURRENCE-ID;VALUE=DATE:20250101\r\nDTSTART;VALUE=DATE:20250102\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nUID:x\r\nRECURRENCE-ID;VALUE=DATE:20260101\r\nDTSTART;VALUE=DATE:20260101\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nUID:other\r\nDTSTART;VALUE=DATE:20240101\r\nRRULE:FREQ=YEARLY;COUNT=3\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nRECURRENCE-ID;VALUE=DATE:20240101\r\nDTSTART;VALUE=DATE:20240301\r\nEND:VEVENT",
			"2020-01-01", "2030-01-01", []string{"2024-01-01", "2024-03-01", "2025-01-01", "2025-01-02", "2026-01-01"}},
		// Spans: DTEND, DURATION, cut by the range; RRULE repeats the span.
		{"dtend", event("20241224", "DTEND;VALUE=DATE:20241227"), "2024-12-25", "2025-01-01",
			[]string{"2024-12-25", "2024-12-26"}},
		{"duration", event("20241224", "DURATION:P2D"), "2024-01-01", "2025-01-01",
			[]string{"2024-12-24", "2024-12-25"}},
		{"duration weeks", event("20240101", "DURATION:P1W"), "2024-01-06", "2025-01-01",
			[]string{"2024-01-06", "2024-01-07"}},
		{"span over the new year", event("20241231", "DTEND;VALUE=DATE:20250102", "RRULE:FREQ=YEARLY;COUNT=2"), "2025-01-01", "2025-12-31",
			[]string{"2025-01-01"}},
		// Eight digits without VALUE=DATE are a date; a time is not a holiday.
		{"bare date", "BEGIN:VEVENT\r\nSUMMARY:h\r\nDTSTART:20240101\r\nEND:VEVENT", "2024-01-01", "2025-01-01",
			[]string{"2024-01-01"}},
		{"timed", "BEGIN:VEVENT\r\nSUMMARY:h\r\nDTSTART:20240101T090000Z\r\nDTEND:20240101T100000Z\r\nDURATION:PT1H\r\nEND:VEVENT", "2024-01-01", "2025-01-01", nil},
		// Nested components are skipped.
		{"alarm", event("20240101", "BEGIN:VALARM", "TRIGGER:-PT15M", "DTSTART:20000101", "END:VALARM"), "2024-01-01", "2025-01-01",
			[]string{"2024-01-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs, err := ReadHolidays(cal(tt.ev), date.MustParseISO(tt.from), date.MustParseISO(tt.to))
			require.NoError(t, err)
			var want []date.Date
			if tt.want != nil {
				want = days(t, tt.want...)
			}
			assert.Equal(t, want, Days(hs), "ReadHolidays(%s, %s)", tt.from, tt.to)
		})
	}
}

func TestReadHolidaysText(t *testing.T) {
	// Folded inside a UTF-8 sequence (which writers should not do, and some
	// do), with LF line ends, escapes and a quoted parameter.
	sum := "SUMMARY;LANGUAGE=\"en;gb\":F\xc3\r\n \xaate de l\\'\\;\\, \\\\ Ann\\Nee"
	data := strings.ReplaceAll(string(cal(event("20240101"), "")), "SUMMARY:h", sum)
	data = strings.ReplaceAll(data, "\r\n", "\n")
	data = strings.Replace(data, "\n \xaa", "\r\n \xaa", 1)
	hs, err := ReadHolidays([]byte(data), date.New(2024, 1, 1), date.New(2024, 1, 2))
	require.NoError(t, err)
	assert.Equal(t, []Holiday{{date.New(2024, 1, 1), "Fête de l';, \\ Ann\nee"}}, hs)
}

func TestReadHolidaysErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		line int
		err  error
		text string // in the message
	}{
		{"empty", "", 1, ErrSyntax, "no BEGIN:VCALENDAR"},
		{"not a calendar", "hello\r\n", 1, ErrSyntax, "want ':'"},
		{"other component first", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", 1, ErrSyntax, "want BEGIN:VCALENDAR"},
		{"unclosed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240101\r\n", 2, ErrSyntax, "no END:VEVENT"},
		{"mismatched end", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", 3, ErrSyntax, "want END:VEVENT"},
		{"end without begin", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n", 3, ErrSyntax, "END without BEGIN"},
		{"property outside", "VERSION:2.0\r\n", 1, ErrSyntax, "outside"},
		{"nested calendar", "BEGIN:VCALENDAR\r\nBEGIN:VCALENDAR\r\n", 2, ErrSyntax, "inside"},
		{"stray continuation", " x\r\n", 1, ErrSyntax, "continuation"},
		{"no colon", string(cal(event("20240101"), "SUMMARY")), 8, ErrSyntax, "want ':'"},
		{"bad parameter", string(cal(event("20240101"), "X;Y:1")), 8, ErrSyntax, "parameter"},
		{"unterminated quote", string(cal(event("20240101"), "X;Y=\"a:1")), 8, ErrSyntax, "quoted"},
		{"not UTF-8", "BEGIN:VCALENDAR\r\nX-A:\xff\r\nEND:VCALENDAR\r\n", 2, ErrSyntax, "UTF-8"},
		{"no DTSTART", string(cal("BEGIN:VEVENT", "SUMMARY:x", "END:VEVENT")), 3, ErrSyntax, "without DTSTART"},
		{"bad date", string(cal(event("20241301"))), 6, ErrSyntax, "20241301"},
		{"hyphens", string(cal(event("2024-01-01"))), 6, ErrSyntax, "2024-01-01"},
		{"date-time as DATE", string(cal(event("20240101T000000"))), 6, ErrSyntax, "VALUE=DATE"},
		{"dtstart twice", string(cal(event("20240101", "DTSTART;VALUE=DATE:20240102"))), 7, ErrSyntax, "given twice"},
		{"end before start", string(cal(event("20240102", "DTEND;VALUE=DATE:20240101"))), 7, ErrSyntax, "not after"},
		{"timed end", string(cal(event("20240102", "DTEND:20240103T000000"))), 7, ErrSyntax, "date-time"},
		{"end and duration", string(cal(event("20240102", "DTEND;VALUE=DATE:20240103", "DURATION:P1D"))), 8, ErrSyntax, "DURATION"},
		{"bad duration", string(cal(event("20240102", "DURATION:1D"))), 7, ErrSyntax, "duration"},
		{"long", string(cal(event("20240102", "DURATION:P400D"))), 7, ErrUnsupported, "400 days"},
		{"hours", string(cal(event("20240102", "DURATION:PT24H"))), 7, ErrUnsupported, "hours"},
		{"bad exdate", string(cal(event("20240102", "RRULE:FREQ=YEARLY", "EXDATE:2025"))), 8, ErrSyntax, "2025"},
		{"rdate period", string(cal(event("20240102", "RDATE;VALUE=PERIOD:20240101/P1D"))), 7, ErrUnsupported, "PERIOD"},
		// Rules.
		{"monthly", string(cal(event("20240102", "RRULE:FREQ=MONTHLY"))), 7, ErrUnsupported, "MONTHLY"},
		{"unknown freq", string(cal(event("20240102", "RRULE:FREQ=SOMETIMES"))), 7, ErrSyntax, "SOMETIMES"},
		{"no freq", string(cal(event("20240102", "RRULE:COUNT=2"))), 7, ErrSyntax, "without FREQ"},
		{"count and until", string(cal(event("20240102", "RRULE:FREQ=YEARLY;COUNT=2;UNTIL=20300101"))), 7, ErrSyntax, "COUNT and UNTIL"},
		{"part twice", string(cal(event("20240102", "RRULE:FREQ=YEARLY;COUNT=2;COUNT=3"))), 7, ErrSyntax, "twice"},
		{"bad part", string(cal(event("20240102", "RRULE:FREQ=YEARLY;COUNT"))), 7, ErrSyntax, "NAME=value"},
		{"unknown part", string(cal(event("20240102", "RRULE:FREQ=YEARLY;SOON=1"))), 7, ErrSyntax, "SOON"},
		{"bysetpos", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYSETPOS=1"))), 7, ErrUnsupported, "BYSETPOS"},
		{"bymonth 13", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYMONTH=13"))), 7, ErrSyntax, "1 to 12"},
		{"bymonthday 0", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYMONTHDAY=0"))), 7, ErrSyntax, "BYMONTHDAY=0"},
		{"byday", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYDAY=XX"))), 7, ErrSyntax, "weekday"},
		{"byday 0", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYDAY=0MO"))), 7, ErrSyntax, "ordinal"},
		{"6th in a month", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=6MO"))), 7, ErrSyntax, "at most 5"},
		{"ordinal and monthday", string(cal(event("20240102", "RRULE:FREQ=YEARLY;BYDAY=1MO;BYMONTHDAY=1"))), 7, ErrUnsupported, "BYMONTHDAY"},
		{"interval 0", string(cal(event("20240102", "RRULE:FREQ=YEARLY;INTERVAL=0"))), 7, ErrSyntax, "INTERVAL"},
		{"wkst", string(cal(event("20240102", "RRULE:FREQ=YEARLY;WKST=XX"))), 7, ErrSyntax, "WKST"},
		{"override with rule", string(cal(event("20240102", "RECURRENCE-ID;VALUE=DATE:20240101", "RRULE:FREQ=YEARLY"))), 7, ErrUnsupported, "RRULE"},
		// A folded line is reported at the line it starts on.
		{"folded", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2024\r\n 0132\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 3, ErrSyntax, "20240132"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadHolidays([]byte(tt.data), date.New(2024, 1, 1), date.New(2025, 1, 1))
			require.ErrorIs(t, err, tt.err)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.line, pe.Line, "line of %v", err)
			assert.Contains(t, err.Error(), tt.text)
			assert.True(t, strings.HasPrefix(err.Error(), "ical: line "), "message %q", err)
			other := ErrSyntax
			if tt.err == ErrSyntax {
				other = ErrUnsupported
			}
			assert.False(t, errors.Is(err, other), "%v matches only %v", err, tt.err)
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := ReadHolidays(cal(event("20241301")), date.New(2024, 1, 1), date.New(2025, 1, 1))
	assert.EqualError(t, err, `ical: line 6 "DTSTART;VALUE=DATE:20241301": syntax error: date "20241301": want YYYYMMDD`)
}
