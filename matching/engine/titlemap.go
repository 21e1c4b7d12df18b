package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// MapPoint is one distinct vacancy title placed on the 2-D title map.
type MapPoint struct {
	Title  string
	Count  int     // sampled open vacancies with this title
	X, Y   float64 // in [0, 1]
	Island int     // cluster of nearby points on the plane
	// Occupation is the nearest reference occupation (Config.Occupations)
	// and Group its ISCO major group; Group is -1 without references.
	Occupation string
	Group      int
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
// with t-SNE, so titles of one job form islands; groups the points into up
// to k islands (k-means on the plane, about one per 30 titles); and names
// each title's nearest reference occupation and its ISCO major group when
// the engine has reference occupations. The sample is deterministic: a
// seeded shuffle of the ids, of which up to titleMapSampleFactor×n are read
// and the first n distinct titles (case-insensitive) kept.
func (e *Engine) TitleMap(ctx context.Context, n, k int) (TitleMapResult, error) {
	g := e.gen.Load()
	ids := g.vacancies.IDs()
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
		v, _, ok := g.vacancies.Get(uint64(id))
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
	islands := kmeans2D(xy, min(k, max(2, len(vecs)/30), len(vecs)), 30)
	occ, err := e.nearestOccupations(ctx, g, vecs)
	if err != nil {
		return res, err
	}
	for i := range res.Points {
		p := &res.Points[i]
		p.X, p.Y, p.Island, p.Group = xy[i][0], xy[i][1], islands[i], -1
		if occ != nil {
			p.Occupation, p.Group = occ[i].Label, occ[i].MajorGroup()
		}
	}
	return res, nil
}

// occupationIndex holds the encoded reference occupations, built on first
// use (encoding some 3,000 labels takes a moment) and kept.
type occupationIndex struct {
	once sync.Once
	ix   *vectorstore.Index
	err  error
}

// nearestOccupations returns the nearest reference occupation of each
// vector of g's model, or nil when the engine has none.
func (e *Engine) nearestOccupations(ctx context.Context, g *generation, vecs [][]float32) ([]matching.Occupation, error) {
	ref := e.cfg.Occupations
	if len(ref) == 0 {
		return nil, nil
	}
	occ := &g.occupations
	occ.once.Do(func() {
		labels := make([]string, len(ref))
		for i, o := range ref {
			labels[i] = o.Label
		}
		tvs, err := g.enc.EncodeTitles(ctx, labels)
		if err != nil {
			occ.err = err
			return
		}
		ix := vectorstore.New(vectorstore.Config{Dim: g.enc.Dim(), M: 12, EfConstruction: 100, Seed: 1})
		for i, tv := range tvs {
			if tv.IsZero() {
				continue
			}
			if err := ix.Upsert(uint64(i), tv.Vector, vectorstore.Payload{}); err != nil {
				occ.err = err
				return
			}
		}
		occ.ix = ix
	})
	if occ.err != nil {
		return nil, occ.err
	}
	out := make([]matching.Occupation, len(vecs))
	for i, v := range vecs {
		hits, _, err := occ.ix.Search(v, vectorstore.Filter{}, vectorstore.SearchOptions{K: 1})
		if err != nil {
			return nil, err
		}
		if len(hits) == 1 {
			out[i] = ref[hits[0].ID]
		}
	}
	return out, nil
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

// kmeans2D clusters points of the plane into k groups by distance
// (farthest-point seeding from the first point, then Lloyd iterations).
func kmeans2D(pts [][2]float64, k, iters int) []int {
	d2 := func(a, b [2]float64) float64 { return (a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) }
	centres := [][2]float64{pts[0]}
	for len(centres) < k {
		best, bestD := 0, -1.0
		for i, p := range pts {
			d := math.Inf(1)
			for _, c := range centres {
				d = min(d, d2(p, c))
			}
			if d > bestD {
				best, bestD = i, d
			}
		}
		centres = append(centres, pts[best])
	}
	assign := make([]int, len(pts))
	for range iters {
		for i, p := range pts {
			bi, bd := 0, math.Inf(1)
			for c, ctr := range centres {
				if d := d2(p, ctr); d < bd {
					bi, bd = c, d
				}
			}
			assign[i] = bi
		}
		sums, counts := make([][2]float64, k), make([]int, k)
		for i, p := range pts {
			sums[assign[i]][0] += p[0]
			sums[assign[i]][1] += p[1]
			counts[assign[i]]++
		}
		for c := range centres {
			if counts[c] > 0 {
				centres[c] = [2]float64{sums[c][0] / float64(counts[c]), sums[c][1] / float64(counts[c])}
			}
		}
	}
	return assign
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
