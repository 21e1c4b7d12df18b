// Package lease names this process as the holder of the leases it takes
// on rows in Postgres (import jobs, training runs).
package lease

import (
	"crypto/rand"
	"encoding/hex"
	"os"
)

// Holder returns this host's name and a random part, unique per call: a
// process names itself once and finds its own leases by that name.
func Holder() string {
	host, _ := os.Hostname()
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails on Linux
	return host + "-" + hex.EncodeToString(b)
}
