package sprint_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/teamcadence/cadence/sprint"
)

// FuzzNewCadence checks that NewCadence either fails with ErrWeeks or
// ErrFirst, or returns a cadence whose At contains every day, whose sprint 1
// starts on first, and which round-trips through text and JSON.
func FuzzNewCadence(f *testing.F) {
	f.Add(int64(739000), 3, int64(0))         // a normal cadence, the first day
	f.Add(int64(739000), 3, int64(-1))        // the day before: sprint 0
	f.Add(int64(739000), 0, int64(5))         // weeks 0: ErrWeeks
	f.Add(int64(739000), -7, int64(5))        // negative weeks
	f.Add(int64(739000), 52, int64(1<<40))    // far future
	f.Add(int64(-2147483647), 1, int64(-1))   // date.Min
	f.Add(int64(1<<62), 3, int64(0))          // first out of range: ErrFirst
	f.Add(int64(2146764485), 1, int64(1<<62)) // date.Max and beyond
	f.Fuzz(func(t *testing.T, first int64, weeks int, delta int64) {
		c, err := sprint.NewCadence(date.Date(first), weeks)
		if err != nil {
			if !errors.Is(err, sprint.ErrWeeks) && !errors.Is(err, sprint.ErrFirst) {
				t.Fatalf("NewCadence(%d, %d): unexpected error %v", first, weeks, err)
			}
			return
		}
		if s := c.At(date.Date(first)); s.Number != 1 || s.Start != date.Date(first) {
			t.Fatalf("At(first) = %v, want sprint 1 starting on first", s)
		}
		d := date.Date(first) + date.Date(delta%(1<<40)) // stay within a wrap-free range
		s := c.At(d)
		if !s.Contains(d) || s.Days() != 7*weeks || c.Sprint(s.Number) != s {
			t.Fatalf("At(%v) = %v (weeks %d)", d, s, weeks)
		}
		if s.Next().Start != s.End || c.At(s.End) != s.Next() {
			t.Fatalf("sprint after %v is %v", s, c.At(s.End))
		}
		back, err := sprint.ParseCadence(c.String())
		if err != nil || back != c {
			t.Fatalf("ParseCadence(%q) = %v, %v", c.String(), back, err)
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var j sprint.Cadence
		if err := json.Unmarshal(b, &j); err != nil || j != c {
			t.Fatalf("JSON %s -> %v, %v", b, j, err)
		}
	})
}

// FuzzParseCadence checks that ParseCadence never panics, fails only with
// the package's sentinels, and that a parsed cadence prints back to its input.
func FuzzParseCadence(f *testing.F) {
	for _, s := range []string{
		"R/2024-01-08/P3W", // valid
		"R/2024-02-29/P1W", // leap day
		"R/2023-02-29/P1W", // not a leap year
		"R/2024-01-08/P0W", // weeks 0
		"R/2024-01-08/P+3W",
		"R/+12345-01-01/P2W",
		"R//P3W",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := sprint.ParseCadence(s)
		if err != nil {
			if !errors.Is(err, sprint.ErrSyntax) && !errors.Is(err, sprint.ErrWeeks) && !errors.Is(err, sprint.ErrFirst) {
				t.Fatalf("ParseCadence(%q): unexpected error %v", s, err)
			}
			return
		}
		if c.String() != s {
			t.Fatalf("ParseCadence(%q).String() = %q", s, c.String())
		}
	})
}

