package engine

import (
	"context"
	"time"
)

// followModels keeps the engine on the current model version recorded in
// Postgres until ctx ends: when another server promotes or rolls back a
// version, the notification of that change (listen.go) wakes it, and it
// promotes this engine the same way, without downtime. Notifications that
// arrive during a promotion are folded into one check after it.
func (e *Engine) followModels(ctx context.Context) {
	defer close(e.followDone)
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.modelChanged:
			e.followCurrentModel(ctx)
		}
	}
}

// followCurrentModel switches to the current model version when it is not
// the one the engine runs. A failure (the model's files cannot be opened
// here, say) leaves the engine on its model, and is logged: until it is
// fixed, this server's scores differ from the others'.
func (e *Engine) followCurrentModel(ctx context.Context) {
	e.versionMu.Lock()
	defer e.versionMu.Unlock()
	all, err := e.store.ModelVersions(ctx)
	if err != nil {
		if ctx.Err() == nil {
			e.log.Error("reading the current model version failed", "error", err.Error())
		}
		return
	}
	for _, v := range all {
		if !v.Current || v.Version == e.ModelVersion() {
			continue
		}
		start := time.Now()
		from := e.ModelVersion()
		if err := e.switchTo(ctx, v); err != nil {
			if ctx.Err() == nil {
				e.log.Error("following the current model version failed; this server keeps its model", "model", v.Version,
					"running", from, "error", err.Error())
			}
			return
		}
		e.log.Info("followed another server to the current model version", "from", from, "to", v.Version,
			"seconds", time.Since(start).Seconds())
	}
}
