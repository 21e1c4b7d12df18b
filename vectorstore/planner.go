package vectorstore

// Plan is a search strategy.
type Plan uint8

// The strategies the planner chooses between, per query, from the exact
// number of matching points (known before any vector work, from the
// payload indexes).
const (
	// PlanAuto lets the planner choose.
	PlanAuto Plan = iota
	// PlanExact scores every matching point: exact, and cheapest when few
	// points match.
	PlanExact
	// PlanGraph walks the graph through every node and keeps matching ones
	// as results: best when most points match.
	PlanGraph
	// PlanTwoHop walks only matching nodes, reaching them through
	// non-matching neighbours (two hops), as in ACORN-1 and Qdrant's
	// filtered HNSW: for moderately selective filters.
	PlanTwoHop
)

func (p Plan) String() string {
	return [...]string{"auto", "exact", "graph", "twohop"}[p]
}

// Measured defaults (bench/vectorstore.md has the tables; 200k x 512,
// M=16, efConstruction=100, k=10, on two synthetic data sets: 200 coarse
// clusters and 3,000 fine ones, the latter modelling ~3,000 occupations).
// They were measured when walks and scans both read float32 vectors; since
// walks read 4-bit rows and scans float16 vectors both are faster, walks
// more so, which makes these defaults lean towards the scan (exact, so
// recall only gains); Calibrate re-measures them on the index itself:
//
//   - ExactPerEf: the exact scan costs one sequential vector read per
//     matching point; a graph walk with beam ef reads roughly 15-30 x ef
//     vectors at random addresses, each several times dearer. Up to
//     40 x ef matching points the scan is as fast, and it is exact.
//   - ExactBelow: below about 12 % selectivity no walk reached recall@10
//     0.95 faster than the scan on the fine-clustered data (10 %: plain walk
//     0.91 at 250 QPS with ef=64, two-hop 0.83 at 950 QPS, scan 1.0 at
//     210 QPS). The true filtered neighbours then lie in several clusters,
//     and level-0 links rarely cross clusters among matching points.
//   - TwoHopBelow: the two-hop (ACORN-1) walk was 2-3x faster than the
//     plain walk at 5-20 % on coarse clusters (0.97 recall at 5 %), but on
//     fine clusters it lost at every selectivity (0.80-0.94 recall where
//     the plain walk had 0.96-0.99 at the same QPS). It is therefore off by
//     default (0); setting TwoHopBelow > ExactBelow enables it between the
//     two, for data known to be coarse.
const (
	defaultExactPerEf  = 40
	defaultExactBelow  = 0.12
	defaultTwoHopBelow = 0
)

func (ix *Index) plan(count, live, ef int, filtered bool) Plan {
	if float64(count) <= ix.cfg.ExactPerEf*float64(ef) {
		return PlanExact
	}
	if !filtered {
		return PlanGraph
	}
	sel := float64(count) / float64(max(live, 1))
	switch {
	case sel < ix.cfg.ExactBelow:
		return PlanExact
	case sel < ix.cfg.TwoHopBelow:
		return PlanTwoHop
	}
	return PlanGraph
}

// PlanFor reports the strategy a search with f and o would use and how many
// points match f, without searching: for explanations and benchmarks.
func (ix *Index) PlanFor(f Filter, o SearchOptions) (Plan, int) {
	ef := o.Ef
	if ef <= 0 {
		ef = ix.cfg.EfSearch
	}
	ef = max(ef, o.Offset+o.K)
	count, live := ix.Count(f), ix.Len()
	if o.Plan != PlanAuto {
		return o.Plan, count
	}
	ix.mu.RLock() // Calibrate may be changing the thresholds
	defer ix.mu.RUnlock()
	return ix.plan(count, live, ef, !f.isEmpty()), count
}
