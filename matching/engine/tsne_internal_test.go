package engine

import (
	"math/rand/v2"
	"testing"
)

// clusteredVecs returns unit vectors of g groups of n points each around
// distinct directions that share a common component, as title vectors do.
func clusteredVecs(g, n, dim int, noise float64) ([][]float32, []int) {
	r := rand.New(rand.NewPCG(7, 8))
	var vecs [][]float32
	var group []int
	for c := 0; c < g; c++ {
		for i := 0; i < n; i++ {
			v := make([]float32, dim)
			v[0], v[1+c] = 1, 0.8
			for d := range v {
				v[d] += float32(r.NormFloat64() * noise)
			}
			vecs, group = append(vecs, normalized(v)), append(group, c)
		}
	}
	return vecs, group
}

// nnPurity is the share of points whose nearest neighbour on the plane is
// of their own group.
func nnPurity(xy [][2]float64, group []int) float64 {
	same := 0
	for i := range xy {
		best, bd := -1, 1e18
		for j := range xy {
			if j == i {
				continue
			}
			dx, dy := xy[i][0]-xy[j][0], xy[i][1]-xy[j][1]
			if d := dx*dx + dy*dy; d < bd {
				best, bd = j, d
			}
		}
		if group[best] == group[i] {
			same++
		}
	}
	return float64(same) / float64(len(xy))
}

func TestTSNESeparatesClustersDeterministically(t *testing.T) {
	vecs, group := clusteredVecs(2, 100, 32, 0.05)
	xy := tsne(vecs)
	if p := nnPurity(xy, group); p < 0.99 {
		t.Errorf("nearest-neighbour purity %.3f, want ≥ 0.99", p)
	}
	// The groups' extents on the plane do not overlap along some axis.
	sep := false
	for axis := 0; axis < 2; axis++ {
		lo0, hi0, lo1, hi1 := 2.0, -1.0, 2.0, -1.0
		for i, p := range xy {
			if group[i] == 0 {
				lo0, hi0 = min(lo0, p[axis]), max(hi0, p[axis])
			} else {
				lo1, hi1 = min(lo1, p[axis]), max(hi1, p[axis])
			}
		}
		sep = sep || hi0 < lo1 || hi1 < lo0
	}
	if !sep {
		t.Error("the two groups overlap on the plane")
	}
	again := tsne(vecs)
	for i := range xy {
		if xy[i] != again[i] {
			t.Fatalf("point %d at %v, then at %v: not deterministic", i, xy[i], again[i])
		}
	}
}

// BenchmarkTSNEMapSize lays out the map's 1,500 titles (dimension as the
// title encoder's); about 1.7 s an op on one core when measured.
func BenchmarkTSNEMapSize(b *testing.B) {
	vecs, _ := clusteredVecs(10, 150, 384, 0.08)
	for b.Loop() {
		tsne(vecs)
	}
}
