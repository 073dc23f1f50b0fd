package sla

// Fuzz targets for the calendar constructors and decoders. Each asserts
// properties, not just "runs": bad input is an error matching a sentinel
// (never a panic), good input is accepted, and an accepted calendar agrees
// with the oracle (oracle_test.go) and keeps the laws of Between and Add;
// JSON and text forms round-trip. Seed corpora live in
// testdata/fuzz/Fuzz*/ as well as in the f.Add calls.

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// byteSource hands out the fuzzer's bytes; past the end it gives zeros.
type byteSource struct {
	b []byte
	i int
}

func (s *byteSource) byte() int {
	if s.i >= len(s.b) {
		return 0
	}
	s.i++
	return int(s.b[s.i-1])
}

func (s *byteSource) u16() int { return s.byte()<<8 | s.byte() }

// clock decodes a time of day: mostly whole minutes in 00:00..24:00, some
// seconds, and some invalid values (before 00:00, after 24:00).
func (s *byteSource) clock() clock.Clock {
	v := s.u16()
	switch v % 16 {
	case 0:
		return -clock.Clock(v>>4) * clock.Minute
	case 1:
		return hm(24, 0) + clock.Clock(v>>4%120)*clock.Minute
	case 2:
		return hm(24, 0)
	case 3:
		return clock.Clock(v>>4%86401) * clock.Second
	}
	return clock.Clock(v>>4%1441) * clock.Minute
}

func (s *byteSource) spans() []Span {
	n := s.byte() % 4
	if n == 0 {
		return nil
	}
	out := make([]Span, n)
	for i := range out {
		out[i] = Span{s.clock(), s.clock()}
	}
	return out
}

// fuzzHubs are the days a fuzzed calendar's special days and instants
// cluster around: DST changes in each test zone, year ends, a leap day.
var fuzzHubs = []time.Time{
	at(time.UTC, 2024, 3, 10, 8, 0), at(time.UTC, 2024, 11, 3, 7, 0), // Chicago
	at(time.UTC, 2024, 3, 31, 1, 0), at(time.UTC, 2024, 10, 27, 1, 0), // London
	at(time.UTC, 2024, 4, 6, 15, 0), at(time.UTC, 2024, 10, 5, 15, 30), // Lord Howe
	at(time.UTC, 2024, 12, 31, 18, 15), at(time.UTC, 2024, 2, 29, 12, 0),
}

// fuzzCalendar decodes a calendar configuration and some query instants.
type fuzzCalendar struct {
	spec     calSpec
	instants []time.Time
}

func decodeFuzzCalendar(b []byte) fuzzCalendar {
	s := &byteSource{b: b}
	var fc fuzzCalendar
	fc.spec.loc = testZones[s.byte()%len(testZones)]
	fc.spec.allowNone = s.byte()%4 == 0
	for wd := range fc.spec.week {
		fc.spec.week[wd] = s.spans()
	}
	hub := fuzzHubs[s.byte()%len(fuzzHubs)]
	hubDay := date.NewAt(hub.In(fc.spec.loc))
	for range s.byte() % 4 {
		fc.spec.holidays = append(fc.spec.holidays, hubDay+date.Date(s.byte()%16-8))
	}
	for range s.byte() % 4 {
		fc.spec.specials = append(fc.spec.specials, special{hubDay + date.Date(s.byte()%16-8), s.spans()})
	}
	for range 4 {
		minutes := s.u16()%(14*24*60) - 7*24*60
		fc.instants = append(fc.instants, hub.Add(time.Duration(minutes)*time.Minute+time.Duration(s.byte())*time.Millisecond))
	}
	return fc
}

