package vectorstore

import "sync/atomic"

// countSlack is how far below the threshold a graph node may score and still
// be walked through by a range count: points above a threshold are not
// always linked to each other directly, but nearly always through nodes just
// below it.
const countSlack = 0.05

// RangeCount asks Search to count, beside the page, how many matching points
// score at least Threshold, up to Limit (a larger count is reported as
// Limit), into N: for "N good results".
//
// The search's own ranked prefix (the best Offset+K) answers when it ends
// below the threshold or holds every matching point. Otherwise it is a
// range search from the same filter evaluation: a filter that leaves few
// points is scanned, exactly; on the graph a flood over the base layer,
// starting at the page's results, visits every node that could reach the
// threshold, so the cost grows with the answer rather than with the index.
// Like the walk, the flood is approximate: a point whose neighbours all
// score well below the threshold can be missed.
type RangeCount struct {
	Threshold float32
	Limit     int
	N         int
}

// rangeCount fills c for a search whose ranked prefix is res (best first,
// the Offset+K asked for) among count matching points found with plan.
func (ix *Index) rangeCount(c *RangeCount, q []float32, allowed []uint64, count int, plan Plan, res []item, sc *scratch) {
	inPrefix := 0
	for inPrefix < len(res) && res[inPrefix].score >= c.Threshold {
		inPrefix++
	}
	n := inPrefix
	switch {
	case inPrefix < len(res) || len(res) >= count:
	case plan == PlanExact:
		n = ix.countScan(q, allowed, c.Threshold, sc)
	default:
		seeds := make([]uint32, len(res))
		for i, it := range res {
			seeds[i] = ix.nodeOf(it.slot)
		}
		n = max(ix.countFlood(q, allowed, c.Threshold, c.Limit, seeds, sc), inPrefix)
	}
	c.N = min(n, c.Limit)
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

// countFlood counts on the graph: from the seed nodes, a flood over
// base-layer links through every node whose int8 score, with its error
// bound, comes within countSlack of t; nodes of that set scoring at least t
// count with their admitted aliases. The flood stops growing once it holds
// far more nodes than limit asks for. The walk before it prepared sc.qq.
func (ix *Index) countFlood(q []float32, allowed []uint64, t float32, limit int, seeds []uint32, sc *scratch) int {
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
	fresh := sc.nbuf[:0]
	for _, s := range seeds {
		if !sc.seen(s) {
			sc.mark(s)
			fresh = append(fresh, s)
		}
	}
	sc.nbuf = fresh
	near(fresh)
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
