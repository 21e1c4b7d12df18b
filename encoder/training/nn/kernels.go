package nn

// dot and axpy are the only inner loops of training and the Go forward pass.
// The implementation is picked once at start from the CPU: AVX-512 or
// AVX2+FMA when built with GOEXPERIMENT=simd on amd64
// (kernels_simd_amd64.go), otherwise the portable Go code below. Every call
// of a run uses the same kernel, so training stays deterministic for a given
// seed and worker count on one machine; different kernels round differently.

// kernelSet is one implementation of the training kernels.
type kernelSet struct {
	name  string
	dot   func(a, b []float32) float32
	axpy  func(y []float32, a float32, x []float32)
	dot4  func(x, a, b, c, d []float32) (float32, float32, float32, float32)
	axpy4 func(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32)
}

var genericKernels = kernelSet{name: "generic", dot: dotGeneric, axpy: axpyGeneric,
	dot4: dot4Generic, axpy4: axpy4Generic}

// kernelSets lists every implementation usable on this CPU, fastest first;
// the SIMD file prepends to it in init. Tests run all of them.
var kernelSets = []kernelSet{genericKernels}

// active is set once in init and never changed, so reads need no locking.
var active = genericKernels

// KernelName reports the training kernels in use ("avx512", "avx2" or
// "generic"), for logs and benchmark reports.
func KernelName() string { return active.name }

// dot returns a·b; b must be at least len(a) long.
func dot(a, b []float32) float32 { return active.dot(a, b) }

// axpy computes y += a·x; x must be at least len(y) long.
func axpy(y []float32, a float32, x []float32) { active.axpy(y, a, x) }

// dot4 returns x·a, x·b, x·c, x·d, reading x once for four rows (each at
// least len(x) long). Each result equals dot's up to float32 rounding: the
// summation order differs.
func dot4(x, a, b, c, d []float32) (float32, float32, float32, float32) {
	return active.dot4(x, a, b, c, d)
}

// axpy4 computes y += a0·x0 + a1·x1 + a2·x2 + a3·x3, loading and storing y
// once instead of four times (each xk at least len(y) long). Each element is
// updated in the order x0, x1, x2, x3 with the same operations as axpy, so
// the result is bit for bit that of four axpy calls in that order.
func axpy4(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	active.axpy4(y, a0, a1, a2, a3, x0, x1, x2, x3)
}

// The portable kernels are unrolled by four with independent accumulators,
// which roughly doubles throughput over a plain loop (the compiler does not
// vectorise), and re-slice so the bounds checks leave the loop.

func dotGeneric(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func axpyGeneric(y []float32, a float32, x []float32) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

func dot4Generic(x, a, b, c, d []float32) (float32, float32, float32, float32) {
	n := len(x)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	var r0, r1, r2, r3 float32
	for i, v := range x {
		r0 += v * a[i]
		r1 += v * b[i]
		r2 += v * c[i]
		r3 += v * d[i]
	}
	return r0, r1, r2, r3
}

func axpy4Generic(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	n := len(y)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	for i, v := range y {
		v += a0 * x0[i]
		v += a1 * x1[i]
		v += a2 * x2[i]
		v += a3 * x3[i]
		y[i] = v
	}
}
