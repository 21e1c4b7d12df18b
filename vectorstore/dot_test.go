package vectorstore

import (
	"math"
	"math/rand/v2"
	"testing"
)

// dotRef is the float64 dot product the kernels are checked against.
func dotRef(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
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

// sink keeps benchmark results alive.
var sink float32
