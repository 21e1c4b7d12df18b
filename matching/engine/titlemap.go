package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"

	"jobmatch/vectorstore"
)

// MapPoint is one vacancy title placed on the 2-D title-space map.
type MapPoint struct {
	ID      int64
	Title   string
	X, Y    float64 // in [0, 1]
	Cluster int
}

// TitleMap projects up to n open vacancies' title vectors onto the plane of
// their two principal components (PCA by power iteration) and colours them
// by k-means clusters of the full vectors: the picture of titles of one job
// landing close together that the metric-learning idea is explained with.
// The sample is deterministic (lowest ids after a seeded shuffle).
func (e *Engine) TitleMap(ctx context.Context, n, k int) ([]MapPoint, error) {
	ids := e.vacancies.IDs()
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	ids = ids[:min(n, len(ids))]
	var vecs [][]float32
	var kept []int64
	for _, id := range ids {
		if v, _, ok := e.vacancies.Get(id); ok {
			vecs, kept = append(vecs, v), append(kept, int64(id))
		}
	}
	if len(vecs) == 0 {
		return nil, nil
	}
	xy := project2D(vecs)
	clusters := kmeans(vecs, min(k, len(vecs)), 20)
	rows, err := e.store.VacanciesByIDs(ctx, kept)
	if err != nil {
		return nil, err
	}
	titles := make(map[int64]string, len(rows))
	for _, v := range rows {
		titles[v.ID] = v.Title
	}
	pts := make([]MapPoint, 0, len(kept))
	for i, id := range kept {
		if t, ok := titles[id]; ok {
			pts = append(pts, MapPoint{ID: id, Title: t, X: xy[i][0], Y: xy[i][1], Cluster: clusters[i]})
		}
	}
	return pts, nil
}

// project2D returns each vector's coordinates on the first two principal
// components, scaled to [0, 1].
func project2D(vecs [][]float32) [][2]float64 {
	dim := len(vecs[0])
	mean := make([]float64, dim)
	for _, v := range vecs {
		for i, x := range v {
			mean[i] += float64(x)
		}
	}
	for i := range mean {
		mean[i] /= float64(len(vecs))
	}
	centred := make([][]float64, len(vecs))
	for j, v := range vecs {
		c := make([]float64, dim)
		for i, x := range v {
			c[i] = float64(x) - mean[i]
		}
		centred[j] = c
	}
	pc1 := principal(centred, nil)
	pc2 := principal(centred, pc1)
	out := make([][2]float64, len(vecs))
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for j, c := range centred {
		x, y := dot64(c, pc1), dot64(c, pc2)
		out[j] = [2]float64{x, y}
		minX, maxX, minY, maxY = math.Min(minX, x), math.Max(maxX, x), math.Min(minY, y), math.Max(maxY, y)
	}
	for j := range out {
		out[j][0] = scale01(out[j][0], minX, maxX)
		out[j][1] = scale01(out[j][1], minY, maxY)
	}
	return out
}

// principal finds the top eigenvector of the covariance of rows by power
// iteration, orthogonal to not (when given).
func principal(rows [][]float64, not []float64) []float64 {
	dim := len(rows[0])
	v := make([]float64, dim)
	for i := range v {
		v[i] = 1 / math.Sqrt(float64(dim)) * float64(1+i%3)
	}
	for it := 0; it < 60; it++ {
		next := make([]float64, dim)
		for _, r := range rows { // next += r (r·v): covariance times v without forming it
			p := dot64(r, v)
			for i, x := range r {
				next[i] += x * p
			}
		}
		if not != nil {
			p := dot64(next, not)
			for i := range next {
				next[i] -= p * not[i]
			}
		}
		norm := math.Sqrt(dot64(next, next))
		if norm == 0 {
			break
		}
		for i := range next {
			next[i] /= norm
		}
		v = next
	}
	return v
}

// kmeans clusters unit vectors by cosine (k-means++ style seeding from a
// fixed seed, then Lloyd iterations).
func kmeans(vecs [][]float32, k, iters int) []int {
	r := rand.New(rand.NewPCG(3, 4))
	centres := [][]float32{append([]float32(nil), vecs[r.IntN(len(vecs))]...)}
	for len(centres) < k {
		// Next centre: the point farthest from its nearest centre.
		best, bestD := 0, float32(2)
		for i, v := range vecs {
			d := float32(-2)
			for _, c := range centres {
				d = max(d, vectorstore.Dot(v, c))
			}
			if d < bestD {
				best, bestD = i, d
			}
		}
		centres = append(centres, append([]float32(nil), vecs[best]...))
	}
	assign := make([]int, len(vecs))
	for it := 0; it < iters; it++ {
		for i, v := range vecs {
			bi, bs := 0, float32(-2)
			for c, ctr := range centres {
				if s := vectorstore.Dot(v, ctr); s > bs {
					bi, bs = c, s
				}
			}
			assign[i] = bi
		}
		for c := range centres {
			sum := make([]float32, len(vecs[0]))
			n := 0
			for i, v := range vecs {
				if assign[i] == c {
					n++
					for d, x := range v {
						sum[d] += x
					}
				}
			}
			// The centre is the members' mean direction: left as a raw sum,
			// a big cluster's centre has a large norm and its dot product
			// wins every point, draining all other clusters.
			if n > 0 {
				centres[c] = unit32(sum)
			}
		}
	}
	return assign
}

// unit32 scales v to unit length in place (a zero vector stays zero).
func unit32(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s > 0 {
		n := float32(math.Sqrt(s))
		for i := range v {
			v[i] /= n
		}
	}
	return v
}

func dot64(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func scale01(x, lo, hi float64) float64 {
	if hi <= lo {
		return 0.5
	}
	return (x - lo) / (hi - lo)
}
