package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

var stamp = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

func TestMarshalExact(t *testing.T) {
	chi := zone(t, "America/Chicago")
	c := Calendar{
		ProdID: "-//test//EN",
		Name:   "team",
		Zone:   chi,
		Stamp:  stamp,
		Events: []Event{
			{
				UID: "standup@test", Summary: "Daily stand-up", Contact: "Engineering manager",
				Start: time.Date(2024, 3, 4, 9, 0, 0, 0, chi), End: time.Date(2024, 3, 4, 9, 15, 0, 0, chi),
				Recurrence: Recurrence{Freq: Weekly, Weekdays: []time.Weekday{time.Friday, time.Monday}, Until: date.New(2024, 3, 15)},
				Except:     []date.Date{date.New(2024, 3, 8)},
				Categories: []string{"ceremony", "sprint 21"},
			},
			{UID: "release@test", Summary: "Release 4.46.0", Day: date.New(2024, 3, 6), Transparent: true},
			{UID: "utc@test", Summary: "a; b, c\\d\ne", Start: time.Date(2024, 3, 9, 23, 30, 0, 0, time.UTC)},
		},
	}
	got, err := c.Marshal()
	require.NoError(t, err)
	want := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//test//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"NAME:team",
		"X-WR-CALNAME:team",
		"X-WR-TIMEZONE:America/Chicago",
		"BEGIN:VTIMEZONE",
		"TZID:America/Chicago",
		// In force on 2024-03-04: CST since 2023-11-05 02:00 CDT.
		"BEGIN:STANDARD",
		"DTSTART:20231105T020000",
		"TZOFFSETFROM:-0500",
		"TZOFFSETTO:-0600",
		"TZNAME:CST",
		"END:STANDARD",
		// 2024-03-10 02:00 CST: the last event (2024-03-15) is after it.
		"BEGIN:DAYLIGHT",
		"DTSTART:20240310T020000",
		"TZOFFSETFROM:-0600",
		"TZOFFSETTO:-0500",
		"TZNAME:CDT",
		"END:DAYLIGHT",
		"END:VTIMEZONE",
		"BEGIN:VEVENT",
		"UID:standup@test",
		"DTSTAMP:20240301T120000Z",
		"DTSTART;TZID=America/Chicago:20240304T090000",
		"DTEND;TZID=America/Chicago:20240304T091500",
		// The last instant of 2024-03-15 in Chicago (CDT) in UTC.
		"RRULE:FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20240316T045959Z",
		"EXDATE;TZID=America/Chicago:20240308T090000",
		"SUMMARY:Daily stand-up",
		"CONTACT:Engineering manager",
		"CATEGORIES:ceremony,sprint 21",
		"TRANSP:OPAQUE",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:release@test",
		"DTSTAMP:20240301T120000Z",
		"DTSTART;VALUE=DATE:20240306",
		"DTEND;VALUE=DATE:20240307",
		"SUMMARY:Release 4.46.0",
		"TRANSP:TRANSPARENT",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:utc@test",
		"DTSTAMP:20240301T120000Z",
		"DTSTART:20240309T233000Z",
		"DTEND:20240309T233000Z",
		`SUMMARY:a\; b\, c\\d\ne`,
		"TRANSP:OPAQUE",
		"END:VEVENT",
		"END:VCALENDAR",
		"",
	}, "\r\n")
	assert.Equal(t, want, string(got))

	var buf bytes.Buffer
	n, err := c.WriteTo(&buf)
	require.NoError(t, err)
	assert.Equal(t, int64(len(got)), n)
	assert.Equal(t, got, buf.Bytes())
}

