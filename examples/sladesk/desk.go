package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/teamcadence/cadence/sla"
)

// fireArgs is the River job that fires a clock's next breach or milestone.
// Gen is the clock's generation when the job was scheduled: a clock changed
// since then has a newer gen, and the job completes without firing.
type fireArgs struct {
	Ticket string    `json:"ticket"`
	Target string    `json:"target"`
	Gen    int64     `json:"gen"`
	At     time.Time `json:"at"` // the instant of the firing, exact (River keeps scheduled times rounded)
}

// Kind implements river.JobArgs.
func (fireArgs) Kind() string { return "sladesk_fire" }

// SimClock is River's time in replay mode: a clock the replay sets. In live
// mode it is unset and River reads the real time. Its zero value is unset.
type SimClock struct {
	mu  sync.Mutex
	now *time.Time
}

// Now implements rivertype.TimeGenerator.
func (s *SimClock) Now() time.Time {
	if t := s.NowOrNil(); t != nil {
		return *t
	}
	return time.Now()
}

// NowOrNil implements rivertype.TimeGenerator.
func (s *SimClock) NowOrNil() *time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.now == nil {
		return nil
	}
	t := *s.now
	return &t
}

func (s *SimClock) set(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t = t.UTC()
	s.now = &t
}

var _ rivertype.TimeGenerator = (*SimClock)(nil)

// clockRow is one stored clock with its scheduling state.
type clockRow struct {
	target  string
	clock   sla.Clock
	covered time.Time // firings with due up to here are in the outbox
	gen     int64
	jobID   int64  // 0: none
	text    string // the stored JSON, as loaded
}

// config is what a desk runs on; Retime swaps it whole.
type config struct {
	policy Policy
	codec  clockCodec
}

func newConfig(p Policy) (*config, error) {
	cat, err := catalogOf(p.Rules)
	if err != nil {
		return nil, err
	}
	return &config{policy: p, codec: clockCodec{cat}}, nil
}

// desk is the SLA service over one database and its River client.
type desk[TTx any] struct {
	cfg       atomic.Pointer[config]
	client    *river.Client[TTx]
	sim       *SimClock
	forUpdate string // " FOR UPDATE" on PostgreSQL, "" on SQLite (one connection)
	begin     func(ctx context.Context) (TTx, querier, error)
	commit    func(ctx context.Context, tx TTx) error
	rollback  func(ctx context.Context, tx TTx) error
	complete  func(ctx context.Context, tx TTx, job *river.Job[fireArgs]) error
	read      querier // outside transactions, for reports
	retiming  sync.Mutex
	id        string // "job:" + the client's ID, written as fired_by
}

// tx runs f in a transaction and commits it, or rolls it back on error.
func (d *desk[TTx]) tx(ctx context.Context, f func(tx TTx, q querier) error) error {
	tx, q, err := d.begin(ctx)
	if err != nil {
		return err
	}
	if err := f(tx, q); err != nil {
		_ = d.rollback(ctx, tx)
		return err
	}
	return d.commit(ctx, tx)
}

const source = "events"

// Apply applies one event in one transaction: it records the firings its
// clocks reached before it, changes the clocks, and reschedules each
// changed clock's job, all or nothing. An event whose seq is not after the
// replay cursor was applied already and is skipped, so a restarted replay
// resumes where the last committed event left off.
func (d *desk[TTx]) Apply(ctx context.Context, ev Event) (applied bool, err error) {
	err = d.tx(ctx, func(tx TTx, q querier) error {
		var seq int64
		err := q.queryRow(ctx, `SELECT seq FROM sladesk_cursor WHERE source = $1`+d.forUpdate, source).Scan(&seq)
		if err != nil && !isNoRows(err) {
			return err
		}
		if ev.Seq == 0 {
			ev.Seq = seq + 1 // a live event takes the next number
		}
		switch {
		case isNoRows(err):
			if err := q.exec(ctx, `INSERT INTO sladesk_cursor (source, seq) VALUES ($1, $2)`, source, ev.Seq); err != nil {
				return err
			}
		case ev.Seq <= seq:
			return nil // applied before
		default:
			if err := q.exec(ctx, `UPDATE sladesk_cursor SET seq = $2 WHERE source = $1`, source, ev.Seq); err != nil {
				return err
			}
		}
		applied = true
		if ev.Kind == Opened {
			return d.open(ctx, tx, q, ev)
		}
		return d.change(ctx, tx, q, ev)
	})
	return applied && err == nil, err
}

