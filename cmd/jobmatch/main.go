// Command jobmatch is the single binary of jobmatch: the web server and the
// maintenance tools (migrations, demo data, encoder training and evaluation,
// index benchmarks) as subcommands. It only wires packages together; the
// behaviour lives in the packages it calls.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand. It parses its own flags from args and writes
// human output to stdout; errors are returned, never printed, so main decides
// the exit code in one place.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands is the explicit table of subcommands; adding one means adding a line
// here and a file named after it.
var commands = map[string]command{
	"serve":          {"run the web server", runServe},
	"migrate":        {"apply or roll back database migrations (up|down|version)", runMigrate},
	"seed":           {"insert demo data (--demo)", runSeed},
	"train":          {"train the title encoder and export it to ONNX", runTrain},
	"eval":           {"evaluate a title encoder on every suite (JobBERT, noise, abbreviations, six languages)", runEval},
	"bench-index":    {"benchmark the filtered HNSW index against exact search", runBenchIndex},
	"calibrate":      {"choose the confidence band thresholds on labelled titles", runCalibrate},
	"bench-match":    {"load-test match requests over HTTP on scaled-up demo data", runBenchMatch},
	"bench-converge": {"measure how soon a write through one server is searchable on another", runBenchConverge},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "jobmatch:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError marks errors caused by how the command was called (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return usageError{"no subcommand given"}
		}
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return usageError{fmt.Sprintf("unknown subcommand %q", args[0])}
	}
	return cmd.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: jobmatch <subcommand> [flags]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'jobmatch <subcommand> -h' for its flags.")
}