func TestMarshalRecurrenceForms(t *testing.T) {
	lon := zone(t, "Europe/London")
	tests := []struct {
		name string
		ev   Event
		want []string // lines that must appear
	}{
		{"count and interval", Event{UID: "a", Start: time.Date(2024, 1, 1, 10, 0, 0, 0, lon),
			Recurrence: Recurrence{Freq: Weekly, Interval: 3, Weekdays: []time.Weekday{time.Monday}, Count: 5}},
			[]string{"RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO;WKST=MO;COUNT=5"}},
		{"daily all-day", Event{UID: "b", Day: date.New(2024, 1, 1), EndDay: date.New(2024, 1, 3),
			Recurrence: Recurrence{Freq: Daily, Interval: 7, Until: date.New(2024, 2, 1)}, Except: []date.Date{date.New(2024, 1, 15), date.New(2024, 1, 8), date.New(2024, 1, 8)}},
			[]string{"DTEND;VALUE=DATE:20240103", "RRULE:FREQ=DAILY;INTERVAL=7;UNTIL=20240201", "EXDATE;VALUE=DATE:20240108,20240115"}},
		// UNTIL in summer time: 23:59:59 BST is 22:59:59Z.
		{"until in BST", Event{UID: "c", Start: time.Date(2024, 1, 1, 10, 0, 0, 0, lon),
			Recurrence: Recurrence{Freq: Daily, Until: date.New(2024, 6, 1)}},
			[]string{"RRULE:FREQ=DAILY;UNTIL=20240601T225959Z"}},
		{"utc exdate", Event{UID: "d", Start: time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC),
			Recurrence: Recurrence{Freq: Daily, Count: 3}, Except: []date.Date{date.New(2024, 1, 2)}},
			[]string{"EXDATE:20240102T100000Z"}},
		// End is written in Start's zone.
		{"end in start's zone", Event{UID: "e", Start: time.Date(2024, 7, 1, 10, 0, 0, 0, lon), End: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)},
			[]string{"DTEND;TZID=Europe/London:20240701T110000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Calendar{Stamp: stamp, Events: []Event{tt.ev}}.Marshal()
			require.NoError(t, err)
			for _, l := range tt.want {
				assert.Contains(t, string(got), "\r\n"+l+"\r\n")
			}
		})
	}
}

func TestMarshalFolding(t *testing.T) {
	long := strings.Repeat("naïve café — 日本語 ", 20) + strings.Repeat("x", 80)
	c := Calendar{Stamp: stamp, Name: long, Events: []Event{{UID: long, Summary: long, Description: long + "\n" + long, Day: date.New(2024, 1, 1)}}}
	got, err := c.Marshal()
	require.NoError(t, err)
	require.True(t, bytes.HasSuffix(got, []byte("\r\n")))
	lines := strings.Split(strings.TrimSuffix(string(got), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		assert.NotContains(t, l, "\n", "line %d has a bare LF", i)
		assert.NotContains(t, l, "\r", "line %d has a bare CR", i)
		assert.LessOrEqual(t, len(l), 75, "line %d is %d octets", i, len(l))
		assert.True(t, utf8.ValidString(l), "line %d splits a UTF-8 sequence: %q", i, l)
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	assert.Greater(t, folded, 20)
	// Unfolding gives the text back, and the reader reads it.
	unfolded := strings.ReplaceAll(string(got), "\r\n ", "")
	assert.Contains(t, unfolded, "\r\nSUMMARY:"+long+"\r\n")
	assert.Contains(t, unfolded, "\r\nDESCRIPTION:"+long+`\n`+long+"\r\n")
	hs, err := ReadHolidays(got, date.New(2024, 1, 1), date.New(2024, 1, 2))
	require.NoError(t, err)
	assert.Equal(t, []Holiday{{date.New(2024, 1, 1), strings.TrimSpace(long)}}, hs)
}

func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", `a\b`, "a;b,c", "line\nline", `\n`, `\\;`, "trailing\\"} {
		assert.Equal(t, s, unescape(escape(s)), "unescape(escape(%q))", s)
	}
	assert.Equal(t, "a\nb", unescape(escape("a\r\nb")), "CRLF is one newline")
}

// observance is a STANDARD or DAYLIGHT component read back from a feed.
type observance struct {
	dst      bool
	start    string
	from, to string
}

