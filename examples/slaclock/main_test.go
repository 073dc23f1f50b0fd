package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/examples/internal/cli"
	"github.com/teamcadence/cadence/sla"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// now is the clock the tests pass to run: a Monday after every sample ticket.
var now = time.Date(2025, 1, 6, 15, 0, 0, 0, time.UTC)

// runOK runs the program and returns its output, failing unless it exits 0
// with nothing on stderr.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(args, &out, &errw, now)
	require.Equal(t, 0, code, "run(%q) stderr: %s", args, errw.String())
	assert.Empty(t, errw.String(), "run(%q) stderr", args)
	return out.String()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		// The embedded sample: opened Friday 16:30 CST, paused over the
		// weekend and the 2024-03-10 spring-forward; R26's wall clock
		// breaches while R25 and R27 wait; R28 escalates on Monday 09:30 CDT.
		// No -at: the clocks now (the tests' clock, 2025-01-06), long solved.
		{"sample", nil},
		// The same ticket on Saturday noon, between events #2 and #3: R26
		// has breached over the weekend, the paused clocks have not moved.
		{"sample-saturday", []string{"-at", "2024-03-09T12:00:00-06:00"}},
		// Opened after hours before a holiday (2024-07-04): R26 takes the
		// four-hour tier; R25, R26 and R28 breach; two R27 cycles are late.
		// Up to the end of 2024-07-09: the last two events are not replayed.
		{"breach", []string{"-csv", "testdata/breach.csv", "-at", "2024-07-09"}},
		// Every clock met, read from Kathmandu (+05:45), instants given with
		// mixed offsets and Z, over Thanksgiving; -at is the last event.
		{"in-hours-kathmandu", []string{"-csv", "testdata/in-hours.csv", "-zone", "Asia/Kathmandu",
			"-at", "2024-11-29T15:45:00-06:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runOK(t, tt.args...)
			path := filepath.Join("testdata", "golden", tt.name+".txt")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./examples/slaclock -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

// The default ticket is testdata/weekend-dst.csv, embedded: the same report
// but for the ticket's name.
func TestDefaultIsWeekendSample(t *testing.T) {
	def := runOK(t)
	file := runOK(t, "-csv", filepath.Join("testdata", "weekend-dst.csv"))
	assert.Equal(t, strings.Replace(file, filepath.Join("testdata", "weekend-dst.csv"), sampleName, 1), def)
	assert.True(t, strings.HasPrefix(def, "Ticket: "+sampleName+", 8 events\n"), def)
}

// TestEveryRowAligned checks that each table's rows line up: every cell
// starts at the column of its heading.
func TestEveryRowAligned(t *testing.T) {
	for _, args := range [][]string{nil, {"-csv", "testdata/breach.csv"}, {"-at", "2024-03-09"}} {
		out := runOK(t, args...)
		var head string
		tables := 0
		for _, line := range strings.Split(out, "\n") {
			switch {
			case line == "Targets:" || line == "":
				head = ""
			case strings.HasPrefix(line, "    CLOCK"):
				head = line
				tables++
			case strings.HasPrefix(line, "    R2") && line[7] != ':' && head != "":
				for _, col := range []string{"MOVE", "STATE", "ELAPSED", "REMAINING", "DUE", "BREACHED"} {
					i := strings.Index(head, col)
					assert.Equal(t, byte(' '), line[i-1], "cell %s of %q starts at its heading", col, line)
					assert.NotEqual(t, byte(' '), line[i], "cell %s of %q starts at its heading", col, line)
				}
			}
		}
		assert.Positive(t, tables)
	}
}

// replayTicket runs the clocks over a CSV file and returns them after each
// event.
func replayTicket(t *testing.T, cal sla.Calendar, file string) ([]event, [][]sla.Clock) {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	events, err := parseTicket(file, data)
	require.NoError(t, err)
	clocks := fleetClocks(cal)
	var after [][]sla.Clock
	for _, ev := range events {
		var row []sla.Clock
		for _, c := range clocks {
			_, err := c.react(ev)
			require.NoError(t, err)
			row = append(row, c.clock)
		}
		after = append(after, row)
	}
	return events, after
}

// TestClocksFollowEvents checks the event semantics the package doc
// promises against the calendar's own arithmetic, on the weekend sample.
func TestClocksFollowEvents(t *testing.T) {
	cal := embeddedCalendar(t)
	ev, after := replayTicket(t, cal, filepath.Join("testdata", "weekend-dst.csv"))
	require.Len(t, ev, 8)
	at := func(i int) time.Time { return ev[i].at }
	last := after[len(after)-1]
	r25, r26, r27, r28 := last[0], last[1], last[2], last[3]

	// R25 pauses on waiting (#2), resumes on customer replied (#3), stops at
	// the first agent reply (#4).
	assert.Equal(t, sla.Paused, after[1][0].State())
	assert.Equal(t, sla.Stopped, r25.State())
	assert.Equal(t, cal.Between(at(0), at(1))+cal.Between(at(2), at(3)), r25.Elapsed(at(7)))
	assert.False(t, r25.Breached(at(7)))

	// R26 never pauses, counts wall-clock time (less the hour the clocks
	// skipped) and stops at the first agent reply.
	assert.Equal(t, sla.Running, after[1][1].State())
	assert.Equal(t, at(3).Sub(at(0)), r26.Elapsed(at(7)))
	assert.Equal(t, 64*time.Hour+10*time.Minute, r26.Elapsed(at(7)))
	assert.True(t, r26.Breached(at(7)))

	// R27 restarts at each agent reply (#4, #7), pauses while waiting.
	rec := r27.Record(at(7))
	assert.Equal(t, 3, rec.Cycles)
	cycle2 := cal.Between(at(3), at(4)) + cal.Between(at(5), at(6))
	assert.Equal(t, cycle2, rec.Worst)
	assert.Equal(t, cal.Between(at(6), at(7)), r27.Elapsed(at(7)))
	assert.True(t, r27.Started().Equal(at(6)))
	assert.Equal(t, sla.Stopped, r27.State())

	// R28 runs through the wait and escalates at one business hour.
	assert.Equal(t, sla.Running, after[2][3].State())
	assert.Equal(t, cal.Between(at(0), at(3)), r28.Elapsed(at(7)))
	_, due, ok := after[0][3].NextMilestone(at(0))
	require.True(t, ok)
	assert.True(t, due.Equal(cal.Add(at(0), time.Hour)), "escalation due %v", due)
	assert.Len(t, r28.Passed(at(7)), 1)
}

// The tier of R26 is chosen at opened: four hours for a ticket opened after
// hours.
func TestOnCallTier(t *testing.T) {
	cal := embeddedCalendar(t)
	_, after := replayTicket(t, cal, filepath.Join("testdata", "breach.csv"))
	assert.Equal(t, 4*time.Hour, after[0][1].Target().Within)
	_, after = replayTicket(t, cal, filepath.Join("testdata", "in-hours.csv"))
	assert.Equal(t, time.Hour, after[0][1].Target().Within)
}

func embeddedCalendar(t *testing.T) sla.Calendar {
	t.Helper()
	var cal sla.Calendar
	require.NoError(t, json.Unmarshal(calendarJSON, &cal))
	return cal
}

// The embedded calendar is Chicago's nine-to-five with its holidays, and it
// round-trips through JSON.
func TestCalendarRoundTrip(t *testing.T) {
	cal := embeddedCalendar(t)
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	want, err := sla.NewCalendar(chicago, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(date.New(2024, 5, 27), date.New(2024, 7, 4), date.New(2024, 9, 2),
			date.New(2024, 11, 28), date.New(2024, 12, 25), date.New(2025, 1, 1)))
	require.NoError(t, err)
	a, err := json.Marshal(cal)
	require.NoError(t, err)
	b, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(a))
	assert.JSONEq(t, string(calendarJSON), string(a))
	assert.False(t, cal.IsWorkday(date.New(2024, 7, 4)))
	assert.Equal(t, "America/Chicago", cal.Location().String())
}

func TestHelp(t *testing.T) {
	var out, errw bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errw, now))
	assert.Empty(t, out.String())
	assert.Contains(t, errw.String(), "Usage: slaclock")
	assert.Contains(t, errw.String(), "-csv file")
	assert.Contains(t, errw.String(), "-zone zone")
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	const open = "2024-03-08T16:30:00-06:00,opened\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		// Flags.
		{"unknown flag", []string{"-bogus"}, "flag provided but not defined: -bogus"},
		{"bad zone", []string{"-zone", "Mars/Base"}, `-zone "Mars/Base": unknown zone; want an IANA zone`},
		{"empty zone", []string{"-zone", ""}, `-zone "": want an IANA zone`},
		{"local zone", []string{"-zone", "Local"}, `-zone "Local" is the machine's zone`},
		{"bad at", []string{"-at", "2024-03-09 12:00"}, `-at "2024-03-09 12:00": want a day (YYYY-MM-DD) or an RFC 3339`},
		{"time of day at", []string{"-at", "12:00"}, `-at "12:00"`},
		{"extra argument", []string{"ticket.csv"}, `unexpected argument "ticket.csv"`},
		{"missing file", []string{"-csv", filepath.Join(dir, "nope.csv")}, "nope.csv: no such file"},
		{"directory", []string{"-csv", dir}, "is a directory"},
		// CSV rows: line and column named.
		{"empty", []string{"-csv", write("empty.csv", "at,event,note\n# nothing yet\n")}, "no events"},
		{"bad instant", []string{"-csv", write("t.csv", "at,event\n2024-03-08 16:30,opened\n")},
			`t.csv: line 2, column 1 (at): "2024-03-08 16:30": want an RFC 3339 instant`},
		{"no offset", []string{"-csv", write("o.csv", "2024-03-08T16:30:00,opened\n")},
			`o.csv: line 1, column 1 (at): "2024-03-08T16:30:00"`},
		{"bad event", []string{"-csv", write("e.csv", open+"2024-03-08T17:00:00-06:00, escalated\n")},
			`e.csv: line 2, column 28 (event): "escalated": want opened, agent replied`},
		{"too few fields", []string{"-csv", write("f.csv", open+"2024-03-08T17:00:00-06:00\n")},
			"f.csv: line 2: 1 fields, want at,event"},
		{"too many fields", []string{"-csv", write("g.csv", open+"2024-03-08T17:00:00-06:00,solved,a,b\n")},
			"g.csv: line 2: 4 fields"},
		{"bare quote", []string{"-csv", write("q.csv", open+"2024-03-08T17:00:00-06:00,solved,a \"b\n")},
			"q.csv: line 2, column 36:"},
		{"not opened first", []string{"-csv", write("n.csv", "2024-03-08T17:00:00-06:00,agent replied\n")},
			`n.csv: line 1, column 27 (event): "agent replied": the first event must be opened`},
		{"opened twice", []string{"-csv", write("d.csv", open+open)},
			"d.csv: line 2, column 27 (event): opened again: the ticket was opened on line 1"},
		{"after solved", []string{"-csv", write("s.csv", open+
			"2024-03-08T17:00:00-06:00,solved\n2024-03-08T18:00:00-06:00,customer replied\n")},
			`s.csv: line 3, column 27 (event): "customer replied" after solved on line 2`},
		{"backwards", []string{"-csv", write("b.csv", open+"2024-03-08T22:29:00Z,agent replied\n")},
			`b.csv: line 2, column 1 (at): "2024-03-08T22:29:00Z" is before the previous event`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			code := run(tt.args, &out, &errw, now)
			assert.Equal(t, 2, code, "run(%q)", tt.args)
			assert.Contains(t, errw.String(), tt.want, "run(%q)", tt.args)
			assert.Empty(t, out.String(), "run(%q) wrote a report", tt.args)
			assert.NotContains(t, errw.String(), "goroutine", "no stack trace")
		})
	}
}

