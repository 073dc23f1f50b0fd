package main

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
)

// schema is the one schema of both databases: tickets, the JSON of each
// stored clock with its scheduling state, the outbox, and the replay cursor.
// Instants are Unix nanoseconds, which both databases store exactly.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS sladesk_tickets (
		id        TEXT PRIMARY KEY,
		opened_ns BIGINT NOT NULL,
		tags      TEXT NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS sladesk_clocks (
		ticket     TEXT NOT NULL,
		target     TEXT NOT NULL,
		clock      TEXT NOT NULL,   -- the stored clock, as JSON
		covered_ns BIGINT NOT NULL, -- firings up to here are in the outbox
		fire_ns    BIGINT,          -- when the next firing is observable; NULL when none
		gen        BIGINT NOT NULL, -- bumped at every reschedule; a job of an older gen does nothing
		job_id     BIGINT,          -- the one live River job of this clock
		PRIMARY KEY (ticket, target)
	)`,
	`CREATE INDEX IF NOT EXISTS sladesk_clocks_fire ON sladesk_clocks (fire_ns)`,
	`CREATE TABLE IF NOT EXISTS sladesk_outbox (
		ticket   TEXT NOT NULL,
		target   TEXT NOT NULL,
		cycle    INTEGER NOT NULL,
		kind     TEXT NOT NULL,
		name     TEXT NOT NULL,
		due_ns   BIGINT NOT NULL,
		fired_by TEXT NOT NULL, -- "job[:client]", or "event" when the event that followed caught it up
		PRIMARY KEY (ticket, target, cycle, kind, name)
	)`,
	`CREATE TABLE IF NOT EXISTS sladesk_cursor (
		source TEXT PRIMARY KEY,
		seq    BIGINT NOT NULL
	)`,
}

// A querier runs statements inside one transaction, whichever the driver.
type querier interface {
	exec(ctx context.Context, q string, args ...any) error
	queryRow(ctx context.Context, q string, args ...any) row
	query(ctx context.Context, q string, args ...any) (rows, error)
}

type row interface{ Scan(dest ...any) error }

type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// errNoRows is returned by a row's Scan when the query found nothing.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) || errors.Is(err, pgx.ErrNoRows) }

type sqlQ struct {
	tx interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
		QueryRowContext(context.Context, string, ...any) *sql.Row
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}
}

func (q sqlQ) exec(ctx context.Context, s string, args ...any) error {
	_, err := q.tx.ExecContext(ctx, s, args...)
	return err
}
func (q sqlQ) queryRow(ctx context.Context, s string, args ...any) row {
	return q.tx.QueryRowContext(ctx, s, args...)
}
func (q sqlQ) query(ctx context.Context, s string, args ...any) (rows, error) {
	r, err := q.tx.QueryContext(ctx, s, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{r}, nil
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

type pgxQ struct{ tx pgx.Tx }

func (q pgxQ) exec(ctx context.Context, s string, args ...any) error {
	_, err := q.tx.Exec(ctx, s, args...)
	return err
}
func (q pgxQ) queryRow(ctx context.Context, s string, args ...any) row {
	return q.tx.QueryRow(ctx, s, args...)
}
func (q pgxQ) query(ctx context.Context, s string, args ...any) (rows, error) {
	r, err := q.tx.Query(ctx, s, args...)
	if err != nil {
		return nil, err
	}
	return r, nil
}
