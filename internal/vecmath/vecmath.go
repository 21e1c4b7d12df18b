// Package vecmath holds the float32 vector kernels shared by the index and
// training: dot products and y += a·x, one row or four at a time.
//
// The implementation is picked once at start from the CPU: AVX-512 or
// AVX2+FMA when built with GOEXPERIMENT=simd on amd64 (kernels_simd_amd64.go),
// otherwise the portable Go code in kernels.go, which is what a plain
// `go build` produces on every platform. Every call of a process uses the same
// implementation, so results are deterministic on one machine; different
// implementations round differently (summation order, fused multiply-add).
package vecmath

// kernelSet is one implementation of the kernels.
type kernelSet struct {
	name  string
	dot   func(a, b []float32) float32
	dot4  func(q, a, b, c, d []float32) (float32, float32, float32, float32)
	axpy  func(y []float32, a float32, x []float32)
	axpy4 func(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32)
}

var portable = kernelSet{name: "generic", dot: dotGeneric, dot4: dot4Generic,
	axpy: axpyGeneric, axpy4: axpy4Generic}

// kernelSets lists every implementation usable on this CPU, fastest first;
// the SIMD file prepends to it in init. Tests run all of them.
var kernelSets = []kernelSet{portable}

// active is set once in init and never changed, so reads need no locking.
var active = portable

// KernelName reports the implementation in use ("avx512", "avx2" or
// "generic"), for logs and benchmark reports.
func KernelName() string { return active.name }

// Dot returns a·b; b must be at least len(a) long. For L2-normalised vectors
// this is their cosine similarity.
func Dot(a, b []float32) float32 { return active.dot(a, b) }

// DotPortable is Dot computed by the portable kernel: the same result on
// every CPU, for scores that must not depend on the machine.
func DotPortable(a, b []float32) float32 { return dotGeneric(a, b) }

// Dot4 returns q·a, q·b, q·c, q·d, reading q once for four rows (each at
// least len(q) long). Each result equals Dot's up to float32 rounding: the
// summation order may differ.
func Dot4(q, a, b, c, d []float32) (float32, float32, float32, float32) {
	return active.dot4(q, a, b, c, d)
}

// Axpy computes y += a·x; x must be at least len(y) long.
func Axpy(y []float32, a float32, x []float32) { active.axpy(y, a, x) }

// Axpy4 computes y += a0·x0 + a1·x1 + a2·x2 + a3·x3, loading and storing y
// once instead of four times (each xk at least len(y) long). Each element is
// updated in the order x0, x1, x2, x3 with the same operations as Axpy, so
// the result is bit for bit that of four Axpy calls in that order.
func Axpy4(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	active.axpy4(y, a0, a1, a2, a3, x0, x1, x2, x3)
}
