package runner

import (
	"context"
	"errors"
	"sync"
	"time"

	"jobmatch/matching"
)

// progressEvery is the most often a run writes its progress to its row.
const progressEvery = time.Second

// progress is a run's stage and share done, set by the training and
// written to the run's row by the heartbeat.
type progress struct {
	mu      sync.Mutex
	stage   string
	value   float64 // 0 to 1
	changed bool
}

func (p *progress) setStage(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage, p.changed = s, true
}

func (p *progress) set(v float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.value, p.changed = v, true
}

func (p *progress) touch() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.changed = true
}

// take returns the stage and value and whether they changed since the last take.
func (p *progress) take() (string, float64, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	changed := p.changed
	p.changed = false
	return p.stage, p.value, changed
}

// heartbeat writes p to run id's row when it changed, at most every
// progressEvery, and renews the lease at least every third of it; it
// cancels the run when the row is no longer this server's.
func (rn *Runner) heartbeat(ctx context.Context, cancel context.CancelFunc, id int64, p *progress) {
	t := time.NewTicker(max(min(progressEvery, rn.lease/3), time.Millisecond))
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		stage, value, changed := p.take()
		if !changed && time.Since(last) < rn.lease/3 {
			continue
		}
		err := rn.store.RenewTrainingRun(ctx, id, rn.server, rn.lease, stage, value)
		if errors.Is(err, matching.ErrNotFound) {
			cancel()
			return
		}
		if err == nil {
			last = time.Now()
		} else {
			p.touch() // write it again at the next tick
		}
	}
}
