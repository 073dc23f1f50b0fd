// Command bugreport prints the weekly bug report (R23, R24 in RULES.md) of a
// team's GitHub issues, with orphans first and overdue timers (R18, R19),
// using a bugflow scheme preset. When the scheme and the data disagree
// (boards, columns or labels the scheme does not know, near misses of the
// ones it does) the check's findings come first; when the data has none of
// the scheme's boards it stops there, with status 1.
//
// Fetch the issues with
//
//	gh issue list --state all --limit 2000 \
//	  --json number,title,state,labels,assignees,createdAt,closedAt,projectItems,updatedAt,url > issues.json
//
// (updatedAt feeds the R19 reporter clock; url lets pull requests be told
// apart) and run
//
//	go run ./examples/bugreport [-file issues.json] [-at YYYY-MM-DD|RFC3339] [-zone UTC] [-window iso] \
//	  [-scheme fleet-2024] [-roles login=role,...] [-rename old=new,...]
//
// -at is the instant the report looks from: an RFC 3339 instant, or a day,
// which means the end of that day in -zone (default: now). -zone is the
// zone of -at's day, of the report week and of printed times (default UTC).
// -window is the span the opened and closed counts cover: "iso" (the ISO
// week of -at), "7d" (the seven days before -at, as Fleet's "created:>= one
// week ago" searches), or a weekday such as "wed" (the week starting then).
// -rename renames boards, projects and logins of the preset
// ("🚀 Release=Release,xpkoala=quinn-qa").
//
// With no flags it reports on the bundled sample (testdata/issues.json,
// embedded in the binary, with Fleet's real board titles) as of today, or as
// of the sample's last event when -at is more than a week later, which it
// says. Bad
// flags print a message and exit with status 2; unreadable or malformed
// input, or a scheme that sees none of the data's boards, exits with
// status 1.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/teamcadence/cadence/bugflow"
	"github.com/teamcadence/cadence/examples/internal/cli"
)

//go:embed testdata/issues.json
var sample []byte

// sampleRoles are the roles of the logins in the bundled sample.
const sampleRoles = "quinn-qa=qa,rachel-qa=qa,emma-em=em,luke-em=em,pat-pm=pm"

// presets are the schemes -scheme can name.
var presets = map[string]func(map[string]string) (bugflow.Scheme, error){
	"fleet-2022": bugflow.Fleet2022,
	"fleet-2024": bugflow.Fleet2024,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

// errPrinted is a command-line error the flag package has already printed,
// with the usage.
var errPrinted = errors.New("bad flag")

// options are the parsed command-line flags.
type options struct {
	file   string // "" for the bundled sample
	at     time.Time
	window string
	scheme string
	roles  map[string]string
	rename map[string]string
}

// parseFlags parses args; now gives the default for -at.
func parseFlags(args []string, stderr io.Writer, now time.Time) (options, error) {
	fs := flag.NewFlagSet("bugreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("file", "", "the `path` of a gh issue list --json file (default: the bundled sample)")
	at := fs.String("at", "", "report as of this `instant` (RFC 3339) or the end of this day, YYYY-MM-DD (default: now)")
	tz := fs.String("zone", "UTC", "the IANA time `zone` of -at's day, of the report week and of printed times")
	scheme := fs.String("scheme", "fleet-2024", "the scheme `preset`: "+strings.Join(presetNames(), " or "))
	roles := fs.String("roles", sampleRoles, "who has which role, as `login=role,...` (roles: qa, em, pm)")
	window := fs.String("window", "iso", "the `span` of the opened and closed counts: iso, 7d, or a weekday (mon..sun) the week starts on")
	rename := fs.String("rename", "", "rename the preset's boards, projects and logins, as `old=new,...`")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: bugreport [flags]\n\n"+
			"Prints the weekly bug report of gh issue list --json output: orphans first, then\n"+
			"overdue timers, counts per state and the queue in priority order.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return options{}, err
		}
		return options{}, errPrinted
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected argument %q (give the file with -file)", fs.Arg(0))
	}
	// "" and "Local" are refused, so that the report does not depend on
	// the machine.
	loc, err := cli.ParseZone(*tz)
	if err != nil {
		return options{}, err
	}
	when, err := cli.AtOr(*at, now)
	if err != nil {
		return options{}, err
	}
	opts := options{file: *file, at: when.Instant(loc, 0, 0).In(loc), scheme: *scheme, window: strings.ToLower(strings.TrimSpace(*window))}
	if when.IsDay() {
		// The end of the day: the last instant before the next midnight.
		d := when.Date(loc) + 1
		opts.at = cli.Day(d).Instant(loc, 0, 0).Add(-time.Nanosecond)
	}
	if _, ok := windowOf(opts.window, opts.at); !ok {
		return options{}, fmt.Errorf("-window %q: want iso, 7d or a weekday such as mon", *window)
	}
	if _, ok := presets[*scheme]; !ok {
		return options{}, fmt.Errorf("-scheme %q: want %s", *scheme, strings.Join(presetNames(), " or "))
	}
	if opts.roles, err = parsePairs("-roles", *roles); err != nil {
		return options{}, err
	}
	if opts.rename, err = parsePairs("-rename", *rename); err != nil {
		return options{}, err
	}
	return opts, nil
}

