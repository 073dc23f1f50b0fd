// Command slaclock replays a support ticket's events and prints the state of
// each of Fleet's SLA clocks (rules R25-R28 in RULES.md) after each event,
// and at -at.
//
// Usage:
//
//	go run ./examples/slaclock [-csv ticket.csv] [-at DAY|RFC3339] [-zone America/Chicago]
//
// With no flags it replays an embedded sample ticket, opened late on a Friday
// in Chicago, that crosses a weekend and the 2024-03-10 spring-forward, and
// shows the clocks now. Flags:
//
//	-csv FILE    the ticket's events (default: the embedded sample)
//	-at WHEN     replay the events up to WHEN and show the clocks at WHEN
//	             (default: now): an RFC 3339 instant, or a day as YYYY-MM-DD,
//	             which means the end of that day in -zone (the first instant
//	             of the next day), so that all its events are replayed
//	-zone ZONE   the IANA time zone in which times are printed (default: the
//	             business calendar's, America/Chicago); "Local" and "" are
//	             refused
//	-h           print the usage
//
// -at and -zone mean the same in every example program (see
// examples/internal/cli).
//
// # The ticket
//
// The CSV has the columns at,event and an optional note, with an optional
// header row; lines starting with # are comments:
//
//	at,event,note
//	2024-03-08T16:30:00-06:00,opened,checkout fails with HTTP 502
//	2024-03-08T16:45:00-06:00,waiting on customer,bot asked for the order ID
//
// at is an RFC 3339 instant with its offset (or Z). event is one of opened,
// agent replied, waiting on customer, customer replied and solved (case and
// the separators space, - and _ do not matter). The first event is opened,
// instants never go backwards, and nothing follows solved.
//
// # The clocks
//
// The clocks are sla's Fleet2024 presets on the business calendar:
// America/Chicago, Monday to Friday 09:00-17:00, closed on a few holidays
// (2024-05-27 to 2025-01-01), decoded from the embedded calendar.json, the
// JSON form that sla.Calendar round-trips. Which event moves which clock:
//
//	event                R25 first response  R26 on-call     R27 follow-up  R28 confirmation
//	opened               start               start (a tier)  start          start
//	agent replied        stop                stop            restart        stop
//	waiting on customer  pause               -               pause          -
//	customer replied     resume              -               resume         -
//	solved               stop                stop            stop           stop
//
// In detail:
//
//   - R25 first response (sla.Fleet2024FirstResponse, one business hour):
//     stops at the first agent replied. It pauses on waiting on customer and
//     resumes on customer replied, as Zendesk and Jira Service Management
//     pause SLAs while a ticket is pending on the customer.
//   - R26 on-call response (sla.Fleet2024OnCall, an sla.Tiered): one hour of
//     wall-clock time if the ticket is opened in business hours, four hours
//     outside them, chosen once at opened. Stops at the first agent replied.
//     It is a pager's alarm, so it never pauses: waiting on customer does not
//     silence it.
//   - R27 follow-up (sla.Fleet2024PullRequestFollowUp, one business day):
//     never more than one business day without a follow-up to the customer
//     or contributor. Every agent replied restarts it (sla.Clock.Restart), so
//     the line under the table counts the cycles (the follow-ups, plus one) and keeps
//     the worst cycle and how many were late (breached). It pauses on
//     waiting on customer, since no follow-up is owed while the customer
//     holds the ball, and resumes on customer replied.
//   - R28 critical bug confirmation (sla.Fleet2024CriticalBugConfirmation,
//     one business hour): stops at the first agent replied, which confirms
//     the bug. Its milestone "escalate to P1" falls due after one business
//     hour; like R26 it is an alarm and does not pause.
//
// A move that does not apply to a clock's state (customer replied to a clock
// that is running, a second agent replied to a stopped first-response clock)
// leaves that clock alone.
//
// # The output
//
// A header gives the business hours and, once, each clock's target (R26's
// tier is chosen at opened). Then, after each event up to -at, a table with
// a row per clock: what the event did to it (MOVE), its state, the business
// or wall-clock time ELAPSED in the current cycle, the time REMAINING
// (negative once breached), the instant it is DUE in -zone (- when paused or
// stopped) and whether it is BREACHED; under the table, R27's cycles (the
// follow-ups, plus one, the worst cycle and how many were late) and R28's
// next milestone or the last one passed. From the sample:
//
//	#4  Mon 2024-03-11 09:40 CDT  agent replied  "reproduced, fix in progress"
//	    CLOCK                 MOVE     STATE    ELAPSED  REMAINING  DUE                   BREACHED
//	    R25 first response    stop     stopped  55m      5m         -                     no
//	    R26 on-call           stop     stopped  64h10m   -63h10m    -                     yes
//	    R27 follow-up         restart  running  0m       8h         Tue Mar 12 09:40 CDT  no
//	    R28 bug confirmation  stop     stopped  1h10m    -10m       -                     yes
//	    R27: cycles 2, worst 55m, 0 late
//	    R28: milestone escalate to P1: passed
//
// When -at is later than the last event replayed, a last table, headed
// "-at", shows the clocks at -at; events after -at are counted, not
// replayed. No line is wider than 100 columns: a note that would make its
// event's heading wider goes on the next line, cut to fit.
//
// R26 counts wall-clock time: 65h10m from Friday 16:30 to Monday 09:40, less
// the hour the clocks skipped. On a business calendar REMAINING can read 0m
// while BREACHED says yes, in the closed hours after a deadline at closing
// time: no business time has passed since, but the deadline has.
//
// Bad flags, an unreadable file or a malformed CSV row (named by its line and
// column) print a message on standard error and exit with status 2.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/teamcadence/cadence/examples/internal/cli"
	"github.com/teamcadence/cadence/sla"
)