// FuzzParseTicket: any input is rejected with a message or gives a ticket
// the clocks can replay without a refused move.
func FuzzParseTicket(f *testing.F) {
	f.Add([]byte(sampleTicket))
	f.Add([]byte("at,event\n2024-03-08T16:30:00-06:00,opened\n2024-03-08T16:30:00-06:00,solved\n"))
	f.Add([]byte("2024-03-08T16:30:00Z,Opened\n2024-03-09T16:30:00Z,AGENT_replied,\"a, b\"\n"))
	f.Add([]byte("2024-03-08T16:30:00-06:00,opened\n2024-03-08T16:00:00-06:00,solved\n")) // backwards
	f.Add([]byte("\"unterminated\n"))
	f.Add([]byte(""))
	cal := sla.MustNewCalendar(time.UTC, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)))
	f.Fuzz(func(t *testing.T, data []byte) {
		events, err := parseTicket("fuzz.csv", data)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "fuzz.csv: "), "error names the file: %v", err)
			return
		}
		require.NotEmpty(t, events)
		require.Equal(t, opened, events[0].kind)
		clocks := fleetClocks(cal)
		for i, ev := range events {
			if i > 0 {
				require.False(t, ev.at.Before(events[i-1].at), "events in order")
				require.NotEqual(t, opened, ev.kind)
				require.NotEqual(t, solved, events[i-1].kind)
			}
			for _, c := range clocks {
				_, err := c.react(ev)
				require.NoError(t, err, "event %d", i)
			}
		}
	})
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0m"},
		{15 * time.Minute, "15m"},
		{8 * time.Hour, "8h"},
		{64*time.Hour + 10*time.Minute, "64h10m"},
		{-30 * time.Minute, "-30m"},
		{-33 * time.Hour, "-33h"},
		{time.Hour + 30*time.Second, "1h00m30s"},
		{90 * time.Second, "1m30s"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, duration(tt.d), "duration(%v)", tt.d)
	}
}

