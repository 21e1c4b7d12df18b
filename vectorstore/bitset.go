package vectorstore

import (
	"math/bits"

	"github.com/RoaringBitmap/roaring/v2"
)

// Dense bitsets over slot numbers, used per search. Filters are evaluated
// into these rather than into new roaring bitmaps because the scratch words
// are reused from a pool: no allocation per query, and a membership test in
// the graph walk is one load and a shift.

func bitTest(b []uint64, i uint32) bool { return b[i>>6]&(1<<(i&63)) != 0 }

func bitSet(b []uint64, i uint32) { b[i>>6] |= 1 << (i & 63) }

func clearWords(b []uint64) {
	for i := range b {
		b[i] = 0
	}
}

func fillWords(b []uint64) {
	for i := range b {
		b[i] = ^uint64(0)
	}
}

func andWords(dst, src []uint64) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] &= src[i]
	}
}

// andNotWords clears in dst every bit set in src (dst &^= src).
func andNotWords(dst, src []uint64) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] &^= src[i]
	}
}

func orWords(dst, src []uint64) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] |= src[i]
	}
}

func popcount(b []uint64) int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// denseOf writes bm into dst, overwriting it.
func denseOf(dst []uint64, bm *roaring.Bitmap) {
	clearWords(dst)
	if bm != nil {
		bm.WriteDenseTo(dst)
	}
}

// orDense ORs bm into dst, using tmp as scratch. WriteDenseTo copies whole
// bitmap containers, so it cannot OR in place.
func orDense(dst, tmp []uint64, bm *roaring.Bitmap) {
	if bm == nil || bm.IsEmpty() {
		return
	}
	denseOf(tmp, bm)
	orWords(dst, tmp)
}

// andDense ANDs bm into dst.
func andDense(dst, tmp []uint64, bm *roaring.Bitmap) {
	if bm == nil || bm.IsEmpty() {
		clearWords(dst)
		return
	}
	denseOf(tmp, bm)
	andWords(dst, tmp)
}
