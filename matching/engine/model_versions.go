package engine

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"jobmatch/encoder"
	"jobmatch/matching"
)

// PromoteVersion makes a recorded model version the one the engine runs,
// without downtime (Promote), and records it as current; every other
// engine on the database follows (follow.go). A promotion must pass the
// guard (encoder.CheckPromotion) against the current version; a rollback,
// to a version that was current before, needs not.
func (e *Engine) PromoteVersion(ctx context.Context, actor matching.Actor, version string, rollback bool) error {
	if e.cfg.OpenModel == nil {
		return fmt.Errorf("engine: no way to open models is configured")
	}
	all, err := e.store.ModelVersions(ctx)
	if err != nil {
		return err
	}
	var target, current *matching.ModelVersion
	for i := range all {
		if all[i].Version == version {
			target = &all[i]
		}
		if all[i].Current {
			current = &all[i]
		}
	}
	switch {
	case target == nil:
		return matching.ErrNotFound
	case current != nil && current.Version == version:
		return &matching.FieldError{Field: "version", Message: version + " is already the current model"}
	case rollback && target.PromotedAt == nil:
		return &matching.FieldError{Field: "version", Message: "only a version that was current before can be rolled back to; promote it instead"}
	case !rollback && current != nil:
		cur, err := encoder.ParseManifest(current.Manifest)
		if err != nil {
			return fmt.Errorf("engine: the current model's manifest: %w", err)
		}
		cand, err := encoder.ParseManifest(target.Manifest)
		if err != nil {
			return &matching.FieldError{Field: "version", Message: "the promotion guard refuses it: its manifest cannot be read (" + err.Error() + ")"}
		}
		if g := encoder.CheckPromotion(cur, cand); !g.OK {
			return &matching.FieldError{Field: "version", Message: "the promotion guard refuses it: " + strings.Join(g.Failed, "; ")}
		}
	}
	e.versionMu.Lock()
	defer e.versionMu.Unlock()
	if err := e.switchTo(ctx, *target); err != nil {
		return err
	}
	return e.store.SetCurrentModel(ctx, actor, version)
}

// switchTo opens the model of version v and promotes the engine to it
// (Promote); the encoder given up is closed a minute later, when no request
// can still use it. The caller holds versionMu.
func (e *Engine) switchTo(ctx context.Context, v matching.ModelVersion) error {
	enc, err := e.cfg.OpenModel(v.Dir)
	if err != nil {
		return fmt.Errorf("engine: open model %s from %q: %w", v.Version, v.Dir, err)
	}
	e.openedMu.Lock()
	if e.opened == nil {
		e.opened = map[Encoder]bool{}
	}
	e.opened[enc] = true
	e.openedMu.Unlock()
	if enc.Version() != v.Version {
		e.closeOpened(enc, 0)
		return fmt.Errorf("engine: the files in %q are model %s, not %s", v.Dir, enc.Version(), v.Version)
	}
	old := e.gen.Load().enc
	if err := e.Promote(ctx, enc); err != nil {
		e.closeOpened(enc, 0)
		return err
	}
	e.closeOpened(old, time.Minute)
	return nil
}

// closeOpened closes enc after d if switchTo opened it; the encoder
// the engine was started with belongs to its caller.
func (e *Engine) closeOpened(enc Encoder, d time.Duration) {
	e.openedMu.Lock()
	defer e.openedMu.Unlock()
	c, ok := enc.(io.Closer)
	if !ok || !e.opened[enc] {
		return
	}
	delete(e.opened, enc)
	time.AfterFunc(d, func() { c.Close() })
}