// observances reads the VTIMEZONE of name from a feed with this package's
// line parser.
func observances(t *testing.T, feed []byte, name string) []observance {
	t.Helper()
	lines, err := contentLines(feed)
	require.NoError(t, err)
	var out []observance
	in := false
	for _, l := range lines {
		switch {
		case l.name == "TZID":
			in = l.value == name
		case !in:
		case l.name == "BEGIN" && (l.value == "STANDARD" || l.value == "DAYLIGHT"):
			out = append(out, observance{dst: l.value == "DAYLIGHT"})
		case l.name == "DTSTART":
			out[len(out)-1].start = l.value
		case l.name == "TZOFFSETFROM":
			out[len(out)-1].from = l.value
		case l.name == "TZOFFSETTO":
			out[len(out)-1].to = l.value
		case l.name == "END" && l.value == "VTIMEZONE":
			in = false
		}
	}
	return out
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	require.Contains(t, []int{5, 7}, len(s), "offset %q", s)
	n := 0
	for _, part := range []string{s[1:3], s[3:5]} {
		v := int(part[0]-'0')*10 + int(part[1]-'0')
		n = n*60 + v
	}
	n *= 60
	if len(s) == 7 {
		n += int(s[5]-'0')*10 + int(s[6]-'0')
	}
	if s[0] == '-' {
		n = -n
	}
	return n
}

func TestVTimezone(t *testing.T) {
	tests := []struct {
		zone        string
		transitions int // in 2024-2025
	}{
		{"America/Chicago", 4},
		{"Europe/London", 4},
		{"Australia/Lord_Howe", 4}, // half-hour DST
		{"Asia/Kathmandu", 0},      // +05:45, no DST
		{"Africa/Casablanca", 4},   // DST suspended for Ramadan, "DST" all year otherwise
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			loc := zone(t, tt.zone)
			from, to := time.Date(2024, 1, 1, 12, 0, 0, 0, loc), time.Date(2025, 12, 31, 12, 0, 0, 0, loc)
			c := Calendar{Stamp: stamp, Events: []Event{{UID: "x", Start: from,
				Recurrence: Recurrence{Freq: Daily, Until: date.NewAt(to)}}}}
			feed, err := c.Marshal()
			require.NoError(t, err)
			obs := observances(t, feed, tt.zone)
			require.Len(t, obs, tt.transitions+1, "the observance in force at the start, then one per transition")
			// The first is in force at from.
			_, off := from.Zone()
			assert.Equal(t, off, parseOffset(t, obs[0].to))
			for i, o := range obs {
				onsetLocal, err := time.Parse("20060102T150405", o.start)
				require.NoError(t, err)
				fromOff, toOff := parseOffset(t, o.from), parseOffset(t, o.to)
				onset := onsetLocal.Add(-time.Duration(fromOff) * time.Second)
				if i == 0 {
					assert.False(t, onset.After(from), "first observance starts by %v", from)
					continue
				}
				// Go agrees: the offset changes from fromOff to toOff at onset.
				_, before := onset.Add(-time.Second).In(loc).Zone()
				_, after := onset.In(loc).Zone()
				assert.Equal(t, fromOff, before, "offset before %v", onset)
				assert.Equal(t, toOff, after, "offset at %v", onset)
				assert.Equal(t, onset.In(loc).IsDST(), o.dst, "DAYLIGHT at %v", onset)
				assert.True(t, onset.After(from) && !onset.After(to.AddDate(0, 0, 1)), "transition %v in range", onset)
			}
		})
	}
}

func TestOffsetText(t *testing.T) {
	assert.Equal(t, "+0545", offsetText(5*3600+45*60))
	assert.Equal(t, "-0600", offsetText(-6*3600))
	assert.Equal(t, "+0000", offsetText(0))
	assert.Equal(t, "-001915", offsetText(-(19*60 + 15))) // Amsterdam's LMT
}