// wantErrors returns the sentinels NewCalendar may report for the
// configuration; none means it must be accepted.
func (fc fuzzCalendar) wantErrors() []error {
	var want []error
	badSpans := func(spans []Span) bool {
		for i, sp := range spans {
			if sp.From < 0 || sp.To > hm(24, 0) || sp.From >= sp.To || (i > 0 && sp.From < spans[i-1].To) {
				return true
			}
		}
		return false
	}
	for _, spans := range fc.spec.week {
		if badSpans(spans) {
			want = append(want, ErrInvalidSpan)
			break
		}
	}
	seen := map[date.Date]bool{}
	dup := false
	for _, d := range fc.spec.holidays {
		dup = dup || seen[d]
		seen[d] = true
	}
	for _, sp := range fc.spec.specials {
		dup = dup || seen[sp.day]
		seen[sp.day] = true
		if badSpans(sp.spans) {
			want = append(want, ErrInvalidSpan)
		}
	}
	if dup {
		want = append(want, ErrDuplicateDay)
	}
	if emptyWeek(fc.spec.week) && !fc.spec.allowNone {
		want = append(want, ErrNoOpeningHours)
	}
	return want
}

func (fc fuzzCalendar) build() (Calendar, error) { return fc.spec.build() }

// checkAgainstOracle compares cal with the oracle and with the laws of
// Between and Add at the given instants.
func checkAgainstOracle(t *testing.T, cal Calendar, spec calSpec, instants []time.Time) {
	o := spec.oracle()
	for i, a := range instants {
		b := instants[(i+1)%len(instants)]
		c := instants[(i+2)%len(instants)]
		require.Equal(t, o.open(a), cal.Open(a), "Open(%s)\n\tcalendar: %s", fmtT(a), spec)
		require.Equal(t, o.between(a, b), cal.Between(a, b), "Between(%s, %s)\n\tcalendar: %s", fmtT(a), fmtT(b), spec)
		if ab := cal.Between(a, b); b.After(a) {
			require.True(t, ab >= 0 && ab <= b.Sub(a), "Between(%s, %s) = %v\n\tcalendar: %s", fmtT(a), fmtT(b), ab, spec)
		}
		if !a.After(b) && !b.After(c) {
			require.Equal(t, cal.Between(a, c), cal.Between(a, b)+cal.Between(b, c), "additivity at %s, %s, %s\n\tcalendar: %s", fmtT(a), fmtT(b), fmtT(c), spec)
		}
		require.True(t, sameInstant(o.nextOpen(a), cal.NextOpen(a)), "NextOpen(%s) = %s, want %s\n\tcalendar: %s",
			fmtT(a), fmtT(cal.NextOpen(a)), fmtT(o.nextOpen(a)), spec)
		require.True(t, sameInstant(o.nextClose(a), cal.NextClose(a)), "NextClose(%s) = %s, want %s\n\tcalendar: %s",
			fmtT(a), fmtT(cal.NextClose(a)), fmtT(o.nextClose(a)), spec)
		for _, d := range []time.Duration{b.Sub(a) / 3, -b.Sub(a) / 3, time.Duration(c.Minute()+1) * time.Minute} {
			got := cal.Add(a, d)
			require.True(t, sameInstant(o.add(a, d), got), "Add(%s, %v) = %s, want %s\n\tcalendar: %s", fmtT(a), d, fmtT(got), fmtT(o.add(a, d)), spec)
			switch {
			case got.IsZero() || d == 0:
			case d > 0:
				require.Equal(t, d, cal.Between(a, got), "Between(t, Add(t, %v)) at %s\n\tcalendar: %s", d, fmtT(a), spec)
			default:
				require.Equal(t, -d, cal.Between(got, a), "Between(Add(t, %v), t) at %s\n\tcalendar: %s", d, fmtT(a), spec)
			}
		}
	}
}

