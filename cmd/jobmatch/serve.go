package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"jobmatch/encoder"
	"jobmatch/esco"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/web"
)

// runServe starts the web server and blocks until ctx is cancelled (SIGINT or
// SIGTERM), then shuts down gracefully.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := web.Config{}
	var dbURL string
	var logs logFlags
	var migrate bool
	var modelDir, ortLib, indexDir, escoFile string
	fs.StringVar(&cfg.Addr, "addr", envOr("JOBMATCH_ADDR", "localhost:8080"), "listen address (env JOBMATCH_ADDR); use :8080 to listen on all interfaces")
	fs.StringVar(&dbURL, "database-url", envOr("DATABASE_URL", ""), "Postgres URL (env DATABASE_URL)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "time in-flight requests get at shutdown")
	fs.BoolVar(&cfg.SecureCookies, "secure-cookies", envOr("JOBMATCH_SECURE_COOKIES", "") == "true", "mark cookies Secure; set when served over HTTPS (env JOBMATCH_SECURE_COOKIES=true)")
	maxInFlight := fs.String("max-in-flight", envOr("JOBMATCH_MAX_IN_FLIGHT", "0"), "reads (GET, HEAD) handled at once, the rest wait their turn; 0: 2 per core (env JOBMATCH_MAX_IN_FLIGHT)")
	trustedProxies := fs.String("trusted-proxies", envOr("JOBMATCH_TRUSTED_PROXIES", ""), "comma-separated CIDR ranges of reverse proxies whose X-Forwarded-For names the client (env JOBMATCH_TRUSTED_PROXIES); empty: the connection's address is the client's")
	fs.BoolVar(&migrate, "migrate", envOr("JOBMATCH_MIGRATE", "") == "true", "apply pending migrations before serving (env JOBMATCH_MIGRATE=true)")
	fs.StringVar(&modelDir, "model-dir", envOr("JOBMATCH_MODEL_DIR", ""), "title encoder model directory (env JOBMATCH_MODEL_DIR); empty: the model built into the binary")
	fs.StringVar(&ortLib, "onnxruntime-lib", envOr("ONNXRUNTIME_LIB", ""), "ONNX Runtime shared library (env ONNXRUNTIME_LIB); empty: the cache filled by make")
	fs.StringVar(&indexDir, "index-dir", envOr("JOBMATCH_INDEX_DIR", ".cache/index"), "where vector index snapshots are kept (env JOBMATCH_INDEX_DIR); empty: rebuild from Postgres at every start")
	fs.StringVar(&escoFile, "esco-occupations", envOr("JOBMATCH_ESCO_OCCUPATIONS", ""), "ESCO occupations CSV (esco_occupations_en.csv) whose ISCO groups colour the title map (env JOBMATCH_ESCO_OCCUPATIONS); empty: no ISCO colours")
	logs.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := logs.logger(stderr)
	if err != nil {
		return err
	}
	if err := requireDatabaseURL(dbURL); err != nil {
		return err
	}
	if cfg.MaxInFlight, err = strconv.Atoi(*maxInFlight); err != nil {
		return usageError{fmt.Sprintf("-max-in-flight (env JOBMATCH_MAX_IN_FLIGHT): %q is not a whole number", *maxInFlight)}
	}
	if cfg.TrustedProxies, err = web.ParseTrustedProxies(*trustedProxies); err != nil {
		return usageError{"-trusted-proxies (env JOBMATCH_TRUSTED_PROXIES): " + err.Error()}
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	if migrate {
		if err := migrateUp(dbURL); err != nil {
			return err
		}
	}
	db, err := postgres.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	enc, err := encoder.Open(encoder.Config{ModelDir: modelDir, LibraryPath: ortLib})
	if err != nil {
		return err
	}
	defer enc.Close()
	log.Info("title encoder loaded", "model", enc.Version(), "dim", enc.Dim())
	engCfg := engine.Config{IndexDir: indexDir}
	if escoFile != "" {
		if engCfg.Occupations, err = esco.LoadOccupations(escoFile); err != nil {
			return usageError{"-esco-occupations (env JOBMATCH_ESCO_OCCUPATIONS): " + err.Error()}
		}
	}
	eng := engine.New(engCfg, log, enc, db)
	if err := eng.Start(ctx); err != nil {
		return err
	}
	defer func() {
		if err := eng.Close(); err != nil {
			log.Error("saving the index snapshot failed; the next start replays or rebuilds", "error", err.Error())
		}
	}()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	fmt.Fprintf(stdout, "jobmatch is serving on http://%s (Ctrl-C to stop)\n", displayAddr(ln.Addr()))
	return web.New(cfg, log, db, eng).Serve(ctx, ln)
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() || ip.IsLoopback() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
