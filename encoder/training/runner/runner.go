// Package runner trains title-encoder model versions in the background from
// the users' decisions, for the admins' model page: one run at a time, its
// progress readable while it runs, the result recorded as a model version
// the admins can compare and promote. A run fine-tunes the current model.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/train"
	"jobmatch/matching"
)

// Store is what a run reads and records (*postgres.DB).
type Store interface {
	Decisions(ctx context.Context) ([]matching.Decision, error)
	CurrentModel(ctx context.Context) (matching.ModelVersion, error)
	RegisterModel(ctx context.Context, actor matching.Actor, m *matching.ModelVersion) error
}

// ErrBusy is returned by Start while a run is going on.
var ErrBusy = errors.New("runner: a model is already being trained")

// Runner starts training runs and keeps their status.
type Runner struct {
	store Store
	dir   string // each run writes its model into a directory below it
	opts  train.Options

	mu   sync.Mutex
	runs []*Run
}

// New returns a runner that trains with opts and writes models below dir.
func New(store Store, dir string, opts train.Options) *Runner {
	return &Runner{store: store, dir: dir, opts: opts}
}

// Run is one training run.
type Run struct {
	ID      int
	Started time.Time

	mu       sync.Mutex
	progress float64 // 0 to 1
	stage    string
	err      error
	done     bool
	version  string
}

// Status is a run as the model page shows it.
type Status struct {
	ID       int
	Started  time.Time
	Progress float64
	Stage    string
	Done     bool
	Err      string
	Version  string // the model version recorded, once done
}

// Status reports how far the run is.
func (r *Run) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Status{ID: r.ID, Started: r.Started, Progress: r.progress, Stage: r.stage, Done: r.done, Version: r.version}
	if r.err != nil {
		s.Err = r.err.Error()
	}
	return s
}

// Start begins a run in the background for actor, or returns ErrBusy.
func (rn *Runner) Start(actor matching.Actor) (*Run, error) {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	for _, r := range rn.runs {
		if !r.Status().Done {
			return nil, ErrBusy
		}
	}
	r := &Run{ID: len(rn.runs) + 1, Started: time.Now(), stage: "reading users' decisions"}
	rn.runs = append(rn.runs, r)
	go rn.run(context.Background(), actor, r)
	return r, nil
}

// Runs lists the runs since the server started, newest first.
func (rn *Runner) Runs() []*Run {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	out := make([]*Run, len(rn.runs))
	for i, r := range rn.runs {
		out[len(rn.runs)-1-i] = r
	}
	return out
}

// Lookup returns run id.
func (rn *Runner) Lookup(id int) (*Run, bool) {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	if id < 1 || id > len(rn.runs) {
		return nil, false
	}
	return rn.runs[id-1], true
}

func (rn *Runner) run(ctx context.Context, actor matching.Actor, r *Run) {
	version, err := rn.train(ctx, actor, r)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done, r.err, r.version = true, err, version
	if err == nil {
		r.progress, r.stage = 1, "recorded as "+version
	} else {
		r.stage = "failed"
	}
}

func (rn *Runner) train(ctx context.Context, actor matching.Actor, r *Run) (string, error) {
	ds, err := rn.store.Decisions(ctx)
	if err != nil {
		return "", err
	}
	split, err := dataset.SplitByTime(dataset.Judgements(ds), dataset.FeedbackHeldOutShare)
	if err != nil {
		return "", err
	}
	if len(split.Train) == 0 || len(split.HeldOut) == 0 {
		return "", fmt.Errorf("%d decisions recorded: too few to train on and hold out", len(ds))
	}
	o := rn.opts
	// A run fine-tunes the model the servers run, and is compared with it:
	// that is the model a promotion would replace.
	cur, err := rn.store.CurrentModel(ctx)
	if err != nil && !errors.Is(err, matching.ErrNotFound) {
		return "", err
	}
	if o.Start, err = train.LoadStart(cur.Dir); err != nil {
		return "", err
	}
	o.Baseline = cur.Dir
	// Training is nine tenths of a run, evaluating and exporting the rest.
	o.OnProgress = func(done float64) { r.setProgress(0.9 * done) }
	r.setStage("training")
	res, err := train.Run(ctx, o, &split, io.Discard)
	if err != nil {
		return "", err
	}
	name := "jobmatch-title-feedback-" + r.Started.UTC().Format("20060102-150405")
	dir := filepath.Join(rn.dir, name)
	r.setStage("evaluating and exporting")
	if err := train.Export(ctx, res, dir, name, true, io.Discard); err != nil {
		return "", err
	}
	data, err := os.ReadFile(filepath.Join(dir, encoder.ManifestFile))
	if err != nil {
		return "", err
	}
	m, err := encoder.ParseManifest(data)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	mv := matching.ModelVersion{Version: m.Version(), Manifest: data, Dir: abs}
	return mv.Version, rn.store.RegisterModel(ctx, actor, &mv)
}

func (r *Run) setStage(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stage = s
}

func (r *Run) setProgress(p float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress = p
}
