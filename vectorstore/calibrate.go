package vectorstore

import (
	"math/rand/v2"
	"slices"
	"time"
)

// CalibrationPoint is what Calibrate measured at one selectivity: the exact
// scan's speed and the two walks' recall@K against it and speed, all
// single-threaded on this index's own vectors.
type CalibrationPoint struct {
	Selectivity  float64
	ExactQPS     float64
	GraphRecall  float64
	GraphQPS     float64
	TwoHopRecall float64
	TwoHopQPS    float64
}

// CalibrateOptions controls Calibrate; zero values mean the defaults.
type CalibrateOptions struct {
	Queries   int     // default 40
	K         int     // default 10
	Ef        int     // default Config.EfSearch
	MinRecall float64 // default 0.95
	Seed      uint64
}

// calibrationSelectivities are the shares tested, most permissive first.
var calibrationSelectivities = []float64{0.5, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05, 0.03, 0.02}

// Calibrate measures, on the index's own data, down to which selectivity a
// graph walk still reaches MinRecall faster than the exact scan, and sets
// the planner's ExactBelow and TwoHopBelow from that. The fixed defaults are
// conservative because the answer depends on the data (on coarse clusters
// walks win down to much lower selectivities than on fine ones; see
// bench/vectorstore.md); calibrating after a bulk load picks the faster plan
// without giving up recall. Queries are stored vectors (the point itself excluded),
// filters random subsets. It takes a few seconds on 200k points, holds the
// shared lock (searches and inserts continue) and the thresholds persist in
// snapshots. Indexes under 5,000 points are left alone: the count rule
// already scans them.
func (ix *Index) Calibrate(o CalibrateOptions) []CalibrationPoint {
	if o.Queries <= 0 {
		o.Queries = 40
	}
	if o.K <= 0 {
		o.K = 10
	}
	if o.MinRecall <= 0 {
		o.MinRecall = 0.95
	}
	ix.mu.RLock()
	if o.Ef <= 0 {
		o.Ef = ix.cfg.EfSearch
	}
	ef := max(o.Ef, o.K)
	ix.metaMu.RLock()
	slots := make([]uint32, 0, len(ix.byID))
	for _, s := range ix.byID {
		slots = append(slots, s)
	}
	ix.metaMu.RUnlock()
	if len(slots) < 5000 {
		ix.mu.RUnlock()
		return nil
	}
	slices.Sort(slots)
	r := rand.New(rand.NewPCG(o.Seed, 0xca11b))
	queries := make([]uint32, o.Queries)
	for i := range queries {
		queries[i] = slots[r.IntN(len(slots))]
	}
	sc := ix.getScratch()
	allowed := make([]uint64, ix.words())
	var points []CalibrationPoint
	var truth []float32 // the true top k's scores, best first
	q := make([]float32, ix.dim)
	for _, sel := range calibrationSelectivities {
		clearWords(allowed)
		for _, s := range slots {
			if r.Float64() < sel {
				bitSet(allowed, s)
			}
		}
		p := CalibrationPoint{Selectivity: sel}
		var exactT, graphT, hopT time.Duration
		var graphHits, hopHits, want int
		for _, qs := range queries {
			decodeF16(q, ix.vec(qs))
			was := bitTest(allowed, qs)
			allowed[qs>>6] &^= 1 << (qs & 63)

			t0 := time.Now()
			truth = truth[:0]
			for _, it := range topK(ix.exact(q, allowed, o.K, sc), o.K) {
				truth = append(truth, it.score)
			}
			exactT += time.Since(t0)
			want += len(truth)

			t0 = time.Now()
			graphHits += hits(topK(ix.graph(q, allowed, ef, false, sc), o.K), truth)
			graphT += time.Since(t0)

			t0 = time.Now()
			hopHits += hits(topK(ix.graph(q, allowed, ef, true, sc), o.K), truth)
			hopT += time.Since(t0)

			if was {
				bitSet(allowed, qs)
			}
		}
		n := float64(len(queries))
		p.ExactQPS = n / exactT.Seconds()
		p.GraphQPS, p.TwoHopQPS = n/graphT.Seconds(), n/hopT.Seconds()
		p.GraphRecall = float64(graphHits) / float64(max(want, 1))
		p.TwoHopRecall = float64(hopHits) / float64(max(want, 1))
		points = append(points, p)
	}
	ix.pool.Put(sc)
	ix.mu.RUnlock()

	exactBelow, twoHopBelow := chooseThresholds(points, o.MinRecall)
	ix.mu.Lock()
	ix.cfg.ExactBelow, ix.cfg.TwoHopBelow = exactBelow, twoHopBelow
	ix.mu.Unlock()
	return points
}

// chooseThresholds walks the selectivities from the most permissive down
// and stops at the first where neither walk reaches minRecall faster than
// the scan: the scan takes over below the last good one. The two-hop walk
// is used from the highest selectivity at which it is the better walk, if
// it stays the better walk all the way down.
func chooseThresholds(points []CalibrationPoint, minRecall float64) (exactBelow, twoHopBelow float64) {
	exactBelow = 1.0 // nothing good: scan everything filtered
	useHop := make([]bool, 0, len(points))
	for _, p := range points {
		graphOK := p.GraphRecall >= minRecall && p.GraphQPS > p.ExactQPS
		hopOK := p.TwoHopRecall >= minRecall && p.TwoHopQPS > p.ExactQPS
		if !graphOK && !hopOK {
			break
		}
		exactBelow = p.Selectivity
		useHop = append(useHop, hopOK && (!graphOK || p.TwoHopQPS > p.GraphQPS))
	}
	for i := len(useHop) - 1; i >= 0 && useHop[i]; i-- {
		twoHopBelow = points[i].Selectivity * 1.0001 // the tested share itself uses two hops
	}
	if len(useHop) > 0 && exactBelow < 1 {
		exactBelow *= 0.9999 // and the last good share itself still walks
	}
	return exactBelow, twoHopBelow
}

func topK(items []item, k int) []item {
	sortDesc(items)
	return items[:min(k, len(items))]
}

// hits counts the results of got that belong in the true top k: those
// scoring at least the k-th true score. Counting by score, not by slot,
// matters when points share a vector (aliases, jobmatch's repeated titles):
// the scan returns the lowest slots of a tied vector and a walk other
// aliases of it, equally correct. Counted by slot, such ties would look like
// misses and make the planner scan where a walk is much faster.
func hits(got []item, truth []float32) int {
	if len(truth) == 0 {
		return 0
	}
	kth := truth[len(truth)-1]
	n := 0
	for _, g := range got {
		if g.score >= kth-1e-6 {
			n++
		}
	}
	return min(n, len(truth))
}
