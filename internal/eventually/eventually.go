// Package eventually lets tests wait for what another goroutine or process
// makes true, such as the vector index catching up with rows written
// straight to Postgres (the engine applies them within its sync interval).
package eventually

import (
	"testing"
	"time"
)

// Timeout is how long True waits before it fails the test.
const Timeout = 5 * time.Second

// True polls cond every 20 ms until it holds, failing t after Timeout with
// "timed out waiting for <what>".
func True(t testing.TB, cond func() bool, what string) {
	t.Helper()
	Within(t, Timeout, cond, what)
}

// Within is True with its own limit, for work that takes minutes (a
// training run): a guard against hangs, not a speed check.
func Within(t testing.TB, limit time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
