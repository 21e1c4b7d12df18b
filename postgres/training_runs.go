package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// Training runs (migration 000013): the server training a run holds a
// lease on its row and writes its progress there, so any replica shows it.
// Every read and start first marks runs whose lease expired as failed.

const trainingRunColumns = `id, started_at, stage, progress, finished_at, error, version`

func scanTrainingRun(row pgx.Row) (matching.TrainingRun, error) {
	var r matching.TrainingRun
	err := row.Scan(&r.ID, &r.StartedAt, &r.Stage, &r.Progress, &r.FinishedAt, &r.Err, &r.Version)
	return r, err
}

// failExpiredTrainingRuns marks the unfinished run whose server stopped
// renewing its lease as failed.
func (db *DB) failExpiredTrainingRuns(ctx context.Context) error {
	_, err := db.pool.Exec(ctx, `
		UPDATE training_runs SET finished_at = clock_timestamp(), stage = 'failed', error = $1, lease_until = NULL
		WHERE finished_at IS NULL AND lease_until < clock_timestamp()`, matching.TrainingServerStopped)
	return mapErr("fail expired training runs", err)
}

// StartTrainingRun records a new run at stage, leased to server for lease;
// matching.ErrConflict while another run is unfinished, on any server.
func (db *DB) StartTrainingRun(ctx context.Context, actor matching.Actor, server string, lease time.Duration, stage string) (matching.TrainingRun, error) {
	var r matching.TrainingRun
	if err := db.failExpiredTrainingRuns(ctx); err != nil {
		return r, err
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		r, err = scanTrainingRun(tx.QueryRow(ctx, `
			INSERT INTO training_runs (started_by, stage, server, lease_until)
			VALUES ($1, $2, $3, clock_timestamp() + $4 * interval '1 microsecond')
			RETURNING `+trainingRunColumns, actorID(actor), stage, server, lease.Microseconds()))
		if err != nil {
			return mapErr("start training run", err)
		}
		return writeAudit(ctx, tx, actor, "start", "training_run", r.ID, nil)
	})
	return r, err
}

// RenewTrainingRun records run id's stage and progress and extends
// server's lease on it; matching.ErrNotFound when the run is no longer
// server's to write (it ended, or was marked failed after its lease
// expired).
func (db *DB) RenewTrainingRun(ctx context.Context, id int64, server string, lease time.Duration, stage string, progress float64) error {
	tag, err := db.pool.Exec(ctx, `
		UPDATE training_runs SET stage = $3, progress = $4, lease_until = clock_timestamp() + $5 * interval '1 microsecond'
		WHERE id = $1 AND server = $2 AND finished_at IS NULL`, id, server, stage, progress, lease.Microseconds())
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return mapErr("renew training run", err)
}

// FinishTrainingRun ends server's run id at stage: recorded as version, or
// failed with failure when that is not empty. matching.ErrNotFound when the
// run is no longer server's to write.
func (db *DB) FinishTrainingRun(ctx context.Context, id int64, server, stage, version, failure string) error {
	tag, err := db.pool.Exec(ctx, `
		UPDATE training_runs SET stage = $3, version = $4, error = $5, finished_at = clock_timestamp(), lease_until = NULL,
			progress = CASE WHEN $5 = '' THEN 1 ELSE progress END
		WHERE id = $1 AND server = $2 AND finished_at IS NULL`, id, server, stage, version, failure)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return mapErr("finish training run", err)
}

// FinishTrainingRunWithModel records m as a model version trained by actor
// and ends server's run id as recorded, in one transaction: a run that is
// no longer server's (matching.ErrNotFound) records no model, so no model
// is listed whose run shows as failed.
func (db *DB) FinishTrainingRunWithModel(ctx context.Context, id int64, server string, actor matching.Actor, m *matching.ModelVersion) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var held bool
		err := tx.QueryRow(ctx, `SELECT true FROM training_runs WHERE id = $1 AND server = $2 AND finished_at IS NULL FOR UPDATE`, id, server).Scan(&held)
		if err != nil {
			return mapErr("finish training run", err)
		}
		if err := registerModel(ctx, tx, actor, m); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `
			UPDATE training_runs SET stage = $2, version = $3, error = '', finished_at = clock_timestamp(), lease_until = NULL, progress = 1
			WHERE id = $1`, id, "recorded as "+m.Version, m.Version)
		return mapErr("finish training run", err)
	})
}

// TrainingRuns returns the newest limit runs, newest first.
func (db *DB) TrainingRuns(ctx context.Context, limit int) ([]matching.TrainingRun, error) {
	if err := db.failExpiredTrainingRuns(ctx); err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT `+trainingRunColumns+` FROM training_runs ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, mapErr("training runs", err)
	}
	runs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (matching.TrainingRun, error) { return scanTrainingRun(row) })
	if err != nil {
		return nil, fmt.Errorf("postgres: training runs: %w", err)
	}
	return runs, nil
}

// TrainingRun returns run id as it stands, or matching.ErrNotFound.
func (db *DB) TrainingRun(ctx context.Context, id int64) (matching.TrainingRun, error) {
	if err := db.failExpiredTrainingRuns(ctx); err != nil {
		return matching.TrainingRun{}, err
	}
	r, err := scanTrainingRun(db.pool.QueryRow(ctx, `SELECT `+trainingRunColumns+` FROM training_runs WHERE id = $1`, id))
	return r, mapErr("training run", err)
}