// windowOf returns the report window a -window value names.
func windowOf(name string, at time.Time) (bugflow.Window, bool) {
	switch name {
	case "iso":
		return bugflow.ISOWeek(at), true
	case "7d":
		return bugflow.SevenDaysBefore(at), true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if full := strings.ToLower(d.String()); name == full || name == full[:3] {
			return bugflow.WeekStarting(at, d), true
		}
	}
	return bugflow.Window{}, false
}

func presetNames() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// parsePairs reads key=value pairs separated by commas.
func parsePairs(flagName, s string) (map[string]string, error) {
	pairs := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return pairs, nil
	}
	what := "login=role"
	if flagName == "-rename" {
		what = "old=new"
	}
	for part := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("%s %q: want %s pairs separated by commas", flagName, part, what)
		}
		if _, dup := pairs[k]; dup {
			return nil, fmt.Errorf("%s %q: %s given twice", flagName, k, k)
		}
		pairs[k] = v
	}
	return pairs, nil
}

// width is the widest output line, in runes.
const width = 100

// run is main without the process: it returns the exit status. Output lines
// are wrapped at width columns.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	var buf strings.Builder
	code := runTo(args, &buf, stderr, now)
	io.WriteString(stdout, wrap(buf.String(), width))
	return code
}

// wrap breaks lines longer than n runes at spaces, indenting the
// continuation lines by ten spaces; a word longer than the room is cut.
func wrap(text string, n int) string {
	const indent = "          "
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		r := []rune(line)
		prefix := ""
		for {
			room := max(n-len(prefix), 1)
			if len(r) <= room {
				b.WriteString(prefix + string(r))
				break
			}
			cut := room
			for cut > 0 && r[cut] != ' ' {
				cut--
			}
			if cut == 0 {
				cut = room
			}
			b.WriteString(prefix + strings.TrimRight(string(r[:cut]), " "))
			rest := strings.TrimLeft(string(r[cut:]), " ")
			if rest == "" {
				break
			}
			b.WriteByte('\n')
			r, prefix = []rune(rest), indent
		}
	}
	return b.String()
}

