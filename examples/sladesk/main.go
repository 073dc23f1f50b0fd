// Command sladesk is a small, real SLA service to copy: tickets and their
// SLA clocks (R25-R28 of RULES.md) in a database, and jobs on an existing
// job engine, River, that fire each breach and milestone exactly once.
//
// Usage:
//
//	go run . [flags]                                    # replay the sample into SQLite in memory
//	go run . -db desk.db -events events.jsonl           # a SQLite file
//	go run . -db postgres://localhost/desk -events -    # PostgreSQL, events on stdin
//	go run . -db desk.db -http 127.0.0.1:8080           # live: POST /events, GET /outbox
//
// Flags:
//
//	-db :memory:        SQLite file path or ":memory:", or a postgres:// URL
//	-events FILE        ticket events as JSON lines ("-" for stdin); default: the embedded sample
//	-targets FILE       targets as JSON (see ReadPolicy); default: R25-R28 on a 9-17 weekday calendar
//	-zone America/Chicago  the business calendar's zone for the default targets
//	-at INSTANT         replay: the simulated instant the replay runs up to (RFC 3339, or a day:
//	                    its midnight in -zone); default: now
//	-http ADDR          serve events over HTTP on ADDR in real time instead of replaying
//	-workers 4          jobs worked at once
//
// Each event is one line: {"ticket":"T-1","kind":"opened","at":"2024-03-08T16:30:00-06:00","tags":["critical"]},
// with kind one of opened, agent-replied, waiting-customer, customer-replied,
// solved. An event is applied in one transaction: the firings its clocks
// reached before it are recorded (catch-up), the clocks change, and each
// changed clock's next job (its next milestone or breach) is rescheduled in
// the same transaction, so a clock row and its one live job never disagree.
// A job records the firing in the outbox and completes itself in one
// transaction, so each firing happens exactly once across crashes; the
// outbox's primary key (ticket, target, cycle, kind, name) makes a second
// write of the same firing a no-op. A replay resumes after a crash from the
// last committed event (the cursor is updated in the event's transaction).
//
// In replay mode River reads a simulated clock (River's Config.Test.Time):
// the replay sets it just before each event's instant, so a job fires only
// once every event before its instant has been applied, and at the end to
// -at, then waits until every firing due by then is in the outbox.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

//go:embed testdata/sample.jsonl
var sampleEvents []byte

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now()); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "sladesk:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ error }

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, wallNow time.Time) error {
	fs := flag.NewFlagSet("sladesk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", ":memory:", "SQLite file path or \":memory:\", or a postgres:// URL")
	eventsPath := fs.String("events", "", "ticket events as JSON lines (\"-\" for stdin); default: the embedded sample")
	targetsPath := fs.String("targets", "", "targets file (JSON); default: R25-R28")
	zone := fs.String("zone", "America/Chicago", "the business calendar's IANA zone for the default targets")
	atFlag := fs.String("at", "", "replay up to this simulated instant (RFC 3339, or a day YYYY-MM-DD, its midnight in -zone); default: now")
	addr := fs.String("http", "", "serve events over HTTP on this address, in real time")
	workers := fs.Int("workers", 4, "jobs worked at once")
	quiet := fs.Bool("q", false, "print only the summary, not each firing")
	progress := fs.Int("progress", 0, "print \"applied N\" to stderr every N events (0: never)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if *workers < 1 {
		return usageError{fmt.Errorf("-workers %d: want at least 1", *workers)}
	}
	loc, err := time.LoadLocation(*zone)
	if err != nil || *zone == "Local" || *zone == "" {
		return usageError{fmt.Errorf("-zone %q: not an IANA time zone", *zone)}
	}
	policy, err := loadPolicy(*targetsPath, loc)
	if err != nil {
		return usageError{err}
	}
	now := wallNow
	if *atFlag != "" {
		if now, err = parseInstant(*atFlag, loc); err != nil {
			return usageError{fmt.Errorf("-at: %w", err)}
		}
	}
	if *addr != "" {
		return serve(ctx, *dsn, *addr, policy, *workers, stderr)
	}
	var events []Event
	switch *eventsPath {
	case "":
		events, err = ReadEvents(strings.NewReader(string(sampleEvents)))
	case "-":
		events, err = ReadEvents(stdin)
	default:
		var f *os.File
		if f, err = os.Open(*eventsPath); err != nil {
			return usageError{fmt.Errorf("-events: %w", err)}
		}
		events, err = ReadEvents(f)
		f.Close()
	}
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	d, err := Open(ctx, *dsn, Options{Policy: policy, Workers: *workers, Sim: true})
	if err != nil {
		return err
	}
	defer d.Close()
	st, err := Replay(ctx, d, events, now, func(n int) {
		if *progress > 0 && n%*progress == 0 {
			fmt.Fprintf(stderr, "applied %d\n", n)
		}
	})
	if err != nil {
		return err
	}
	out, err := d.Outbox(ctx)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%-25s  %-8s  %-21s  %-3s  %-9s  %s\n", "due", "ticket", "target", "cyc", "kind", "name")
		for _, f := range out {
			fmt.Fprintf(stdout, "%-25s  %-8s  %-21s  %3d  %-9s  %s\n", f.Due.In(loc).Format(time.RFC3339), f.Ticket, f.Target, f.Cycle, f.Kind, f.Name)
		}
	}
	fmt.Fprintf(stdout, "%d firings in the outbox up to %s\n", len(out), now.In(loc).Format(time.RFC3339))
	fmt.Fprintf(stdout, "%d events applied (%d skipped as already applied) in %v, %.0f events/s\n",
		st.Applied, st.Skipped, st.Elapsed.Round(time.Millisecond), st.rate())
	return nil
}

