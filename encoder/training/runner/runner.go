// Package runner trains title-encoder model versions in the background from
// the users' decisions, for the admins' model page: one run at a time
// across all servers, the result recorded as a model version the admins can
// compare and promote. A run fine-tunes the current model.
//
// Runs are rows in Postgres, so any server shows a run's progress and the
// list of runs. The server training a run holds a lease on its row and
// renews it while it writes the run's progress; a run whose server died is
// reported failed once its lease expires, and is not resumed: training is
// minutes of CPU, and an admin can simply start it again.
package runner

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	"jobmatch/encoder/training/train"
	"jobmatch/internal/lease"
	"jobmatch/matching"
)

// Store is what a run reads and records (*postgres.DB).
type Store interface {
	Decisions(ctx context.Context) ([]matching.Decision, error)
	CurrentModel(ctx context.Context) (matching.ModelVersion, error)

	StartTrainingRun(ctx context.Context, actor matching.Actor, server string, lease time.Duration, stage string) (matching.TrainingRun, error)
	RenewTrainingRun(ctx context.Context, id int64, server string, lease time.Duration, stage string, progress float64) error
	FinishTrainingRun(ctx context.Context, id int64, server, stage, version, failure string) error
	FinishTrainingRunWithModel(ctx context.Context, id int64, server string, actor matching.Actor, m *matching.ModelVersion) error
	TrainingRuns(ctx context.Context, limit int) ([]matching.TrainingRun, error)
	TrainingRun(ctx context.Context, id int64) (matching.TrainingRun, error)
}

// ErrBusy is returned by Start while a run is going on, on any server.
var ErrBusy = errors.New("runner: a model is already being trained")

// DefaultLease is how long a run stays this server's without a renewal:
// how soon, after a server died, its run is reported failed.
const DefaultLease = 30 * time.Second

// Runner starts training runs on this server and reads every server's runs.
type Runner struct {
	store  Store
	dir    string // each run writes its model into a directory below it
	opts   train.Options
	server string // names this server in the runs' leases
	lease  time.Duration

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	mu     sync.Mutex // guards closed and adding to runs
	closed bool
	runs   sync.WaitGroup
}

// New returns a runner that trains with opts and writes models below dir.
// A run holds a lease of DefaultLease, or of d when it is positive.
func New(store Store, dir string, opts train.Options, d time.Duration) *Runner {
	if d <= 0 {
		d = DefaultLease
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{store: store, dir: dir, opts: opts, server: lease.Holder(), lease: d, ctx: ctx, cancel: cancel}
}

// Close stops this server's run, which ends failed, and waits for it.
func (rn *Runner) Close() {
	rn.mu.Lock()
	rn.closed = true
	rn.mu.Unlock()
	rn.cancel()
	rn.runs.Wait()
}

// Start begins a run in the background for actor, or returns ErrBusy.
func (rn *Runner) Start(ctx context.Context, actor matching.Actor) (matching.TrainingRun, error) {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	if rn.closed {
		return matching.TrainingRun{}, errors.New("runner: closed")
	}
	r, err := rn.store.StartTrainingRun(ctx, actor, rn.server, rn.lease, "reading users' decisions")
	if errors.Is(err, matching.ErrConflict) {
		return r, ErrBusy
	}
	if err != nil {
		return r, err
	}
	rn.runs.Add(1)
	go rn.run(actor, r)
	return r, nil
}

// Runs lists the newest limit runs of every server, newest first.
func (rn *Runner) Runs(ctx context.Context, limit int) ([]matching.TrainingRun, error) {
	return rn.store.TrainingRuns(ctx, limit)
}

// Lookup returns run id, whichever server runs it, or matching.ErrNotFound.
func (rn *Runner) Lookup(ctx context.Context, id int64) (matching.TrainingRun, error) {
	return rn.store.TrainingRun(ctx, id)
}

// run trains r while a heartbeat writes its progress to its row and renews
// its lease, then records how it ended.
func (rn *Runner) run(actor matching.Actor, r matching.TrainingRun) {
	defer rn.runs.Done()
	ctx, cancel := context.WithCancel(rn.ctx)
	defer cancel()
	p := &progress{stage: r.Stage}
	heartbeat := make(chan struct{})
	go func() {
		defer close(heartbeat)
		rn.heartbeat(ctx, cancel, r.ID, p)
	}()
	mv, err := rn.train(ctx, r, p)
	cancel()
	<-heartbeat
	finishCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err == nil {
		// The model is recorded with the run's end, or not at all when the
		// run lost its row (marked failed after its lease expired).
		err = rn.store.FinishTrainingRunWithModel(finishCtx, r.ID, rn.server, actor, &mv)
		if errors.Is(err, matching.ErrNotFound) {
			_ = os.RemoveAll(mv.Dir)
			return
		}
		if err == nil {
			return
		}
	}
	failure := err.Error()
	if rn.ctx.Err() != nil {
		failure = matching.TrainingServerStopped
	}
	// A run that lost its row has nothing left to record.
	_ = rn.store.FinishTrainingRun(finishCtx, r.ID, rn.server, "failed", "", failure)
}
