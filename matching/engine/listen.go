package engine

import (
	"context"
	"sync"
)

// startListening follows commits by other processes (Store.FollowChanges,
// a LISTEN connection of its own that reconnects when lost), so the loop
// catches up as soon as one commits rather than at its next poll. It
// returns once the engine listens, or once the first attempt has failed:
// the poll then covers until a retry succeeds.
func (e *Engine) startListening() {
	ctx, cancel := context.WithCancel(context.Background())
	e.stopListening, e.listenDone = cancel, make(chan struct{})
	ready := make(chan struct{})
	var once sync.Once
	first := true
	connected := func(err error) {
		switch {
		case err != nil:
			e.log.Warn("listening for changes failed; the poll covers until it reconnects", "error", err.Error())
		case !first:
			e.log.Info("listening for changes again")
		}
		first = false
		once.Do(func() { close(ready) })
	}
	go func() {
		defer close(e.listenDone)
		// Each (re)connect wakes both, as notifications sent while no
		// connection listened are lost; the change log and the current
		// model version are not.
		e.store.FollowChanges(ctx, func() { wake(e.indexChanged) }, func() { wake(e.modelChanged) }, connected)
	}()
	<-ready
}

// wake signals ch without blocking: a signal already pending covers this
// one too, since one catch-up applies every change committed before it.
func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