func TestMarshalErrors(t *testing.T) {
	chi := zone(t, "America/Chicago")
	at := time.Date(2024, 3, 4, 9, 0, 0, 0, chi)
	day := date.New(2024, 3, 4)
	tests := []struct {
		name  string
		cal   Calendar
		err   error
		field string
	}{
		{"no stamp", Calendar{}, ErrZeroTime, "stamp"},
		{"no start", Calendar{Stamp: stamp, Events: []Event{{UID: "a"}}}, ErrZeroTime, "events[0].start"},
		{"no uid", Calendar{Stamp: stamp, Events: []Event{{Day: day}}}, ErrEvent, "events[0].uid"},
		{"duplicate uid", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day}, {UID: "a", Day: day}}}, ErrDuplicateUID, "events[1].uid"},
		{"both", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Start: at}}}, ErrEvent, "events[0].day"},
		{"local", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Start: at.In(time.Local)}}}, ErrZone, "events[0].start"},
		{"local zone", Calendar{Stamp: stamp, Zone: time.Local}, ErrZone, "zone"},
		{"unnamed zone", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Start: at.In(time.FixedZone("", 3600))}}}, ErrZone, "events[0].start"},
		{"end before start", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Start: at, End: at.Add(-time.Minute)}}}, ErrEvent, "events[0].end"},
		{"end day", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, EndDay: day}}}, ErrEvent, "events[0].endDay"},
		{"control", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Summary: "bell\a"}}}, ErrEvent, "events[0].summary"},
		{"lone CR", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Description: "a\rb"}}}, ErrEvent, "events[0].description"},
		{"bad UTF-8", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Categories: []string{"\xff"}}}}, ErrEvent, "events[0].categories[0]"},
		{"year 10000", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: date.New(10000, 1, 1)}}}, ErrEvent, "events[0].day"},
		// Found by FuzzMarshalEvent: DTEND (exclusive) would be 10000-01-01.
		{"last day of 9999", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: date.New(9999, 12, 31)}}}, ErrEvent, "events[0].day"},
		{"except without rule", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Except: []date.Date{day}}}}, ErrEvent, "events[0].except"},
		{"no bound", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Freq: Weekly}}}}, ErrEvent, "events[0].recurrence.until"},
		{"two bounds", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Freq: Weekly, Count: 2, Until: day}}}}, ErrEvent, "events[0].recurrence.until"},
		{"until before", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Freq: Weekly, Until: day - 1}}}}, ErrEvent, "events[0].recurrence.until"},
		{"freq", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Count: 2}}}}, ErrEvent, "events[0].recurrence.freq"},
		{"interval", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Freq: Daily, Count: 2, Interval: -1}}}}, ErrEvent, "events[0].recurrence.interval"},
		{"count", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Freq: Daily, Count: MaxCount + 1}}}}, ErrEvent, "events[0].recurrence.count"},
		{"weekday", Calendar{Stamp: stamp, Events: []Event{{UID: "a", Day: day, Recurrence: Recurrence{Freq: Weekly, Count: 2, Weekdays: []time.Weekday{7}}}}}, ErrEvent, "events[0].recurrence.weekdays[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.cal.Marshal()
			require.ErrorIs(t, err, tt.err)
			assert.Nil(t, b)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field, "%v", err)
			assert.True(t, strings.HasPrefix(err.Error(), "ical: "+tt.field), "message %q", err)
			var buf bytes.Buffer
			_, err = tt.cal.WriteTo(&buf)
			require.ErrorIs(t, err, tt.err)
			assert.Zero(t, buf.Len(), "WriteTo writes nothing on error")
		})
	}
}

func TestMarshalLongCount(t *testing.T) {
	// A large COUNT does not list centuries of transitions.
	chi := zone(t, "America/Chicago")
	c := Calendar{Stamp: stamp, Events: []Event{{UID: "a", Start: time.Date(2024, 1, 1, 9, 0, 0, 0, chi),
		Recurrence: Recurrence{Freq: Weekly, Interval: MaxInterval, Count: MaxCount}}}}
	feed, err := c.Marshal()
	require.NoError(t, err)
	assert.LessOrEqual(t, len(observances(t, feed, "America/Chicago")), 2*maxZoneYears+1)
}

func TestVTimezoneFarFuture(t *testing.T) {
	// Past the end of the zone's table Go computes transitions from the
	// zone's rule and reports bounds at year ends where nothing changes:
	// only the four real changes of 2041-2042 are written.
	chi := zone(t, "America/Chicago")
	c := Calendar{Stamp: stamp, Events: []Event{{UID: "x", Start: time.Date(2040, 12, 1, 9, 0, 0, 0, chi),
		Recurrence: Recurrence{Freq: Daily, Until: date.New(2042, 12, 1)}}}}
	feed, err := c.Marshal()
	require.NoError(t, err)
	obs := observances(t, feed, "America/Chicago")
	require.Len(t, obs, 5)
	assert.Equal(t, observance{dst: true, start: "20410310T020000", from: "-0600", to: "-0500"}, obs[1])
	assert.Equal(t, observance{dst: false, start: "20421102T020000", from: "-0500", to: "-0600"}, obs[4])
}