// Table cells leave the year to the event heading unless it differs.
func TestCellYear(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	at := time.Date(2024, 12, 31, 16, 30, 0, 0, chicago)
	assert.Equal(t, "Tue Dec 31 17:30 CST", cell(at.Add(time.Hour), at, chicago))
	assert.Equal(t, "Thu Jan  2 2025 09:30 CST", cell(time.Date(2025, 1, 2, 9, 30, 0, 0, chicago), at, chicago))
	// The reader's zone decides the year: 23:30 in Chicago is next year in UTC.
	late := time.Date(2024, 12, 31, 23, 30, 0, 0, chicago)
	assert.Equal(t, "Wed Jan  1 05:30 UTC", cell(late, late, time.UTC))
}

// The excerpt in the package doc is the sample's current output.
func TestDocExcerpt(t *testing.T) {
	src, err := os.ReadFile("main.go")
	require.NoError(t, err)
	var excerpt []string
	for _, line := range strings.Split(string(src), "\n") {
		// The excerpt: the "#4" line and the indented lines after it.
		rest, ok := strings.CutPrefix(line, "//\t")
		if ok && (strings.HasPrefix(rest, "#4 ") || len(excerpt) > 0 && strings.HasPrefix(rest, "    ")) {
			excerpt = append(excerpt, rest)
			continue
		}
		if len(excerpt) > 0 {
			break
		}
	}
	require.Len(t, excerpt, 8)
	assert.Contains(t, runOK(t), strings.Join(excerpt, "\n")+"\n")
}

