package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"jobmatch/postgres"
)

// runMigrate applies (up), rolls back (down) or reports (version) the schema.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobmatch migrate [-database-url URL] up|down|version")
		fs.PrintDefaults()
	}
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL (env DATABASE_URL)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"migrate needs exactly one of: up, down, version"}
	}
	if err := requireDatabaseURL(*dbURL); err != nil {
		return err
	}
	m, err := postgres.NewMigrator(*dbURL)
	if err != nil {
		return err
	}
	defer m.Close()
	switch fs.Arg(0) {
	case "up":
		err = m.Up()
	case "down":
		err = m.Down()
	case "version":
	default:
		return usageError{fmt.Sprintf("unknown migrate action %q: use up, down or version", fs.Arg(0))}
	}
	if err != nil {
		return err
	}
	v, dirty, err := m.Version()
	if err != nil {
		return err
	}
	state := "clean"
	if dirty {
		state = "dirty: the last migration failed half-way; fix the database, then force the version"
	}
	fmt.Fprintf(stdout, "schema version %d (%s)\n", v, state)
	return nil
}
