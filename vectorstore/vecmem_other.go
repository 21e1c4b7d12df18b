//go:build !linux

package vectorstore

// offHeap falls back to the Go heap where huge-page mappings are not
// implemented.
type offHeap struct{ bytes int }

func (o *offHeap) alloc(n int) []byte { return make([]byte, n) }

func (o *offHeap) free() {}