// sampleTicket is the default ticket: a weekend and the Chicago
// spring-forward.
//
//go:embed testdata/weekend-dst.csv
var sampleTicket []byte

// calendarJSON is Fleet's business calendar in sla.Calendar's JSON form.
//
//go:embed calendar.json
var calendarJSON []byte

// sampleName names the embedded ticket in messages.
const sampleName = "sample ticket (embedded)"

// Layouts of instants in the reader's zone: in event headings, and in the
// table, where the heading gives the year unless the cell's differs.
const (
	eventLayout    = "Mon 2006-01-02 15:04 MST"
	cellLayout     = "Mon Jan _2 15:04 MST"
	cellYearLayout = "Mon Jan _2 2006 15:04 MST"
)

// cell formats t in loc for a table after the event at at.
func cell(t, at time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Year() != at.In(loc).Year() {
		return t.Format(cellYearLayout)
	}
	return t.Format(cellLayout)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

// options are the parsed command-line flags.
type options struct {
	name string // the ticket's name in messages and the header
	data []byte // the ticket's CSV
	loc  *time.Location
	at   cli.At
}

// usageError is a problem with the command line or its input: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// parseFlags parses args and reads the ticket; now is the default -at, and
// zone the default -zone (the business calendar's).
func parseFlags(args []string, stderr io.Writer, now time.Time, zone string) (options, error) {
	fs := flag.NewFlagSet("slaclock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("csv", "", "ticket events as CSV `file` with columns at,event[,note]\n(default: the embedded sample)")
	at := fs.String("at", "", "replay the events up to this `day` (YYYY-MM-DD, to its end in -zone)\n"+
		"or RFC 3339 instant, and show the clocks then (default: now)")
	zoneFlag := fs.String("zone", zone, cli.ZoneUsage+",\nby default the business calendar's")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: slaclock [-csv ticket.csv] [-at DAY|RFC3339] [-zone America/Chicago]\n\n"+
			"Replays a support ticket's events (opened, agent replied, waiting on customer,\n"+
			"customer replied, solved) and prints Fleet's SLA clocks R25-R28 after each.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	var o options
	var err error
	if o.loc, err = cli.ParseZone(*zoneFlag); err != nil {
		return options{}, &usageError{err.Error()}
	}
	if o.at, err = cli.AtOr(*at, now); err != nil {
		return options{}, &usageError{err.Error()}
	}
	o.name, o.data = sampleName, sampleTicket
	if *file != "" {
		if o.data, err = os.ReadFile(*file); err != nil {
			return options{}, &usageError{fmt.Sprintf("-csv: %v", err)}
		}
		o.name = *file
	}
	return o, nil
}

// until is the instant -at stands for: the instant itself, or the end of
// the day in the reader's zone (the first instant of the next day), so
// that every event of the day is replayed.
func (o options) until() time.Time {
	if !o.at.IsDay() {
		return o.at.Instant(o.loc, 0, 0)
	}
	d := o.at.Date(o.loc) + 1
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, o.loc)
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	var cal sla.Calendar
	if err := json.Unmarshal(calendarJSON, &cal); err != nil {
		fmt.Fprintf(stderr, "slaclock: embedded calendar.json: %v\n", err)
		return 1
	}
	opts, err := parseFlags(args, stderr, now, cal.Location().String())
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "slaclock: %v\n", err)
		} // the flag package has printed its own message and the usage
		return 2
	}
	events, err := parseTicket(opts.name, opts.data)
	if err != nil {
		fmt.Fprintf(stderr, "slaclock: %v\n", err)
		return 2
	}
	// Render into a buffer so that a failure prints nothing on stdout.
	var out bytes.Buffer
	if err := replay(&out, opts, cal, events); err != nil {
		fmt.Fprintf(stderr, "slaclock: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "slaclock: %v\n", err)
		return 1
	}
	return 0
}

