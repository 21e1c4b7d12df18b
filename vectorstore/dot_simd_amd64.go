//go:build goexperiment.simd && amd64

package vectorstore

import (
	"simd/archsimd"
	"unsafe"
)

// Integer SIMD kernels written with simd/archsimd (GOEXPERIMENT=simd).
// Each ends with ClearAVXUpperBits: returning to scalar SSE code with dirty
// upper YMM/ZMM halves makes callers several times slower.

func init() {
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		kernels = append([]kernel{{name: "avx2",
			dotQ: dotQAVX2, dotQ4: dotQ4AVX2, dotB: dotBAVX2, dotN: dotNAVX2, dotN4: dotN4AVX2}}, kernels...)
	}
	if archsimd.X86.AVX512() {
		kernels = append([]kernel{{name: "avx512",
			dotQ: dotQAVX512, dotQ4: dotQ4AVX512, dotB: dotBAVX512,
			// 16-byte nibble blocks: the AVX2 kernels serve here too.
			dotN: dotNAVX2, dotN4: dotN4AVX2}}, kernels...)
	}
	active = kernels[0]
}

// The loops index through unsafe pointers: with slices the compiler kept a
// bounds check per load and re-derived four slice headers per iteration,
// which cost more than the arithmetic.

// Integer kernels of the int8 rows (quant.go). Lengths are multiples of 32;
// int8 codes are sign-extended to int16 (VPMOVSXBW) and multiplied in pairs
// into int32 lanes (VPMADDWD).

func hsumI8(x archsimd.Int32x8) int32 {
	s := x.GetLo().Add(x.GetHi())
	s = s.AddPairs(s)
	s = s.AddPairs(s)
	return s.GetElem(0)
}

func ldB16(p unsafe.Pointer, i int) archsimd.Int16x16 {
	return archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(p, i))).ExtendToInt16()
}

func ldW16(p unsafe.Pointer, i int) archsimd.Int16x16 {
	return archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(p, 2*i)))
}

func dotQAVX2(q []int16, c []int8) int32 {
	n := len(q)
	c = c[:n]
	pq, pc := unsafe.Pointer(unsafe.SliceData(q)), unsafe.Pointer(unsafe.SliceData(c))
	var acc0, acc1 archsimd.Int32x8
	for i := 0; i+32 <= n; i += 32 {
		acc0 = acc0.Add(ldW16(pq, i).DotProductPairs(ldB16(pc, i)))
		acc1 = acc1.Add(ldW16(pq, i+16).DotProductPairs(ldB16(pc, i+16)))
	}
	s := hsumI8(acc0.Add(acc1))
	archsimd.ClearAVXUpperBits()
	return s
}

func dotQ4AVX2(q []int16, a, b, c, d []int8) (int32, int32, int32, int32) {
	n := len(q)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	pq := unsafe.Pointer(unsafe.SliceData(q))
	pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	pc, pd := unsafe.Pointer(unsafe.SliceData(c)), unsafe.Pointer(unsafe.SliceData(d))
	var s0, s1, s2, s3 archsimd.Int32x8
	for i := 0; i+16 <= n; i += 16 {
		x := ldW16(pq, i)
		s0 = s0.Add(x.DotProductPairs(ldB16(pa, i)))
		s1 = s1.Add(x.DotProductPairs(ldB16(pb, i)))
		s2 = s2.Add(x.DotProductPairs(ldB16(pc, i)))
		s3 = s3.Add(x.DotProductPairs(ldB16(pd, i)))
	}
	r0, r1, r2, r3 := hsumI8(s0), hsumI8(s1), hsumI8(s2), hsumI8(s3)
	archsimd.ClearAVXUpperBits()
	return r0, r1, r2, r3
}

