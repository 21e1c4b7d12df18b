package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"jobmatch/app"
	"jobmatch/auth"
	"jobmatch/demo"
	"jobmatch/encoder"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/web"
)

// runBenchMatch measures match requests over HTTP against the whole stack
// (Postgres, encoder, index, web) with the demo data scaled up: p50/p99
// latency and requests/s at each number of concurrent clients. Run it on a
// scratch database: it seeds one when it is empty.
func runBenchMatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench-match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL of a scratch database (env DATABASE_URL)")
	vacancies := fs.Int("vacancies", 100000, "vacancies to seed into an empty database")
	candidates := fs.Int("candidates", 50000, "candidates to seed into an empty database")
	clientsFlag := fs.String("clients", "1,32", "comma-separated numbers of concurrent clients")
	duration := fs.Duration("duration", 15*time.Second, "how long each client count runs")
	seed := fs.Uint64("seed", 1, "demo data seed")
	indexDirFlag := fs.String("index-dir", "", "keep index snapshots here between runs (default: a temporary directory, so every run rebuilds)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the load phases to this file")
	requestsOut := fs.String("requests-out", "", "write the workload's request paths to this file, one per line (for wrk), and exit")
	maxInFlight := fs.Int("max-in-flight", 0, "requests the server handles at once (0: its default, 2 per core)")
	target := fs.String("target", "", "base URL of servers already running on this database (such as the balancer of scripts/replicas.sh) to load, instead of a server started here")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *requestsOut != "" {
		enc, err := encoder.Open(encoder.Config{})
		if err != nil {
			return err
		}
		defer enc.Close()
		reqs, err := benchRequests(ctx, enc, *seed, *vacancies)
		if err != nil {
			return err
		}
		return os.WriteFile(*requestsOut, []byte(strings.Join(reqs, "\n")+"\n"), 0o644)
	}
	if err := requireDatabaseURL(*dbURL); err != nil {
		return err
	}
	var clients []int
	for _, s := range strings.Split(*clientsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return usageError{fmt.Sprintf("-clients: %q is not a positive number", s)}
		}
		clients = append(clients, n)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := app.Migrate(*dbURL); err != nil {
		return err
	}
	db, err := postgres.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if nv, _, err := db.Counts(ctx); err != nil {
		return err
	} else if nv == 0 {
		start := time.Now()
		if err := benchSeed(ctx, db, demo.Options{Seed: *seed, Vacancies: *vacancies, Candidates: *candidates}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "seed vacancies=%d candidates=%d seconds=%.1f\n", *vacancies, *candidates, time.Since(start).Seconds())
	}
	nv, nc, err := db.Counts(ctx)
	if err != nil {
		return err
	}

	token, err := benchToken(ctx, db)
	if err != nil {
		return err
	}
	if *target != "" {
		enc, err := encoder.Open(encoder.Config{})
		if err != nil {
			return err
		}
		reqs, err := benchRequests(ctx, enc, *seed, nv)
		enc.Close()
		if err != nil {
			return err
		}
		return runLoads(stdout, strings.TrimSuffix(*target, "/"), token, reqs, clients, *duration)
	}

	indexDir := *indexDirFlag
	if indexDir == "" {
		if indexDir, err = os.MkdirTemp("", "jobmatch-bench-index"); err != nil {
			return err
		}
		defer os.RemoveAll(indexDir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	start := time.Now()
	a, err := app.Open(ctx, app.Config{DatabaseURL: *dbURL, Engine: engine.Config{IndexDir: indexDir},
		Web: web.Config{Addr: ln.Addr().String(), ShutdownTimeout: time.Second, MaxInFlight: *maxInFlight}}, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer a.Close()
	fmt.Fprintf(stdout, "index vacancies=%d candidates=%d start_seconds=%.1f\n", nv, nc, time.Since(start).Seconds())
	srvCtx, stop := context.WithCancel(ctx)
	defer stop()
	go a.Serve(srvCtx, ln)
	base := "http://" + ln.Addr().String()

	reqs, err := benchRequests(ctx, a.Encoder, *seed, nv)
	if err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return runLoads(stdout, base, token, reqs, clients, *duration)
}

// runLoads runs the workload against base at each number of clients and
// prints a line per run.
func runLoads(stdout io.Writer, base, token string, reqs []string, clients []int, duration time.Duration) error {
	done := 0
	for _, n := range clients {
		r := loadTest(base, token, reqs, done, n, duration)
		done += r.n
		fmt.Fprintf(stdout, "bench-match clients=%d requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
			n, r.n, r.errors, float64(r.n)/duration.Seconds(), r.p(0.50), r.p(0.99))
		for _, cause := range slices.Sorted(maps.Keys(r.causes)) {
			e := r.causes[cause]
			fmt.Fprintf(stdout, "# clients=%d error=%q count=%d example=%q\n", n, cause, e.count, e.example)
		}
		kinds := slices.Sorted(maps.Keys(r.byKind))
		for _, k := range kinds {
			l := r.byKind[k]
			fmt.Fprintf(stdout, "# clients=%d kind=%s requests=%d p50_ms=%.2f p99_ms=%.2f\n", n, k, len(l), percentile(l, 0.50), percentile(l, 0.99))
		}
	}
	if done > len(reqs) {
		fmt.Fprintf(stdout, "# the runs sent %d requests, more than the workload's %d: later ones repeated earlier ones\n", done, len(reqs))
	}
	return nil
}

// benchSeed fills the empty database with demo data. The encoder it opens
// for that is closed before the application starts with its own.
func benchSeed(ctx context.Context, db *postgres.DB, opts demo.Options) error {
	enc, err := encoder.Open(encoder.Config{})
	if err != nil {
		return err
	}
	defer enc.Close()
	_, err = demo.Seed(ctx, db, enc, opts, false)
	return err
}

// benchRequests is the workload: candidate-side title searches with and
// without filters, and recruiter-side candidate searches for random
// vacancies. Enough requests, most of them distinct, that a run does not
// wrap around and in-memory caches see realistic hit rates (its size is in
// docs/matching.md). Titles the encoder cannot read are left out: the API
// answers them with a 422, which is right but measures nothing.
func benchRequests(ctx context.Context, enc demo.Encoder, seed uint64, vacancies int) ([]string, error) {
	d, _ := demo.Generate(demo.Options{Seed: seed + 1, Vacancies: 1, Candidates: 30000})
	titles := make([]string, len(d.Candidates))
	for i, c := range d.Candidates {
		titles[i] = c.DesiredTitle
	}
	vecs, err := enc.EncodeTitles(ctx, titles)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 7))
	var out []string
	for i, c := range d.Candidates {
		if vecs[i].IsZero() {
			continue
		}
		q := url.Values{"title": {c.DesiredTitle}}
		switch i % 4 {
		case 1:
			q.Set("country", string(c.Location.Country))
		case 2:
			q.Set("city", c.Location.City)
			q.Set("country", string(c.Location.Country))
			q.Set("radius_km", "50")
			q.Set("remote", "include")
		case 3:
			var langs []string
			for _, l := range c.Languages {
				langs = append(langs, string(l.Code)+":"+l.Level.String())
			}
			q.Set("languages", strings.Join(langs, ","))
		}
		out = append(out, "/api/v1/search/vacancies?"+q.Encode())
		out = append(out, fmt.Sprintf("/api/v1/vacancies/%d/candidates", 1+r.IntN(vacancies)))
	}
	return out, nil
}

