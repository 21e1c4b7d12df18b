package engine_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"jobmatch/importer"
	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// TestAnImportJobWhoseWorkerDiedIsResumedByAnother: a started import whose
// worker died (its lease expired unrenewed) is run by the next engine's
// worker, which writes and indexes every row once.
func TestAnImportJobWhoseWorkerDiedIsResumedByAnother(t *testing.T) {
	f := newFixture(t)
	e := engine.New(engine.Config{SyncEvery: time.Hour, ImportLease: 200 * time.Millisecond, EfSearch: 64},
		slog.New(slog.NewTextHandler(io.Discard, nil)), testEnc, f.db)
	rep, err := importer.Parse(importer.Vacancies, strings.NewReader("external_id,title,employer,city,country\n"+
		"a1,Registered Nurse,Charité,Berlin,DE\na2,Truck Driver,Logistik AG,Hamburg,DE\na3,Go Developer,Acme,Munich,DE\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.PrepareImport(f.ctx, &rep); err != nil {
		t.Fatal(err)
	}
	job, err := e.CheckedImport(f.ctx, matching.System, "jobs.csv", rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.QueueImportJob(f.ctx, job.ID, "req-1"); err != nil {
		t.Fatal(err)
	}
	// A worker on another replica claims it and dies before renewing.
	if _, _, _, err := f.db.ClaimImportJob(f.ctx, "dead-replica", time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	eventually.True(t, func() bool {
		job, err = e.ImportJob(f.ctx, job.ID)
		if err != nil {
			t.Fatal(err)
		}
		return job.Finished()
	}, "the job to be taken over and finished")
	if job.State != importer.JobDone || job.Created != 3 || job.Skipped != 0 || job.Done != 3 {
		t.Fatalf("job = %+v, want done with 3 created", job)
	}
	if n, _, _ := f.db.Counts(f.ctx); n != 3 {
		t.Errorf("%d vacancies, want the file's 3 once", n)
	}
	// The job ends when its rows commit; the index applies them just after.
	eventually.True(t, func() bool {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Truck Driver", Paging: page(5)})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total == 3 && res.Matches[0].Vacancy.Title == "Truck Driver"
	}, "the imported rows to be searchable")
}