func (d *desk[TTx]) open(ctx context.Context, tx TTx, q querier, ev Event) error {
	var one int
	err := q.queryRow(ctx, `SELECT 1 FROM sladesk_tickets WHERE id = $1`, ev.Ticket).Scan(&one)
	if err == nil {
		return fmt.Errorf("event %d: ticket %q opened twice", ev.Seq, ev.Ticket)
	} else if !isNoRows(err) {
		return err
	}
	tags, _ := json.Marshal(ev.Tags)
	if err := q.exec(ctx, `INSERT INTO sladesk_tickets (id, opened_ns, tags) VALUES ($1, $2, $3)`,
		ev.Ticket, ev.At.UnixNano(), string(tags)); err != nil {
		return err
	}
	cfg := d.cfg.Load()
	for _, r := range cfg.policy.Rules {
		if r.When != "" && !slices.Contains(ev.Tags, r.When) {
			continue
		}
		c := r.Starter.Start(ev.At)
		if c.IsZero() {
			return fmt.Errorf("event %d: ticket %q: clock %s did not start at %v", ev.Seq, ev.Ticket, r.Name, ev.At)
		}
		// A milestone at zero is reached at the first instant.
		cr := clockRow{target: r.Name, clock: c, covered: ev.At.Add(-time.Nanosecond)}
		if err := q.exec(ctx, `INSERT INTO sladesk_clocks (ticket, target, clock, covered_ns, gen) VALUES ($1, $2, '', $3, 0)`,
			ev.Ticket, r.Name, ev.At.UnixNano()); err != nil {
			return err
		}
		if err := d.save(ctx, tx, q, cfg, ev.Ticket, &cr, 0); err != nil {
			return err
		}
	}
	return nil
}

func (d *desk[TTx]) change(ctx context.Context, tx TTx, q querier, ev Event) error {
	cfg := d.cfg.Load()
	crs, err := d.load(ctx, q, cfg, ev.Ticket, "")
	if err != nil {
		return err
	}
	if len(crs) == 0 {
		var one int
		if err := q.queryRow(ctx, `SELECT 1 FROM sladesk_tickets WHERE id = $1`, ev.Ticket).Scan(&one); err != nil {
			if isNoRows(err) {
				return fmt.Errorf("event %d: %s for ticket %q, which was never opened", ev.Seq, ev.Kind, ev.Ticket)
			}
			return err
		}
	}
	for i := range crs {
		cr := &crs[i]
		rule, _ := cfg.policy.rule(cr.target) // load checked it
		a := rule.On[ev.Kind]
		if a == "" || a == Start {
			continue
		}
		// Catch up: what became observable up to the event (a milestone at
		// the event's instant, a breach strictly before it) is recorded
		// first, as the job would have.
		if err := d.record(ctx, q, ev.Ticket, cr, ev.At, "event"); err != nil {
			return err
		}
		next, err := apply(cr.clock, a, ev.At)
		if err != nil {
			return fmt.Errorf("event %d: ticket %q clock %s: %w", ev.Seq, ev.Ticket, cr.target, err)
		}
		cr.clock = next
		if a == Restart {
			// A new cycle may reach a milestone at its first instant.
			cr.covered = ev.At.Add(-time.Nanosecond)
		}
		if err := d.save(ctx, tx, q, cfg, ev.Ticket, cr, 0); err != nil {
			return err
		}
	}
	return nil
}