// FuzzCadenceJSON checks that decoding never panics and that whatever
// decodes re-encodes to JSON that decodes to the same cadence.
func FuzzCadenceJSON(f *testing.F) {
	for _, s := range []string{
		`{"first":"2024-01-08","weeks":3}`,
		`"R/2024-01-08/P3W"`,
		`null`,
		`{"first":"2024-01-08","weeks":0}`,
		`{"first":"2024-01-08","weeks":3,"x":1}`,
		`{"first":"2024-01-08","weeks":3} {}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c sprint.Cadence
		if err := json.Unmarshal(b, &c); err != nil {
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", c, err)
		}
		var again sprint.Cadence
		if err := json.Unmarshal(out, &again); err != nil || again != c {
			t.Fatalf("round trip of %s: %v, %v", out, again, err)
		}
	})
}

// FuzzParseDayRule checks ParseDayRule's round trip.
func FuzzParseDayRule(f *testing.F) {
	for _, s := range []string{"first Monday", "last friday", "each Thursday", "every workday", "day 3", "day 0", "day +1", "first Funday", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := sprint.ParseDayRule(s)
		if err != nil {
			if !errors.Is(err, sprint.ErrRule) {
				t.Fatalf("ParseDayRule(%q): unexpected error %v", s, err)
			}
			return
		}
		if !r.IsValid() {
			t.Fatalf("ParseDayRule(%q) returned an invalid rule", s)
		}
		again, err := sprint.ParseDayRule(r.String())
		if err != nil || again != r {
			t.Fatalf("ParseDayRule(%q) = %v; reparse of %q = %v, %v", s, r, r.String(), again, err)
		}
	})
}

// FuzzParseRecurrence checks ParseRecurrence's round trip and that a parsed
// recurrence is valid.
func FuzzParseRecurrence(f *testing.F) {
	for _, s := range []string{
		"daily", "weekly Wednesday", "every 3 weeks from 2024-01-10 -2d", "every 3 weeks from 2024-01-10",
		"on demand: every patch release", "every 3 weeks from 2024-01-10 +21d", "every 0 weeks from 2024-01-10", "weekly",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := sprint.ParseRecurrence(s)
		if err != nil {
			if !errors.Is(err, sprint.ErrRecurrence) {
				t.Fatalf("ParseRecurrence(%q): unexpected error %v", s, err)
			}
			return
		}
		if !r.IsValid() {
			t.Fatalf("ParseRecurrence(%q) returned an invalid recurrence", s)
		}
		if r.String() != s {
			t.Fatalf("ParseRecurrence(%q).String() = %q", s, r.String())
		}
	})
}

// FuzzCalendarJSON checks that decoding a calendar never panics, errors are
// the package's, and a decoded calendar re-encodes identically and yields
// ordered ceremonies within each sprint.
func FuzzCalendarJSON(f *testing.F) {
	cal, _ := sprint.Fleet2024Schedule(date.New(2024, time.January, 8), time.UTC, nil)
	fleet, _ := json.Marshal(cal)
	f.Add(fleet)
	for _, s := range []string{
		`{"cadence":"R/2024-01-08/P3W","zone":"Australia/Lord_Howe","ceremonies":[{"name":"a","rule":"day 1","time":"02:15","duration":"1h"}]}`,
		`{"cadence":"R/2024-01-08/P1W","zone":"Asia/Kathmandu","ceremonies":[{"name":"a","rule":"last Sunday","time":"24:00","duration":"0s","move":"earlier"}]}`,
		`{"cadence":"R/2024-01-08/P3W","zone":"Local","ceremonies":[]}`,
		`{"cadence":"R/2024-01-08/P3W","zone":"UTC","ceremonies":[{"name":"a","rule":"day 99","time":"09:00","duration":"1h"}]}`,
		`{"cadence":"R/2024-01-08/P3W","zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"25:00","duration":"1h"}]}`,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c sprint.Schedule
		if err := json.Unmarshal(b, &c); err != nil {
			var ce *sprint.ConfigError
			if !errors.As(err, &ce) && !isJSONError(err) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var again sprint.Schedule
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		out2, _ := json.Marshal(again)
		if string(out) != string(out2) {
			t.Fatalf("unstable round trip:\n%s\n%s", out, out2)
		}
		if c.Location() == nil {
			return
		}
		s := c.Cadence().Sprint(2)
		var prev time.Time // the zero Time is not a minimum: years 0 and below come before it
		first := true
		for e := range c.Ceremonies(s) {
			if !s.Contains(e.Day) || (!first && e.Start.Before(prev)) || e.End.Before(e.Start) {
				t.Fatalf("bad event %v in %v after %v", e, s, prev)
			}
			prev, first = e.Start, false
		}
	})
}

// FuzzRitualsJSON does the same for ritual tables, and checks that
// Occurrences stay within their range and in order.
func FuzzRitualsJSON(f *testing.F) {
	rs, _ := sprint.Fleet2024Rituals(date.New(2024, time.January, 10), time.UTC, nil)
	fleet, _ := json.Marshal(rs)
	f.Add(fleet)
	for _, s := range []string{
		`{"zone":"Europe/London","rituals":[{"name":"a","owner":"QA","recurrence":"every 2 weeks from 2024-03-31 -13d","time":"01:30","duration":"1h","move":"later"}]}`,
		`{"zone":"America/Chicago","rituals":[{"name":"a","recurrence":"on demand: x","time":"00:00","duration":"0s"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"weekly Sunday","time":"09:00"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"every 3 weeks from 2024-01-10 +21d","time":"09:00"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"daily","time":"9:00"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r sprint.Rituals
		if err := json.Unmarshal(b, &r); err != nil {
			var ce *sprint.ConfigError
			if !errors.As(err, &ce) && !isJSONError(err) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var again sprint.Rituals
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		if out2, _ := json.Marshal(again); string(out) != string(out2) {
			t.Fatalf("unstable round trip:\n%s\n%s", out, out2)
		}
		from := date.New(2024, time.March, 25)
		prev := from
		for e := range r.Occurrences(from, from+14) {
			if e.Day < prev || e.Day >= from+14 || e.End.Before(e.Start) {
				t.Fatalf("bad occurrence %v", e)
			}
			prev = e.Day
		}
	})
}

// isJSONError reports whether err comes from encoding/json itself (syntax
// or type errors raised before the package's decoders run).
func isJSONError(err error) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	return errors.As(err, &se) || errors.As(err, &te)
}