// dotBAVX2 multiplies 32 code pairs per step without widening them first:
// VPMADDUBSW takes |a| as unsigned bytes and b with a's sign moved onto it
// (VPSIGNB), so each product keeps its sign. Codes are in [-127, 127]
// (quantizeRow), which keeps a pair sum at most 2*127*127 = 32258, inside
// int16, and |a| a valid byte; VPMADDWD with ones then widens to int32.
// That is about half the instructions of widening both rows to int16, and
// the neighbour selection of a build spends its time here.
func dotBAVX2(a, b []int8) int32 {
	n := len(a)
	b = b[:n]
	pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	one := archsimd.BroadcastInt16x16(1)
	var acc0, acc1 archsimd.Int32x8
	i := 0
	for ; i+64 <= n; i += 64 {
		acc0 = acc0.Add(bytesDot32(pa, pb, i, one))
		acc1 = acc1.Add(bytesDot32(pa, pb, i+32, one))
	}
	if i < n {
		acc0 = acc0.Add(bytesDot32(pa, pb, i, one))
	}
	s := hsumI8(acc0.Add(acc1))
	archsimd.ClearAVXUpperBits()
	return s
}

// bytesDot32 is dotBAVX2's step: 32 code pairs from offset i, summed into
// eight int32 lanes.
func bytesDot32(pa, pb unsafe.Pointer, i int, one archsimd.Int16x16) archsimd.Int32x8 {
	x, y := ldI8x32(pa, i), ldI8x32(pb, i)
	return x.Abs().AsUint8x32().DotProductPairsSaturated(y.CopySign(x)).DotProductPairs(one)
}

func hsumI16(x archsimd.Int32x16) int32 { return hsumI8(x.GetLo().Add(x.GetHi())) }

func ldB32(p unsafe.Pointer, i int) archsimd.Int16x32 {
	return archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(p, i))).ExtendToInt16()
}

func ldW32(p unsafe.Pointer, i int) archsimd.Int16x32 {
	return archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(p, 2*i)))
}

func dotQAVX512(q []int16, c []int8) int32 {
	n := len(q)
	c = c[:n]
	pq, pc := unsafe.Pointer(unsafe.SliceData(q)), unsafe.Pointer(unsafe.SliceData(c))
	var acc archsimd.Int32x16
	for i := 0; i+32 <= n; i += 32 {
		acc = acc.Add(ldW32(pq, i).DotProductPairs(ldB32(pc, i)))
	}
	s := hsumI16(acc)
	archsimd.ClearAVXUpperBits()
	return s
}

func dotQ4AVX512(q []int16, a, b, c, d []int8) (int32, int32, int32, int32) {
	n := len(q)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	pq := unsafe.Pointer(unsafe.SliceData(q))
	pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	pc, pd := unsafe.Pointer(unsafe.SliceData(c)), unsafe.Pointer(unsafe.SliceData(d))
	var s0, s1, s2, s3 archsimd.Int32x16
	for i := 0; i+32 <= n; i += 32 {
		x := ldW32(pq, i)
		s0 = s0.Add(x.DotProductPairs(ldB32(pa, i)))
		s1 = s1.Add(x.DotProductPairs(ldB32(pb, i)))
		s2 = s2.Add(x.DotProductPairs(ldB32(pc, i)))
		s3 = s3.Add(x.DotProductPairs(ldB32(pd, i)))
	}
	r0, r1, r2, r3 := hsumI16(s0), hsumI16(s1), hsumI16(s2), hsumI16(s3)
	archsimd.ClearAVXUpperBits()
	return r0, r1, r2, r3
}

func dotBAVX512(a, b []int8) int32 {
	n := len(a)
	b = b[:n]
	pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	var acc archsimd.Int32x16
	for i := 0; i+32 <= n; i += 32 {
		acc = acc.Add(ldB32(pa, i).DotProductPairs(ldB32(pb, i)))
	}
	s := hsumI16(acc)
	archsimd.ClearAVXUpperBits()
	return s
}

// Nibble-row kernels (nibble.go): 32 row bytes (64 elements) per step. The
// low nibbles are masked out, the high ones shifted down with a 16-bit
// multiply-high by 2^12 (VPMULHUW: archsimd's VPSRLW takes its count
// through a general register and a non-VEX MOVQ, which with dirty upper YMM
// halves made the kernel far slower) and masked. Each half is multiplied
// with its query bytes by VPMADDUBSW into int16 pair sums, and the two are
// added and widened to int32 by one VPMADDWD with ones. A last odd block of
// 16 bytes takes the same path at 128 bits.

