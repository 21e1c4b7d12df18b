package vecmath

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func randVec(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	return v
}

// dotTol bounds the float32 rounding of a length-n dot product computed in
// any summation order, relative to Σ|a_i·b_i| (the sum itself may cancel).
func dotTol(a, b []float32) float64 {
	var abs float64
	for i := range a {
		abs += math.Abs(float64(a[i]) * float64(b[i]))
	}
	return 2 * float64(len(a)+2) * 0x1p-24 * abs
}

func dot64(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// TestKernelsMatchReference checks every kernel set usable on this CPU
// against float64 sums on random lengths 0..600, which covers every tail.
func TestKernelsMatchReference(t *testing.T) {
	t.Logf("kernel sets: %d, active %s", len(kernelSets), KernelName())
	for _, k := range kernelSets {
		t.Run(k.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 8))
			lengths := []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 128, 256, 512, 600}
			for range 300 {
				lengths = append(lengths, rng.IntN(601))
			}
			for _, n := range lengths {
				x, a, b, c, d := randVec(rng, n), randVec(rng, n), randVec(rng, n), randVec(rng, n), randVec(rng, n)
				// Rows may be longer than x: only the first n elements count.
				b = append(b, 1e9)
				if got, want := k.dot(x, a), dot64(x, a); math.Abs(float64(got)-want) > dotTol(x, a) {
					t.Fatalf("n=%d: dot %v, want %v", n, got, want)
				}
				r := [4]float32{}
				r[0], r[1], r[2], r[3] = k.dot4(x, a, b, c, d)
				for j, row := range [][]float32{a, b[:n], c, d} {
					if want := dot64(x, row); math.Abs(float64(r[j])-want) > dotTol(x, row) {
						t.Fatalf("n=%d: dot4[%d] %v, want %v", n, j, r[j], want)
					}
				}
				// axpy: one rounding of a·x_i + y_i (two without FMA).
				const s = float32(-0.75)
				y := randVec(rng, n)
				got := slices.Clone(y)
				k.axpy(got, s, b)
				for i := range y {
					want := float64(y[i]) + float64(s)*float64(b[i])
					tol := 2 * 0x1p-24 * (math.Abs(float64(y[i])) + math.Abs(float64(s)*float64(b[i])))
					if math.Abs(float64(got[i])-want) > tol {
						t.Fatalf("n=%d: axpy[%d] %v, want %v", n, i, got[i], want)
					}
				}
				// axpy4 is four axpy calls, bit for bit.
				as := [4]float32{0.5, -1.25, 3, 1e-3}
				want := slices.Clone(y)
				for j, row := range [][]float32{a, b, c, d} {
					k.axpy(want, as[j], row)
				}
				got = slices.Clone(y)
				k.axpy4(got, as[0], as[1], as[2], as[3], a, b, c, d)
				if !slices.Equal(got, want) {
					t.Fatalf("n=%d: axpy4 differs from four axpy calls", n)
				}
			}
		})
	}
}

// TestKernelsAgree compares each SIMD kernel with the scalar one directly.
func TestKernelsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, k := range kernelSets {
		for range 200 {
			n := rng.IntN(601)
			a, b := randVec(rng, n), randVec(rng, n)
			if got, want := k.dot(a, b), dotGeneric(a, b); math.Abs(float64(got-want)) > 2*dotTol(a, b) {
				t.Fatalf("%s n=%d: dot %v, generic %v", k.name, n, got, want)
			}
			y1, y2 := slices.Clone(a), slices.Clone(a)
			k.axpy(y1, 0.3, b)
			axpyGeneric(y2, 0.3, b)
			for i := range y1 {
				if d := math.Abs(float64(y1[i] - y2[i])); d > 4*0x1p-24*(math.Abs(float64(a[i]))+math.Abs(0.3*float64(b[i]))) {
					t.Fatalf("%s n=%d: axpy[%d] %v, generic %v", k.name, n, i, y1[i], y2[i])
				}
			}
		}
	}
}

// TestKernelsMatchFloat64ReferenceUnaligned checks Dot and Dot4 of every
// kernel set against a float64 dot product on random lengths and unaligned
// offsets into one buffer.
func TestKernelsMatchFloat64ReferenceUnaligned(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]float32, 4200)
	for i := range buf {
		buf[i] = float32(r.NormFloat64())
	}
	for _, k := range kernelSets {
		t.Run(k.name, func(t *testing.T) {
			for trial := 0; trial < 2000; trial++ {
				n := r.IntN(600)
				if trial < 70 {
					n = trial
				}
				oa, ob := r.IntN(17), r.IntN(17)
				a := buf[oa : oa+n]
				b := buf[1000+ob : 1000+ob+n]
				want := dot64(a, b)
				tol := 1e-5 * (1 + math.Sqrt(float64(n))*4)
				if got := k.dot(a, b); math.Abs(float64(got)-want) > tol {
					t.Fatalf("dot n=%d offsets=%d,%d: got %v want %v", n, oa, ob, got, want)
				}
				c := buf[2000+oa : 2000+oa+n]
				d := buf[3000+ob : 3000+ob+n]
				q := buf[3100 : 3100+n]
				g0, g1, g2, g3 := k.dot4(q, a, b, c, d)
				for i, pair := range [][2]any{{g0, a}, {g1, b}, {g2, c}, {g3, d}} {
					w := dot64(q, pair[1].([]float32))
					if math.Abs(float64(pair[0].(float32))-w) > tol {
						t.Fatalf("dot4 row %d n=%d: got %v want %v", i, n, pair[0], w)
					}
				}
			}
		})
	}
}

func TestDotPortableIsTheGenericKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 100 {
		n := rng.IntN(601)
		a, b := randVec(rng, n), randVec(rng, n)
		if got, want := DotPortable(a, b), portable.dot(a, b); got != want {
			t.Fatalf("n=%d: DotPortable %v, generic kernel %v", n, got, want)
		}
	}
}

var sink float32

// BenchmarkKernels runs every kernel set usable here (a plain build has only
// "generic"): name/kernel/width.
func BenchmarkKernels(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, k := range kernelSets {
		for _, n := range []int{128, 256, 512} {
			x, r0, r1, r2, r3 := randVec(rng, n), randVec(rng, n), randVec(rng, n), randVec(rng, n), randVec(rng, n)
			y := make([]float32, n)
			run := func(name string, fn func()) {
				b.Run(fmt.Sprintf("%s/%s/%d", k.name, name, n), func(b *testing.B) {
					for b.Loop() {
						fn()
					}
				})
			}
			run("dot", func() { sink += k.dot(x, r0) })
			run("axpy", func() { k.axpy(y, 1e-3, x) })
			// Four rows per op, against four dot or axpy calls.
			run("4xdot", func() { sink += k.dot(x, r0) + k.dot(x, r1) + k.dot(x, r2) + k.dot(x, r3) })
			run("dot4", func() {
				s0, s1, s2, s3 := k.dot4(x, r0, r1, r2, r3)
				sink += s0 + s1 + s2 + s3
			})
			run("4xaxpy", func() {
				k.axpy(y, 1e-3, r0)
				k.axpy(y, 1e-3, r1)
				k.axpy(y, 1e-3, r2)
				k.axpy(y, 1e-3, r3)
			})
			run("axpy4", func() { k.axpy4(y, 1e-3, 1e-3, 1e-3, 1e-3, r0, r1, r2, r3) })
		}
	}
}

// BenchmarkLayer256x512 is one row through a 256 → 512 layer of training:
// forward (y = x·W) with Axpy per input, as encoder/training/nn does it, and
// with Axpy4 over four inputs; backward (dx_i = W_i·dy) with Dot per input
// and with Dot4.
func BenchmarkLayer256x512(b *testing.B) {
	const in, out = 256, 512
	rng := rand.New(rand.NewPCG(2, 2))
	x, w, y := randVec(rng, in), randVec(rng, in*out), make([]float32, out)
	dx, dy := make([]float32, in), randVec(rng, out)
	b.Run("axpy", func(b *testing.B) {
		for b.Loop() {
			clear(y)
			for i, xi := range x {
				Axpy(y, xi, w[i*out:(i+1)*out])
			}
		}
	})
	b.Run("axpy4", func(b *testing.B) {
		for b.Loop() {
			clear(y)
			for i := 0; i < in; i += 4 {
				Axpy4(y, x[i], x[i+1], x[i+2], x[i+3],
					w[i*out:], w[(i+1)*out:], w[(i+2)*out:], w[(i+3)*out:])
			}
		}
	})
	b.Run("dot", func(b *testing.B) {
		for b.Loop() {
			for i := range dx {
				dx[i] = Dot(w[i*out:(i+1)*out], dy)
			}
		}
	})
	b.Run("dot4", func(b *testing.B) {
		for b.Loop() {
			for i := 0; i < in; i += 4 {
				dx[i], dx[i+1], dx[i+2], dx[i+3] = Dot4(dy,
					w[i*out:], w[(i+1)*out:], w[(i+2)*out:], w[(i+3)*out:])
			}
		}
	})
}

func dotPlainLoop(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// BenchmarkDot512 is one 512-d similarity, the model's width: a plain loop
// against every kernel set, one row and four rows per op.
func BenchmarkDot512(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x, y := randVec(r, 512), randVec(r, 512)
	b.Run("plain-loop", func(b *testing.B) {
		for b.Loop() {
			sink += dotPlainLoop(x, y)
		}
	})
	for _, k := range kernelSets {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				sink += k.dot(x, y)
			}
		})
		b.Run(k.name+"-x4", func(b *testing.B) {
			z, w, u := randVec(r, 512), randVec(r, 512), randVec(r, 512)
			for b.Loop() {
				s0, s1, s2, s3 := k.dot4(x, y, z, w, u)
				sink += s0 + s1 + s2 + s3
			}
		})
	}
}
