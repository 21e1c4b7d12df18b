package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"jobmatch/matching"
)

// TestOnlyOneTrainingRunIsUnfinishedAndOnlyItsServerWritesIt: a second
// start, from any server, is refused while a run is unfinished; only the
// server running it records its progress and its end, which every reader
// sees; then a new run may start.
func TestOnlyOneTrainingRunIsUnfinishedAndOnlyItsServerWritesIt(t *testing.T) {
	db, ctx := testDB.Open(t), context.Background()
	run, err := db.StartTrainingRun(ctx, matching.System, "a", time.Hour, "reading users' decisions")
	if err != nil || run.ID == 0 || run.Done() || run.Stage != "reading users' decisions" {
		t.Fatalf("start: %+v, %v", run, err)
	}
	if _, err := db.StartTrainingRun(ctx, matching.System, "b", time.Hour, "reading users' decisions"); !errors.Is(err, matching.ErrConflict) {
		t.Fatalf("a second run started while one runs: %v", err)
	}
	if err := db.RenewTrainingRun(ctx, run.ID, "a", time.Hour, "training", 0.25); err != nil {
		t.Fatal(err)
	}
	if err := db.RenewTrainingRun(ctx, run.ID, "b", time.Hour, "training", 0.5); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("another server wrote the run: %v", err)
	}
	if got, err := db.TrainingRun(ctx, run.ID); err != nil || got.Stage != "training" || got.Progress != 0.25 || got.Done() {
		t.Errorf("run while training: %+v, %v", got, err)
	}
	if err := db.FinishTrainingRun(ctx, run.ID, "a", "recorded as v1", "v1", ""); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishTrainingRun(ctx, run.ID, "a", "recorded as v2", "v2", ""); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("a finished run was finished again: %v", err)
	}
	if got, err := db.TrainingRun(ctx, run.ID); err != nil || !got.Done() || got.Version != "v1" || got.Progress != 1 || got.Err != "" {
		t.Errorf("finished run: %+v, %v", got, err)
	}
	next, err := db.StartTrainingRun(ctx, matching.System, "b", time.Hour, "reading users' decisions")
	if err != nil {
		t.Fatalf("a new run after the first ended: %v", err)
	}
	if err := db.FinishTrainingRun(ctx, next.ID, "b", "failed", "", "too few decisions"); err != nil {
		t.Fatal(err)
	}
	runs, err := db.TrainingRuns(ctx, 10)
	if err != nil || len(runs) != 2 || runs[0].ID != next.ID || runs[0].Err != "too few decisions" || runs[0].Progress != 0 || runs[1].ID != run.ID {
		t.Errorf("runs, newest first: %+v, %v", runs, err)
	}
	if _, err := db.TrainingRun(ctx, next.ID+1); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("an unknown run: %v", err)
	}
}

// TestATrainingRunWhoseLeaseExpiredIsReportedFailedAndANewOneMayStart: a
// run whose server stopped renewing its lease is failed, with the reason,
// by the next start or look; its server can no longer write it.
func TestATrainingRunWhoseLeaseExpiredIsReportedFailedAndANewOneMayStart(t *testing.T) {
	ctx := context.Background()
	for _, look := range []string{"start", "list", "lookup"} {
		t.Run("seen by "+look, func(t *testing.T) {
			db := testDB.Open(t)
			dead, err := db.StartTrainingRun(ctx, matching.System, "a", time.Microsecond, "reading users' decisions")
			if err != nil {
				t.Fatal(err)
			}
			var got matching.TrainingRun
			switch look {
			case "start":
				if _, err := db.StartTrainingRun(ctx, matching.System, "b", time.Hour, "reading users' decisions"); err != nil {
					t.Fatalf("a start after the lease expired: %v", err)
				}
				got, err = db.TrainingRun(ctx, dead.ID)
			case "list":
				var runs []matching.TrainingRun
				if runs, err = db.TrainingRuns(ctx, 10); len(runs) == 1 {
					got = runs[0]
				}
			case "lookup":
				got, err = db.TrainingRun(ctx, dead.ID)
			}
			if err != nil || !got.Done() || got.Stage != "failed" || got.Err != matching.TrainingServerStopped {
				t.Errorf("the expired run: %+v, %v", got, err)
			}
			if err := db.RenewTrainingRun(ctx, dead.ID, "a", time.Hour, "training", 0.5); !errors.Is(err, matching.ErrNotFound) {
				t.Errorf("the stopped server renewed its run: %v", err)
			}
			if err := db.FinishTrainingRun(ctx, dead.ID, "a", "recorded as v1", "v1", ""); !errors.Is(err, matching.ErrNotFound) {
				t.Errorf("the stopped server finished its run: %v", err)
			}
			if look != "start" {
				if _, err := db.StartTrainingRun(ctx, matching.System, "b", time.Hour, "reading users' decisions"); err != nil {
					t.Errorf("a new run after the failed one: %v", err)
				}
			}
		})
	}
}
