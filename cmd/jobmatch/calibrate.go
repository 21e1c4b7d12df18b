package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/matching/engine"
	"jobmatch/vectorstore"
)

// runCalibrate chooses the high/medium/low band thresholds on labelled data:
// JobBERT vacancy titles against ESCO preferred labels, as in `jobmatch eval`.
// It prints the table to paste into engine.DefaultBands.
func runCalibrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("calibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := dataset.Dir()
	titles := fs.String("titles", filepath.Join(dir, dataset.JobBERTValFile), "labelled titles (vacancyTitle, conceptUri)")
	occupations := fs.String("occupations", filepath.Join(dir, dataset.ESCOOccupationsFile), "ESCO occupations CSV")
	modelDir := fs.String("model", "", "model directory (default: the shipped model)")
	highP := fs.Float64("high-precision", 0.7, "precision of the top match required for the high band")
	mediumP := fs.Float64("medium-precision", 0.4, "precision required between the medium and high thresholds")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	labelled, err := dataset.LoadLabeledTitles(*titles)
	if err != nil {
		return err
	}
	occs, err := dataset.LoadESCO(*occupations)
	if err != nil {
		return err
	}
	enc, err := encoder.Open(encoder.Config{ModelDir: *modelDir})
	if err != nil {
		return err
	}
	defer enc.Close()

	labels := make([]string, len(occs))
	index := map[string]int{}
	for i, o := range occs {
		labels[i], index[o.URI] = o.Preferred, i
	}
	lv, err := enc.EncodeTitles(ctx, labels)
	if err != nil {
		return err
	}
	qs := make([]string, len(labelled))
	for i, l := range labelled {
		qs[i] = l.Title
	}
	qv, err := enc.EncodeTitles(ctx, qs)
	if err != nil {
		return err
	}
	rows := make([][]float32, len(lv))
	for i, v := range lv {
		rows[i] = v.Vector
		if rows[i] == nil {
			rows[i] = make([]float32, enc.Dim())
		}
	}
	scores := make([]float32, len(rows))
	var judged []engine.Judged
	for i, q := range qv {
		target, ok := index[labelled[i].ConceptURI]
		if !ok || q.IsZero() {
			continue
		}
		vectorstore.DotBatch(q.Vector, rows, scores)
		best := 0
		for j, s := range scores {
			if s > scores[best] {
				best = j
			}
		}
		judged = append(judged, engine.Judged{Score: enc.Score(scores[best]), Correct: best == target, Confidence: q.Confidence})
	}
	c := engine.Calibrate(judged, *highP, *mediumP)
	fmt.Fprintf(stdout, "calibrate model=%s queries=%d high=%.2f medium=%.2f min_confidence=%.2f\n",
		enc.Version(), c.Queries, c.Bands.High, c.Bands.Medium, c.Bands.MinConfidence)
	fmt.Fprintf(stdout, "band high:   %5.1f%% of queries, top match right %5.1f%%\n", 100*c.HighShare, 100*c.HighPrecision)
	fmt.Fprintf(stdout, "band medium: %5.1f%% of queries, top match right %5.1f%%\n", 100*c.MediumShare, 100*c.MediumPrecision)
	fmt.Fprintf(stdout, "band low:    %5.1f%% of queries, top match right %5.1f%%\n", 100*(1-c.HighShare-c.MediumShare), 100*c.LowPrecision)
	return nil
}
