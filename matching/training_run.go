package matching

import "time"

// TrainingRun is one run training a title-encoder model version from the
// users' decisions in the background, as every server shows it.
type TrainingRun struct {
	ID         int64
	StartedAt  time.Time
	Stage      string
	Progress   float64 // 0 to 1
	FinishedAt *time.Time
	Err        string // why it failed; empty while it runs and once it succeeded
	Version    string // the model version it recorded, once it succeeded
}

// Done reports whether the run has ended, recorded or failed.
func (r TrainingRun) Done() bool { return r.FinishedAt != nil }

// TrainingServerStopped is why a run failed whose server stopped before it
// ended. Such a run is not resumed: it can be started again.
const TrainingServerStopped = "the server training it stopped; start a new run"