// runTo is run without the wrapping.
func runTo(args []string, stdout, stderr io.Writer, now time.Time) int {
	opts, err := parseFlags(args, stderr, now)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errPrinted):
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "bugreport: %v\n", err)
		return 2
	}
	data, source := sample, "the bundled sample"
	if opts.file != "" {
		if data, err = os.ReadFile(opts.file); err != nil {
			fmt.Fprintf(stderr, "bugreport: -file: %v\n", err)
			return 1
		}
		source = opts.file
	}
	issues, skipped, err := bugflow.DecodeGitHub(data)
	if err != nil {
		fmt.Fprintf(stderr, "bugreport: %s: %v\n", source, err)
		return 1
	}
	scheme, err := presets[opts.scheme](opts.roles)
	if err != nil {
		fmt.Fprintf(stderr, "bugreport: -roles: %v\n", err)
		return 2
	}
	if len(opts.rename) > 0 {
		if scheme, err = scheme.Rename(opts.rename); err != nil {
			fmt.Fprintf(stderr, "bugreport: -rename: %v\n", err)
			return 2
		}
	}
	check := scheme.Check(issues)
	if disagree(check) {
		fmt.Fprintf(stdout, "Scheme %s against %s: %d findings\n", scheme.Name(), source, len(check.Findings))
		for _, f := range check.Findings {
			fmt.Fprintf(stdout, "  %s\n", f)
		}
		if err := check.Err(); err != nil {
			fmt.Fprintf(stderr, "bugreport: %v; not reporting (rename the boards with -rename)\n", err)
			return 1
		}
		fmt.Fprintln(stdout)
	}
	if opts.file == "" {
		// The bundled sample stops at a fixed instant: a report for a -at
		// weeks later (today, by default) would age every bug by the years
		// since, and count empty weeks. More than a week after the sample
		// ends, report as of where it ends, and say so.
		if end := dataEnd(issues); opts.at.Sub(end) > bugflow.Week {
			fmt.Fprintf(stdout, "The bundled sample ends %s: reporting as of then, not %s.\n\n",
				end.In(opts.at.Location()).Format("2006-01-02 15:04 MST"), opts.at.Format("2006-01-02 15:04 MST"))
			opts.at = end.In(opts.at.Location())
		}
	}
	report(stdout, scheme, issues, skipped, opts, source)
	return 0
}

// dataEnd returns the last instant the issues record: a creation, a
// closing or a last contact.
func dataEnd(list []bugflow.Issue) time.Time {
	var end time.Time
	for _, is := range list {
		for _, t := range []time.Time{is.Created, is.ClosedAt, is.LastContact} {
			if t.After(end) {
				end = t
			}
		}
	}
	return end
}

// disagree reports whether the check found anything in the data that the
// scheme does not know or nearly knows; names of the scheme the data lacks
// alone are no disagreement.
func disagree(c bugflow.CheckReport) bool {
	for _, f := range c.Findings {
		if f.Kind != bugflow.Unused {
			return true
		}
	}
	return c.Err() != nil
}