// -at replays the events up to it and shows the clocks at it: a day means
// its end in -zone, an instant itself; no -at is now.
func TestAt(t *testing.T) {
	// Saturday noon in Chicago: two events replayed, the clocks at noon.
	sat := runOK(t, "-at", "2024-03-09T12:00:00-06:00")
	assert.Contains(t, sat, "\n#2  Fri 2024-03-08 16:45 CST  waiting on customer")
	assert.NotContains(t, sat, "\n#3  ")
	assert.Contains(t, sat, "\n-at  Sat 2024-03-09 12:00 CST  no event since #2\n")
	// R26 never pauses: 19h30m on the wall clock since Friday 16:30.
	assert.Regexp(t, `R26 on-call +- +running +19h30m +-18h30m +Fri Mar  8 17:30 CST +yes`, sat)
	assert.Contains(t, sat, "Not replayed: 6 later events, from #3 at Sun 2024-03-10 03:30 CDT.\n")
	// The same instant written in UTC, and the day 2024-03-09 (to its end):
	// the same events replayed.
	assert.Equal(t, sat, runOK(t, "-at", "2024-03-09T18:00:00Z"))
	day := runOK(t, "-at", "2024-03-09")
	assert.Contains(t, day, "\n-at  Sun 2024-03-10 00:00 CST  no event since #2\n")
	// A day read in another zone ends at its midnight there.
	kat := runOK(t, "-at", "2024-03-08", "-zone", "Asia/Kathmandu")
	assert.Contains(t, kat, "Nothing to replay: the ticket opens at Sat 2024-03-09 04:15 +0545, after -at.")
	// An -at on an event's instant replays it and adds no block.
	ev := runOK(t, "-at", "2024-03-12T16:00:00-05:00")
	assert.NotContains(t, ev, "\n-at  ")
	assert.Contains(t, ev, "All 8 events replayed.")
	// Before the ticket opens: nothing replayed, said so.
	early := runOK(t, "-at", "2024-03-08T16:29:00-06:00")
	assert.Contains(t, early, "Nothing to replay: the ticket opens at Fri 2024-03-08 16:30 CST, after -at.")
	assert.NotContains(t, early, "CLOCK")
	// No -at is the clock run is given.
	var out, errw bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errw, time.Date(2024, 3, 9, 18, 0, 0, 0, time.UTC)))
	assert.Equal(t, sat, out.String())
}

