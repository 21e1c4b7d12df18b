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

// Defaults measured on synthetic data (bench/vectorstore.md, "Filters and
// the planner", has the tables). They lean towards the exact scan, which
// only gains recall; Calibrate re-measures them on the index itself:
//
//   - ExactPerEf: the exact scan reads each matching vector once, in slot
//     order; a graph walk with beam ef reads many times ef vectors at random
//     addresses. Up to ExactPerEf x ef matching points the scan is as fast,
//     and it is exact.
//   - ExactBelow: below this selectivity no walk reached recall@10 0.95
//     faster than the scan on fine-clustered data: the true filtered
//     neighbours then lie in several clusters, and level-0 links rarely
//     cross clusters among matching points.
//   - TwoHopBelow: the two-hop (ACORN-1) walk beats the plain walk on
//     coarse clusters but lost at every selectivity on fine ones, so it is
//     off by default (0); setting TwoHopBelow > ExactBelow enables it
//     between the two, for data known to be coarse.
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
