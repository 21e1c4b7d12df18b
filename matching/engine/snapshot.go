package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"jobmatch/vectorstore"
)

// snapshotMeta says what a pair of index snapshots holds: vectors of
// ModelVersion, complete for every change before Watermark.
type snapshotMeta struct {
	FormatVersion int       `json:"format_version"`
	ModelVersion  string    `json:"model_version"`
	Dim           int       `json:"dim"`
	Watermark     int64     `json:"watermark"`
	SavedAt       time.Time `json:"saved_at"`
}

const snapshotFormat = 1

func (e *Engine) snapshotPaths() (meta, vac, cand string) {
	d := e.cfg.IndexDir
	return filepath.Join(d, "index.json"), filepath.Join(d, "vacancies.idx"), filepath.Join(d, "candidates.idx")
}

// errNoSnapshot means there is nothing to load (first start, or disabled).
var errNoSnapshot = errors.New("no index snapshot")

// loadSnapshots loads into g the indexes saved by the last run when they
// match g's model; the caller then catches up from their watermark.
func (e *Engine) loadSnapshots(g *generation) (string, error) {
	if e.cfg.IndexDir == "" {
		return "", errNoSnapshot
	}
	metaPath, vacPath, candPath := e.snapshotPaths()
	b, err := os.ReadFile(metaPath)
	if errors.Is(err, os.ErrNotExist) {
		return "", errNoSnapshot
	}
	if err != nil {
		return "", err
	}
	var m snapshotMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return "", fmt.Errorf("read %s: %w", metaPath, err)
	}
	switch {
	case m.FormatVersion != snapshotFormat:
		return "", fmt.Errorf("snapshot format %d, this build reads %d", m.FormatVersion, snapshotFormat)
	case m.ModelVersion != g.enc.Version():
		return "", fmt.Errorf("snapshot holds vectors of model %s, the encoder is %s", m.ModelVersion, g.enc.Version())
	case m.Dim != g.enc.Dim():
		return "", fmt.Errorf("snapshot dimension %d, the encoder's is %d", m.Dim, g.enc.Dim())
	}
	vac, err := vectorstore.Load(vacPath)
	if err != nil {
		return "", err
	}
	cand, err := vectorstore.Load(candPath)
	if err != nil {
		return "", err
	}
	e.applyMu.Lock()
	g.vacancies, g.candidates, e.watermark = vac, cand, m.Watermark
	e.applyMu.Unlock()
	for _, id := range vac.IDs() {
		_, p, _ := vac.Get(id)
		e.noteRequirements(p.Tags)
	}
	return fmt.Sprintf("loaded snapshot from %s", m.SavedAt.Format(time.RFC3339)), nil
}

// Snapshot saves both indexes and their watermark when they changed since
// the last save, then drops change-log rows the snapshot makes unnecessary.
// Changes applied while saving are replayed on load (replays are harmless).
func (e *Engine) Snapshot(ctx context.Context) error {
	if e.cfg.IndexDir == "" {
		return nil
	}
	e.applyMu.Lock()
	defer e.applyMu.Unlock()
	if !e.dirty {
		return nil
	}
	g := e.gen.Load()
	start := time.Now()
	if err := os.MkdirAll(e.cfg.IndexDir, 0o755); err != nil {
		return fmt.Errorf("engine: snapshot dir: %w", err)
	}
	metaPath, vacPath, candPath := e.snapshotPaths()
	// The old meta goes first: a crash between the two index files must not
	// leave a meta that vouches for a mismatched pair.
	if err := os.Remove(metaPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("engine: snapshot: %w", err)
	}
	if err := g.vacancies.Save(vacPath); err != nil {
		return err
	}
	if err := g.candidates.Save(candPath); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(snapshotMeta{FormatVersion: snapshotFormat, ModelVersion: g.enc.Version(),
		Dim: g.enc.Dim(), Watermark: e.watermark, SavedAt: time.Now().UTC()}, "", "  ")
	tmp := metaPath + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("engine: snapshot meta: %w", err)
	}
	if err := os.Rename(tmp, metaPath); err != nil {
		return fmt.Errorf("engine: snapshot meta: %w", err)
	}
	e.dirty = false
	e.log.Info("saved vector index snapshot", "dir", e.cfg.IndexDir, "vacancies", g.vacancies.Len(),
		"candidates", g.candidates.Len(), "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return e.store.PruneIndexChanges(ctx, e.watermark)
}
