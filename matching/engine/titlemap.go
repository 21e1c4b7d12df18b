package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"jobmatch/vectorstore"
)

// MapPoint is one distinct vacancy title placed on the 2-D title map.
type MapPoint struct {
	Title   string
	Count   int     // sampled open vacancies with this title
	X, Y    float64 // in [0, 1]
	Cluster int
}

// TitleMapResult is the map and what it was drawn from.
type TitleMapResult struct {
	Points  []MapPoint
	Sampled int // open vacancies read to find the titles
	Open    int // open vacancies in the index
}

// titleMapSampleFactor bounds the vacancies read per title shown: enough to
// find n distinct titles where titles repeat, without reading 100k rows.
const titleMapSampleFactor = 4

// TitleMap places up to n distinct titles of open vacancies on the plane
// with t-SNE, so titles of one job form islands, and colours them by
// k-means clusters of the full vectors. The sample is deterministic: a
// seeded shuffle of the ids, of which up to titleMapSampleFactor×n are read
// and the first n distinct titles (case-insensitive) kept.
func (e *Engine) TitleMap(ctx context.Context, n, k int) (TitleMapResult, error) {
	ids := e.vacancies.IDs()
	res := TitleMapResult{Open: len(ids)}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	ids = ids[:min(titleMapSampleFactor*n, len(ids))]
	sample := make([]int64, len(ids))
	for i, id := range ids {
		sample[i] = int64(id)
	}
	rows, err := e.store.VacanciesByIDs(ctx, sample)
	if err != nil {
		return res, err
	}
	titles := make(map[int64]string, len(rows))
	for _, v := range rows {
		titles[v.ID] = v.Title
	}
	var vecs [][]float32
	at := map[string]int{} // lower-cased title -> index in res.Points
	for _, id := range sample {
		t, ok := titles[id]
		if !ok {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(t))
		if i, seen := at[key]; seen {
			res.Points[i].Count++
			res.Sampled++
			continue
		}
		if len(vecs) == n {
			continue // the map is full; still counts toward titles already on it
		}
		v, _, ok := e.vacancies.Get(uint64(id))
		if !ok {
			continue
		}
		at[key] = len(vecs)
		vecs = append(vecs, v)
		res.Points = append(res.Points, MapPoint{Title: t, Count: 1})
		res.Sampled++
	}
	if len(vecs) == 0 {
		return res, nil
	}
	xy := tsne(vecs)
	clusters := kmeans(vecs, min(k, len(vecs)), 20)
	for i := range res.Points {
		res.Points[i].X, res.Points[i].Y, res.Points[i].Cluster = xy[i][0], xy[i][1], clusters[i]
	}
	return res, nil
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
