package engine

import (
	"context"
	"time"
)

// listenRetry is how long the engine waits before it reconnects a lost
// listening connection.
const listenRetry = time.Second

// startListening LISTENs for commits by other processes on a connection of
// its own (Store.ListenChanges), so the loop catches up as soon as one
// commits rather than at its next poll. It returns once the engine listens,
// or once the first attempt has failed: the poll then covers until a retry
// succeeds.
func (e *Engine) startListening() {
	ctx, cancel := context.WithCancel(context.Background())
	e.stopListening, e.listenDone = cancel, make(chan struct{})
	ready := make(chan struct{})
	go e.listen(ctx, ready)
	<-ready
}

// listen keeps a listening connection open until ctx ends, reconnecting
// when it is lost. Whenever it starts listening it wakes the catch-up and
// the model check: notifications sent while no connection listened are
// lost, the change log and the current model version are not.
func (e *Engine) listen(ctx context.Context, ready chan struct{}) {
	defer close(e.listenDone)
	first := true
	started := func() {
		if first {
			first = false
			close(ready)
		}
	}
	for {
		err := e.store.ListenChanges(ctx, func() {
			if !first {
				e.log.Info("listening for changes again")
			}
			started()
			wake(e.indexChanged)
			wake(e.modelChanged)
		}, func() { wake(e.indexChanged) }, func() { wake(e.modelChanged) })
		started()
		if ctx.Err() != nil {
			return
		}
		e.log.Warn("listening for changes failed; the poll covers until it reconnects", "error", err.Error())
		select {
		case <-ctx.Done():
			return
		case <-time.After(listenRetry):
		}
	}
}

// wake signals ch without blocking: a signal already pending covers this
// one too, since one catch-up applies every change committed before it.
func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