func nibblesDot32(x archsimd.Uint8x32, ql, qh archsimd.Int8x32, m archsimd.Uint8x32, sh archsimd.Uint16x16, one archsimd.Int16x16) archsimd.Int32x8 {
	lo := x.And(m)
	hi := x.AsUint16x16().MulHigh(sh).AsUint8x32().And(m)
	return lo.DotProductPairsSaturated(ql).Add(hi.DotProductPairsSaturated(qh)).DotProductPairs(one)
}

func nibblesDot16(p, pl, ph unsafe.Pointer, j int) archsimd.Int32x4 {
	m, sh := archsimd.BroadcastUint8x16(15), archsimd.BroadcastUint16x8(1<<12)
	x := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(p, j)))
	ql := archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(pl, j)))
	qh := archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(ph, j)))
	lo := x.And(m)
	hi := x.AsUint16x8().MulHigh(sh).AsUint8x16().And(m)
	return lo.DotProductPairsSaturated(ql).Add(hi.DotProductPairsSaturated(qh)).DotProductPairs(archsimd.BroadcastInt16x8(1))
}

func ldU8x32(p unsafe.Pointer, j int) archsimd.Uint8x32 {
	return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, j)))
}

func ldI8x32(p unsafe.Pointer, j int) archsimd.Int8x32 {
	return archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(p, j)))
}

func hsumI4(x archsimd.Int32x4) int32 {
	x = x.AddPairs(x)
	x = x.AddPairs(x)
	return x.GetElem(0)
}

func dotNAVX2(q []int8, c []uint8) int32 {
	nb := len(q) / 2
	if nb == 0 {
		return 0
	}
	c = c[:nb]
	pl, ph := unsafe.Pointer(unsafe.SliceData(q)), unsafe.Pointer(&q[nb:][0])
	pc := unsafe.Pointer(unsafe.SliceData(c))
	m, sh, one := archsimd.BroadcastUint8x32(15), archsimd.BroadcastUint16x16(1<<12), archsimd.BroadcastInt16x16(1)
	var acc archsimd.Int32x8
	j := 0
	for ; j+32 <= nb; j += 32 {
		acc = acc.Add(nibblesDot32(ldU8x32(pc, j), ldI8x32(pl, j), ldI8x32(ph, j), m, sh, one))
	}
	s := hsumI8(acc)
	if j < nb {
		s += hsumI4(nibblesDot16(pc, pl, ph, j))
	}
	archsimd.ClearAVXUpperBits()
	return s
}

// dotN4AVX2 scores two rows per pass over the query: with four, the
// compiler ran out of vector registers and spilled with SSE moves, which
// was far slower (the upper-half penalty again).
func dotN4AVX2(q []int8, a, b, c, d []uint8) (int32, int32, int32, int32) {
	r0, r1 := dotN2AVX2(q, a, b)
	r2, r3 := dotN2AVX2(q, c, d)
	return r0, r1, r2, r3
}

func dotN2AVX2(q []int8, a, b []uint8) (int32, int32) {
	nb := len(q) / 2
	if nb == 0 {
		return 0, 0
	}
	a, b = a[:nb], b[:nb]
	pl, ph := unsafe.Pointer(unsafe.SliceData(q)), unsafe.Pointer(&q[nb:][0])
	pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	m, sh, one := archsimd.BroadcastUint8x32(15), archsimd.BroadcastUint16x16(1<<12), archsimd.BroadcastInt16x16(1)
	var s0, s1 archsimd.Int32x8
	j := 0
	for ; j+32 <= nb; j += 32 {
		ql, qh := ldI8x32(pl, j), ldI8x32(ph, j)
		s0 = s0.Add(nibblesDot32(ldU8x32(pa, j), ql, qh, m, sh, one))
		s1 = s1.Add(nibblesDot32(ldU8x32(pb, j), ql, qh, m, sh, one))
	}
	r0, r1 := hsumI8(s0), hsumI8(s1)
	if j < nb {
		r0 += hsumI4(nibblesDot16(pa, pl, ph, j))
		r1 += hsumI4(nibblesDot16(pb, pl, ph, j))
	}
	archsimd.ClearAVXUpperBits()
	return r0, r1
}
