package vectorstore

import (
	"fmt"
	"sync/atomic"
)

// countSlack is how far below the threshold a graph node may score and still
// be walked through by CountAbove: points above a threshold are not always
// linked to each other directly, but nearly always through nodes just below it.
const countSlack = 0.05

// CountAbove returns how many points f admits whose similarity to query is
// at least threshold, up to limit (a larger count is reported as limit).
//
// It is a range search: when the filter leaves few points they are scanned;
// otherwise a beam search finds the region around the query and a flood
// over the graph's base layer visits every node that could reach the
// threshold, so the cost grows with the answer rather than with the index.
// Like Search it is approximate on the graph: a point whose neighbours all
// score well below the threshold can be missed.
func (ix *Index) CountAbove(query []float32, f Filter, threshold float32, limit int) (int, error) {
	if len(query) != ix.dim {
		return 0, fmt.Errorf("%w: query has %d, index has %d", ErrDimension, len(query), ix.dim)
	}
	if limit < 1 {
		return 0, nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc := ix.getScratch()
	defer ix.pool.Put(sc)

	allowed, count, live := ix.allowed(&f, sc)
	if count == 0 {
		return 0, nil
	}
	var n int
	if ix.plan(count, live, ix.cfg.EfSearch, allowed != nil) == PlanExact {
		n = ix.countScan(query, allowed, threshold, sc)
	} else {
		n = ix.countFlood(query, allowed, threshold, limit, sc)
	}
	return min(n, limit), nil
}

// countScan counts the matching points scoring at least t by scoring each
// matching group once: from its int8 row when the row's error bound decides
// the comparison, exactly otherwise.
func (ix *Index) countScan(q []float32, allowed []uint64, t float32, sc *scratch) int {
	uniq := ix.matchingNodes(allowed, sc)
	sc.qq.prepareRows(q, ix.qdim)
	eb := sc.qq.exactBound(q)
	undecided := sc.nbuf[:0]
	ix.scoreNodes(uniq, sc, func(batch []uint32) []float32 {
		sc.scores = ix.scoreApprox(&sc.qq, batch, sc.scores)
		for i, r := range batch {
			if b := eb.of(ix.row(r)); sc.scores[i]-b < t && sc.scores[i]+b >= t {
				undecided = append(undecided, r)
			}
		}
		return sc.scores
	})
	sc.nbuf = undecided
	ix.scoreNodes(undecided, sc, ix.exactScores(q, sc))
	n := 0
	for _, r := range sc.nodes {
		if sc.nodeScore[r] >= t {
			n++
		}
	}
	return n
}

// countFlood counts on the graph: a beam search of the default width seeds
// a flood over base-layer links through every node whose int8 score, with
// its error bound, comes within countSlack of t; nodes of that set scoring
// at least t count with their admitted aliases. The flood stops growing
// once it holds far more nodes than limit asks for.
func (ix *Index) countFlood(q []float32, allowed []uint64, t float32, limit int, sc *scratch) int {
	sc.qq.prepare(q, ix.qdim)
	sc.resetVisited(ix.cap)
	cur, _, ok := ix.descend(&sc.qq, 0, sc)
	if !ok {
		return 0
	}
	sc.resetVisited(ix.cap)
	ix.searchLayer(&walk{qq: &sc.qq}, cur, ix.cfg.EfSearch, 0, sc)

	eb := sc.qq.exactBound(q)
	sc.resetVisited(ix.cap)
	region := sc.matched[:0] // nodes within reach of t, in visiting order
	near := func(slots []uint32) {
		sc.scores = ix.scoreApprox(&sc.qq, slots, sc.scores)
		for i, s := range slots {
			if sc.scores[i]+eb.of(ix.row(s)) >= t-countSlack {
				region = append(region, s)
			}
		}
	}
	seeds := sc.nbuf[:0]
	for _, it := range sc.res {
		if !sc.seen(it.slot) {
			sc.mark(it.slot)
			seeds = append(seeds, it.slot)
		}
	}
	sc.nbuf = seeds
	near(seeds)
	maxRegion := 4*limit + 1024
	for i := 0; i < len(region) && len(region) < maxRegion; i++ {
		lst := ix.list(region[i], 0)
		nb := sc.hop[:0]
		for j := 1; j <= loadCount(lst); j++ {
			if s := atomic.LoadUint32(&lst[j]); !sc.seen(s) {
				sc.mark(s)
				nb = append(nb, s)
			}
		}
		sc.hop = nb
		near(nb)
	}
	sc.matched = region

	aliases := ix.anyAliases.Load()
	w := walk{allowed: allowed}
	n := 0
	for i := 0; i < len(region); i += 64 {
		batch := region[i:min(i+64, len(region))]
		sc.scores = ix.scoreExact(q, batch, sc.scores)
		for j, s := range batch {
			if sc.scores[j] < t {
				continue
			}
			if ix.accept(&w, s) {
				n++
			}
			if aliases && ix.hasAliases(s) {
				for a := ix.al(s).next.Load(); a != 0; a = ix.al(a - 1).next.Load() {
					if ix.accept(&w, a-1) {
						n++
					}
				}
			}
		}
	}
	return n
}