func benchToken(ctx context.Context, db *postgres.DB) (string, error) {
	u := matching.User{Email: fmt.Sprintf("bench-%d@example.com", time.Now().UnixNano()), Role: matching.RoleAdmin, PasswordHash: "-"}
	if err := db.CreateUser(ctx, matching.System, &u); err != nil {
		return "", err
	}
	secret, err := auth.NewSecret(auth.APITokenPrefix)
	if err != nil {
		return "", err
	}
	t := matching.APIToken{UserID: u.ID, Name: "bench"}
	return secret, db.CreateAPIToken(ctx, u.Actor(), &t, auth.HashSecret(secret))
}

type loadResult struct {
	n, errors int
	lat       []time.Duration
	byKind    map[string][]time.Duration
	causes    map[string]benchError // failed requests by status code or transport error
}

// benchError counts one cause of failed requests and keeps the first
// request that failed so, with the start of its answer.
type benchError struct {
	count   int
	example string
}

// failure names why a request failed ("" when it did not): its status code
// with the start of the answer, or the transport error.
func failure(path string, resp *http.Response, body []byte, err error) (cause, example string) {
	switch {
	case err != nil:
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return "timeout", path
		}
		return "transport: " + err.Error(), path
	case resp.StatusCode != http.StatusOK:
		return fmt.Sprintf("status %d", resp.StatusCode), path + " -> " + string(body[:min(len(body), 200)])
	}
	return "", ""
}

// percentile returns the q-quantile of sorted latencies in milliseconds.
func percentile(lat []time.Duration, q float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
}

func (r loadResult) p(q float64) float64 { return percentile(r.lat, q) }

// requestKind names the kind of a workload request, for the per-kind lines.
func requestKind(path string) string {
	switch {
	case strings.Contains(path, "/candidates"):
		return "candidates"
	case strings.Contains(path, "radius_km="):
		return "radius"
	case strings.Contains(path, "languages="):
		return "languages"
	case strings.Contains(path, "country="):
		return "country"
	}
	return "title"
}

// loadTest runs clients closed-loop clients for d, each sending the next
// request as soon as the last one answered. They take requests in turn from
// reqs starting at start, so consecutive runs continue through the workload
// instead of repeating requests whose rows and vectors are already cached.
func loadTest(base, token string, reqs []string, start, clients int, d time.Duration) loadResult {
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	deadline := time.Now().Add(d)
	var next atomic.Int64
	next.Store(int64(start))
	var mu sync.Mutex
	res := loadResult{byKind: map[string][]time.Duration{}, causes: map[string]benchError{}}
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			byKind := map[string][]time.Duration{}
			causes := map[string]benchError{}
			errs := 0
			for time.Now().Before(deadline) {
				path := reqs[int(next.Add(1)-1)%len(reqs)]
				req, _ := http.NewRequest("GET", base+path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				t0 := time.Now()
				resp, err := client.Do(req)
				var body []byte
				if err == nil {
					body, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				kind := requestKind(path)
				byKind[kind] = append(byKind[kind], time.Since(t0))
				if cause, example := failure(path, resp, body, err); cause != "" {
					errs++
					e := causes[cause]
					if e.count++; e.example == "" {
						e.example = example
					}
					causes[cause] = e
				}
			}
			mu.Lock()
			for k, l := range byKind {
				res.byKind[k] = append(res.byKind[k], l...)
				res.lat = append(res.lat, l...)
			}
			res.errors += errs
			for k, e := range causes {
				all := res.causes[k]
				if all.count += e.count; all.example == "" {
					all.example = e.example
				}
				res.causes[k] = all
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(res.lat)
	for _, l := range res.byKind {
		slices.Sort(l)
	}
	res.n = len(res.lat)
	return res
}
