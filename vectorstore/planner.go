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

// Measured defaults (bench/vectorstore.md, 200k x 512, M=16):
//   - A graph walk with beam ef scores roughly 20-40 x ef vectors, while the
//     exact scan scores exactly count vectors, in batches that stream well.
//     Below ExactPerEf x ef matching points the scan is as fast and exact.
//   - Below TwoHopBelow selectivity the plain walk spends most of its
//     distance computations on points the filter rejects and its beam
//     stays open (few accepted results), so the two-hop walk wins.
const (
	defaultExactPerEf  = 40
	defaultTwoHopBelow = 0.3
)

func (ix *Index) plan(count, live, ef int, filtered bool) Plan {
	if float64(count) <= ix.cfg.ExactPerEf*float64(ef) {
		return PlanExact
	}
	if filtered && float64(count) < ix.cfg.TwoHopBelow*float64(live) {
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
	return ix.plan(count, live, ef, !f.isEmpty()), count
}
