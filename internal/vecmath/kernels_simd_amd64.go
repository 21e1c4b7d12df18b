//go:build goexperiment.simd && amd64

package vecmath

import (
	"simd/archsimd"
	"unsafe"
)

// SIMD kernels written with simd/archsimd (GOEXPERIMENT=simd). Each ends
// with ClearAVXUpperBits before its scalar tail and return: scalar SSE code
// after dirty upper YMM/ZMM halves runs several times slower. Loads go
// through unsafe pointers because slice indexing kept a bounds check per
// load; the lengths are checked once by re-slicing at entry.

func init() {
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		kernelSets = append([]kernelSet{{name: "avx2", dot: dotAVX2, dot4: dot4AVX2,
			axpy: axpyAVX2, axpy4: axpy4AVX2}}, kernelSets...)
	}
	if archsimd.X86.AVX512() {
		kernelSets = append([]kernelSet{{name: "avx512", dot: dotAVX512, dot4: dot4AVX512,
			axpy: axpyAVX512, axpy4: axpy4AVX512}}, kernelSets...)
	}
	active = kernelSets[0]
}

func ld8(p unsafe.Pointer, i int) archsimd.Float32x8 {
	return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, i*4)))
}

func st8(p unsafe.Pointer, i int, v archsimd.Float32x8) {
	v.Store((*[8]float32)(unsafe.Add(p, i*4)))
}

func ld16(p unsafe.Pointer, i int) archsimd.Float32x16 {
	return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(p, i*4)))
}

func st16(p unsafe.Pointer, i int, v archsimd.Float32x16) {
	v.Store((*[16]float32)(unsafe.Add(p, i*4)))
}

func ptr(s []float32) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(s)) }

func hsum8(x archsimd.Float32x8) float32 {
	s := x.GetLo().Add(x.GetHi())
	s = s.AddPairs(s)
	s = s.AddPairs(s)
	return s.GetElem(0)
}

func hsum16(x archsimd.Float32x16) float32 { return hsum8(x.GetLo().Add(x.GetHi())) }

// AVX2 + FMA: 8 lanes.

func dotAVX2(a, b []float32) float32 {
	n := len(a)
	b = b[:n]
	pa, pb := ptr(a), ptr(b)
	var s0, s1, s2, s3 archsimd.Float32x8
	i := 0
	for ; i+32 <= n; i += 32 {
		s0 = ld8(pa, i).MulAdd(ld8(pb, i), s0)
		s1 = ld8(pa, i+8).MulAdd(ld8(pb, i+8), s1)
		s2 = ld8(pa, i+16).MulAdd(ld8(pb, i+16), s2)
		s3 = ld8(pa, i+24).MulAdd(ld8(pb, i+24), s3)
	}
	for ; i+8 <= n; i += 8 {
		s0 = ld8(pa, i).MulAdd(ld8(pb, i), s0)
	}
	s := hsum8(s0.Add(s1).Add(s2.Add(s3)))
	archsimd.ClearAVXUpperBits()
	for ; i < n; i++ {
		s += a[i] * b[i]
	}
	return s
}

func axpyAVX2(y []float32, a float32, x []float32) {
	n := len(y)
	x = x[:n]
	py, px := ptr(y), ptr(x)
	va := archsimd.BroadcastFloat32x8(a)
	i := 0
	for ; i+32 <= n; i += 32 {
		st8(py, i, ld8(px, i).MulAdd(va, ld8(py, i)))
		st8(py, i+8, ld8(px, i+8).MulAdd(va, ld8(py, i+8)))
		st8(py, i+16, ld8(px, i+16).MulAdd(va, ld8(py, i+16)))
		st8(py, i+24, ld8(px, i+24).MulAdd(va, ld8(py, i+24)))
	}
	for ; i+8 <= n; i += 8 {
		st8(py, i, ld8(px, i).MulAdd(va, ld8(py, i)))
	}
	archsimd.ClearAVXUpperBits()
	axpyTail(i, y, a, x)
}

