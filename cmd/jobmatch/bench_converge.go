package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"jobmatch/app"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/web"
)

// probeTitle is the title of the vacancies bench-converge writes: one at a
// time, so a search for it finds the newest first.
const probeTitle = "Convergence Probe Technician"

// runBenchConverge measures how soon a write through one server is
// searchable on another on the same database: it creates vacancies through
// the first server and searches the others until each is found, then
// deletes it and searches until it is gone. By default it starts two
// applications in this process (each with its own connections, listener
// and index, as two replicas have); with -targets it does the same through
// the HTTP API of servers already running (scripts/replicas.sh). Run it on
// a scratch database.
func runBenchConverge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench-converge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL of a scratch database (env DATABASE_URL)")
	writes := fs.Int("writes", 1000, "vacancies to create (and delete again) through the first server")
	syncEvery := fs.Duration("sync-every", time.Second, "the servers' fallback catch-up poll interval (in-process servers)")
	pollEvery := fs.Duration("poll-every", time.Millisecond, "how often the other servers are searched for a write")
	targets := fs.String("targets", "", "comma-separated base URLs of running servers on this database: writes go through the first, the others are searched")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireDatabaseURL(*dbURL); err != nil {
		return err
	}
	if *writes < 1 || *syncEvery <= 0 || *pollEvery <= 0 {
		return usageError{"bench-converge: -writes, -sync-every and -poll-every must be positive"}
	}
	var (
		w   convergeWriter
		err error
	)
	if *targets != "" {
		urls := strings.Split(*targets, ",")
		if len(urls) < 2 {
			return usageError{"bench-converge: -targets needs at least two servers: one to write through, one to search"}
		}
		w, err = httpConverge(ctx, *dbURL, urls)
	} else {
		var closeAll func()
		w, closeAll, err = inProcessConverge(ctx, *dbURL, *syncEvery, stderr)
		if closeAll != nil {
			defer closeAll()
		}
	}
	if err != nil {
		return err
	}
	var created, deleted []time.Duration
	for i := 0; i < *writes; i++ {
		id, err := w.create(ctx)
		if err != nil {
			return err
		}
		lag, err := awaitConverged(ctx, w, id, true, *pollEvery)
		if err != nil {
			return err
		}
		created = append(created, lag)
		if err := w.delete(ctx, id); err != nil {
			return err
		}
		if lag, err = awaitConverged(ctx, w, id, false, *pollEvery); err != nil {
			return err
		}
		deleted = append(deleted, lag)
	}
	host, _ := os.Hostname()
	fmt.Fprintf(stdout, "# bench-converge writes=%d sync_every=%s poll_every=%s targets=%q host=%s\n", *writes, *syncEvery, *pollEvery, *targets, host)
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

// convergeWriter writes probe vacancies through one server and searches
// for them on the others.
type convergeWriter struct {
	create func(ctx context.Context) (int64, error)
	delete func(ctx context.Context, id int64) error
	// found reports whether reader i's search for the probe title lists id.
	found   func(ctx context.Context, reader int, id int64) (bool, error)
	readers int
}

// inProcessConverge opens two applications on dbURL in this process.
func inProcessConverge(ctx context.Context, dbURL string, syncEvery time.Duration, stderr io.Writer) (convergeWriter, func(), error) {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := app.Migrate(dbURL); err != nil {
		return convergeWriter{}, nil, err
	}
	open := func() (*app.App, error) {
		return app.Open(ctx, app.Config{DatabaseURL: dbURL, Engine: engine.Config{SyncEvery: syncEvery},
			Web: web.Config{Addr: "127.0.0.1:0", ShutdownTimeout: time.Second}}, log)
	}
	writer, err := open()
	if err != nil {
		return convergeWriter{}, nil, err
	}
	reader, err := open()
	if err != nil {
		writer.Close()
		return convergeWriter{}, nil, err
	}
	closeAll := func() { reader.Close(); writer.Close() }
	return convergeWriter{
		create: func(ctx context.Context) (int64, error) {
			v, err := matching.VacancyInput{Title: probeTitle, Employer: "Bench", Remote: true}.Vacancy()
			if err != nil {
				return 0, err
			}
			err = writer.Engine.SaveVacancy(ctx, matching.System, &v)
			return v.ID, err
		},
		delete: func(ctx context.Context, id int64) error {
			return writer.Engine.DeleteVacancy(ctx, matching.System, id)
		},
		found: func(ctx context.Context, _ int, id int64) (bool, error) {
			res, err := reader.Engine.SearchPositions(ctx, engine.PositionQuery{Title: probeTitle, Paging: engine.Paging{Page: 1, PerPage: 5}})
			if err != nil {
				return false, err
			}
			return slices.ContainsFunc(res.Matches, func(m engine.VacancyMatch) bool { return m.Vacancy.ID == id }), nil
		},
		readers: 1,
	}, closeAll, nil
}

// httpConverge writes through the JSON API of urls[0] and searches the
// others, with an API token it creates in the database.
func httpConverge(ctx context.Context, dbURL string, urls []string) (convergeWriter, error) {
	db, err := postgres.Open(ctx, dbURL)
	if err != nil {
		return convergeWriter{}, err
	}
	token, err := benchToken(ctx, db)
	db.Close()
	if err != nil {
		return convergeWriter{}, err
	}
	for i := range urls {
		urls[i] = strings.TrimSuffix(strings.TrimSpace(urls[i]), "/")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	call := func(ctx context.Context, method, target, body string, want int, out any) error {
		req, err := http.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != want {
			b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
			return fmt.Errorf("bench-converge: %s %s: %s: %s", method, target, resp.Status, b)
		}
		if out == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			return err
		}
		return json.NewDecoder(resp.Body).Decode(out)
	}
	search := "/api/v1/search/vacancies?" + url.Values{"title": {probeTitle}, "per_page": {"5"}}.Encode()
	return convergeWriter{
		create: func(ctx context.Context) (int64, error) {
			var v struct{ ID int64 }
			body := fmt.Sprintf(`{"title":%q,"employer":"Bench","remote":true}`, probeTitle)
			err := call(ctx, http.MethodPost, urls[0]+"/api/v1/vacancies", body, http.StatusCreated, &v)
			return v.ID, err
		},
		delete: func(ctx context.Context, id int64) error {
			return call(ctx, http.MethodDelete, fmt.Sprintf("%s/api/v1/vacancies/%d", urls[0], id), "", http.StatusNoContent, nil)
		},
		found: func(ctx context.Context, reader int, id int64) (bool, error) {
			var res struct {
				Items []struct {
					Vacancy struct{ ID int64 }
				}
			}
			if err := call(ctx, http.MethodGet, urls[1+reader]+search, "", http.StatusOK, &res); err != nil {
				return false, err
			}
			return slices.ContainsFunc(res.Items, func(it struct{ Vacancy struct{ ID int64 } }) bool { return it.Vacancy.ID == id }), nil
		},
		readers: len(urls) - 1,
	}, nil
}

// awaitConverged searches every reader for the probe title until vacancy
// id is among the results (found) or not (!found) on all of them, and
// returns how long that took from the call, which follows the write's
// acknowledgement.
func awaitConverged(ctx context.Context, w convergeWriter, id int64, found bool, every time.Duration) (time.Duration, error) {
	start := time.Now()
	deadline := start.Add(time.Minute)
	for r := 0; r < w.readers; {
		ok, err := w.found(ctx, r, id)
		if err != nil {
			return 0, err
		}
		if ok == found {
			r++
			continue
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("bench-converge: vacancy %d not converged after a minute", id)
		}
		time.Sleep(every)
	}
	return time.Since(start), nil
}