// report prints the weekly report.
func report(w io.Writer, scheme bugflow.Scheme, issues []bugflow.Issue, skipped []bugflow.Skipped, opts options, source string) {
	age := bugflow.Fleet2024Age()
	window, _ := windowOf(opts.window, opts.at)
	r := scheme.Report(issues, opts.at, bugflow.ReportOptions{Age: age, Window: window})
	byNumber := make(map[int]bugflow.Issue, len(issues))
	for _, is := range issues {
		byNumber[is.Number] = is
	}
	fmt.Fprintf(w, "Bug report as of %s (window %s), scheme %s\n",
		opts.at.Format("2006-01-02 15:04 MST"), r.Window, scheme.Name())
	fmt.Fprintf(w, "%d bugs read from %s, %d issues skipped\n\n", len(issues), source, len(skipped))
	fmt.Fprintln(w, r.Summary())

	section := func(title string, numbers []int, note func(bugflow.Issue) string) {
		fmt.Fprintf(w, "\n%s: %d\n", title, len(numbers))
		for _, n := range numbers {
			is := byNumber[n]
			fmt.Fprintf(w, "  #%-6d %-40s %s\n", n, clip(is.Title, 40), note(is))
		}
	}
	labels := func(is bugflow.Issue) string { return "[" + strings.Join(is.Labels, " ") + "]" }
	section("Orphans (R23, should be none)", r.Orphans, labels)
	section("Reproduced orphans (R23, should be none)", r.ReproducedOrphans, func(is bugflow.Issue) string {
		return labels(is) + " " + boards(is)
	})
	if len(r.Ambiguous) > 0 {
		section("Ambiguous (two states match; a person decides)", r.Ambiguous, func(is bugflow.Issue) string {
			return scheme.Evaluate(is).Matched.String()
		})
	}
	if len(r.Incomplete) > 0 {
		section("Incomplete (in a state, missing what the rules ask)", r.Incomplete, func(is bugflow.Issue) string {
			return scheme.Evaluate(is).String()
		})
	}
	section("In no state (fix the labels)", r.Unclassified, func(is bugflow.Issue) string {
		return nearest(scheme, is)
	})

	fmt.Fprintf(w, "\nOverdue (R18, R19): %d\n", len(r.Agenda.Overdue))
	for _, d := range r.Agenda.Overdue {
		fmt.Fprintf(w, "  #%-6d %-40s %s (%s) was due %s, %s ago\n", d.Number, clip(byNumber[d.Number].Title, 40),
			d.Timer, d.Timer.Rule(), d.Due.In(opts.at.Location()).Format(time.DateOnly), bugflow.Days(opts.at.Sub(d.Due)))
	}
	if r.Agenda.HasNext {
		d := r.Agenda.Next
		fmt.Fprintf(w, "Next due: #%d %s (%s) on %s\n", d.Number, d.Timer, d.Timer.Rule(), d.Due.In(opts.at.Location()).Format("2006-01-02 15:04"))
	}

	fmt.Fprintf(w, "\nBugs by state (R24)\n")
	for _, c := range r.States {
		if c.State != bugflow.Closed {
			fmt.Fprintf(w, "  %-16s %3d\n", c.Name, c.Count)
		}
	}
	fmt.Fprintf(w, "  %-16s %3d\n", "no state", r.NoState)
	fmt.Fprintf(w, "  %-16s %3d\n", "open", r.Open)
	fmt.Fprintf(w, "  %-16s %3d\n", "opened in window", r.Opened)
	fmt.Fprintf(w, "  %-16s %3d\n", "closed in window", r.Closed)
	fmt.Fprintf(w, "  average age      %s", bugflow.Days(r.AverageAge))
	if r.BugShare > 0 {
		fmt.Fprintf(w, " (above %d days: %.0f%% of sprint capacity goes to bugs)", age.Limit/(24*time.Hour), r.BugShare*100)
	}
	fmt.Fprintln(w)

	var queue []bugflow.Issue
	for _, is := range issues {
		if v := scheme.Evaluate(is); !is.Closed && !is.Created.After(opts.at) && (v.State == bugflow.Reproduced || v.State == bugflow.Inbox) {
			queue = append(queue, is)
		}
	}
	slices.SortFunc(queue, scheme.Compare)
	fmt.Fprintf(w, "\nPick next (inbox and reproduced, P0, P1, P2, customer, oldest): %d\n", len(queue))
	for i, is := range queue {
		if i == 5 {
			fmt.Fprintf(w, "  ... and %d more\n", len(queue)-5)
			break
		}
		fmt.Fprintf(w, "  #%-6d %-40s %s, %s old\n", is.Number, clip(is.Title, 40), scheme.Evaluate(is).Name, bugflow.Days(opts.at.Sub(is.Created)))
	}

	if len(skipped) > 0 {
		fmt.Fprintf(w, "\nSkipped: %d\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(w, "  #%-6d %s\n", s.Number, s.Reason)
		}
	}
}

// nearest names the states an issue in no state is closest to and the
// first qualifier each misses.
func nearest(scheme bugflow.Scheme, is bugflow.Issue) string {
	var parts []string
	for _, c := range scheme.Explain(is).Nearest() {
		parts = append(parts, c.Rule+": "+c.Fails[0].String())
	}
	if len(parts) == 0 {
		return "[" + strings.Join(is.Labels, " ") + "]"
	}
	return "nearest " + strings.Join(parts, "; ")
}

func boards(is bugflow.Issue) string {
	if len(is.Boards) == 0 {
		return "on no board"
	}
	var parts []string
	for _, b := range is.Boards {
		if b.Column == "" {
			parts = append(parts, "on "+b.Board)
		} else {
			parts = append(parts, "on "+b.Board+"/"+b.Column)
		}
	}
	return strings.Join(parts, ", ")
}

// clip shortens s to n runes, marking the cut with "...".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-3]) + "..."
}