// A long note goes on its own line, cut to fit.
func TestLongNote(t *testing.T) {
	p := filepath.Join(t.TempDir(), "long.csv")
	note := strings.Repeat("très long ", 20)
	require.NoError(t, os.WriteFile(p, []byte("2024-03-08T16:30:00-06:00,opened,"+note+"\n"), 0o644))
	out := runOK(t, "-csv", p, "-at", "2024-03-08")
	assert.Contains(t, out, "\n#1  Fri 2024-03-08 16:30 CST  opened\n    \"très long très")
	assert.Contains(t, out, "...\n")
	assert.Empty(t, cli.WideLines(out))
}

// No output line is wider than 100 columns (runes): the goldens and every
// run the tests make, in the widest zones' abbreviations and across a year
// end (where due cells carry the year).
func TestNoLineWider(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Empty(t, cli.WideLines(string(b)), f)
	}
	yearEnd := filepath.Join(t.TempDir(), "year-end.csv")
	require.NoError(t, os.WriteFile(yearEnd, []byte("2024-12-31T16:30:00-06:00,opened,year end\n"+
		"2024-12-31T16:45:00-06:00,waiting on customer\n2025-01-02T10:00:00-06:00,customer replied\n"), 0o644))
	runs := [][]string{nil, {"-h"}, {"-at", "x"}, {"-zone", "Local"}, {"-zone", "America/Argentina/ComodRivadavia"},
		{"-csv", yearEnd, "-at", "2024-12-31T23:00:00-06:00", "-zone", "Australia/Lord_Howe"},
		{"-csv", "testdata/breach.csv", "-zone", "Asia/Kathmandu"}, {"-csv", "testdata/in-hours.csv"}}
	for _, args := range runs {
		var out, errw bytes.Buffer
		run(args, &out, &errw, now)
		assert.Empty(t, cli.WideLines(out.String()), "run(%q) stdout", args)
		assert.Empty(t, cli.WideLines(errw.String()), "run(%q) stderr", args)
	}
}
