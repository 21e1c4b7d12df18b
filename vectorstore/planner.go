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

// Measured defaults (bench/vectorstore.md has the numbers; 200k x 512,
// M=16, efConstruction=100):
//   - The exact scan costs one vector read per matching point, in batches
//     that stream well; a graph walk with beam ef reads roughly 15-30 x ef
//     vectors at random. Below ExactPerEf x ef matching points the scan is
//     at least as fast, and it is exact.
//   - The two-hop walk only scores matching nodes, so it is 2-3x faster than
//     the plain walk at 5-10 % selectivity, but its recall falls with the
//     selectivity: the matching nodes two hops away stop forming a connected
//     graph (recall@10 at ef=64 was 0.98 at 10 %, 0.97 at 5 %, 0.92 at 3 %,
//     0.90 at 2 %). Below ExactBelow the planner therefore scans.
//   - At 20 % the two walks are even at equal recall; at 30 % and above the
//     plain walk wins (most neighbours match anyway). TwoHopBelow sits
//     between.
const (
	defaultExactPerEf  = 40
	defaultExactBelow  = 0.04
	defaultTwoHopBelow = 0.15
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
	return ix.plan(count, live, ef, !f.isEmpty()), count
}
