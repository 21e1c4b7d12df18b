package vectorstore

import (
	"math"
	"math/rand/v2"
	"testing"
)

func dotRef(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// TestKernelsMatchFloat64Reference checks every kernel available on this CPU
// against a float64 dot product on random lengths and unaligned offsets.
func TestKernelsMatchFloat64Reference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]float32, 4200)
	for i := range buf {
		buf[i] = float32(r.NormFloat64())
	}
	for _, k := range kernels {
		t.Run(k.name, func(t *testing.T) {
			for trial := 0; trial < 2000; trial++ {
				n := r.IntN(600)
				if trial < 70 {
					n = trial
				}
				oa, ob := r.IntN(17), r.IntN(17)
				a := buf[oa : oa+n]
				b := buf[1000+ob : 1000+ob+n]
				want := dotRef(a, b)
				tol := 1e-5 * (1 + math.Sqrt(float64(n))*4)
				if got := k.dot(a, b); math.Abs(float64(got)-want) > tol {
					t.Fatalf("dot n=%d offsets=%d,%d: got %v want %v", n, oa, ob, got, want)
				}
				c := buf[2000+oa : 2000+oa+n]
				d := buf[3000+ob : 3000+ob+n]
				q := buf[3100 : 3100+n]
				g0, g1, g2, g3 := k.dot4(q, a, b, c, d)
				for i, pair := range [][2]any{{g0, a}, {g1, b}, {g2, c}, {g3, d}} {
					w := dotRef(q, pair[1].([]float32))
					if math.Abs(float64(pair[0].(float32))-w) > tol {
						t.Fatalf("dot4 row %d n=%d: got %v want %v", i, n, pair[0], w)
					}
				}
			}
		})
	}
}

func TestDotBatchMatchesDot(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	q := randVec(r, 77)
	rows := make([][]float32, 11)
	for i := range rows {
		rows[i] = randVec(r, 77)
	}
	out := make([]float32, len(rows))
	DotBatch(q, rows, out)
	for i := range rows {
		if d := math.Abs(float64(out[i] - Dot(q, rows[i]))); d > 1e-5 {
			t.Fatalf("row %d: batch %v dot %v", i, out[i], Dot(q, rows[i]))
		}
	}
}

func randVec(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	normalize(v)
	return v
}

func dotPlainLoop(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

var sink float32

func BenchmarkDot512(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x, y := randVec(r, 512), randVec(r, 512)
	b.Run("plain-loop", func(b *testing.B) {
		for b.Loop() {
			sink += dotPlainLoop(x, y)
		}
	})
	for _, k := range kernels {
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