// record writes the clock's firings observable in (covered, upTo] to the
// outbox and moves covered to upTo. The clock's row is locked (or the
// database has one connection), so no firing is written twice; the outbox's
// primary key would turn a second write into an error, not a silent no-op.
func (d *desk[TTx]) record(ctx context.Context, q querier, ticket string, cr *clockRow, upTo time.Time, by string) error {
	if !upTo.After(cr.covered) {
		return nil
	}
	defer func() { cr.covered = upTo }()
	for _, f := range firings(ticket, cr.target, cr.clock, cr.covered, upTo) {
		if err := q.exec(ctx, `INSERT INTO sladesk_outbox (ticket, target, cycle, kind, name, due_ns, fired_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			f.Ticket, f.Target, f.Cycle, f.Kind, f.Name, f.Due.UnixNano(), by); err != nil {
			return err
		}
	}
	return nil
}

// load reads a ticket's clocks (one of them when target is not empty),
// locking their rows on PostgreSQL.
func (d *desk[TTx]) load(ctx context.Context, q querier, cfg *config, ticket, target string) ([]clockRow, error) {
	query := `SELECT target, clock, covered_ns, gen, COALESCE(job_id, 0) FROM sladesk_clocks WHERE ticket = $1`
	args := []any{ticket}
	if target != "" {
		query += ` AND target = $2`
		args = append(args, target)
	}
	rs, err := q.query(ctx, query+` ORDER BY target`+d.forUpdate, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []clockRow
	for rs.Next() {
		var cr clockRow
		var text string
		var covered int64
		if err := rs.Scan(&cr.target, &text, &covered, &cr.gen, &cr.jobID); err != nil {
			return nil, err
		}
		cr.covered = time.Unix(0, covered).UTC()
		if _, ok := cfg.policy.rule(cr.target); !ok {
			return nil, fmt.Errorf("ticket %q: stored clock %q has no rule in the policy", ticket, cr.target)
		}
		cr.text = text
		if cr.clock, err = cfg.codec.decode([]byte(text)); err != nil {
			return nil, fmt.Errorf("ticket %q clock %s: %w", ticket, cr.target, err)
		}
		out = append(out, cr)
	}
	return out, rs.Err()
}

// save stores the clock and reschedules its job in the caller's
// transaction: the old job (unless it is self, the running job) is
// cancelled, gen is bumped, and a job is inserted at the next firing.
func (d *desk[TTx]) save(ctx context.Context, tx TTx, q querier, cfg *config, ticket string, cr *clockRow, self int64) error {
	if cr.jobID != 0 && cr.jobID != self {
		if _, err := d.client.JobCancelTx(ctx, tx, cr.jobID); err != nil && !errors.Is(err, rivertype.ErrNotFound) {
			return fmt.Errorf("cancel job %d: %w", cr.jobID, err)
		}
	}
	cr.gen++
	cr.jobID = 0
	var fire any // NULL when nothing will fire
	if at, ok := nextFire(cr.clock, cr.covered); ok {
		res, err := d.client.InsertTx(ctx, tx, fireArgs{Ticket: ticket, Target: cr.target, Gen: cr.gen, At: at},
			&river.InsertOpts{ScheduledAt: at})
		if err != nil {
			return fmt.Errorf("schedule %s/%s: %w", ticket, cr.target, err)
		}
		cr.jobID = res.Job.ID
		fire = at.UnixNano()
	}
	text, err := cfg.codec.encode(cr.clock)
	if err != nil {
		return err
	}
	var job any
	if cr.jobID != 0 {
		job = cr.jobID
	}
	return q.exec(ctx, `UPDATE sladesk_clocks SET clock = $3, covered_ns = $4, fire_ns = $5, gen = $6, job_id = $7
		WHERE ticket = $1 AND target = $2`,
		ticket, cr.target, string(text), cr.covered.UnixNano(), fire, cr.gen, job)
}

// fire is the job's work: in one transaction, record the clock's firings
// up to the job's due instant, schedule the next one, and complete the job.
func (d *desk[TTx]) fire(ctx context.Context, job *river.Job[fireArgs]) error {
	now := d.sim.Now()
	a := job.Args
	if now.Before(a.At) {
		// River keeps scheduled times to the millisecond (SQLite) or
		// microsecond, so a job may come a moment early: wait.
		return river.JobSnooze(max(a.At.Sub(now), time.Millisecond))
	}
	return d.tx(ctx, func(tx TTx, q querier) error {
		cfg := d.cfg.Load()
		crs, err := d.load(ctx, q, cfg, a.Ticket, a.Target)
		if err != nil {
			return err
		}
		if len(crs) == 1 && crs[0].gen == a.Gen {
			cr := &crs[0]
			if err := d.record(ctx, q, a.Ticket, cr, now, d.id); err != nil {
				return err
			}
			if err := d.save(ctx, tx, q, cfg, a.Ticket, cr, job.ID); err != nil {
				return err
			}
		}
		return d.complete(ctx, tx, job)
	})
}

type fireWorker[TTx any] struct {
	river.WorkerDefaults[fireArgs]
	d *desk[TTx]
}

// Work implements river.Worker.
func (w *fireWorker[TTx]) Work(ctx context.Context, job *river.Job[fireArgs]) error {
	return w.d.fire(ctx, job)
}

// Pending counts clocks with a firing observable at or before t.
func (d *desk[TTx]) Pending(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := d.read.queryRow(ctx, `SELECT COUNT(*) FROM sladesk_clocks WHERE fire_ns <= $1`, t.UnixNano()).Scan(&n)
	return n, err
}

// Outbox returns every firing recorded, in order.
func (d *desk[TTx]) Outbox(ctx context.Context) ([]Firing, error) {
	rs, err := d.read.query(ctx, `SELECT ticket, target, cycle, kind, name, due_ns FROM sladesk_outbox`)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Firing
	for rs.Next() {
		var f Firing
		var due int64
		if err := rs.Scan(&f.Ticket, &f.Target, &f.Cycle, &f.Kind, &f.Name, &due); err != nil {
			return nil, err
		}
		f.Due = time.Unix(0, due).UTC()
		out = append(out, f)
	}
	slices.SortFunc(out, compareFirings)
	return out, rs.Err()
}

// Retime moves the desk to a new policy (after a calendar change, such as
// a new holiday) at an instant. Every clock with a firing ahead keeps what
// it counted up to at on the old calendar, with the firings observable by
// then, and counts on the new calendar from at on; its job is rescheduled
// to its new next firing, in transactions of up to 500 clocks. It returns
// how many clocks it re-timed.
//
// Other clocks need no write: they are stored by reference, so a paused
// clock counts on the new calendar when it resumes, and a clock with nothing
// left to fire only reports. Events and jobs go on meanwhile against the new
// policy; a clock not yet re-timed counts on the new calendar from its last
// event until its turn comes.
func (d *desk[TTx]) Retime(ctx context.Context, p Policy, at time.Time) (int, error) {
	d.retiming.Lock()
	defer d.retiming.Unlock()
	cfg, err := newConfig(p)
	if err != nil {
		return 0, err
	}
	old := d.cfg.Load()
	for _, r := range old.policy.Rules {
		if _, ok := cfg.policy.rule(r.Name); !ok {
			return 0, fmt.Errorf("retime: the new policy lacks rule %q", r.Name)
		}
	}
	d.cfg.Store(cfg)
	n := 0
	lastTicket, lastTarget := "", ""
	for {
		type ref struct{ ticket, target string }
		var batch []ref
		rs, err := d.read.query(ctx, `SELECT ticket, target FROM sladesk_clocks
			WHERE fire_ns IS NOT NULL AND (ticket > $1 OR (ticket = $1 AND target > $2))
			ORDER BY ticket, target LIMIT 500`, lastTicket, lastTarget)
		if err != nil {
			return n, err
		}
		for rs.Next() {
			var r ref
			if err := rs.Scan(&r.ticket, &r.target); err != nil {
				rs.Close()
				return n, err
			}
			batch = append(batch, r)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		lastTicket, lastTarget = batch[len(batch)-1].ticket, batch[len(batch)-1].target
		err = d.tx(ctx, func(tx TTx, q querier) error {
			for _, r := range batch {
				crs, err := d.load(ctx, q, old, r.ticket, r.target)
				if err != nil {
					return err
				}
				if len(crs) != 1 || crs[0].clock.State() != sla.Running || at.Before(crs[0].clock.Since()) {
					continue // changed meanwhile: it follows the new policy already
				}
				cr := &crs[0]
				// What the old calendar made observable by at is recorded.
				if err := d.record(ctx, q, r.ticket, cr, at, "retime"); err != nil {
					return err
				}
				_, c, err := retime([]byte(cr.text), old.codec, cfg.codec, at)
				if err != nil {
					return fmt.Errorf("ticket %q clock %s: %w", r.ticket, r.target, err)
				}
				cr.clock = c
				if err := d.save(ctx, tx, q, cfg, r.ticket, cr, 0); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
}

// describe is a one-line summary for logs.
func describe(fs []Firing) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s %s %s@%s", f.Ticket, f.Target, f.Kind, f.Name, f.Due.Format(time.RFC3339))
	}
	return b.String()
}