// FuzzNewCalendar decodes bytes into a week, holidays, special days and
// query instants. NewCalendar must never panic; it must reject exactly the
// malformed configurations, with the matching sentinel; and a calendar it
// accepts must agree with the oracle, keep the laws of Between and Add, and
// round-trip through JSON.
func FuzzNewCalendar(f *testing.F) {
	enc := func(parts ...int) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, byte(p))
		}
		return b
	}
	// clock encodings: minutes m as u16 (m<<4 | 4); 24:00 as (0, 2)
	mm := func(m int) []int { v := m<<4 | 4; return []int{v >> 8, v & 0xff} }
	spanOf := func(from, to int) []int { return append(mm(from), mm(to)...) }
	officeDay := append([]int{1}, spanOf(9*60, 17*60)...)
	var week []int
	week = append(week, 0) // Sunday closed
	for range 5 {
		week = append(week, officeDay...)
	}
	week = append(week, 0) // Saturday closed
	// Chicago office, no days, instants around spring-forward
	f.Add(enc(append(append([]int{0, 1}, week...), 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)...))
	// London, every day 00:00-24:00, a holiday and a half day
	allDays := []int{2}
	for range 7 {
		allDays = append(allDays, 1, 0, 4, 0, 2)
	}
	f.Add(enc(append(append([]int{1, 1}, allDays[1:]...), 2, 1, 9, 1, 10, 1, 36, 4, 45, 4, 200, 10, 20, 30, 40, 50, 60, 70, 80)...))
	// Lord Howe overnight pairs with a touching lunch split
	f.Add([]byte("\x02\x01\x02\x00\x04\x05\xa4\x01\x57\x84\x80\x02\x02\x00\x04\x16\x84\x01\x57\x84\x80\x02\x00\x00\x00\x00\x00\x05\x01\x02\x03\x04\x05\x06"))
	// Kathmandu: empty week, allowed, one special day
	f.Add(enc(3, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1, 8, 1, 0x21, 0xc4, 0x43, 0x84, 0x10, 0x20, 0x30, 0x40))
	// invalid: overlapping spans, out of order, past 24:00, empty week not allowed, duplicate day
	f.Add(enc(append(append([]int{0, 1, 2}, spanOf(9*60, 13*60)...), spanOf(12*60, 17*60)...)...))
	f.Add(enc(append(append([]int{4, 1, 2}, spanOf(13*60, 17*60)...), spanOf(9*60, 12*60)...)...))
	f.Add(enc(0, 1, 1, 0, 1, 0x20, 0x01))
	f.Add(enc(0, 1, 0, 0, 0, 0, 0, 0, 0))
	f.Add(enc(append(append([]int{0, 1}, week...), 0, 2, 3, 3, 0)...))

	f.Fuzz(func(t *testing.T, b []byte) {
		fc := decodeFuzzCalendar(b)
		var cal Calendar
		var err error
		require.NotPanics(t, func() { cal, err = fc.build() })
		want := fc.wantErrors()
		if len(want) == 0 {
			require.NoError(t, err, "NewCalendar(%s)", fc.spec)
		} else {
			require.Error(t, err, "NewCalendar(%s): want one of %v", fc.spec, want)
			matched := false
			for _, w := range want {
				matched = matched || errors.Is(err, w)
			}
			require.True(t, matched, "NewCalendar error %q matches none of %v", err, want)
			require.True(t, strings.HasPrefix(err.Error(), "sla: "), "error %q lacks the package prefix", err)
			require.Equal(t, 1, strings.Count(err.Error(), "sla:"), "error %q repeats the prefix", err)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			require.NotEmpty(t, ce.Field, "error %q names no field", err)
			return
		}

		checkAgainstOracle(t, cal, fc.spec, fc.instants)
		assert.Equal(t, fc.spec.loc, cal.Location())
		for _, d := range fc.spec.holidays {
			assert.False(t, cal.IsWorkday(d), "IsWorkday(holiday %s)", d)
		}

		// JSON round trip: same configuration, same behaviour.
		data, err := json.Marshal(cal)
		require.NoError(t, err)
		var back Calendar
		require.NoError(t, json.Unmarshal(data, &back), "%s", data)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		require.JSONEq(t, string(data), string(again))
		require.True(t, back.Equal(cal), "decoded %s is not Equal to the calendar", data)
		checkAgainstOracle(t, back, fc.spec, fc.instants)
	})
}