// replay writes the header, then each event up to -at and the clocks' state
// after it, then the clocks at -at when it is later than the last event
// replayed.
func replay(w io.Writer, opts options, cal sla.Calendar, events []event) error {
	until := opts.until()
	plural := "s"
	if len(events) == 1 {
		plural = ""
	}
	fmt.Fprintf(w, "Ticket: %s, %d event%s\n", opts.name, len(events), plural)
	for _, l := range wrap("Business hours: "+describe(cal), "  ") {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "Times in %s; clocks up to %s (-at)\n", opts.loc, until.In(opts.loc).Format(eventLayout))

	// The targets, once: they do not change after opened (the first event),
	// where R26 chooses its tier.
	fmt.Fprintln(w, "Targets:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range fleetClocks(cal) {
		c.clock = c.starter.Start(events[0].at)
		fmt.Fprintf(tw, "    %s %s\t%s\n", c.rule, c.title, c.target())
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	clocks := fleetClocks(cal)
	done := 0
	for i, ev := range events {
		if ev.at.After(until) {
			break
		}
		done++
		moves := make([]string, len(clocks))
		for j := range clocks {
			m, err := clocks[j].react(ev)
			if err != nil {
				return fmt.Errorf("%s: line %d: %w", opts.name, ev.line, err)
			}
			moves[j] = m
		}
		fmt.Fprintln(w)
		heading(w, fmt.Sprintf("#%d  %s  %s", i+1, ev.at.In(opts.loc).Format(eventLayout), ev.kind), ev.note)
		if err := table(w, clocks, moves, ev.at, opts.loc); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	if done == 0 {
		fmt.Fprintf(w, "Nothing to replay: the ticket opens at %s, after -at.\n",
			events[0].at.In(opts.loc).Format(eventLayout))
		return nil
	}
	if last := events[done-1].at; until.After(last) {
		fmt.Fprintf(w, "-at  %s  no event since #%d\n", until.In(opts.loc).Format(eventLayout), done)
		if err := table(w, clocks, nil, until, opts.loc); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	if n := len(events) - done; n > 0 {
		plural := "s"
		if n == 1 {
			plural = ""
		}
		fmt.Fprintf(w, "Not replayed: %d later event%s, from #%d at %s.\n", n, plural, done+1,
			events[done].at.In(opts.loc).Format(eventLayout))
	} else {
		fmt.Fprintf(w, "All %d event%s replayed.\n", len(events), plural)
	}
	return nil
}

// heading writes an event's heading line, with its note on the same line
// when the line fits cli.MaxWidth, else on the next line, cut to fit.
func heading(w io.Writer, head, note string) {
	if note == "" {
		fmt.Fprintln(w, head)
		return
	}
	q := fmt.Sprintf("%q", note)
	if n := utf8.RuneCountInString(head) + 2 + utf8.RuneCountInString(q); n <= cli.MaxWidth {
		fmt.Fprintf(w, "%s  %s\n", head, q)
		return
	}
	fmt.Fprintln(w, head)
	line := "    " + q
	if r := []rune(line); len(r) > cli.MaxWidth {
		line = string(r[:cli.MaxWidth-3]) + "..."
	}
	fmt.Fprintln(w, line)
}

// table writes the clocks' state at at: a row per clock, then a line for
// each clock's cycles (R27) and milestone (R28). moves is nil when no event
// moved them.
func table(w io.Writer, clocks []*slaClock, moves []string, at time.Time, loc *time.Location) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "    CLOCK\tMOVE\tSTATE\tELAPSED\tREMAINING\tDUE\tBREACHED")
	for j, c := range clocks {
		move := "-"
		if moves != nil {
			move = moves[j]
		}
		fmt.Fprintf(tw, "    %s %s\t%s\t%s\n", c.rule, c.title, move, status(c, at, loc))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range clocks {
		if c.restarts {
			r := c.clock.Record(at)
			fmt.Fprintf(w, "    %s: cycles %d, worst %s, %d late\n", c.rule, r.Cycles, duration(r.Worst), r.Breaches)
		}
		if m := milestone(c.clock, at, loc); m != "-" {
			fmt.Fprintf(w, "    %s: milestone %s\n", c.rule, m)
		}
	}
	return nil
}

// wrap breaks s at ", " and "; " to lines of at most cli.MaxWidth runes,
// continuation lines starting with indent.
func wrap(s, indent string) []string {
	var lines []string
	line := ""
	for _, word := range strings.SplitAfter(s, " ") {
		if line != "" && utf8.RuneCountInString(line+strings.TrimRight(word, " ")) > cli.MaxWidth {
			lines = append(lines, strings.TrimRight(line, " "))
			line = indent
		}
		line += word
	}
	return append(lines, strings.TrimRight(line, " "))
}

// describe summarises a calendar from its configuration, so the header
// always matches calendar.json.
func describe(cal sla.Calendar) string {
	var days []string
	week := cal.Week()
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		var spans []string
		for _, s := range week[wd] {
			spans = append(spans, s.String())
		}
		if len(spans) > 0 {
			days = append(days, wd.String()[:3]+" "+strings.Join(spans, ","))
		}
	}
	// Collapse a uniform work week to "Mon-Fri 09:00-17:00".
	hours := strings.Join(days, ", ")
	if len(days) == 5 && week[time.Sunday] == nil && week[time.Saturday] == nil {
		uniform := true
		for wd := time.Tuesday; wd <= time.Friday; wd++ {
			uniform = uniform && slices.Equal(week[wd], week[time.Monday])
		}
		if uniform {
			hours = "Mon-Fri " + days[0][4:]
		}
	}
	var closed []string
	for _, d := range cal.SpecialDays() {
		if len(d.Spans) == 0 {
			closed = append(closed, d.Day.String())
		}
	}
	s := fmt.Sprintf("%s %s", cal.Location(), hours)
	if len(closed) > 0 {
		s += "; closed " + strings.Join(closed, ", ")
	}
	return s
}

// status renders the STATE to BREACHED columns of c at at.
func status(c *slaClock, at time.Time, loc *time.Location) string {
	k := c.clock
	due := "-"
	if d, ok := k.Due(); ok {
		due = cell(d, at, loc)
	}
	breached := "no"
	if k.Breached(at) {
		breached = "yes"
	}
	return strings.Join([]string{k.State().String(), duration(k.Elapsed(at)), duration(k.Remaining(at)),
		due, breached}, "\t")
}

// milestone renders the next milestone of k at at, or the last one passed.
func milestone(k sla.Clock, at time.Time, loc *time.Location) string {
	if m, due, ok := k.NextMilestone(at); ok {
		return m.Name + " at " + cell(due, at, loc)
	}
	ms := k.Target().Milestones
	if len(ms) == 0 {
		return "-"
	}
	passed := k.Passed(at)
	if len(passed) > 0 {
		return passed[len(passed)-1].Name + ": passed"
	}
	if k.State() == sla.Paused {
		return ms[0].Name + ": on hold"
	}
	return ms[0].Name + ": not reached"
}

// duration prints d as hours and minutes, "1h05m", "8h" or "-30m", with
// seconds only when d has them.
func duration(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	h, m, s := d/time.Hour, d%time.Hour/time.Minute, d%time.Minute
	var b strings.Builder
	b.WriteString(sign)
	switch {
	case h > 0 && m == 0 && s == 0:
		fmt.Fprintf(&b, "%dh", h)
	case h > 0:
		fmt.Fprintf(&b, "%dh%02dm", h, m)
	default:
		fmt.Fprintf(&b, "%dm", m)
	}
	if s != 0 {
		fmt.Fprintf(&b, "%s", s.Round(time.Millisecond))
	}
	return b.String()
}
