package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"jobmatch/encoder"
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

// BenchmarkLayer256x512 is one row through the 256 → 512 layer: forward
// (y = x·W) with axpy per input as forward.go does it and with axpy4 over
// four inputs; backward (dx_i = W_i·dy) with dot per input and with dot4.
func BenchmarkLayer256x512(b *testing.B) {
	const in, out = 256, 512
	rng := rand.New(rand.NewPCG(2, 2))
	x, w, y := randVec(rng, in), randVec(rng, in*out), make([]float32, out)
	dx, dy := make([]float32, in), randVec(rng, out)
	b.Run("axpy", func(b *testing.B) {
		for b.Loop() {
			clear(y)
			for i, xi := range x {
				axpy(y, xi, w[i*out:(i+1)*out])
			}
		}
	})
	b.Run("axpy4", func(b *testing.B) {
		for b.Loop() {
			clear(y)
			for i := 0; i < in; i += 4 {
				axpy4(y, x[i], x[i+1], x[i+2], x[i+3],
					w[i*out:], w[(i+1)*out:], w[(i+2)*out:], w[(i+3)*out:])
			}
		}
	})
	b.Run("dot", func(b *testing.B) {
		for b.Loop() {
			for i := range dx {
				dx[i] = dot(w[i*out:(i+1)*out], dy)
			}
		}
	})
	b.Run("dot4", func(b *testing.B) {
		for b.Loop() {
			for i := 0; i < in; i += 4 {
				dx[i], dx[i+1], dx[i+2], dx[i+3] = dot4(dy,
					w[i*out:], w[(i+1)*out:], w[(i+2)*out:], w[(i+3)*out:])
			}
		}
	})
}

// BenchmarkTrainingStep is one batch of 256 pairs through the shipped shape
// (128 → 256 ReLU → 4 × 128 softmax groups, InfoNCE): forward, loss and
// backward of anchors and positives, 2 workers. Pairs/s = 256 / (s/op).
func BenchmarkTrainingStep(b *testing.B) {
	cfg := encoder.Network{Vocab: 30000, EmbedDim: 128, Hidden: []int{256}, Groups: 4, GroupSize: 128}
	rng := rand.New(rand.NewPCG(3, 3))
	p, err := New(cfg, rng)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 256
	anchors, positives := make([][]int32, batch), make([][]int32, batch)
	for i := range batch {
		for _, rows := range []*[]int32{&anchors[i], &positives[i]} {
			for range 77 { // n-grams of a typical title
				*rows = append(*rows, int32(rng.IntN(cfg.Vocab)))
			}
		}
	}
	class := make([]int, batch)
	for i := range class {
		class[i] = i
	}
	g := NewGrads(p)
	b.Logf("kernels: %s", KernelName())
	for b.Loop() {
		batchLoss(p, InfoNCE{Scale: 60}, anchors, positives, class, g)
	}
	b.ReportMetric(batch*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}