// FuzzCalendarJSON feeds arbitrary text to Calendar.UnmarshalJSON. It must
// never panic; errors name the package; an accepted calendar marshals to a
// stable form that decodes to a calendar with the same hours, and its
// behaviour agrees with the oracle for the configuration it reports.
func FuzzCalendarJSON(f *testing.F) {
	f.Add(`{"zone":"America/Chicago","week":{"monday":["09:00-17:00"],"tuesday":["09:00-12:00","13:00-17:00"]},"holidays":["2024-03-11"],"special":{"2024-03-10":["00:00-24:00"]}}`)
	f.Add(`{"zone":"Europe/London","week":{"saturday":["22:00-24:00"],"sunday":["00:00-06:00"]}}`)
	f.Add(`{"zone":"Australia/Lord_Howe","week":{"sunday":["01:30-02:30"]},"special":{"2024-10-06":["02:00-02:30"],"2024-04-07":[]}}`)
	f.Add(`{"zone":"Asia/Kathmandu","week":{},"special":{"2024-12-31":["23:00-24:00"]},"allowNoOpeningHours":true}`)
	f.Add(`{"zone":"UTC","week":{"friday":["00:00-12:00","12:00-24:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"friday":["09:00-17:00"],"monday":null},"special":{"2024-03-10":null}}`)
	f.Add(`{}`)
	f.Add(`null`)
	// invalid
	f.Add(`{"zone":"Mars/Olympus","week":{"monday":["09:00-17:00"]}}`)
	f.Add(`{"zone":"Local","week":{"monday":["09:00-17:00"]}}`)
	f.Add(`{"zone":"","week":{"monday":["09:00-17:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"monday":["17:00-09:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"monday":["09:00-17:00"],"monday":["10:00-11:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"Monday":["09:00-17:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-01-01","2024-01-01"]}`)
	f.Add(`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"special":{"2024-12-24":[],"+2024-12-24":["09:00-12:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"holidays":["2024-02-30"]}`)
	f.Add(`{"zone":"UTC","week":{"monday":[""]}}`)
	f.Add(`{"zone":"UTC","week":{}}`)
	f.Add(`{"week":{"monday":["09:00-17:00"]}}`)
	f.Add(`{"zone":"UTC","week":{"monday":["09:00-17:00"]},"extra":1}`)
	f.Add(`[1,2`)

	f.Fuzz(func(t *testing.T, s string) {
		var cal Calendar
		var err error
		require.NotPanics(t, func() { err = json.Unmarshal([]byte(s), &cal) })
		if err != nil {
			var syntax *json.SyntaxError
			if !errors.As(err, &syntax) {
				var ce *ConfigError
				require.ErrorAs(t, err, &ce)
				require.True(t, strings.HasPrefix(err.Error(), "sla: "), "error %q lacks the package prefix", err)
				require.Equal(t, 1, strings.Count(err.Error(), "sla:"), "error %q repeats the prefix", err)
			}
			return
		}
		data, err := json.Marshal(cal)
		require.NoError(t, err, "Marshal of a decoded calendar")
		var back Calendar
		require.NoError(t, json.Unmarshal(data, &back), "decoding %s", data)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(data), string(again), "marshal is not stable")
		require.Equal(t, cal.IsZero(), back.IsZero())
		if cal.IsZero() {
			return
		}
		// The calendar behaves as the configuration it reports (checked when
		// its special days are near enough for the brute-force oracle).
		spec := calSpec{loc: cal.Location(), week: cal.Week()}
		for _, d := range cal.SpecialDays() {
			if d.Day < date.New(2000, 1, 1) || d.Day > date.New(2050, 1, 1) {
				return
			}
			spec.specials = append(spec.specials, special{d.Day, d.Spans})
		}
		h := len(s) % len(fuzzHubs)
		instants := []time.Time{fuzzHubs[h], fuzzHubs[h].Add(-30 * time.Hour), fuzzHubs[h].Add(61*time.Hour + 7*time.Minute), fuzzHubs[(h+1)%len(fuzzHubs)]}
		if len(spec.specials) > 0 {
			first := spec.specials[0].day.MidnightUTC()
			instants = append(instants, first.Add(-20*time.Hour), first.Add(30*time.Hour+15*time.Minute))
		}
		checkAgainstOracle(t, cal, spec, instants)
		checkAgainstOracle(t, back, spec, instants)
	})
}

