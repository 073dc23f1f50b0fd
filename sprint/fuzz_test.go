package sprint_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/teamcadence/cadence/sprint"
)

// configError fails t unless err is a *ConfigError that wraps one of the
// package's sentinels and prints with one "sprint: " prefix.
func configError(t *testing.T, what string, err error) {
	t.Helper()
	var ce *sprint.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("%s: error %T %v is not a *ConfigError", what, err, err)
	}
	known := []error{sprint.ErrZone, sprint.ErrSyntax, sprint.ErrUnknownField, sprint.ErrDuplicateKey,
		sprint.ErrUnknownName, sprint.ErrWeeks, sprint.ErrFirst, sprint.ErrTime, sprint.ErrDuration,
		sprint.ErrName, sprint.ErrRule, sprint.ErrRecurrence, sprint.ErrMove}
	if !slices.ContainsFunc(known, func(s error) bool { return errors.Is(err, s) }) {
		t.Fatalf("%s: error %v wraps no sentinel", what, err)
	}
	msg := err.Error()
	if len(msg) < 8 || msg[:8] != "sprint: " || containsAt(msg, "sprint: ", 1) {
		t.Fatalf("%s: error text %q: want one sprint: prefix", what, msg)
	}
}

func containsAt(s, sub string, from int) bool {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

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
			configError(t, "NewCadence", err)
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
		if s.Next().Start != s.End || c.At(s.End) != s.Next() || s.Next().Prev() != s {
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
// a *ConfigError, and that a parsed cadence prints back to its input.
func FuzzParseCadence(f *testing.F) {
	for _, s := range []string{
		"R/2024-01-08/P3W", // valid: reaches the round trip
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
			configError(t, "ParseCadence", err)
			return
		}
		if c.String() != s {
			t.Fatalf("ParseCadence(%q).String() = %q", s, c.String())
		}
	})
}

