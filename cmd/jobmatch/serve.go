package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"jobmatch/app"
	"jobmatch/encoder/training/train"
	"jobmatch/esco"
	"jobmatch/web"
)

// runServe starts the web server and blocks until ctx is cancelled (SIGINT or
// SIGTERM), then shuts down gracefully.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg app.Config
	var logs logFlags
	fs.StringVar(&cfg.Web.Addr, "addr", envOr("JOBMATCH_ADDR", "localhost:8080"), "listen address (env JOBMATCH_ADDR); use :8080 to listen on all interfaces")
	fs.StringVar(&cfg.DatabaseURL, "database-url", envOr("DATABASE_URL", ""), "Postgres URL (env DATABASE_URL)")
	fs.StringVar(&cfg.DatabaseReadURL, "database-read-url", envOr("JOBMATCH_DATABASE_READ_URL", ""), "streaming replica of the database from which result pages read their rows (env JOBMATCH_DATABASE_READ_URL); empty: the primary")
	fs.DurationVar(&cfg.Web.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "time in-flight requests get at shutdown")
	fs.BoolVar(&cfg.Web.SecureCookies, "secure-cookies", envOr("JOBMATCH_SECURE_COOKIES", "") == "true", "mark cookies Secure; set when served over HTTPS (env JOBMATCH_SECURE_COOKIES=true)")
	maxInFlight := fs.String("max-in-flight", envOr("JOBMATCH_MAX_IN_FLIGHT", "0"), "reads (GET, HEAD) handled at once, the rest wait their turn; 0: 2 per core (env JOBMATCH_MAX_IN_FLIGHT)")
	trustedProxies := fs.String("trusted-proxies", envOr("JOBMATCH_TRUSTED_PROXIES", ""), "comma-separated CIDR ranges of reverse proxies whose X-Forwarded-For names the client (env JOBMATCH_TRUSTED_PROXIES); empty: the connection's address is the client's")
	fs.BoolVar(&cfg.Migrate, "migrate", envOr("JOBMATCH_MIGRATE", "") == "true", "apply pending migrations before serving (env JOBMATCH_MIGRATE=true)")
	fs.StringVar(&cfg.Encoder.ModelDir, "model-dir", envOr("JOBMATCH_MODEL_DIR", ""), "title encoder model directory (env JOBMATCH_MODEL_DIR); empty: the model built into the binary")
	fs.StringVar(&cfg.Encoder.LibraryPath, "onnxruntime-lib", envOr("ONNXRUNTIME_LIB", ""), "ONNX Runtime shared library (env ONNXRUNTIME_LIB); empty: the cache filled by make")
	fs.StringVar(&cfg.Engine.IndexDir, "index-dir", envOr("JOBMATCH_INDEX_DIR", ".cache/index"), "where vector index snapshots are kept (env JOBMATCH_INDEX_DIR); empty: rebuild from Postgres at every start")
	fs.StringVar(&cfg.ModelsDir, "models-dir", envOr("JOBMATCH_MODELS_DIR", ".cache/models"), "where models trained from the admins' model page are written (env JOBMATCH_MODELS_DIR); empty: no training from the page")
	escoFile := fs.String("esco-occupations", envOr("JOBMATCH_ESCO_OCCUPATIONS", ""), "ESCO occupations CSV (esco_occupations_en.csv) whose ISCO groups colour the title map (env JOBMATCH_ESCO_OCCUPATIONS); empty: no ISCO colours")
	logs.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := logs.logger(stderr)
	if err != nil {
		return err
	}
	if err := requireDatabaseURL(cfg.DatabaseURL); err != nil {
		return err
	}
	if cfg.Web.MaxInFlight, err = strconv.Atoi(*maxInFlight); err != nil {
		return usageError{fmt.Sprintf("-max-in-flight (env JOBMATCH_MAX_IN_FLIGHT): %q is not a whole number", *maxInFlight)}
	}
	if cfg.Web.TrustedProxies, err = web.ParseTrustedProxies(*trustedProxies); err != nil {
		return usageError{"-trusted-proxies (env JOBMATCH_TRUSTED_PROXIES): " + err.Error()}
	}
	cfg.Training = train.DefaultOptions()
	cfg.Training.Workers = 1 // the other core keeps serving while a model trains
	if *escoFile != "" {
		if cfg.Engine.Occupations, err = esco.LoadOccupations(*escoFile); err != nil {
			return usageError{"-esco-occupations (env JOBMATCH_ESCO_OCCUPATIONS): " + err.Error()}
		}
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()

	ln, err := net.Listen("tcp", cfg.Web.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Web.Addr, err)
	}
	fmt.Fprintf(stdout, "jobmatch is serving on http://%s (Ctrl-C to stop)\n", displayAddr(ln.Addr()))
	return a.Serve(ctx, ln)
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
