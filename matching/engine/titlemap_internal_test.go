package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestProjectionAndClustersSeparateDistinctGroups(t *testing.T) {
	// Two tight groups of unit vectors around opposite directions.
	r := rand.New(rand.NewPCG(1, 1))
	var vecs [][]float32
	for g := 0; g < 2; g++ {
		for i := 0; i < 50; i++ {
			v := make([]float32, 16)
			v[g] = 1
			for d := range v {
				v[d] += float32(r.NormFloat64() * 0.05)
			}
			vecs = append(vecs, v)
		}
	}
	xy := project2D(vecs)
	cl := kmeans2D(xy, 2, 10)
	for i := range vecs {
		group := i / 50
		if cl[i] != cl[group*50] {
			t.Fatalf("point %d clustered with the other group", i)
		}
		if (xy[i][0] < 0.5) != (xy[group*50][0] < 0.5) {
			t.Fatalf("point %d projected onto the other group's side", i)
		}
		if xy[i][0] < 0 || xy[i][0] > 1 || xy[i][1] < 0 || xy[i][1] > 1 {
			t.Fatalf("point %d outside the unit square: %v", i, xy[i])
		}
	}
	if cl[0] == cl[50] {
		t.Fatal("the two groups share a cluster")
	}
}

// TestIslandsKeepASmallGroupNextToABigOne: k-means on the plane must not
// let a big island swallow a small one beside it.
func TestIslandsKeepASmallGroupNextToABigOne(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var pts [][2]float64
	for g, n := range []int{90, 10} {
		for range n {
			pts = append(pts, [2]float64{0.3 + 0.4*float64(g) + r.NormFloat64()*0.05, 0.5 + r.NormFloat64()*0.05})
		}
	}
	cl := kmeans2D(pts, 2, 20)
	for i := range pts {
		group := min(i/90, 1)
		if cl[i] != cl[group*90] {
			t.Fatalf("point %d (group %d) clustered with the other group", i, group)
		}
	}
	if cl[0] == cl[90] {
		t.Fatal("the two groups share a cluster")
	}
}

func normalized(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	n := float32(math.Sqrt(s))
	for i := range v {
		v[i] /= n
	}
	return v
}
