package vectorstore

import "unsafe"

// Nibble rows: a 4-bit copy of every vector for the graph walk.
//
// A walk's cost is the cache lines it fetches from DRAM (it is bound by the
// number of outstanding misses a core can have, not by arithmetic), so the
// walk scores candidates from the smallest copy that still ranks them well
// enough to steer: 4 bits per element, x_i ≈ lo + scale*c_i with c_i in
// [0, 15] spanning [min x, max x] (asymmetric, like the int8 rows, so
// non-negative softmax-group vectors use all 16 levels). For 512-d that is
// 256 bytes of codes plus an 8-byte header, five cache lines instead of the
// int8 row's nine. The walk's result is then made exact: the final beam is
// re-scored from the float16 vectors (search) or from the int8 rows
// (construction, before the neighbour selection).
//
// Layout: per block of 32 elements, 16 bytes; byte i holds element i in its
// low nibble and element 16+i in its high nibble, so the SIMD kernel
// unpacks a block with one mask and one shift. Header at the row's end:
// scale, lo (float32).
//
// The query side is int8 (qquery.ncodes), stored in the rows' byte order:
// the first qdim/2 codes are the elements the row bytes hold in their low
// nibbles, the next qdim/2 those in their high nibbles. Then a kernel
// multiplies 32 row bytes at a time with VPMADDUBSW (unsigned nibble times
// signed query byte, adjacent pairs summed to int16) without widening the
// row first. |code| <= 127 and nibbles <= 15 keep a pair sum at most 3810,
// far from int16 saturation. The query's 8 bits add an error of about
// max|q|/254 per element, a tenth of the nibbles' own rounding.

// nrow returns the nibble row of slot s.
func (ix *Index) nrow(s uint32) []uint8 {
	c := ix.nibbles[s>>chunkBits]
	o := int(s&chunkMask) * ix.nstride
	return c[o : o+ix.nstride : o+ix.nstride]
}

func nibbleHeader(row []uint8) *[2]float32 {
	return (*[2]float32)(unsafe.Pointer(&row[len(row)-8]))
}

// quantizeNibbles writes the nibble row of x (Dim elements) into row.
func quantizeNibbles(row []uint8, x []float32, qdim int) {
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	scale := (hi - lo) / 15
	if !(scale > 0) {
		scale = 1
	}
	inv := 1 / scale
	clear(row[:qdim/2])
	for i, v := range x {
		c := roundNonNeg((v - lo) * inv)
		c = min(max(c, 0), 15)
		b, hiNib := i/32*16+i%16, i%32 >= 16
		if hiNib {
			row[b] |= uint8(c) << 4
		} else {
			row[b] |= uint8(c)
		}
	}
	h := nibbleHeader(row)
	h[0], h[1] = scale, lo
}

// scoreNibbles writes the approximate similarity of qq with every slot's
// nibble row into out.
func (ix *Index) scoreNibbles(qq *qquery, slots []uint32, out []float32) []float32 {
	out = out[:0]
	k := active
	// Touch the first cache line of every row so that all their DRAM reads
	// start at once; the hardware prefetcher follows with the rest.
	for _, s := range slots {
		prefetchLines(unsafe.Pointer(unsafe.SliceData(ix.nrow(s))), 1)
	}
	nb := ix.qdim / 2
	q := qq.ncodes[:ix.qdim]
	i := 0
	for ; i+4 <= len(slots); i += 4 {
		ra, rb, rc, rd := ix.nrow(slots[i]), ix.nrow(slots[i+1]), ix.nrow(slots[i+2]), ix.nrow(slots[i+3])
		a, b, c, d := k.dotN4(q, ra[:nb], rb[:nb], rc[:nb], rd[:nb])
		out = append(out, qq.approxN(ra, a), qq.approxN(rb, b), qq.approxN(rc, c), qq.approxN(rd, d))
	}
	for ; i < len(slots); i++ {
		r := ix.nrow(slots[i])
		out = append(out, qq.approxN(r, k.dotN(q, r[:nb])))
	}
	return out
}

// approxN turns the integer dot product d of qq's codes with a nibble row
// into a similarity: q.x ≈ lo*sum(q) + scale*qscale*d (the query's own
// offset is zero for every query scored against nibble rows).
func (qq *qquery) approxN(row []uint8, d int32) float32 {
	h := nibbleHeader(row)
	return h[1]*qq.sum + h[0]*qq.nscale*float32(d)
}

// prepareNibbles fills qq.ncodes from the query q (m = max|q_i|).
func (qq *qquery) prepareNibbles(q []float32, m float32, qdim int) {
	if cap(qq.ncodes) < qdim {
		qq.ncodes = make([]int8, qdim)
	}
	qq.ncodes = qq.ncodes[:qdim]
	clear(qq.ncodes)
	scale := m / 127
	if !(scale > 0) {
		scale = 1
	}
	inv := 1 / scale
	for i, v := range q {
		c := int8(min(max(roundSmall(v*inv), -127), 127))
		qq.ncodes[nibbleQueryPos(i, qdim)] = c
	}
	qq.nscale = scale
}

// nibbleQueryPos is where element i's query code goes in qquery.ncodes:
// at its row byte, in the low-nibble half or the high-nibble half.
func nibbleQueryPos(i, qdim int) int {
	b := i/32*16 + i%16
	if i%32 >= 16 {
		return qdim/2 + b
	}
	return b
}

// dotNGeneric is the portable kernel: q (int8 codes, len a multiple of
// 32, in row byte order: low-nibble half, then high-nibble half) against a
// nibble row of len(q)/2 bytes.
func dotNGeneric(q []int8, c []uint8) int32 {
	nb := len(q) / 2
	lo, hi := q[:nb], q[nb:2*nb]
	c = c[:nb]
	var s0, s1 int32
	for j, b := range c {
		s0 += int32(lo[j]) * int32(b&15)
		s1 += int32(hi[j]) * int32(b>>4)
	}
	return s0 + s1
}

func dotN4Generic(q []int8, a, b, c, d []uint8) (int32, int32, int32, int32) {
	return dotNGeneric(q, a), dotNGeneric(q, b), dotNGeneric(q, c), dotNGeneric(q, d)
}
