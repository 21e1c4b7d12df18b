package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"jobmatch/app"
)

// envOr returns the environment variable name, or def when it is unset, so
// every flag can also be set from the environment (Docker, CI).
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// requireDatabaseURL checks the database URL from flags or DATABASE_URL.
func requireDatabaseURL(url string) error {
	if err := app.ValidateDatabaseURL(url); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// logFlags are the logging settings every long-running subcommand takes.
type logFlags struct {
	format, level string
}

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.format, "log-format", envOr("JOBMATCH_LOG_FORMAT", "text"), "log format: text or json (env JOBMATCH_LOG_FORMAT)")
	fs.StringVar(&l.level, "log-level", envOr("JOBMATCH_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env JOBMATCH_LOG_LEVEL)")
}

func (l *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(l.level)); err != nil {
		return nil, usageError{fmt.Sprintf("log level %q: use debug, info, warn or error", l.level)}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch l.format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageError{fmt.Sprintf("log format %q: use text or json", l.format)}
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 && fs.Name() != "migrate" {
		return usageError{fmt.Sprintf("unexpected arguments: %s", strings.Join(fs.Args(), " "))}
	}
	return nil
}