func loadPolicy(path string, loc *time.Location) (Policy, error) {
	if path == "" {
		cal, err := businessCalendar(loc)
		if err != nil {
			return Policy{}, err
		}
		return DefaultPolicy(cal), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return Policy{}, fmt.Errorf("-targets: %w", err)
	}
	defer f.Close()
	return ReadPolicy(f)
}

// parseInstant reads an RFC 3339 instant or a day (its midnight in loc).
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	d, err := date.ParseISO(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither an RFC 3339 instant nor a day YYYY-MM-DD", s)
	}
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc), nil
}

// Stats reports a replay.
type Stats struct {
	Applied, Skipped int
	Elapsed          time.Duration
}

func (s Stats) rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Applied) / s.Elapsed.Seconds()
}

// Replay applies events in order on the simulated clock, then runs the
// clock to until and waits for every firing due by then.
func Replay(ctx context.Context, d Desk, events []Event, until time.Time, applied func(n int)) (Stats, error) {
	var st Stats
	start := time.Now()
	if len(events) > 0 {
		d.SetNow(events[0].At.Add(-time.Nanosecond))
	} else {
		d.SetNow(until)
	}
	if err := d.Start(ctx); err != nil {
		return st, err
	}
	defer d.Stop(context.WithoutCancel(ctx))
	for _, ev := range events {
		if ev.At.After(until) {
			break
		}
		// River sees the instant just before the event: every job due
		// before it may run, none due at or after it.
		d.SetNow(ev.At.Add(-time.Nanosecond))
		ok, err := d.Apply(ctx, ev)
		if err != nil {
			return st, err
		}
		if !ok {
			st.Skipped++
			continue
		}
		st.Applied++
		if applied != nil {
			applied(st.Applied)
		}
	}
	d.SetNow(until)
	if err := waitDrained(ctx, d, until); err != nil {
		return st, err
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

// waitDrained waits until no clock has a firing observable by t that is
// not yet in the outbox. River's scheduler moves scheduled jobs to
// available every few seconds, so this takes at least that long.
func waitDrained(ctx context.Context, d Desk, t time.Time) error {
	for {
		n, err := d.Pending(ctx, t)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d clocks still pending: %w", n, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// serve runs sladesk live: River reads the real clock, events arrive as
// JSON lines in POST /events (each applied in its own transaction; a
// missing seq takes the next one), GET /outbox lists the firings.
func serve(ctx context.Context, dsn, addr string, policy Policy, workers int, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	d, err := Open(ctx, dsn, Options{Policy: policy, Workers: workers})
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Start(ctx); err != nil {
		return err
	}
	defer d.Stop(context.WithoutCancel(ctx))
	srv := &http.Server{Addr: addr, Handler: handler(d), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.WithoutCancel(ctx))
	}()
	fmt.Fprintf(stderr, "sladesk: serving on http://%s (POST /events, GET /outbox)\n", addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func handler(d Desk) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /events", func(w http.ResponseWriter, r *http.Request) {
		events, err := ReadEvents(io.LimitReader(r.Body, 8<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for i, ev := range events {
			ev.Seq = 0 // the server numbers live events
			if _, err := d.Apply(r.Context(), ev); err != nil {
				http.Error(w, fmt.Sprintf("event %d: %v", i+1, err), http.StatusUnprocessableEntity)
				return
			}
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /outbox", func(w http.ResponseWriter, r *http.Request) {
		out, err := d.Outbox(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	return mux
}
