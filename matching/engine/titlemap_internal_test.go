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
	cl := kmeans(vecs, 2, 10)
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

// unequalGroups returns unit vectors of two groups of sizes a and b that
// share a common direction (cosine ~0.6 between groups, as real title
// vectors do) but differ along their own.
func unequalGroups(a, b int) [][]float32 {
	r := rand.New(rand.NewPCG(5, 6))
	var vecs [][]float32
	for g, n := range []int{a, b} {
		for i := 0; i < n; i++ {
			v := make([]float32, 16)
			v[0], v[1+g] = 1, 0.8
			for d := range v {
				v[d] += float32(r.NormFloat64() * 0.03)
			}
			vecs = append(vecs, normalized(v))
		}
	}
	return vecs
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

// TestKMeansKeepsASmallClusterNextToABigOne guards against centroids left
// as unnormalised sums: a big cluster's sum has a large norm and, compared
// by dot product, swallows every point of a small one.
func TestKMeansKeepsASmallClusterNextToABigOne(t *testing.T) {
	vecs := unequalGroups(90, 10)
	cl := kmeans(vecs, 2, 20)
	for i := range vecs {
		group := min(i/90, 1)
		if cl[i] != cl[group*90] {
			t.Fatalf("point %d (group %d) clustered with the other group", i, group)
		}
	}
	if cl[0] == cl[90] {
		t.Fatal("the two groups share a cluster")
	}
}
