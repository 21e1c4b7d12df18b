package vectorstore

import (
	"math"
	"unsafe"
)

// The compact copy that graph walks read.
//
// Every stored vector also has an int8 row: one code per element plus a
// 16-byte header, in rows of cstride bytes (576 for 512-d, nine cache lines
// instead of the 16 of the float16 vector or the 32 of a float32 one). A walk
// is bound by random memory reads, so it scores candidates from these rows
// and only the final beam is re-scored from the float16 vectors
// (Index.rerank).
//
// Quantisation is asymmetric per vector: x_i ≈ off + scale*c_i with c_i in
// [-127, 127] spanning [min x, max x] in 254 steps. For Gaussian-like
// vectors (symmetric around 0) that is the usual symmetric int8 scale; for
// the encoder's vectors (concatenated softmax groups, L2-normalised: every
// element >= 0, a few large) it uses all 255 levels on [0, max] instead of
// wasting the sign. -128 is left out so that the row-against-row kernel
// (dotB) can multiply bytes without widening them (dotBAVX2). The header
// holds scale, off, the sum of the codes and the sum of the reconstructed
// elements, so that both kinds of dot product below reduce to one integer
// dot product and three multiply-adds.
//
// A query is quantised once per search to int16 codes (q_i ≈ qoff +
// qscale*qc_i, |qc_i| <= qMax), precise enough that the row's rounding
// dominates the error:
//
//	q.x ≈ off_x*sum(q) + qoff*scale_x*sumc_x + qscale*scale_x*sum(qc_i*c_i)
//
// A stored row used as the query (neighbour selection while building) is
// the same formula with qc = its int8 codes (kernel dotB).
//
// Codes beyond Dim (up to qdim, a multiple of 32) are zero, so the kernels
// run over whole 32-element blocks.

// qMax bounds the int16 query codes. With |c| <= 128 a VPMADDWD pair is at
// most 2*128*1023 < 2^18, so an int32 lane cannot overflow for any Dim up
// to 65536 even with a single accumulator.
const qMax = 1023

// qquery is a query prepared for scoring int8 rows: q_i ≈ off + scale*codes_i
// and sum = sum(q_i).
type qquery struct {
	codes           []int16 // qdim long, zero-padded
	scale, off, sum float32
	// ncodes is the query for the nibble rows (nibble.go): int8 codes
	// q_i ≈ nscale*c, laid out in the rows' byte order.
	ncodes []int8
	nscale float32
}

// rowHeader is the header of an int8 row: scale, off, sum of codes, sum of
// the reconstructed elements.
func rowHeader(row []int8) *[4]float32 {
	return (*[4]float32)(unsafe.Pointer(&row[len(row)-16]))
}

func roundUp(n, m int) int { return (n + m - 1) / m * m }

// roundNonNeg is math.Round for a non-negative float32, without its cost
// (quantising runs on every insert). A float32 below 2^29 plus 0.5 is exact
// in float64, so truncating the sum rounds half away from zero as
// math.Round does.
func roundNonNeg(x float32) int { return int(float64(x) + 0.5) }

// roundSmall is math.Round for a float32 of magnitude below 2^29, the same
// way: the sum with ±0.5 is exact in float64, and the conversion truncates
// toward zero.
func roundSmall(x float32) int { return int(float64(x) + math.Copysign(0.5, float64(x))) }

// quantizeRow writes the int8 row of x (Dim elements) into row (cstride
// bytes).
func quantizeRow(row []int8, x []float32, qdim int) {
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	scale := (hi - lo) / 254
	if !(scale > 0) {
		scale = 1
	}
	inv := 1 / scale
	sumc := 0
	for i, v := range x {
		c := roundNonNeg((v-lo)*inv) - 127
		c = min(max(c, -127), 127)
		row[i] = int8(c)
		sumc += c
	}
	clear(row[len(x):qdim])
	off := lo + 127*scale
	h := rowHeader(row)
	h[0], h[1], h[2] = scale, off, float32(sumc)
	h[3] = float32(float64(len(x))*float64(off) + float64(scale)*float64(sumc))
}

// prepare quantises q (Dim elements) into qq with qdim codes, for both
// the int8 rows and the nibble rows.
func (qq *qquery) prepare(q []float32, qdim int) {
	qq.prepareNibbles(q, qq.prepareRows(q, qdim), qdim)
}

