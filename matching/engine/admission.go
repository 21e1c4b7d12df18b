package engine

import "context"

// admission lets at most a fixed number of searches use the CPU at once; the
// rest wait their turn in arrival order (Go queues channel waiters first in,
// first out).
//
// A search is pure CPU work of 0.1 to a few milliseconds. Run 32 at once on
// two cores and the scheduler time-slices them, so each takes about
// 16 times its own cost and the slowest kind sets the tail. Queued instead,
// each waits for the ones ahead of it and then runs at full speed: the same
// throughput, with latency close to the average for every kind.
type admission chan struct{}

func newAdmission(n int) admission { return make(admission, max(n, 1)) }

// enter waits for a turn, or for ctx to end.
func (a admission) enter(ctx context.Context) error {
	select {
	case a <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the turn to the next waiter.
func (a admission) leave() { <-a }
