//go:build !linux

package vectorstore

// offHeap falls back to the Go heap where huge-page mappings are not
// implemented.
type offHeap struct{ bytes int }

func (o *offHeap) allocFloats(n int) []float32 { return make([]float32, n) }

func (o *offHeap) free() {}
