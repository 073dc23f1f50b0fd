// Command handbook prints what a team's process says on a given day, using
// cadence with the Fleet preset (the rules of shared/handbook.md).
//
// Usage:
//
//	go run ./examples/handbook [-at YYYY-MM-DD]
//
// With no flags it reports on today. Bad flags print a message and exit with
// status 2.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rickb777/date/v2"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

// options are the parsed command-line flags.
type options struct {
	at date.Date
}

// parseFlags parses args; today is the default for -at.
func parseFlags(args []string, stderr io.Writer, today date.Date) (options, error) {
	fs := flag.NewFlagSet("handbook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	at := fs.String("at", "", "the `day` to report on, as YYYY-MM-DD (default: today)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: handbook [flags]\n\n"+
			"Prints what the team's process (the Fleet preset of cadence) says on a day.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	opts := options{at: today}
	if *at != "" {
		// time.Parse is strict where date.ParseISO normalises 2024-13-40.
		t, err := time.Parse(time.DateOnly, *at)
		if err != nil {
			return options{}, fmt.Errorf("-at %q: want a calendar day as YYYY-MM-DD", *at)
		}
		opts.at = date.NewAt(t)
	}
	return opts, nil
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	opts, err := parseFlags(args, stderr, date.NewAt(now))
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return 2
	}
	report(stdout, opts)
	return 0
}

// report prints the day's process.
func report(w io.Writer, opts options) {
	year, week := opts.at.ISOWeek()
	fmt.Fprintf(w, "cadence handbook report for %s, %s (ISO week %d-W%02d)\n",
		opts.at, opts.at.Weekday(), year, week)
}
