package engine

import (
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
