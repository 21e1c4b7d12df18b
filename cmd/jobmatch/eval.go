package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/evaluate"
)

// runEval scores an encoder (or the TF-IDF baseline).
//
// Without -titles and -occupations it runs the evaluation suites (see
// docs/encoder.md) on the shared data and prints one line per suite:
// eval suite=<name> n=<N> mrr=<x> r1=<x> r5=<x> r10=<x> [...] tfidf_mrr=<x> tfidf_r10=<x>.
//
// With either flag it scores the single JobBERT-format task of those files
// and prints one line as it always has: eval n=<N> mrr=<x> r1=<x> r5=<x> r10=<x>.
//
// With -feedback it scores the held-out users' decisions in Postgres instead
// (the newest share by time, as `train -feedback` holds them out) and prints
// one line: feedback lists=<N> ... p10=<x> mrr=<x> pair_order=<x>.
// Confidence diagnostics go to stderr so scripts can parse stdout.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := dataset.Dir()
	titles := fs.String("titles", filepath.Join(dir, dataset.JobBERTValFile), "CSV with vacancyTitle and conceptUri columns (given with or without -occupations: score only this file, in the old one-line format)")
	occs := fs.String("occupations", filepath.Join(dir, dataset.ESCOOccupationsFile), "ESCO occupations CSV, any language (see -titles)")
	model := fs.String("model", "", "model directory (empty: the model built into this binary)")
	baseline := fs.String("baseline", "", "score a baseline instead of the encoder: tfidf (character 3-grams)")
	suites := fs.String("suites", "", "comma-separated suites to run (default all: "+strings.Join(evaluate.AllSuites(), ",")+")")
	workers := fs.Int("workers", 2, "goroutines for ranking")
	feedback := fs.Bool("feedback", false, "score the held-out users' decisions in Postgres (-database-url) instead of the suites")
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL for -feedback (env DATABASE_URL)")
	holdOut := fs.Float64("feedback-holdout", dataset.FeedbackHeldOutShare, "share of the newest decisions held out, as in train -feedback")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("eval: unexpected arguments %q", fs.Args())}
	}
	if *feedback {
		return evalFeedback(ctx, *dbURL, *holdOut, *model, stdout)
	}
	if *baseline != "" && *baseline != "tfidf" {
		return usageError{fmt.Sprintf("eval: unknown baseline %q (want tfidf)", *baseline)}
	}
	single := false
	fs.Visit(func(f *flag.Flag) { single = single || f.Name == "titles" || f.Name == "occupations" })
	if single {
		if *suites != "" {
			return usageError{"eval: -suites runs the built-in suites; it cannot be combined with -titles/-occupations"}
		}
		return evalFiles(ctx, *titles, *occs, *model, *baseline, *workers, stdout, stderr)
	}
	var names []string
	if *suites != "" {
		for n := range strings.SplitSeq(*suites, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	return evalSuites(ctx, dir, names, *model, *baseline, *workers, stdout, stderr)
}

// evalSuites runs the named suites (all when empty) with the encoder and the
// TF-IDF baseline, or with the baseline alone when baseline is "tfidf".
func evalSuites(ctx context.Context, dir string, names []string, model, baseline string, workers int, stdout, stderr io.Writer) error {
	for _, n := range names {
		if !slices.Contains(evaluate.AllSuites(), n) {
			return usageError{fmt.Sprintf("eval: unknown suite %q (have %s)", n, strings.Join(evaluate.AllSuites(), ","))}
		}
	}
	start := time.Now()
	data, err := evaluate.LoadSuiteData(dir)
	if err != nil {
		return err
	}
	if data.MissingMultilingual != "" && wantsMultilingual(names) {
		fmt.Fprintf(stderr, "eval: %s is missing: skipping the multilingual suites (ml-*)\n", data.MissingMultilingual)
	}
	fmt.Fprintf(stderr, "eval: suite data loaded in %.1f s\n", time.Since(start).Seconds())
	var res []evaluate.SuiteResult
	if baseline == "" {
		enc, err := encoder.Open(encoder.Config{ModelDir: model})
		if err != nil {
			return err
		}
		defer enc.Close()
		start = time.Now()
		if res, err = evaluate.Suites(ctx, enc, data, names, workers); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "eval: model %s: suites in %.1f s\n", enc.Version(), time.Since(start).Seconds())
	}
	start = time.Now()
	tf, err := evaluate.TFIDFSuites(data, names, workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "eval: TF-IDF baseline in %.1f s\n", time.Since(start).Seconds())
	if baseline == "tfidf" {
		for _, r := range tf {
			fmt.Fprintln(stdout, r.Format(nil))
		}
		return nil
	}
	for i, r := range res {
		fmt.Fprintln(stdout, r.Format(&tf[i]))
		if r.Suite == evaluate.SuiteMLMean || r.Suite == evaluate.SuiteMLEnMean {
			continue
		}
		fmt.Fprintf(stderr, "eval: suite=%s r1 of the more confident half %.4f, less confident half %.4f; %d unreadable; %.1f s",
			r.Suite, r.ConfidentHalfR1, r.UnsureHalfR1, r.Unreadable, r.Elapsed.Seconds())
		if r.Skipped > 0 {
			fmt.Fprintf(stderr, "; %d held-out labels skipped (occupation without a candidate label)", r.Skipped)
		}
		fmt.Fprintln(stderr)
	}
	return nil
}

// evalFeedback scores a model on the held-out decisions.
func evalFeedback(ctx context.Context, dbURL string, holdOut float64, model string, stdout io.Writer) error {
	fb, err := loadFeedback(ctx, dbURL, holdOut)
	if err != nil {
		return err
	}
	enc, err := encoder.Open(encoder.Config{ModelDir: model})
	if err != nil {
		return err
	}
	defer enc.Close()
	m, err := evaluate.FeedbackEncoded(ctx, enc, fb.HeldOut)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, m)
	return nil
}

func wantsMultilingual(names []string) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if strings.HasPrefix(n, "ml-") {
			return true
		}
	}
	return false
}

// evalFiles scores one JobBERT-format titles file against one ESCO-format
// occupations file: the interface external users run on their own held-out
// data, so its output must not change.
func evalFiles(ctx context.Context, titles, occs, model, baseline string, workers int, stdout, stderr io.Writer) error {
	val, err := dataset.LoadLabeledTitles(titles)
	if err != nil {
		return err
	}
	esco, err := dataset.LoadESCO(occs)
	if err != nil {
		return err
	}
	if baseline == "tfidf" {
		m, err := evaluate.TFIDFJobBERT(val, esco, workers)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, m)
		return nil
	}
	enc, err := encoder.Open(encoder.Config{ModelDir: model})
	if err != nil {
		return err
	}
	defer enc.Close()
	rep, err := evaluate.JobBERT(ctx, enc, val, esco, workers)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rep.Metrics)
	fmt.Fprintf(stderr, "model %s: r1 of the more confident half %.4f, less confident half %.4f; %d unreadable titles\n",
		enc.Version(), rep.ConfidentHalfR1, rep.UnsureHalfR1, rep.Unreadable)
	return nil
}
