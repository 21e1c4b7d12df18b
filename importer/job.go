package importer

import "errors"

// JobState is where an import job stands.
type JobState string

// States of an import job.
const (
	JobChecked JobState = "checked" // the report was shown; not started
	JobQueued  JobState = "queued"  // started; waiting for a worker
	JobRunning JobState = "running" // a worker holds its lease and writes
	JobDone    JobState = "done"
	JobFailed  JobState = "failed" // the database refused it; nothing was written
)

// Job is a checked file and its import, as every replica sees it: jobs are
// stored, so any replica shows a job's progress and takes over a job whose
// worker died.
type Job struct {
	ID    string
	File  string
	Kind  Kind
	Valid int // rows to write
	State JobState
	// Done is how many rows the running import has written, uncommitted.
	Done             int
	Created, Skipped int
	// RequestID is the request that started the job, for its log lines.
	RequestID string
}

// Finished reports whether the job has ended, either way.
func (j Job) Finished() bool { return j.State == JobDone || j.State == JobFailed }

// Claim is a worker's lease on a running job. An import under a claim
// commits only while the worker still holds the lease, and marks the job
// done in the same transaction, so no job is finished twice.
type Claim struct {
	JobID string
	Owner string
}

// ErrLeaseLost means another worker took the job over: this worker's lease
// expired before it renewed it.
var ErrLeaseLost = errors.New("importer: the job's lease passed to another worker")
