// Command slaclock replays a support ticket's events and prints the state of
// each of Fleet's SLA clocks (rules R25-R28 of the handbook) after each event.
//
// Usage:
//
//	go run ./examples/slaclock [-csv ticket.csv] [-zone America/Chicago]
//
// With no flags it replays an embedded sample ticket, opened late on a Friday
// in Chicago, that crosses a weekend and the 2024-03-10 spring-forward.
// Flags:
//
//	-csv FILE    the ticket's events (default: the embedded sample)
//	-zone ZONE   the IANA time zone for printed times (default America/Chicago)
//	-h           print the usage
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
//     the CYCLES column counts the cycles (the follow-ups, plus one) and keeps
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
// After each event, a table with a row per clock: the clock and its target,
// what the event did to it (MOVE), its state, the business or wall-clock time
// ELAPSED in the current cycle, the time REMAINING (negative once breached),
// the instant it is DUE in -zone (- when paused or stopped), whether it is
// BREACHED, its NEXT MILESTONE, and for R27 its CYCLES. From the sample:
//
//	#4  Mon 2024-03-11 09:40 CDT  agent replied  "reproduced, fix in progress"
//	    CLOCK                 TARGET                    MOVE     STATE    ELAPSED  REMAINING  DUE                   BREACHED  NEXT MILESTONE          CYCLES
//	    R25 first response    1h business               stop     stopped  55m      5m         -                     no        -                       -
//	    R26 on-call           1h wall clock (in hours)  stop     stopped  64h10m   -63h10m    -                     yes       -                       -
//	    R27 follow-up         8h business               restart  running  0m       8h         Tue Mar 12 09:40 CDT  no        -                       2, worst 55m, 0 late
//	    R28 bug confirmation  1h business               stop     stopped  1h10m    -10m       -                     yes       escalate to P1: passed  -
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
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command-line flags.
type options struct {
	name string // the ticket's name in messages and the header
	data []byte // the ticket's CSV
	loc  *time.Location
}

// usageError is a problem with the command line or its input: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// parseFlags parses args and reads the ticket.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("slaclock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("csv", "", "ticket events as CSV `file` with columns at,event[,note] (default: the embedded sample)")
	zone := fs.String("zone", "America/Chicago", "IANA time `zone` for printed times")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: slaclock [-csv ticket.csv] [-zone America/Chicago]\n\n"+
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
	if o.loc, err = time.LoadLocation(*zone); err != nil || *zone == "" || *zone == "Local" {
		return options{}, &usageError{fmt.Sprintf("-zone %q: want an IANA time zone such as Europe/London", *zone)}
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

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
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
	var cal sla.Calendar
	if err := json.Unmarshal(calendarJSON, &cal); err != nil {
		fmt.Fprintf(stderr, "slaclock: embedded calendar.json: %v\n", err)
		return 1
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

// replay writes the header, then each event and the clocks' state after it.
func replay(w io.Writer, opts options, cal sla.Calendar, events []event) error {
	plural := "s"
	if len(events) == 1 {
		plural = ""
	}
	fmt.Fprintf(w, "Ticket: %s, %d event%s\n", opts.name, len(events), plural)
	fmt.Fprintf(w, "Business hours: %s\n", describe(cal))
	fmt.Fprintf(w, "Times in %s\n", opts.loc)

	clocks := fleetClocks(cal)
	for i, ev := range events {
		moves := make([]string, len(clocks))
		for j := range clocks {
			m, err := clocks[j].react(ev)
			if err != nil {
				return fmt.Errorf("%s: line %d: %w", opts.name, ev.line, err)
			}
			moves[j] = m
		}
		fmt.Fprintf(w, "\n#%d  %s  %s", i+1, ev.at.In(opts.loc).Format(eventLayout), ev.kind)
		if ev.note != "" {
			fmt.Fprintf(w, "  %q", ev.note)
		}
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "    CLOCK\tTARGET\tMOVE\tSTATE\tELAPSED\tREMAINING\tDUE\tBREACHED\tNEXT MILESTONE\tCYCLES")
		for j, c := range clocks {
			fmt.Fprintf(tw, "    %s %s\t%s\t%s\t%s\n", c.rule, c.title, c.target(), moves[j],
				status(c, ev.at, opts.loc))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
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

// status renders the STATE to CYCLES columns of c at at.
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
	cycles := "-"
	if c.restarts {
		r := k.Record(at)
		cycles = fmt.Sprintf("%d, worst %s, %d late", r.Cycles, duration(r.Worst), r.Breaches)
	}
	return strings.Join([]string{k.State().String(), duration(k.Elapsed(at)), duration(k.Remaining(at)),
		due, breached, milestone(k, at, loc), cycles}, "\t")
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