// prepareRows is prepare for the int8 rows only (the exact scan's screen).
// It returns max |q_i|.
func (qq *qquery) prepareRows(q []float32, qdim int) float32 {
	if cap(qq.codes) < qdim {
		qq.codes = make([]int16, qdim)
	}
	qq.codes = qq.codes[:qdim]
	var m float32
	var sum float64
	for _, v := range q {
		m = max(m, float32(math.Abs(float64(v))))
		sum += float64(v)
	}
	scale := m / qMax
	if !(scale > 0) {
		scale = 1
	}
	inv := 1 / scale
	for i, v := range q {
		qq.codes[i] = int16(roundSmall(v * inv))
	}
	clear(qq.codes[len(q):])
	qq.scale, qq.off, qq.sum = scale, 0, float32(sum)
	return m
}

// approx turns the integer dot product d of qq with row into a similarity.
func (qq *qquery) approx(row []int8, d int32) float32 {
	h := rowHeader(row)
	return h[1]*qq.sum + qq.off*h[0]*h[2] + qq.scale*h[0]*float32(d)
}

// simRows is the approximate similarity of two stored vectors from their
// int8 rows.
func (ix *Index) simRows(a, b []int8) float32 {
	ha, hb := rowHeader(a), rowHeader(b)
	d := active.dotB(a[:ix.qdim], b[:ix.qdim])
	return hb[1]*ha[3] + ha[1]*hb[0]*hb[2] + ha[0]*hb[0]*float32(d)
}

// row returns the int8 row of slot s.
func (ix *Index) row(s uint32) []int8 {
	c := ix.codes[s>>chunkBits]
	o := int(s&chunkMask) * ix.cstride
	return c[o : o+ix.cstride : o+ix.cstride]
}

// rowLines is how many cache lines of a row a walk prefetches per
// candidate before scoring a batch.
var rowLines = 1

// scoreApprox writes the approximate similarity of qq with every slot's
// int8 row into out, four rows per kernel call.
func (ix *Index) scoreApprox(qq *qquery, slots []uint32, out []float32) []float32 {
	out = out[:0]
	k := active
	// Touch the first cache line of every row to be scored so that all
	// their DRAM reads start at once; the hardware prefetcher follows each
	// row's remaining lines.
	for _, s := range slots {
		prefetchLines(unsafe.Pointer(unsafe.SliceData(ix.row(s))), rowLines)
	}
	n := ix.qdim
	q := qq.codes[:n]
	i := 0
	for ; i+4 <= len(slots); i += 4 {
		ra, rb, rc, rd := ix.row(slots[i]), ix.row(slots[i+1]), ix.row(slots[i+2]), ix.row(slots[i+3])
		a, b, c, d := k.dotQ4(q, ra[:n], rb[:n], rc[:n], rd[:n])
		out = append(out, qq.approx(ra, a), qq.approx(rb, b), qq.approx(rc, c), qq.approx(rd, d))
	}
	for ; i < len(slots); i++ {
		r := ix.row(slots[i])
		out = append(out, qq.approx(r, k.dotQ(q, r[:n])))
	}
	return out
}

// scoreStored writes the approximate similarity of stored slot a with every
// slot into out.
func (ix *Index) scoreStored(a uint32, slots []uint32, out []float32) []float32 {
	out = out[:0]
	ra := ix.row(a)
	for _, s := range slots {
		prefetchLines(unsafe.Pointer(unsafe.SliceData(ix.row(s))), rowLines)
	}
	for _, s := range slots {
		out = append(out, ix.simRows(ra, ix.row(s)))
	}
	return out
}

func dotQGeneric(q []int16, c []int8) int32 {
	c = c[:len(q)]
	var s0, s1, s2, s3 int32
	for i := 0; i+4 <= len(q); i += 4 {
		s0 += int32(q[i]) * int32(c[i])
		s1 += int32(q[i+1]) * int32(c[i+1])
		s2 += int32(q[i+2]) * int32(c[i+2])
		s3 += int32(q[i+3]) * int32(c[i+3])
	}
	for i := len(q) &^ 3; i < len(q); i++ {
		s0 += int32(q[i]) * int32(c[i])
	}
	return (s0 + s1) + (s2 + s3)
}

func dotQ4Generic(q []int16, a, b, c, d []int8) (int32, int32, int32, int32) {
	return dotQGeneric(q, a), dotQGeneric(q, b), dotQGeneric(q, c), dotQGeneric(q, d)
}

func dotBGeneric(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	for i := 0; i+4 <= len(a); i += 4 {
		s0 += int32(a[i]) * int32(b[i])
		s1 += int32(a[i+1]) * int32(b[i+1])
		s2 += int32(a[i+2]) * int32(b[i+2])
		s3 += int32(a[i+3]) * int32(b[i+3])
	}
	for i := len(a) &^ 3; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return (s0 + s1) + (s2 + s3)
}
