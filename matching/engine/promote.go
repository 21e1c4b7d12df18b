package engine

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Promote switches the engine to the model of enc without downtime: it
// builds a new generation (both indexes, the rules' anchors, the
// calibration) beside the current one while searches go on in the current
// one, then swaps it in atomically. Rolling back is the same call with the
// previous encoder; rows that still carry its vectors are not re-encoded.
//
// The new model's vectors are kept in the new indexes only while they are
// built: written to the rows, they would look to the serving generation's
// catch-up like rows to re-encode with its own model. After the swap a
// snapshot of the new indexes is saved, so a restart with the new model
// loads it instead of re-encoding; rows are rewritten with the new model as
// they change, or all at once by a rebuild. Until then a search that starts
// from a stored record whose row holds another model's vector encodes its
// title.
func (e *Engine) Promote(ctx context.Context, enc Encoder) error {
	e.promoteMu.Lock()
	defer e.promoteMu.Unlock()
	if e.gen.Load().vacancies == nil {
		return errors.New("engine: promote before Start")
	}
	start := time.Now()
	from := e.ModelVersion()
	// Changes committed from here on may be missing from what the build
	// reads; they are replayed below.
	w, err := e.store.IndexWatermark(ctx)
	if err != nil {
		return fmt.Errorf("engine: promote %s: %w", enc.Version(), err)
	}
	g := newGeneration(enc)
	// Rules first, so rows get their rule tags as they are indexed; g is not
	// published yet, so this needs no apply lock.
	if err := e.reloadRulesLocked(ctx, g, false); err != nil {
		return fmt.Errorf("engine: promote %s: rules: %w", enc.Version(), err)
	}
	if g.vacancies, g.candidates, err = e.buildIndexes(ctx, g, false); err != nil {
		return fmt.Errorf("engine: promote %s: %w", enc.Version(), err)
	}
	n, err := e.swap(ctx, g, w)
	if err != nil {
		return fmt.Errorf("engine: promote %s: %w", enc.Version(), err)
	}
	e.log.Info("promoted title encoder", "from", from, "to", enc.Version(), "vacancies", g.vacancies.Len(),
		"candidates", g.candidates.Len(), "replayed_changes", n, "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	// The snapshot on disk holds the old model's indexes; save the new ones
	// now rather than at the next interval. A failure leaves the engine
	// dirty, so the periodic snapshot retries.
	if err := e.Snapshot(ctx); err != nil {
		e.log.Error("index snapshot after promotion failed", "error", err.Error())
	}
	return nil
}

// swap replays into g every change since watermark w (and since the
// serving generation's own replay point, whichever is older, so nothing
// the serving generation has not yet applied is skipped), then makes g the
// current generation. Both happen under the apply lock: no change can slip
// between the replay and the swap. It returns how many changes it replayed.
func (e *Engine) swap(ctx context.Context, g *generation, w int64) (int, error) {
	e.applyMu.Lock()
	defer e.applyMu.Unlock()
	changes, next, err := e.store.IndexChanges(ctx, min(w, e.watermark))
	if err != nil {
		return 0, err
	}
	if err := e.applyLocked(ctx, g, changes, false); err != nil {
		return 0, err
	}
	e.gen.Store(g)
	e.watermark, e.dirty = next, true
	return len(changes), nil
}
