package postgres

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"jobmatch/importer"
	"jobmatch/matching"
)

// Import jobs (migration 000011): a checked file waits as a row until an
// admin starts it; workers on any replica claim it under a lease, write it
// (ImportVacancies, ImportCandidates) and mark it done in the same
// transaction.

const importJobColumns = `id, file_name, kind, valid, state, done, created, skipped, request_id`

func scanImportJob(row pgx.Row, more ...any) (importer.Job, error) {
	var j importer.Job
	err := row.Scan(append([]any{&j.ID, &j.File, &j.Kind, &j.Valid, &j.State, &j.Done, &j.Created, &j.Skipped, &j.RequestID}, more...)...)
	return j, err
}

// CreateImportJob stores a checked file as a job that has not started, with
// its records; job.ID must be set. Jobs that ended, or were never started,
// are forgotten after a day.
func (db *DB) CreateImportJob(ctx context.Context, actor matching.Actor, job importer.Job, rep importer.Report) error {
	var records bytes.Buffer
	if err := gob.NewEncoder(&records).Encode(rep); err != nil {
		return fmt.Errorf("postgres: create import job: encode records: %w", err)
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM import_jobs WHERE created_at < now() - interval '1 day' AND state IN ('checked', 'done', 'failed')`); err != nil {
			return mapErr("forget import jobs", err)
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO import_jobs (id, kind, file_name, actor_id, actor_label, records, valid) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			job.ID, rep.Kind, job.File, actorID(actor), actor.Label, records.Bytes(), rep.Valid())
		return mapErr("create import job", err)
	})
}

// QueueImportJob starts a checked job: workers may claim it from now on.
// A job already started is left as it is.
func (db *DB) QueueImportJob(ctx context.Context, id, requestID string) error {
	var state string
	err := db.pool.QueryRow(ctx, `
		UPDATE import_jobs SET state = CASE WHEN state = 'checked' THEN 'queued' ELSE state END,
			request_id = CASE WHEN state = 'checked' THEN $2 ELSE request_id END
		WHERE id = $1 RETURNING state`, id, requestID).Scan(&state)
	return mapErr("queue import job", err)
}

// ImportJob returns a job as it stands, or ErrNotFound.
func (db *DB) ImportJob(ctx context.Context, id string) (importer.Job, error) {
	j, err := scanImportJob(db.pool.QueryRow(ctx, `SELECT `+importJobColumns+` FROM import_jobs WHERE id = $1`, id))
	return j, mapErr("import job", err)
}

// ClaimImportJob gives owner a lease on the oldest job that is queued, or
// running under a lease that has expired (its worker died), and returns it
// with its records and who started it; ErrNotFound when there is none.
// SKIP LOCKED lets concurrent workers claim different jobs, never one twice.
func (db *DB) ClaimImportJob(ctx context.Context, owner string, lease time.Duration) (importer.Job, importer.Report, matching.Actor, error) {
	var records []byte
	var actor matching.Actor
	j, err := scanImportJob(db.pool.QueryRow(ctx, `
		WITH next AS (
			SELECT id FROM import_jobs
			WHERE state = 'queued' OR (state = 'running' AND lease_until < clock_timestamp())
			ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
		UPDATE import_jobs j SET state = 'running', lease_owner = $1, done = 0, attempts = attempts + 1,
			lease_until = clock_timestamp() + $2 * interval '1 microsecond'
		FROM next WHERE j.id = next.id
		RETURNING `+prefixed("j.", importJobColumns)+`, j.records, COALESCE(j.actor_id, 0), j.actor_label`,
		owner, lease.Microseconds()), &records, &actor.UserID, &actor.Label)
	if err != nil {
		return importer.Job{}, importer.Report{}, actor, mapErr("claim import job", err)
	}
	var rep importer.Report
	if err := gob.NewDecoder(bytes.NewReader(records)).Decode(&rep); err != nil {
		return j, rep, actor, fmt.Errorf("postgres: claim import job %s: decode records: %w", j.ID, err)
	}
	return j, rep, actor, nil
}

// RenewImportLease extends c's lease and records the rows written so far;
// importer.ErrLeaseLost when another worker has taken the job over.
func (db *DB) RenewImportLease(ctx context.Context, c importer.Claim, lease time.Duration, done int) error {
	tag, err := db.pool.Exec(ctx, `
		UPDATE import_jobs SET done = GREATEST(done, $3), lease_until = clock_timestamp() + $4 * interval '1 microsecond'
		WHERE id = $1 AND lease_owner = $2 AND state = 'running'`, c.JobID, c.Owner, done, lease.Microseconds())
	if err == nil && tag.RowsAffected() == 0 {
		err = importer.ErrLeaseLost
	}
	return mapErr("renew import lease", err)
}

// FailImportJob marks c's job failed: its import wrote nothing.
func (db *DB) FailImportJob(ctx context.Context, c importer.Claim) error {
	tag, err := db.pool.Exec(ctx, `
		UPDATE import_jobs SET state = 'failed', done = 0, records = NULL, lease_owner = NULL, lease_until = NULL
		WHERE id = $1 AND lease_owner = $2 AND state = 'running'`, c.JobID, c.Owner)
	if err == nil && tag.RowsAffected() == 0 {
		err = importer.ErrLeaseLost
	}
	return mapErr("fail import job", err)
}

// finishImportJob marks c's job done inside the import's transaction tx;
// importer.ErrLeaseLost, which rolls the import back, when c no longer
// holds the job.
func finishImportJob(ctx context.Context, tx pgx.Tx, c importer.Claim, created int) error {
	tag, err := tx.Exec(ctx, `
		UPDATE import_jobs SET state = 'done', done = valid, created = $3, skipped = valid - $3,
			records = NULL, lease_owner = NULL, lease_until = NULL
		WHERE id = $1 AND lease_owner = $2 AND state = 'running'`, c.JobID, c.Owner, created)
	if err == nil && tag.RowsAffected() == 0 {
		err = importer.ErrLeaseLost
	}
	return err
}

// prefixed qualifies each of a comma-separated column list with p.
func prefixed(p, columns string) string {
	return p + strings.ReplaceAll(columns, ", ", ", "+p)
}
