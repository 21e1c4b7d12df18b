//go:build !amd64

package vectorstore

import "unsafe"

// prefetchLines is a no-op where no assembly version exists.
func prefetchLines(p unsafe.Pointer, lines int) {}
