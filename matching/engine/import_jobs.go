package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync/atomic"
	"time"

	"jobmatch/importer"
	"jobmatch/matching"
)

// Import jobs are rows, so that any replica shows their progress and takes
// over a job whose replica died. Every engine runs a worker: it claims a
// queued job, or one whose worker's lease expired, renews the lease while
// it writes, and commits the rows together with the job's end (Import with
// a claim). A worker that lost its lease cannot commit, and the rows'
// import keys skip whatever a previous run wrote.

// CheckedImport stores a prepared file as an import job that waits for
// StartImport, and returns the job.
func (e *Engine) CheckedImport(ctx context.Context, actor matching.Actor, file string, rep importer.Report) (importer.Job, error) {
	job := importer.Job{ID: randomID(), File: file, Kind: rep.Kind, Valid: rep.Valid(), State: importer.JobChecked}
	return job, e.store.CreateImportJob(ctx, actor, job, rep)
}

// StartImport queues a checked job and wakes this engine's worker, which
// runs it in the background; a job already started is left as it is.
// requestID goes into the job's log lines.
func (e *Engine) StartImport(ctx context.Context, id, requestID string) error {
	if err := e.store.QueueImportJob(ctx, id, requestID); err != nil {
		return err
	}
	wake(e.importQueued)
	return nil
}

// ImportJob returns an import job as it stands, whichever replica runs it.
func (e *Engine) ImportJob(ctx context.Context, id string) (importer.Job, error) {
	return e.store.ImportJob(ctx, id)
}

// importLoop runs jobs until Close: when StartImport queues one here, and
// every half lease for jobs queued elsewhere or left by a dead worker.
func (e *Engine) importLoop(ctx context.Context) {
	defer close(e.importDone)
	t := time.NewTicker(e.cfg.ImportLease / 2)
	defer t.Stop()
	for {
		e.runImports(ctx)
		select {
		case <-ctx.Done():
			return
		case <-e.importQueued:
		case <-t.C:
		}
	}
}

// runImports claims and runs jobs until none is left.
func (e *Engine) runImports(ctx context.Context) {
	for ctx.Err() == nil {
		job, rep, actor, err := e.store.ClaimImportJob(ctx, e.worker, e.cfg.ImportLease)
		if errors.Is(err, matching.ErrNotFound) {
			return
		}
		if err != nil {
			if ctx.Err() == nil {
				e.log.Error("claiming an import job failed; retrying later", "error", err.Error())
			}
			return
		}
		e.runImport(ctx, job, rep, actor)
	}
}

// runImport writes a claimed job, renewing its lease until it ends. When
// the database refuses the file, the job fails and nothing is written; the
// database's words go to the log with the request id.
func (e *Engine) runImport(ctx context.Context, job importer.Job, rep importer.Report, actor matching.Actor) {
	claim := importer.Claim{JobID: job.ID, Owner: e.worker}
	jobCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	renew := func(done int) {
		err := e.store.RenewImportLease(jobCtx, claim, e.cfg.ImportLease, done)
		if errors.Is(err, importer.ErrLeaseLost) {
			cancel()
		} else if err != nil && jobCtx.Err() == nil {
			e.log.Warn("renewing an import lease failed", "job", job.ID, "error", err.Error())
		}
	}
	var done atomic.Int64
	heartbeat := make(chan struct{})
	go func() {
		defer close(heartbeat)
		t := time.NewTicker(e.cfg.ImportLease / 3)
		defer t.Stop()
		for {
			select {
			case <-jobCtx.Done():
				return
			case <-t.C:
				renew(int(done.Load()))
			}
		}
	}()
	created, err := e.Import(jobCtx, actor, rep, &claim, func(n int) {
		done.Store(int64(n))
		renew(n) // progress shows on every replica at once
	})
	cancel()
	<-heartbeat
	log := e.log.With("request_id", job.RequestID, "job", job.ID, "file", job.File)
	switch {
	case err == nil:
		log.Info("imported", "created", created, "skipped", rep.Valid()-created)
	case ctx.Err() != nil:
		log.Info("import stopped with the server; another worker resumes it once the lease expires")
	case errors.Is(err, importer.ErrLeaseLost) || errors.Is(err, context.Canceled):
		log.Warn("import given up: its lease passed to another worker")
	default:
		log.Error("import failed; nothing was written", "error", err.Error())
		failCtx, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer stop()
		if err := e.store.FailImportJob(failCtx, claim); err != nil {
			log.Error("marking the import failed failed", "error", err.Error())
		}
	}
}

func randomID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // never fails on Linux
	return hex.EncodeToString(b)
}