// axpyTail does the last len(y)%8 elements. axpy and axpy4 vectorise the
// same prefix and share the tail's operations, so axpy4 equals four axpy
// calls bit for bit.
func axpyTail(i int, y []float32, a float32, x []float32) {
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

func dot4AVX2(x, a, b, c, d []float32) (float32, float32, float32, float32) {
	n := len(x)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	px, pa, pb, pc, pd := ptr(x), ptr(a), ptr(b), ptr(c), ptr(d)
	var s0, s1, s2, s3 archsimd.Float32x8
	i := 0
	for ; i+8 <= n; i += 8 {
		v := ld8(px, i)
		s0 = v.MulAdd(ld8(pa, i), s0)
		s1 = v.MulAdd(ld8(pb, i), s1)
		s2 = v.MulAdd(ld8(pc, i), s2)
		s3 = v.MulAdd(ld8(pd, i), s3)
	}
	r0, r1, r2, r3 := hsum8(s0), hsum8(s1), hsum8(s2), hsum8(s3)
	archsimd.ClearAVXUpperBits()
	return dot4Tail(i, x, a, b, c, d, r0, r1, r2, r3)
}

// dot4Tail adds the elements from i on, fewer than one vector's width, in
// scalar code. (archsimd's LoadSlicePart would do it in SIMD, but its
// pointer conversion trips the race detector's checkptr.)
func dot4Tail(i int, x, a, b, c, d []float32, r0, r1, r2, r3 float32) (float32, float32, float32, float32) {
	for ; i < len(x); i++ {
		r0 += x[i] * a[i]
		r1 += x[i] * b[i]
		r2 += x[i] * c[i]
		r3 += x[i] * d[i]
	}
	return r0, r1, r2, r3
}

func axpy4AVX2(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	n := len(y)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	py, p0, p1, p2, p3 := ptr(y), ptr(x0), ptr(x1), ptr(x2), ptr(x3)
	v0, v1 := archsimd.BroadcastFloat32x8(a0), archsimd.BroadcastFloat32x8(a1)
	v2, v3 := archsimd.BroadcastFloat32x8(a2), archsimd.BroadcastFloat32x8(a3)
	i := 0
	for ; i+16 <= n; i += 16 {
		u := ld8(p0, i).MulAdd(v0, ld8(py, i))
		w := ld8(p0, i+8).MulAdd(v0, ld8(py, i+8))
		u = ld8(p1, i).MulAdd(v1, u)
		w = ld8(p1, i+8).MulAdd(v1, w)
		u = ld8(p2, i).MulAdd(v2, u)
		w = ld8(p2, i+8).MulAdd(v2, w)
		st8(py, i, ld8(p3, i).MulAdd(v3, u))
		st8(py, i+8, ld8(p3, i+8).MulAdd(v3, w))
	}
	for ; i+8 <= n; i += 8 {
		u := ld8(p0, i).MulAdd(v0, ld8(py, i))
		u = ld8(p1, i).MulAdd(v1, u)
		u = ld8(p2, i).MulAdd(v2, u)
		st8(py, i, ld8(p3, i).MulAdd(v3, u))
	}
	archsimd.ClearAVXUpperBits()
	axpy4Tail(i, y, a0, a1, a2, a3, x0, x1, x2, x3)
}

func axpy4Tail(i int, y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	for ; i < len(y); i++ {
		v := y[i]
		v += a0 * x0[i]
		v += a1 * x1[i]
		v += a2 * x2[i]
		v += a3 * x3[i]
		y[i] = v
	}
}

// AVX-512: 16 lanes; a remainder of 8 or more takes one AVX2 step.

func dotAVX512(a, b []float32) float32 {
	n := len(a)
	b = b[:n]
	pa, pb := ptr(a), ptr(b)
	var s0, s1, s2, s3 archsimd.Float32x16
	i := 0
	for ; i+64 <= n; i += 64 {
		s0 = ld16(pa, i).MulAdd(ld16(pb, i), s0)
		s1 = ld16(pa, i+16).MulAdd(ld16(pb, i+16), s1)
		s2 = ld16(pa, i+32).MulAdd(ld16(pb, i+32), s2)
		s3 = ld16(pa, i+48).MulAdd(ld16(pb, i+48), s3)
	}
	for ; i+16 <= n; i += 16 {
		s0 = ld16(pa, i).MulAdd(ld16(pb, i), s0)
	}
	s8 := s0.Add(s1).Add(s2.Add(s3))
	t := s8.GetLo().Add(s8.GetHi())
	if i+8 <= n {
		t = ld8(pa, i).MulAdd(ld8(pb, i), t)
		i += 8
	}
	s := hsum8(t)
	archsimd.ClearAVXUpperBits()
	for ; i < n; i++ {
		s += a[i] * b[i]
	}
	return s
}

func axpyAVX512(y []float32, a float32, x []float32) {
	n := len(y)
	x = x[:n]
	py, px := ptr(y), ptr(x)
	va := archsimd.BroadcastFloat32x16(a)
	i := 0
	for ; i+64 <= n; i += 64 {
		st16(py, i, ld16(px, i).MulAdd(va, ld16(py, i)))
		st16(py, i+16, ld16(px, i+16).MulAdd(va, ld16(py, i+16)))
		st16(py, i+32, ld16(px, i+32).MulAdd(va, ld16(py, i+32)))
		st16(py, i+48, ld16(px, i+48).MulAdd(va, ld16(py, i+48)))
	}
	for ; i+16 <= n; i += 16 {
		st16(py, i, ld16(px, i).MulAdd(va, ld16(py, i)))
	}
	if i+8 <= n {
		st8(py, i, ld8(px, i).MulAdd(va.GetLo(), ld8(py, i)))
		i += 8
	}
	archsimd.ClearAVXUpperBits()
	axpyTail(i, y, a, x)
}

func dot4AVX512(x, a, b, c, d []float32) (float32, float32, float32, float32) {
	n := len(x)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	px, pa, pb, pc, pd := ptr(x), ptr(a), ptr(b), ptr(c), ptr(d)
	// One accumulator per row: with two (8 live vectors plus loads) the
	// compiler spilled to the stack and it ran slower.
	var s0, s1, s2, s3 archsimd.Float32x16
	i := 0
	for ; i+16 <= n; i += 16 {
		v := ld16(px, i)
		s0 = v.MulAdd(ld16(pa, i), s0)
		s1 = v.MulAdd(ld16(pb, i), s1)
		s2 = v.MulAdd(ld16(pc, i), s2)
		s3 = v.MulAdd(ld16(pd, i), s3)
	}
	r0, r1, r2, r3 := hsum16(s0), hsum16(s1), hsum16(s2), hsum16(s3)
	archsimd.ClearAVXUpperBits()
	return dot4Tail(i, x, a, b, c, d, r0, r1, r2, r3)
}

func axpy4AVX512(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	n := len(y)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	py, p0, p1, p2, p3 := ptr(y), ptr(x0), ptr(x1), ptr(x2), ptr(x3)
	v0, v1 := archsimd.BroadcastFloat32x16(a0), archsimd.BroadcastFloat32x16(a1)
	v2, v3 := archsimd.BroadcastFloat32x16(a2), archsimd.BroadcastFloat32x16(a3)
	i := 0
	for ; i+32 <= n; i += 32 {
		u := ld16(p0, i).MulAdd(v0, ld16(py, i))
		w := ld16(p0, i+16).MulAdd(v0, ld16(py, i+16))
		u = ld16(p1, i).MulAdd(v1, u)
		w = ld16(p1, i+16).MulAdd(v1, w)
		u = ld16(p2, i).MulAdd(v2, u)
		w = ld16(p2, i+16).MulAdd(v2, w)
		st16(py, i, ld16(p3, i).MulAdd(v3, u))
		st16(py, i+16, ld16(p3, i+16).MulAdd(v3, w))
	}
	for ; i+16 <= n; i += 16 {
		u := ld16(p0, i).MulAdd(v0, ld16(py, i))
		u = ld16(p1, i).MulAdd(v1, u)
		u = ld16(p2, i).MulAdd(v2, u)
		st16(py, i, ld16(p3, i).MulAdd(v3, u))
	}
	if i+8 <= n {
		u := ld8(p0, i).MulAdd(v0.GetLo(), ld8(py, i))
		u = ld8(p1, i).MulAdd(v1.GetLo(), u)
		u = ld8(p2, i).MulAdd(v2.GetLo(), u)
		st8(py, i, ld8(p3, i).MulAdd(v3.GetLo(), u))
		i += 8
	}
	archsimd.ClearAVXUpperBits()
	axpy4Tail(i, y, a0, a1, a2, a3, x0, x1, x2, x3)
}
