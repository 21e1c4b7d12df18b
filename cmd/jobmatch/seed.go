package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"jobmatch/demo"
	"jobmatch/encoder"
	"jobmatch/postgres"
)

// runSeed inserts the deterministic demo data set.
func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opt := demo.DefaultOptions
	useDemo := fs.Bool("demo", false, "insert the demo data set (required: it is the only data set)")
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL (env DATABASE_URL)")
	ifEmpty := fs.Bool("if-empty", false, "do nothing (successfully) when the database already has data")
	resetPasswords := fs.Bool("reset-demo-passwords", false, "give the demo accounts new passwords and print them (for make run)")
	force := fs.Bool("force", false, "add the demo data even when the database already has data")
	fs.Uint64Var(&opt.Seed, "seed", opt.Seed, "random seed; the same seed gives the same data")
	fs.IntVar(&opt.Vacancies, "vacancies", opt.Vacancies, "number of vacancies")
	fs.IntVar(&opt.Candidates, "candidates", opt.Candidates, "number of candidates")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*useDemo {
		return usageError{"seed needs --demo"}
	}
	if opt.Vacancies < 0 || opt.Candidates < 0 {
		return usageError{"-vacancies and -candidates must not be negative"}
	}
	if err := requireDatabaseURL(*dbURL); err != nil {
		return err
	}
	db, err := postgres.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	enc, err := encoder.Open(encoder.Config{})
	if err != nil {
		return err
	}
	defer enc.Close()
	start := time.Now()
	accounts, err := demo.Seed(ctx, db, enc, opt, *force)
	switch {
	case errors.Is(err, demo.ErrNotEmpty) && *ifEmpty:
		fmt.Fprintln(stdout, "demo data: the database already has data; leaving it as it is")
	case errors.Is(err, demo.ErrNotEmpty):
		return fmt.Errorf("%w; pass -force to add another demo set", err)
	case err != nil:
		return err
	default:
		fmt.Fprintf(stdout, "demo data: %d vacancies and %d candidates in %.1fs\n", opt.Vacancies, opt.Candidates, time.Since(start).Seconds())
	}
	if *resetPasswords {
		if accounts, err = demo.ResetPasswords(ctx, db); err != nil {
			return err
		}
	}
	if len(accounts) > 0 {
		fmt.Fprintln(stdout, "demo accounts (sign in at /signin; passwords change at every make run):")
		for _, a := range accounts {
			fmt.Fprintf(stdout, "  %-10s %-40s %s\n", a.Role, a.Email, a.Password)
		}
	}
	return nil
}
