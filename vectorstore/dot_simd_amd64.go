//go:build goexperiment.simd && amd64

package vectorstore

import "simd/archsimd"

// SIMD kernels written with simd/archsimd (GOEXPERIMENT=simd, Go 1.26).
// Each ends with ClearAVXUpperBits: returning to scalar SSE code with dirty
// upper YMM/ZMM halves made callers 3-10x slower on the machines we measured.

func init() {
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		kernels = append([]kernel{{name: "avx2", dot: dotAVX2, dot4: dot4AVX2}}, kernels...)
	}
	if archsimd.X86.AVX512() {
		kernels = append([]kernel{{name: "avx512", dot: dotAVX512, dot4: dot4AVX512}}, kernels...)
	}
	active = kernels[0]
}

// hsum8 adds the eight lanes of x.
func hsum8(x archsimd.Float32x8) float32 {
	s := x.GetLo().Add(x.GetHi())
	s = s.AddPairs(s)
	s = s.AddPairs(s)
	return s.GetElem(0)
}

func dotAVX2(a, b []float32) float32 {
	b = b[:len(a)]
	var acc0, acc1, acc2, acc3 archsimd.Float32x8
	for len(a) >= 32 {
		acc0 = archsimd.LoadFloat32x8Slice(a).MulAdd(archsimd.LoadFloat32x8Slice(b), acc0)
		acc1 = archsimd.LoadFloat32x8Slice(a[8:]).MulAdd(archsimd.LoadFloat32x8Slice(b[8:]), acc1)
		acc2 = archsimd.LoadFloat32x8Slice(a[16:]).MulAdd(archsimd.LoadFloat32x8Slice(b[16:]), acc2)
		acc3 = archsimd.LoadFloat32x8Slice(a[24:]).MulAdd(archsimd.LoadFloat32x8Slice(b[24:]), acc3)
		a, b = a[32:], b[32:]
	}
	for len(a) >= 8 {
		acc0 = archsimd.LoadFloat32x8Slice(a).MulAdd(archsimd.LoadFloat32x8Slice(b), acc0)
		a, b = a[8:], b[8:]
	}
	if len(a) > 0 {
		acc1 = archsimd.LoadFloat32x8SlicePart(a).MulAdd(archsimd.LoadFloat32x8SlicePart(b), acc1)
	}
	s := hsum8(acc0.Add(acc1).Add(acc2.Add(acc3)))
	archsimd.ClearAVXUpperBits()
	return s
}

func dot4AVX2(q, a, b, c, d []float32) (float32, float32, float32, float32) {
	n := len(q)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	var s0, s1, s2, s3 archsimd.Float32x8
	for len(q) >= 8 {
		x := archsimd.LoadFloat32x8Slice(q)
		s0 = x.MulAdd(archsimd.LoadFloat32x8Slice(a), s0)
		s1 = x.MulAdd(archsimd.LoadFloat32x8Slice(b), s1)
		s2 = x.MulAdd(archsimd.LoadFloat32x8Slice(c), s2)
		s3 = x.MulAdd(archsimd.LoadFloat32x8Slice(d), s3)
		q, a, b, c, d = q[8:], a[8:], b[8:], c[8:], d[8:]
	}
	if len(q) > 0 {
		x := archsimd.LoadFloat32x8SlicePart(q)
		s0 = x.MulAdd(archsimd.LoadFloat32x8SlicePart(a), s0)
		s1 = x.MulAdd(archsimd.LoadFloat32x8SlicePart(b), s1)
		s2 = x.MulAdd(archsimd.LoadFloat32x8SlicePart(c), s2)
		s3 = x.MulAdd(archsimd.LoadFloat32x8SlicePart(d), s3)
	}
	r0, r1, r2, r3 := hsum8(s0), hsum8(s1), hsum8(s2), hsum8(s3)
	archsimd.ClearAVXUpperBits()
	return r0, r1, r2, r3
}

func hsum16(x archsimd.Float32x16) float32 {
	return hsum8(x.GetLo().Add(x.GetHi()))
}

func dotAVX512(a, b []float32) float32 {
	b = b[:len(a)]
	var acc0, acc1 archsimd.Float32x16
	for len(a) >= 32 {
		acc0 = archsimd.LoadFloat32x16Slice(a).MulAdd(archsimd.LoadFloat32x16Slice(b), acc0)
		acc1 = archsimd.LoadFloat32x16Slice(a[16:]).MulAdd(archsimd.LoadFloat32x16Slice(b[16:]), acc1)
		a, b = a[32:], b[32:]
	}
	if len(a) >= 16 {
		acc0 = archsimd.LoadFloat32x16Slice(a).MulAdd(archsimd.LoadFloat32x16Slice(b), acc0)
		a, b = a[16:], b[16:]
	}
	if len(a) > 0 {
		acc1 = archsimd.LoadFloat32x16SlicePart(a).MulAdd(archsimd.LoadFloat32x16SlicePart(b), acc1)
	}
	s := hsum16(acc0.Add(acc1))
	archsimd.ClearAVXUpperBits()
	return s
}

func dot4AVX512(q, a, b, c, d []float32) (float32, float32, float32, float32) {
	n := len(q)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	var s0, s1, s2, s3 archsimd.Float32x16
	for len(q) >= 16 {
		x := archsimd.LoadFloat32x16Slice(q)
		s0 = x.MulAdd(archsimd.LoadFloat32x16Slice(a), s0)
		s1 = x.MulAdd(archsimd.LoadFloat32x16Slice(b), s1)
		s2 = x.MulAdd(archsimd.LoadFloat32x16Slice(c), s2)
		s3 = x.MulAdd(archsimd.LoadFloat32x16Slice(d), s3)
		q, a, b, c, d = q[16:], a[16:], b[16:], c[16:], d[16:]
	}
	if len(q) > 0 {
		x := archsimd.LoadFloat32x16SlicePart(q)
		s0 = x.MulAdd(archsimd.LoadFloat32x16SlicePart(a), s0)
		s1 = x.MulAdd(archsimd.LoadFloat32x16SlicePart(b), s1)
		s2 = x.MulAdd(archsimd.LoadFloat32x16SlicePart(c), s2)
		s3 = x.MulAdd(archsimd.LoadFloat32x16SlicePart(d), s3)
	}
	r0, r1, r2, r3 := hsum16(s0), hsum16(s1), hsum16(s2), hsum16(s3)
	archsimd.ClearAVXUpperBits()
	return r0, r1, r2, r3
}
