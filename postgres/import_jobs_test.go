package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"jobmatch/importer"
	"jobmatch/matching"
	"jobmatch/postgres"
)

// queuedJob stores a queued import job of n vacancies with import keys.
func queuedJob(t *testing.T, db *postgres.DB, id string, n int) {
	t.Helper()
	rep := importer.Report{Kind: importer.Vacancies, Rows: n}
	for i := range n {
		v := vacancyFixture(t, "Nurse", "Berlin", "DE", false)
		v.ImportKey = fmt.Sprintf("%s:%d", id, i)
		rep.Vacancies, rep.RowOf = append(rep.Vacancies, v), append(rep.RowOf, i+2)
	}
	ctx := context.Background()
	if err := db.CreateImportJob(ctx, matching.System, importer.Job{ID: id, File: id + ".csv"}, rep); err != nil {
		t.Fatal(err)
	}
	if err := db.QueueImportJob(ctx, id, "req-1"); err != nil {
		t.Fatal(err)
	}
}

// TestAnExpiredImportLeasePassesToAnotherWorkerAndOnlyItCommits: a worker
// whose lease expired can neither renew it nor commit the job, and the
// worker that took over writes every row once.
func TestAnExpiredImportLeasePassesToAnotherWorkerAndOnlyItCommits(t *testing.T) {
	db, ctx := testDB.Open(t), context.Background()
	queuedJob(t, db, "job1", 3)
	job, rep, _, err := db.ClaimImportJob(ctx, "a", time.Hour)
	if err != nil || job.ID != "job1" || job.State != importer.JobRunning || len(rep.Vacancies) != 3 || job.RequestID != "req-1" {
		t.Fatalf("first claim: %+v, %d records, %v", job, len(rep.Vacancies), err)
	}
	if _, _, _, err := db.ClaimImportJob(ctx, "b", time.Hour); !errors.Is(err, matching.ErrNotFound) {
		t.Fatalf("a second worker claimed a leased job: %v", err)
	}
	expireLeases(t) // worker a died

	job, rep, _, err = db.ClaimImportJob(ctx, "b", time.Hour)
	if err != nil || job.ID != "job1" {
		t.Fatalf("the expired job was not taken over: %+v, %v", job, err)
	}
	if err := db.RenewImportLease(ctx, importer.Claim{JobID: "job1", Owner: "a"}, time.Hour, 1); !errors.Is(err, importer.ErrLeaseLost) {
		t.Errorf("the old worker renewed a lost lease: %v", err)
	}
	if _, err := db.ImportVacancies(ctx, matching.System, rep.Vacancies, &importer.Claim{JobID: "job1", Owner: "a"}, nil); !errors.Is(err, importer.ErrLeaseLost) {
		t.Fatalf("the old worker committed: %v", err)
	}
	for _, v := range rep.Vacancies {
		v.ID = 0
	}
	ids, err := db.ImportVacancies(ctx, matching.System, rep.Vacancies, &importer.Claim{JobID: "job1", Owner: "b"}, nil)
	if err != nil || len(ids) != 3 {
		t.Fatalf("the new worker: %d created, %v", len(ids), err)
	}
	if n, _, _ := db.Counts(ctx); n != 3 {
		t.Errorf("%d vacancies, want the 3 of the file once", n)
	}
	job, err = db.ImportJob(ctx, "job1")
	if err != nil || job.State != importer.JobDone || job.Created != 3 || job.Skipped != 0 || job.Done != 3 {
		t.Errorf("job after the import: %+v, %v", job, err)
	}
	if _, _, _, err := db.ClaimImportJob(ctx, "c", time.Hour); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("a finished job was claimed again: %v", err)
	}
}

// TestAFailedImportJobIsNotClaimedAgain: a job the database refused ends
// failed, with nothing written.
func TestAFailedImportJobIsNotClaimedAgain(t *testing.T) {
	db, ctx := testDB.Open(t), context.Background()
	queuedJob(t, db, "job1", 2)
	if _, _, _, err := db.ClaimImportJob(ctx, "a", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := db.FailImportJob(ctx, importer.Claim{JobID: "job1", Owner: "a"}); err != nil {
		t.Fatal(err)
	}
	if job, err := db.ImportJob(ctx, "job1"); err != nil || job.State != importer.JobFailed || !job.Finished() {
		t.Errorf("job: %+v, %v", job, err)
	}
	expireLeases(t)
	if _, _, _, err := db.ClaimImportJob(ctx, "b", time.Hour); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("a failed job was claimed again: %v", err)
	}
}

// expireLeases ends every import lease, as if their workers had died.
func expireLeases(t *testing.T) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `UPDATE import_jobs SET lease_until = now() - interval '1 second' WHERE lease_until IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
}
