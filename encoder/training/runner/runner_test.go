package runner_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"jobmatch/encoder/training/runner"
	"jobmatch/encoder/training/train"
	"jobmatch/matching"
)

// store records what a runner writes; its Decisions wait until the run is
// cancelled, so a run stays at its first stage until then.
type store struct {
	started   matching.TrainingRun
	startErr  error
	taken     atomic.Bool // the run's row is no longer the runner's
	reading   chan struct{}
	renewed   chan string // the server renewing
	finished  chan finish
	startedBy string
}

type finish struct{ server, stage, failure string }

func newStore() *store {
	return &store{started: matching.TrainingRun{ID: 7, Stage: "reading users' decisions"}, reading: make(chan struct{}, 1),
		renewed: make(chan string, 100), finished: make(chan finish, 1)}
}

func (s *store) Decisions(ctx context.Context) ([]matching.Decision, error) {
	s.reading <- struct{}{}
	<-ctx.Done()
	return nil, ctx.Err()
}

func (s *store) CurrentModel(context.Context) (matching.ModelVersion, error) {
	return matching.ModelVersion{}, matching.ErrNotFound
}

func (s *store) FinishTrainingRunWithModel(context.Context, int64, string, matching.Actor, *matching.ModelVersion) error {
	return errors.New("no model is trained here")
}

func (s *store) StartTrainingRun(_ context.Context, _ matching.Actor, server string, _ time.Duration, _ string) (matching.TrainingRun, error) {
	s.startedBy = server
	return s.started, s.startErr
}

func (s *store) RenewTrainingRun(_ context.Context, id int64, server string, _ time.Duration, _ string, _ float64) error {
	if id != s.started.ID {
		return fmt.Errorf("renewed run %d", id)
	}
	s.renewed <- server
	if s.taken.Load() {
		return fmt.Errorf("row taken: %w", matching.ErrNotFound)
	}
	return nil
}

func (s *store) FinishTrainingRun(_ context.Context, id int64, server, stage, _, failure string) error {
	if id == s.started.ID {
		s.finished <- finish{server, stage, failure}
	}
	return nil
}

func (s *store) TrainingRuns(context.Context, int) ([]matching.TrainingRun, error) { return nil, nil }

func (s *store) TrainingRun(context.Context, int64) (matching.TrainingRun, error) {
	return matching.TrainingRun{}, matching.ErrNotFound
}

// wait returns the next value of c, or fails the test after a minute.
func wait[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(time.Minute):
		t.Fatalf("no %s", what)
		panic("unreachable")
	}
}

// TestARunRenewsItsLeaseAndStopsWhenItsRowIsTaken: while it trains, a run
// renews its lease as the server that started it; once its row is no
// longer that server's (marked failed after the lease expired), it stops.
func TestARunRenewsItsLeaseAndStopsWhenItsRowIsTaken(t *testing.T) {
	s := newStore()
	rn := runner.New(s, t.TempDir(), train.DefaultOptions(), 30*time.Millisecond)
	t.Cleanup(rn.Close)
	if _, err := rn.Start(context.Background(), matching.System); err != nil {
		t.Fatal(err)
	}
	wait(t, s.reading, "run")
	if server := wait(t, s.renewed, "lease renewal"); server != s.startedBy {
		t.Errorf("renewed by %q, started by %q", server, s.startedBy)
	}
	s.taken.Store(true)
	if f := wait(t, s.finished, "end of the run"); f.stage != "failed" || f.server != s.startedBy {
		t.Errorf("end of a run whose row was taken: %+v", f)
	}
}

// TestClosingTheRunnerEndsItsRunFailed: a server that stops ends its run
// as failed, saying why, and starts no other.
func TestClosingTheRunnerEndsItsRunFailed(t *testing.T) {
	s := newStore()
	rn := runner.New(s, t.TempDir(), train.DefaultOptions(), time.Hour)
	if _, err := rn.Start(context.Background(), matching.System); err != nil {
		t.Fatal(err)
	}
	wait(t, s.reading, "run")
	rn.Close()
	if f := wait(t, s.finished, "end of the run"); f.stage != "failed" || f.failure != matching.TrainingServerStopped {
		t.Errorf("end of the run of a closed runner: %+v", f)
	}
	if _, err := rn.Start(context.Background(), matching.System); err == nil {
		t.Error("a closed runner started a run")
	}
}

// TestARunGoingOnElsewhereMakesStartBusy: the store's conflict (another
// unfinished run, on any server) is ErrBusy.
func TestARunGoingOnElsewhereMakesStartBusy(t *testing.T) {
	s := newStore()
	s.startErr = fmt.Errorf("start: %w", matching.ErrConflict)
	rn := runner.New(s, t.TempDir(), train.DefaultOptions(), time.Hour)
	t.Cleanup(rn.Close)
	if _, err := rn.Start(context.Background(), matching.System); !errors.Is(err, runner.ErrBusy) {
		t.Errorf("start while a run goes on elsewhere: %v", err)
	}
}
