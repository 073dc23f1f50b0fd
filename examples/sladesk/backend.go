package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// Desk is the service over a database: sladesk's operations, whichever the
// driver.
type Desk interface {
	// Apply applies one event in one transaction. An event whose seq is not
	// after the last one applied is skipped (applied is false).
	Apply(ctx context.Context, ev Event) (applied bool, err error)
	// Pending counts clocks with a firing observable at or before t.
	Pending(ctx context.Context, t time.Time) (int, error)
	// Outbox lists every firing recorded.
	Outbox(ctx context.Context) ([]Firing, error)
	// Retime moves every open clock to a new policy's calendars at an
	// instant and reschedules its job.
	Retime(ctx context.Context, p Policy, at time.Time) (int, error)
	// SetNow sets the simulated clock (replay mode).
	SetNow(t time.Time)
	// Start starts working jobs; Stop stops, letting running jobs finish.
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	// Close releases the database.
	Close()
}

// Options configure Open.
type Options struct {
	Policy  Policy
	Workers int  // jobs worked at once by this process; 0 for an insert-only client
	Sim     bool // replay mode: River reads the simulated clock set by SetNow
	// Clock, when set with Sim, is a simulated clock shared with other desks
	// (several workers of one replay); nil gives the desk its own.
	Clock *SimClock
	ID    string // this client's name in River's job rows (attempted_by); default: River's
}

// Open connects to dsn: a postgres:// or postgresql:// URL for PostgreSQL,
// otherwise a SQLite file path or ":memory:". It creates the schema and
// River's tables when they are missing.
func Open(ctx context.Context, dsn string, opt Options) (Desk, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn, opt)
	}
	return openSQLite(ctx, dsn, opt)
}

func (d *desk[TTx]) configure(p Policy) error {
	cfg, err := newConfig(p)
	if err != nil {
		return err
	}
	d.cfg.Store(cfg)
	return nil
}

func simFor(opt Options) *SimClock {
	if opt.Clock != nil {
		return opt.Clock
	}
	return &SimClock{}
}

func (d *desk[TTx]) SetNow(t time.Time)              { d.sim.set(t) }
func (d *desk[TTx]) Start(ctx context.Context) error { return d.client.Start(ctx) }
func (d *desk[TTx]) Stop(ctx context.Context) error  { return d.client.Stop(ctx) }

func riverConfig[TTx any](d *desk[TTx], opt Options) *river.Config {
	workers := river.NewWorkers()
	river.AddWorker(workers, &fireWorker[TTx]{d: d})
	cfg := &river.Config{
		Workers:              workers,
		FetchCooldown:        5 * time.Millisecond,
		FetchPollInterval:    20 * time.Millisecond,
		JobTimeout:           time.Minute,
		RescueStuckJobsAfter: 2 * time.Minute,
		MaxAttempts:          1000, // a job retries until it fires; snoozes do not count
		Logger:               quietLogger(),
	}
	if opt.Workers > 0 {
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opt.Workers}}
	}
	if opt.Sim {
		cfg.Test.Time = d.sim
	}
	cfg.ID = opt.ID
	d.id = "job"
	if opt.ID != "" {
		d.id = "job:" + opt.ID
	}
	return cfg
}

type sqliteDesk struct {
	*desk[*sql.Tx]
	db *sql.DB
}

func (s sqliteDesk) Close() { _ = s.db.Close() }

func openSQLite(ctx context.Context, path string, opt Options) (Desk, error) {
	dsn := path
	if path == ":memory:" {
		dsn = "file::memory:?cache=shared"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// River's advice for SQLite: one open connection, so that its own
	// operations and ours never meet SQLITE_BUSY.
	db.SetMaxOpenConns(1)
	for _, pragma := range []string{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=10000"} {
		if _, err := db.ExecContext(ctx, pragma); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite %s: %w", pragma, err)
		}
	}
	driver := riversqlite.New(db)
	if err := migrate(ctx, driver, sqlQ{db}); err != nil {
		db.Close()
		return nil, err
	}
	d := &desk[*sql.Tx]{
		sim: simFor(opt),
		begin: func(ctx context.Context) (*sql.Tx, querier, error) {
			tx, err := db.BeginTx(ctx, nil)
			return tx, sqlQ{tx}, err
		},
		commit:   func(_ context.Context, tx *sql.Tx) error { return tx.Commit() },
		rollback: func(_ context.Context, tx *sql.Tx) error { return tx.Rollback() },
		complete: func(ctx context.Context, tx *sql.Tx, job *river.Job[fireArgs]) error {
			_, err := river.JobCompleteTx[*riversqlite.Driver](ctx, tx, job)
			return err
		},
		read: sqlQ{db},
	}
	if err := d.configure(opt.Policy); err != nil {
		db.Close()
		return nil, err
	}
	client, err := river.NewClient(driver, riverConfig(d, opt))
	if err != nil {
		db.Close()
		return nil, err
	}
	d.client = client
	return sqliteDesk{desk: d, db: db}, nil
}

type pgDesk struct {
	*desk[pgx.Tx]
	pool *pgxpool.Pool
}

func (p pgDesk) Close() { p.pool.Close() }

type poolQ struct{ p *pgxpool.Pool }

func (q poolQ) exec(ctx context.Context, s string, args ...any) error {
	_, err := q.p.Exec(ctx, s, args...)
	return err
}
func (q poolQ) queryRow(ctx context.Context, s string, args ...any) row {
	return q.p.QueryRow(ctx, s, args...)
}
func (q poolQ) query(ctx context.Context, s string, args ...any) (rows, error) {
	r, err := q.p.Query(ctx, s, args...)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func openPostgres(ctx context.Context, url string, opt Options) (Desk, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	driver := riverpgxv5.New(pool)
	if err := migrate(ctx, driver, poolQ{pool}); err != nil {
		pool.Close()
		return nil, err
	}
	d := &desk[pgx.Tx]{
		sim: simFor(opt), forUpdate: " FOR UPDATE",
		begin: func(ctx context.Context) (pgx.Tx, querier, error) {
			tx, err := pool.Begin(ctx)
			return tx, pgxQ{tx}, err
		},
		commit:   func(ctx context.Context, tx pgx.Tx) error { return tx.Commit(ctx) },
		rollback: func(ctx context.Context, tx pgx.Tx) error { return tx.Rollback(ctx) },
		complete: func(ctx context.Context, tx pgx.Tx, job *river.Job[fireArgs]) error {
			_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
			return err
		},
		read: poolQ{pool},
	}
	if err := d.configure(opt.Policy); err != nil {
		pool.Close()
		return nil, err
	}
	client, err := river.NewClient(driver, riverConfig(d, opt))
	if err != nil {
		pool.Close()
		return nil, err
	}
	d.client = client
	return pgDesk{desk: d, pool: pool}, nil
}

// migrate brings River's tables up to date and creates sladesk's own.
func migrate[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], q querier) error {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	for _, s := range schema {
		if err := q.exec(ctx, s); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	return nil
}
