package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"time"

	"jobmatch/app"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/web"
)

// probeTitle is the title of the vacancies bench-converge writes: one at a
// time, so a search for it finds the newest first.
const probeTitle = "Convergence Probe Technician"

// runBenchConverge measures how soon a write through one server is
// searchable on another on the same database: it starts two applications
// (each with its own connections, listener and index, as two replicas
// have), creates vacancies through the first and polls the second's index
// until each is found, then deletes it and polls until it is gone. Run it
// on a scratch database.
func runBenchConverge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench-converge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL of a scratch database (env DATABASE_URL)")
	writes := fs.Int("writes", 1000, "vacancies to create (and delete again) through the first server")
	syncEvery := fs.Duration("sync-every", time.Second, "the servers' fallback catch-up poll interval")
	pollEvery := fs.Duration("poll-every", time.Millisecond, "how often the second server is searched for a write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireDatabaseURL(*dbURL); err != nil {
		return err
	}
	if *writes < 1 || *syncEvery <= 0 || *pollEvery <= 0 {
		return usageError{"bench-converge: -writes, -sync-every and -poll-every must be positive"}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := app.Migrate(*dbURL); err != nil {
		return err
	}
	open := func() (*app.App, error) {
		return app.Open(ctx, app.Config{DatabaseURL: *dbURL, Engine: engine.Config{SyncEvery: *syncEvery},
			Web: web.Config{Addr: "127.0.0.1:0", ShutdownTimeout: time.Second}}, log)
	}
	writer, err := open()
	if err != nil {
		return err
	}
	defer writer.Close()
	reader, err := open()
	if err != nil {
		return err
	}
	defer reader.Close()

	var created, deleted []time.Duration
	for i := 0; i < *writes; i++ {
		v, err := matching.VacancyInput{Title: probeTitle, Employer: "Bench", Remote: true}.Vacancy()
		if err != nil {
			return err
		}
		if err := writer.Engine.SaveVacancy(ctx, matching.System, &v); err != nil {
			return err
		}
		lag, err := awaitSearchable(ctx, reader.Engine, v.ID, true, *pollEvery)
		if err != nil {
			return err
		}
		created = append(created, lag)
		if err := writer.Engine.DeleteVacancy(ctx, matching.System, v.ID); err != nil {
			return err
		}
		if lag, err = awaitSearchable(ctx, reader.Engine, v.ID, false, *pollEvery); err != nil {
			return err
		}
		deleted = append(deleted, lag)
	}
	host, _ := os.Hostname()
	fmt.Fprintf(stdout, "# bench-converge writes=%d sync_every=%s poll_every=%s host=%s\n", *writes, *syncEvery, *pollEvery, host)
	for _, r := range []struct {
		what string
		lag  []time.Duration
	}{{"create", created}, {"delete", deleted}} {
		slices.Sort(r.lag)
		fmt.Fprintf(stdout, "bench-converge write=%s n=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", r.what, len(r.lag),
			percentile(r.lag, 0.50), percentile(r.lag, 0.90), percentile(r.lag, 0.99), percentile(r.lag, 1))
	}
	return nil
}

// awaitSearchable searches e for the probe title until vacancy id is among
// the results (found) or not (!found), and returns how long that took from
// the call, which follows the write's acknowledgement.
func awaitSearchable(ctx context.Context, e *engine.Engine, id int64, found bool, every time.Duration) (time.Duration, error) {
	start := time.Now()
	deadline := start.Add(time.Minute)
	for {
		res, err := e.SearchPositions(ctx, engine.PositionQuery{Title: probeTitle, Paging: engine.Paging{Page: 1, PerPage: 5}})
		if err != nil {
			return 0, err
		}
		if slices.ContainsFunc(res.Matches, func(m engine.VacancyMatch) bool { return m.Vacancy.ID == id }) == found {
			return time.Since(start), nil
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("bench-converge: vacancy %d not converged after a minute", id)
		}
		time.Sleep(every)
	}
}