// FuzzCadenceJSON checks that decoding never panics, that errors are
// *ConfigError values, and that whatever decodes re-encodes to JSON that
// decodes to the same cadence.
func FuzzCadenceJSON(f *testing.F) {
	for _, s := range []string{
		`{"first":"2024-01-08","weeks":3}`,  // valid: reaches the round trip
		`{"weeks":52,"first":"2024-12-31"}`, // valid, keys in another order
		`null`,                              // leaves the value unchanged
		`"R/2024-01-08/P3W"`,                // the text form is not JSON's form
		`{"first":"2024-01-08","weeks":0}`,
		`{"first":"2024-01-08","weeks":3,"x":1}`,
		`{"first":"2024-01-08","weeks":3,"weeks":3}`,
		`{"first":"2024-01-08","weeks":3} {}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c := sprint.MustNewCadence(date.New(2000, time.January, 3), 2)
		before := c
		if err := c.UnmarshalJSON(b); err != nil {
			configError(t, "Cadence.UnmarshalJSON", err)
			if c != before {
				t.Fatalf("a failed decode changed the value to %v", c)
			}
			return
		}
		if !c.IsValid() {
			t.Fatalf("decoded an invalid cadence from %s", b)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", c, err)
		}
		var again sprint.Cadence
		if err := again.UnmarshalJSON(out); err != nil || again != c {
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
			configError(t, "ParseDayRule", err)
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

// FuzzParseMove checks that ParseMove accepts exactly the four texts, in
// the order of the constants, and round-trips them.
func FuzzParseMove(f *testing.F) {
	for _, s := range []string{"stay", "skip", "earlier", "later", "Later", "", "never"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := sprint.ParseMove(s)
		if err != nil {
			configError(t, "ParseMove", err)
			return
		}
		if !m.IsValid() || m.String() != s {
			t.Fatalf("ParseMove(%q) = %v", s, m)
		}
		if want := []string{"stay", "skip", "earlier", "later"}[m]; want != s {
			t.Fatalf("ParseMove(%q) = %d, the constant of %q", s, m, want)
		}
	})
}

// FuzzParseRecurrence checks that a parsed recurrence is valid and that its
// text parses back to it.
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
			configError(t, "ParseRecurrence", err)
			if !errors.Is(err, sprint.ErrRecurrence) {
				t.Fatalf("ParseRecurrence(%q): unexpected error %v", s, err)
			}
			return
		}
		if !r.IsValid() {
			t.Fatalf("ParseRecurrence(%q) returned an invalid recurrence", s)
		}
		// Weekday names are read in any case and written capitalised.
		again, err := sprint.ParseRecurrence(r.String())
		if err != nil || again != r || again.String() != r.String() {
			t.Fatalf("ParseRecurrence(%q) = %v; reparse of %q = %v, %v", s, r, r.String(), again, err)
		}
	})
}

// FuzzScheduleJSON checks that decoding a schedule never panics, that every
// error is a *ConfigError and leaves the value alone, and that a decoded
// schedule re-encodes identically, names only listed roles as owners, and
// yields ordered ceremonies within each sprint on working days (unless they
// stay).
func FuzzScheduleJSON(f *testing.F) {
	sched, err := sprint.Fleet2024Schedule(date.New(2024, time.January, 8), time.UTC, nil)
	if err != nil {
		f.Fatal(err)
	}
	fleet, _ := json.Marshal(sched)
	f.Add(fleet) // valid: reaches every check
	for _, s := range []string{
		// valid, across DST and odd offsets
		`{"cadence":{"first":"2024-03-04","weeks":3},"zone":"Australia/Lord_Howe","roles":["QA"],"ceremonies":[{"name":"a","owner":"QA","rule":"day 1","time":"02:15","duration":"1h"}]}`,
		`{"cadence":{"first":"2024-03-04","weeks":1},"zone":"Asia/Kathmandu","ceremonies":[{"name":"a","rule":"last Sunday","time":"24:00","duration":"0s","move":"earlier"}]}`,
		`{"cadence":{"first":"2024-03-04","weeks":2},"zone":"America/Chicago","ceremonies":[{"name":"a","rule":"each Saturday","time":"02:30","move":"stay"}]}`,
		// refused
		`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"Local","ceremonies":[]}`,
		`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","ceremonies":[{"name":"a","rule":"day 99","time":"09:00","duration":"1h"}]}`,
		`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"25:00","duration":"1h"}]}`,
		`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","ceremonies":[{"name":"a","owner":"QA","rule":"day 1","time":"09:00"}]}`,
		`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","ceremonies":[{"name":"a","rule":"day 1","time":"09:00","tme":"x"}]}`,
		`{"cadence":{"first":"2024-01-08","weeks":3},"zone":"UTC","zone":"UTC"}`,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c sprint.Schedule
		if err := c.UnmarshalJSON(b); err != nil {
			configError(t, "Schedule.UnmarshalJSON", err)
			if c.Location() != nil {
				t.Fatalf("a failed decode changed the value")
			}
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var again sprint.Schedule
		if err := again.UnmarshalJSON(out); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		if out2, _ := json.Marshal(again); string(out) != string(out2) {
			t.Fatalf("unstable round trip:\n%s\n%s", out, out2)
		}
		if c.Location() == nil {
			return
		}
		moves := map[string]sprint.Move{}
		for x := range c.All() {
			if x.Owner != "" && !slices.Contains(c.Roles(), x.Owner) {
				t.Fatalf("owner %q is not one of the roles %q", x.Owner, c.Roles())
			}
			moves[x.Name] = x.Move
		}
		for _, n := range []int{-1, 2} {
			s := c.Cadence().Sprint(n)
			var prev time.Time
			first := true
			for e := range c.Ceremonies(s) {
				if !s.Contains(e.Day) || (!first && e.Start.Before(prev)) || e.End.Before(e.Start) {
					t.Fatalf("bad event %v in %v after %v", e, s, prev)
				}
				if wd := e.Day.Weekday(); (wd == time.Saturday || wd == time.Sunday) && moves[e.Name] != sprint.Stay {
					t.Fatalf("event %v on a weekend, move %v", e, moves[e.Name])
				}
				prev, first = e.Start, false
			}
		}
	})
}

