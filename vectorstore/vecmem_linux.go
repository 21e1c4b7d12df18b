package vectorstore

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Vector chunks on Linux are mapped outside the Go heap and marked for
// transparent huge pages. A graph walk reads ~1000 vectors at random
// addresses per query; with 4 KB pages nearly every one of them is also a
// TLB miss, with 2 MB pages the whole 200k x 512 store fits the TLB. The
// Go runtime does not ask for huge pages itself. Vectors hold no pointers,
// so keeping them off-heap is safe for the garbage collector.

const hugePage = 2 << 20

// offHeap is the set of mappings owned by one index, unmapped by a cleanup
// when the index becomes unreachable.
type offHeap struct {
	maps  [][]byte
	bytes int
}

func (o *offHeap) allocFloats(n int) []float32 {
	size := n * 4
	if size < hugePage {
		return make([]float32, n)
	}
	b, err := unix.Mmap(-1, 0, size+hugePage, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return make([]float32, n)
	}
	o.maps = append(o.maps, b)
	o.bytes += size
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((hugePage - start%hugePage) % hugePage)
	region := b[off : off+size]
	unix.Madvise(region, unix.MADV_HUGEPAGE) // advisory: without it we just get small pages
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(region))), n)
}

func (o *offHeap) free() {
	for _, b := range o.maps {
		unix.Munmap(b)
	}
	o.maps = nil
}