// FuzzParseSpan: ParseSpan never panics; a parsed span is valid and
// round-trips through String and through MarshalText/UnmarshalText;
// failures are *ConfigError values matching ErrSyntax or ErrInvalidSpan,
// with one package prefix.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{
		"09:00-17:00", "00:00-24:00", " 22:00 - 24:00 ", "09:00:30-17:00", "09:00:00.5-09:00:00.500000001",
		// invalid
		"", "17:00-09:00", "09:00-09:00", "09:00-24:01", "24:00-24:00", "9:00-17:00", "09:60-10:00", "09:00", "-", "09:00-17:00-18:00", "25:00-26:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var sp Span
		var err error
		require.NotPanics(t, func() { sp, err = ParseSpan(s) })
		if err != nil {
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			require.True(t, ce.Err == ErrSyntax || ce.Err == ErrInvalidSpan, "ParseSpan(%q): %v", s, err)
			require.True(t, strings.HasPrefix(err.Error(), "sla: "), "error %q lacks the package prefix", err)
			require.Equal(t, 1, strings.Count(err.Error(), "sla:"), "error %q repeats the prefix", err)
			return
		}
		require.True(t, sp.IsValid(), "ParseSpan(%q) = %v, not valid", s, sp)
		require.True(t, sp.From >= 0 && sp.From < sp.To && sp.To <= hm(24, 0), "ParseSpan(%q) = %v out of range", s, sp)
		again, err := ParseSpan(sp.String())
		require.NoError(t, err, "ParseSpan(%q)", sp.String())
		require.Equal(t, sp, again, "String round trip of %q", s)
		text, err := sp.MarshalText()
		require.NoError(t, err)
		var back Span
		require.NoError(t, back.UnmarshalText(text))
		require.Equal(t, sp, back, "text round trip of %q", s)
	})
}

// TestCalendarJSONRoundTripZones: every calendar NewCalendar accepts either
// marshals to JSON that decodes to the same calendar, or fails to marshal
// with ErrZone; it never writes JSON that cannot be read back. Zones that
// are not IANA names (time.FixedZone) are the hard case; NewCalendar refuses
// time.Local.
func TestCalendarJSONRoundTripZones(t *testing.T) {
	zones := []*time.Location{chicago, london, lordHowe, kathmand, time.UTC, time.FixedZone("UTC+1", 3600), time.FixedZone("", -4*3600),
		time.FixedZone("Asia/Kolkata", 19800), time.FixedZone("UTC", 0)}
	for _, loc := range zones {
		t.Run(loc.String(), func(t *testing.T) {
			spec := office(loc, date.New(2024, 12, 25))
			cal := spec.mustBuild(t)
			data, err := json.Marshal(cal)
			if err != nil {
				assert.ErrorIs(t, err, ErrZone)
				assert.True(t, strings.HasPrefix(err.Error(), "json: error calling MarshalJSON for type sla.Calendar: sla: "), "Marshal error %q", err)
				return
			}
			var back Calendar
			if !assert.NoError(t, json.Unmarshal(data, &back), "Marshal wrote %s, which does not decode", data) {
				return
			}
			for _, u := range []time.Time{at(time.UTC, 1900, 1, 1, 0, 0), at(time.UTC, 1943, 6, 1, 0, 0), at(time.UTC, 2024, 12, 23, 0, 0), at(time.UTC, 2140, 3, 1, 0, 0)} {
				assert.Equal(t, cal.Between(u, u.Add(14*24*time.Hour)), back.Between(u, u.Add(14*24*time.Hour)), "decoded %s", data)
			}
		})
	}
}
