// Package pgtest gives each test package its own real Postgres database:
// created and migrated once in TestMain, truncated between tests, dropped at
// the end. The server comes from DATABASE_URL, which `make test` points at a
// private cluster it starts; no SQL is mocked.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"jobmatch/postgres"
)

// Database is one test package's database.
type Database struct {
	URL   string // connection URL of the package's database
	admin string // URL of the server's maintenance database
	name  string
}

// Create makes a fresh database named jobmatch_test_<name> on the server in
// DATABASE_URL, applies all migrations, and returns it. It fails with a clear
// message when DATABASE_URL is unset, because these tests need a real server.
func Create(name string) (*Database, error) {
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		return nil, fmt.Errorf("pgtest: DATABASE_URL is not set; run `make test` (it starts a private Postgres) or point DATABASE_URL at a server where this user may create databases")
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("pgtest: parse DATABASE_URL: %w", err)
	}
	db := &Database{name: "jobmatch_test_" + strings.ToLower(name)}
	u.Path = "/postgres"
	db.admin = u.String()
	u.Path = "/" + db.name
	db.URL = u.String()

	ctx := context.Background()
	if err := db.adminExec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{db.name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return nil, err
	}
	if err := db.adminExec(ctx, "CREATE DATABASE "+pgx.Identifier{db.name}.Sanitize()); err != nil {
		return nil, err
	}
	m, err := postgres.NewMigrator(db.URL)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	if err := m.Up(); err != nil {
		return nil, err
	}
	return db, nil
}

// Main is a TestMain body: it creates the package database, runs the tests
// with run(db), drops the database, and exits with the tests' code.
func Main(m *testing.M, name string, run func(db *Database) int) {
	db, err := Create(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := run(db)
	if err := db.Drop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}

func (db *Database) adminExec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, db.admin)
	if err != nil {
		return fmt.Errorf("pgtest: connect to %s: %w", db.admin, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("pgtest: %s: %w", sql, err)
	}
	return nil
}

// Drop removes the package database.
func (db *Database) Drop() error {
	return db.adminExec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{db.name}.Sanitize()+" WITH (FORCE)")
}

// Open connects to the package database and truncates every table, so each
// test starts empty; the connection is closed when the test ends.
func (db *Database) Open(t testing.TB) *postgres.DB {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db.URL)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`)
	if err != nil {
		t.Fatalf("pgtest: list tables: %v", err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("pgtest: list tables: %v", err)
	}
	if len(tables) > 0 {
		ids := make([]string, len(tables))
		for i, name := range tables {
			ids[i] = pgx.Identifier{name}.Sanitize()
		}
		if _, err := conn.Exec(ctx, "TRUNCATE "+strings.Join(ids, ", ")+" RESTART IDENTITY CASCADE"); err != nil {
			t.Fatalf("pgtest: truncate: %v", err)
		}
	}
	pdb, err := postgres.Open(ctx, db.URL)
	if err != nil {
		t.Fatalf("pgtest: open: %v", err)
	}
	t.Cleanup(pdb.Close)
	return pdb
}
