package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"jobmatch/encoder"
	"jobmatch/encoder/dataset"
	"jobmatch/encoder/evaluate"
)

// runEval scores an encoder (or the TF-IDF baseline) on the JobBERT job-title
// normalisation task and prints one line:
// eval n=<N> mrr=<x> r1=<x> r5=<x> r10=<x>. Confidence diagnostics go to
// stderr so scripts can parse stdout.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := dataset.Dir()
	titles := fs.String("titles", filepath.Join(dir, dataset.JobBERTValFile), "CSV with vacancyTitle and conceptUri columns")
	occs := fs.String("occupations", filepath.Join(dir, dataset.ESCOOccupationsFile), "ESCO occupations CSV")
	model := fs.String("model", "", "model directory (empty: the model built into this binary)")
	baseline := fs.String("baseline", "", "score a baseline instead of the encoder: tfidf (character 3-grams)")
	workers := fs.Int("workers", 2, "goroutines for ranking")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("eval: unexpected arguments %q", fs.Args())}
	}
	val, err := dataset.LoadLabeledTitles(*titles)
	if err != nil {
		return err
	}
	esco, err := dataset.LoadESCO(*occs)
	if err != nil {
		return err
	}
	switch *baseline {
	case "":
	case "tfidf":
		m, err := evaluate.TFIDFJobBERT(val, esco, *workers)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, m)
		return nil
	default:
		return usageError{fmt.Sprintf("eval: unknown baseline %q (want tfidf)", *baseline)}
	}
	enc, err := encoder.Open(encoder.Config{ModelDir: *model})
	if err != nil {
		return err
	}
	defer enc.Close()
	rep, err := evaluate.JobBERT(ctx, enc, val, esco, *workers)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rep.Metrics)
	fmt.Fprintf(stderr, "model %s: r1 of the more confident half %.4f, less confident half %.4f; %d unreadable titles\n",
		enc.Version(), rep.ConfidentHalfR1, rep.UnsureHalfR1, rep.Unreadable)
	return nil
}
