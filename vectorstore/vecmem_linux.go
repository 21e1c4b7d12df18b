package vectorstore

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Vector chunks (float16 vectors and int8 rows) on Linux are carved out of
// regions mapped outside the Go heap and marked for transparent huge pages.
// A graph walk reads ~1000 rows at random addresses per query; with 4 KB
// pages nearly every one of them is also a TLB miss, with 2 MB pages the
// whole 200k x 512 store fits the TLB. The Go runtime does not ask for huge
// pages itself. The chunks hold no pointers, so keeping them off-heap is
// safe for the garbage collector.

const (
	hugePage = 2 << 20
	// regionSize is the size of one mapping that chunks are carved from;
	// untouched pages of the last region cost no memory.
	regionSize = 16 << 20
	// offHeapMin: smaller chunks (small dimensions, tests) stay on the heap.
	offHeapMin = 256 << 10
)

// offHeap is the set of mappings owned by one index, unmapped by a cleanup
// when the index becomes unreachable.
type offHeap struct {
	maps  [][]byte
	cur   []byte // unused, 64-byte aligned rest of the newest region
	bytes int
}

// alloc returns n zeroed bytes, 64-byte aligned when off-heap.
func (o *offHeap) alloc(n int) []byte {
	if n < offHeapMin {
		return make([]byte, n)
	}
	n = roundUp(n, 64)
	if len(o.cur) < n {
		size := roundUp(max(n, regionSize), hugePage)
		b, err := unix.Mmap(-1, 0, size+hugePage, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
		if err != nil {
			return make([]byte, n)
		}
		o.maps = append(o.maps, b)
		start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		off := int((hugePage - start%hugePage) % hugePage)
		o.cur = b[off : off+size]
		unix.Madvise(o.cur, unix.MADV_HUGEPAGE) // advisory: without it we just get small pages
	}
	b := o.cur[:n:n]
	o.cur = o.cur[n:]
	o.bytes += n
	return b
}

func (o *offHeap) free() {
	for _, b := range o.maps {
		unix.Munmap(b)
	}
	o.maps, o.cur = nil, nil
}
