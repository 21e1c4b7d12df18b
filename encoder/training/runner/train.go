package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/train"
	"jobmatch/matching"
)

// train fine-tunes the current model on the users' decisions, reporting to
// p, and returns the exported result as a model version to record.
func (rn *Runner) train(ctx context.Context, r matching.TrainingRun, p *progress) (matching.ModelVersion, error) {
	ds, err := rn.store.Decisions(ctx)
	if err != nil {
		return matching.ModelVersion{}, err
	}
	split, err := dataset.SplitByTime(dataset.Judgements(ds), dataset.FeedbackHeldOutShare)
	if err != nil {
		return matching.ModelVersion{}, err
	}
	if len(split.Train) == 0 || len(split.HeldOut) == 0 {
		return matching.ModelVersion{}, fmt.Errorf("%d decisions recorded: too few to train on and hold out", len(ds))
	}
	o := rn.opts
	// A run fine-tunes the model the servers run, and is compared with it:
	// that is the model a promotion would replace.
	cur, err := rn.store.CurrentModel(ctx)
	if err != nil && !errors.Is(err, matching.ErrNotFound) {
		return matching.ModelVersion{}, err
	}
	if o.Start, err = train.LoadStart(cur.Dir); err != nil {
		return matching.ModelVersion{}, err
	}
	o.Baseline = cur.Dir
	// Training is nine tenths of a run, evaluating and exporting the rest.
	o.OnProgress = func(done float64) { p.set(0.9 * done) }
	p.setStage("training")
	res, err := train.Run(ctx, o, &split, io.Discard)
	if err != nil {
		return matching.ModelVersion{}, err
	}
	name := "jobmatch-title-feedback-" + r.StartedAt.UTC().Format("20060102-150405")
	dir := filepath.Join(rn.dir, name)
	p.setStage("evaluating and exporting")
	if err := train.Export(ctx, res, dir, name, true, io.Discard); err != nil {
		return matching.ModelVersion{}, err
	}
	data, err := os.ReadFile(filepath.Join(dir, encoder.ManifestFile))
	if err != nil {
		return matching.ModelVersion{}, err
	}
	m, err := encoder.ParseManifest(data)
	if err != nil {
		return matching.ModelVersion{}, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return matching.ModelVersion{}, err
	}
	return matching.ModelVersion{Version: m.Version(), Manifest: data, Dir: abs}, nil
}