// FuzzRitualsJSON does the same for ritual tables, and checks that
// Occurrences stay within their range, in order, and that a range split in
// two yields the same occurrences.
func FuzzRitualsJSON(f *testing.F) {
	rs, err := sprint.Fleet2024Rituals(date.New(2024, time.January, 10), time.UTC, nil)
	if err != nil {
		f.Fatal(err)
	}
	fleet, _ := json.Marshal(rs)
	f.Add(fleet) // valid: reaches every check
	for _, s := range []string{
		`{"zone":"Europe/London","roles":["QA"],"rituals":[{"name":"a","owner":"QA","recurrence":"every 2 weeks from 2024-03-31 -13d","time":"01:30","duration":"1h","move":"later"}]}`,
		`{"zone":"America/Chicago","rituals":[{"name":"a","recurrence":"on demand: x","time":"00:00","duration":"0s"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"weekly Sunday","time":"09:00"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"weekly Saturday","time":"09:00","move":"skip"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"every 3 weeks from 2024-01-10 +21d","time":"09:00"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"daily","time":"9:00"}]}`,
		`{"zone":"UTC","roles":["QA"],"rituals":[{"name":"a","owner":"qa","recurrence":"daily"}]}`,
		`{"zone":"UTC","rituals":[{"name":"a","recurrence":"daily","recurrence":"daily"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r sprint.Rituals
		if err := r.UnmarshalJSON(b); err != nil {
			configError(t, "Rituals.UnmarshalJSON", err)
			if r.Location() != nil {
				t.Fatalf("a failed decode changed the value")
			}
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var again sprint.Rituals
		if err := again.UnmarshalJSON(out); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		if out2, _ := json.Marshal(again); string(out) != string(out2) {
			t.Fatalf("unstable round trip:\n%s\n%s", out, out2)
		}
		for x := range r.All() {
			if x.Owner != "" && !slices.Contains(r.Roles(), x.Owner) {
				t.Fatalf("owner %q is not one of the roles %q", x.Owner, r.Roles())
			}
		}
		from := date.New(2024, time.March, 25)
		prev := from
		var all []sprint.Event
		for e := range r.Occurrences(from, from+14) {
			if e.Day < prev || e.Day >= from+14 || e.End.Before(e.Start) {
				t.Fatalf("bad occurrence %v", e)
			}
			prev = e.Day
			all = append(all, e)
		}
		split := slices.Collect(r.Occurrences(from, from+5))
		split = append(split, slices.Collect(r.Occurrences(from+5, from+14))...)
		if len(split) != len(all) {
			t.Fatalf("split range: %d occurrences, whole range %d", len(split), len(all))
		}
		for i := range all {
			if all[i].Name != split[i].Name || !all[i].Start.Equal(split[i].Start) {
				t.Fatalf("split range differs at %d: %v, %v", i, all[i], split[i])
			}
		}
	})
}

// FuzzNewSchedule builds one ceremony from fuzzed numbers and checks that
// NewSchedule either refuses it with a *ConfigError or yields events that
// match the rule: inside the sprint, at the configured local time of day,
// lasting the duration, and that the schedule round-trips through JSON.
func FuzzNewSchedule(f *testing.F) {
	f.Add(3, uint8(0), uint8(1), 1, int64(10*time.Hour), int64(time.Hour), 2, "Engineering manager")    // first Monday, later
	f.Add(1, uint8(4), uint8(0), 7, int64(24*time.Hour), int64(0), 0, "")                               // day 7 at 24:00, stay
	f.Add(2, uint8(2), uint8(6), 1, int64(2*time.Hour+30*time.Minute), int64(time.Minute), 3, "QA")     // each Saturday 02:30, earlier
	f.Add(3, uint8(4), uint8(0), 22, int64(9*time.Hour), int64(time.Hour), 1, "")                       // day 22 of 21: ErrRule
	f.Add(0, uint8(0), uint8(1), 1, int64(9*time.Hour), int64(time.Hour), 1, "")                        // zero cadence
	f.Add(3, uint8(1), uint8(5), 1, int64(25*time.Hour), int64(time.Hour), 1, "")                       // 25:00: ErrTime
	f.Add(3, uint8(1), uint8(5), 1, int64(9*time.Hour), int64(25*time.Hour), 1, "")                     // ErrDuration
	f.Add(3, uint8(1), uint8(5), 1, int64(9*time.Hour), int64(time.Hour), 9, "")                        // ErrMove
	f.Add(3, uint8(1), uint8(5), 1, int64(9*time.Hour), int64(time.Hour), 1, "Enginering manager")      // ErrUnknownName
	f.Add(3, uint8(3), uint8(5), 1, int64(9*time.Hour+500*time.Millisecond), int64(time.Hour), 1, "QA") // fraction of a second
	zones := []*time.Location{time.UTC}
	for _, n := range []string{"America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"} {
		if loc, err := time.LoadLocation(n); err == nil {
			zones = append(zones, loc)
		}
	}
	f.Fuzz(func(t *testing.T, weeks int, kind, wd uint8, n int, tod, dur int64, move int, owner string) {
		var c sprint.Cadence
		if weeks != 0 {
			var err error
			if c, err = sprint.NewCadence(date.New(2024, time.March, 4), weeks); err != nil {
				configError(t, "NewCadence", err)
				return
			}
		}
		rules := []sprint.DayRule{sprint.FirstWeekday(time.Weekday(wd)), sprint.LastWeekday(time.Weekday(wd)),
			sprint.EachWeek(time.Weekday(wd)), sprint.EveryWorkday(), sprint.DayOfSprint(n)}
		rule := rules[int(kind)%len(rules)]
		cer := sprint.Ceremony{Name: "C", Owner: owner, Rule: rule, Time: clock.Clock(tod), Duration: time.Duration(dur), Move: sprint.Move(move)}
		loc := zones[int(wd)%len(zones)]
		sched, err := sprint.NewSchedule(c, loc, nil, []string{"Engineering manager", "QA"}, cer)
		if err != nil {
			configError(t, "NewSchedule", err)
			return
		}
		// how many days the rule plans in a sprint (nil Workdays: Monday to Friday)
		planned := 1
		switch int(kind) % len(rules) {
		case 2:
			planned = weeks
		case 3:
			planned = 5 * weeks
		}
		for _, num := range []int{-2, 1, 5} {
			s := sched.Cadence().Sprint(num)
			events := slices.Collect(sched.Ceremonies(s))
			if len(events) > planned || (cer.Move == sprint.Stay || rule == sprint.EveryWorkday()) && len(events) != planned {
				t.Fatalf("%v with move %v: %d events in %v, want %d planned", rule, cer.Move, len(events), s, planned)
			}
			for _, e := range events {
				if !s.Contains(e.Day) {
					t.Fatalf("%v outside %v", e, s)
				}
				if e.End.Sub(e.Start) != cer.Duration {
					t.Fatalf("%v lasts %v, want %v", e, e.End.Sub(e.Start), cer.Duration)
				}
				// The local reading is the time of day, unless that reading
				// does not exist on the day (a DST gap moves it forward).
				y, m, d := e.Day.Date()
				td := time.Duration(tod)
				h, mi, sec, ns := int(td/time.Hour), int(td/time.Minute%60), int(td/time.Second%60), int(td%time.Second)
				if h < 24 {
					probe := time.Date(y, m, d, h, mi, sec, ns, loc)
					ph, pmi, psec := probe.Clock()
					gap := probe.Day() != d || ph != h || pmi != mi || psec != sec
					eh, emi, esec := e.Start.Clock()
					if !gap && (e.Start.Day() != d || eh != h || emi != mi || esec != sec || e.Start.Nanosecond() != ns) {
						t.Fatalf("%v starts at %v, want %v local", e, e.Start, clock.Clock(tod))
					}
				} else if want := time.Date(y, m, d+1, 0, 0, 0, 0, loc); !e.Start.Equal(want) {
					t.Fatalf("%v at 24:00 starts at %v, want %v", e, e.Start, want)
				}
				if e.Moved() && cer.Move == sprint.Stay {
					t.Fatalf("%v moved, but its move is stay", e)
				}
			}
		}
		b, err := json.Marshal(sched)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var back sprint.Schedule
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
		if got := slices.Collect(back.All()); len(got) != 1 || got[0] != cer {
			t.Fatalf("round trip of %s: %v, want %v", b, got, cer)
		}
	})
}
