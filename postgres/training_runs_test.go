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

// TestATrainingRunRecordsItsModelWithItsEndOrNotAtAll: a run that still
// holds its row records its model version and ends as recorded; one that
// lost its row (failed after its lease expired) records no model.
func TestATrainingRunRecordsItsModelWithItsEndOrNotAtAll(t *testing.T) {
	db, ctx := testDB.Open(t), context.Background()
	lost, err := db.StartTrainingRun(ctx, matching.System, "a", time.Microsecond, "training")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.TrainingRuns(ctx, 10); err != nil { // marks the expired run failed
		t.Fatal(err)
	}
	late := matching.ModelVersion{Version: "late@1", Manifest: []byte(`{}`), Dir: "/models/late"}
	if err := db.FinishTrainingRunWithModel(ctx, lost.ID, "a", matching.System, &late); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("a run that lost its row recorded its end: %v", err)
	}
	run, err := db.StartTrainingRun(ctx, matching.System, "b", time.Hour, "training")
	if err != nil {
		t.Fatal(err)
	}
	mv := matching.ModelVersion{Version: "fresh@2", Manifest: []byte(`{}`), Dir: "/models/fresh"}
	if err := db.FinishTrainingRunWithModel(ctx, run.ID, "b", matching.System, &mv); err != nil {
		t.Fatal(err)
	}
	versions, err := db.ModelVersions(ctx)
	if err != nil || len(versions) != 1 || versions[0].Version != "fresh@2" {
		t.Errorf("model versions: %+v, %v (want only the held run's)", versions, err)
	}
	if got, err := db.TrainingRun(ctx, run.ID); err != nil || !got.Done() || got.Version != "fresh@2" || got.Err != "" || got.Progress != 1 {
		t.Errorf("the run that recorded its model: %+v, %v", got, err)
	}
	if got, err := db.TrainingRun(ctx, lost.ID); err != nil || got.Version != "" || got.Err != matching.TrainingServerStopped {
		t.Errorf("the lost run: %+v, %v", got, err)
	}
}
