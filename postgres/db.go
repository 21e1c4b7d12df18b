// Package postgres is jobmatch's only SQL: it stores candidates, vacancies,
// users, exclusion rules and the audit log in Postgres, the source of truth.
// Every method takes ctx first and speaks matching's domain types.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"jobmatch/matching"
)

// DB is a connection pool with jobmatch's queries as methods.
type DB struct {
	pool *pgxpool.Pool
	// read is a streaming replica's pool for the rows of result pages
	// (records.go), nil without one.
	read *pgxpool.Pool
	now  func() time.Time
}

// Open connects to the database at url (a postgres:// URL) and checks that it
// answers, so a wrong DATABASE_URL fails at start, not at the first request.
func Open(ctx context.Context, url string) (*DB, error) {
	pool, err := connect(ctx, url, "DATABASE_URL")
	if err != nil {
		return nil, err
	}
	return &DB{pool: pool, now: time.Now}, nil
}

// OpenReadReplica connects the read pool to a streaming replica of the
// database at url; from then on result pages read their rows there.
func (db *DB) OpenReadReplica(ctx context.Context, url string) error {
	pool, err := connect(ctx, url, "the read replica's URL")
	if err != nil {
		return err
	}
	db.read = pool
	return nil
}

// connect opens a pool on url (named what in errors) and checks that the
// server answers.
func connect(ctx context.Context, url, what string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse %s: %w", what, err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		// pgx's default (max(4, CPUs)) queues concurrent requests on a
		// small machine; each request holds a connection only for short
		// queries, so more connections cost little. Set pool_max_conns in
		// DATABASE_URL to override.
		cfg.MaxConns = 20
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	return pool, nil
}

// Close releases all connections.
func (db *DB) Close() {
	db.pool.Close()
	if db.read != nil {
		db.read.Close()
	}
}

// Ping reports whether the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.pool.Ping(ctx) }

// inTx runs fn in a transaction, committing when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, fn)
}

// mapErr turns driver errors into domain errors: no rows → ErrNotFound,
// unique violations → ErrConflict. Other errors keep their context.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("postgres: %s: %w", op, matching.ErrNotFound)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return fmt.Errorf("postgres: %s: %w", op, matching.ErrConflict)
	}
	return fmt.Errorf("postgres: %s: %w", op, err)
}

var errUnknownEntity = errors.New("unknown entity")
