package vectorstore

import (
	"fmt"
	"slices"
)

// Result is one search hit: the point's id and its dot product with the
// query (the cosine similarity when the query is normalised).
type Result struct {
	ID    uint64
	Score float32
}

// SearchOptions controls one search: the page (K, Offset), the beam width,
// a forced plan, and a slice to reuse for the results.
//
// Pagination: results are ordered by score, ties by ascending id, and page
// p of size n is Offset = p*n, K = n. Pages are consistent with each other
// (no point twice, none skipped) whenever the same Ef is used and Ef >=
// Offset+K on every page, because the same beam then produces the same
// ranking; the exact path is always consistent. Callers paging deep should
// therefore pass Ef = the deepest Offset+K they allow (e.g. 1000).
type SearchOptions struct {
	K      int
	Offset int
	// Ef is the beam width; 0 means Config.EfSearch. It is raised to
	// Offset+K when smaller.
	Ef int
	// Plan forces a strategy; PlanAuto (the zero value) lets the planner
	// choose. Forcing is for benchmarks and tests.
	Plan Plan
	// Dst, when not nil, is where the results are appended, so that a
	// caller searching in a loop can reuse one buffer: with room for K
	// results, an unfiltered search allocates nothing.
	Dst []Result
	// Count, when set, is filled with a count of the matching points above
	// a threshold (count_above.go).
	Count *RangeCount
}

// Search returns the o.K points most similar to query among those matching
// f, best first, after skipping o.Offset; whenever at least Offset+K points
// match, exactly K are returned. It also returns how many points match f
// (what Count returns), from the same filter evaluation, so a result page
// with its total costs one evaluation of the filter.
func (ix *Index) Search(query []float32, f Filter, o SearchOptions) ([]Result, int, error) {
	dst := o.Dst
	if o.Count != nil {
		o.Count.N = 0
	}
	if len(query) != ix.dim {
		return dst, 0, fmt.Errorf("%w: query has %d, index has %d", ErrDimension, len(query), ix.dim)
	}
	total := o.Offset + o.K
	if o.K < 1 || o.Offset < 0 || total > MaxResults {
		return dst, 0, ErrK
	}
	ef := o.Ef
	if ef <= 0 {
		ef = ix.cfg.EfSearch
	}
	ef = max(ef, total)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc := ix.getScratch()
	defer ix.pool.Put(sc)

	allowed, count, live := ix.allowed(&f, sc)
	if count == 0 {
		return dst, 0, nil
	}

	plan := o.Plan
	if plan == PlanAuto {
		plan = ix.plan(count, live, ef, allowed != nil)
	}
	var res []item
	if plan == PlanExact {
		res = ix.exact(query, allowed, total, sc)
	} else {
		res = ix.graph(query, allowed, ef, plan == PlanTwoHop, sc)
		if len(res) < min(total, count) && o.Plan == PlanAuto {
			// The walk could not reach enough matching points (a filter
			// whose points sit in few graph regions); the exact scan
			// guarantees a full page.
			res = ix.exact(query, allowed, total, sc)
		}
	}
	// A walk reads slot states at different moments, so an id replaced by
	// a concurrent Upsert could be seen under both its old and its new slot;
	// keeping only the id's current slot rules out duplicates and ids
	// deleted while the search ran.
	ix.metaMu.RLock()
	kept := res[:0]
	for _, it := range res {
		it.id = ix.node(it.slot).id
		if cur, ok := ix.byID[it.id]; ok && cur == it.slot {
			kept = append(kept, it)
		}
	}
	ix.metaMu.RUnlock()
	res = kept
	slices.SortFunc(res, func(a, b item) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	for i := o.Offset; i < min(total, len(res)); i++ {
		dst = append(dst, Result{ID: res[i].id, Score: res[i].score})
	}
	if o.Count != nil {
		ix.rangeCount(o.Count, query, allowed, count, plan, res[:min(total, len(res))], sc)
	}
	return dst, count, nil
}

// graph runs the HNSW search and returns the accepted nodes found (up to ef,
// unsorted, in sc.res) with exact scores: the walk ranks candidates by their
// int8 rows, then the final beam is re-scored from the float16 vectors.
func (ix *Index) graph(q []float32, allowed []uint64, ef int, twoHop bool, sc *scratch) []item {
	sc.qq.prepare(q, ix.qdim)
	sc.resetVisited(ix.cap)
	cur, _, ok := ix.descend(&sc.qq, 0, sc)
	if !ok {
		return nil
	}
	sc.resetVisited(ix.cap)
	w := walk{qq: &sc.qq, allowed: allowed, twoHop: twoHop, aliases: ix.anyAliases.Load()}
	ix.searchLayer(&w, cur, ef, 0, sc)
	ix.rerank(q, sc.res, sc)
	return sc.res
}

// forEachMatching calls fn with every slot that allowed admits (every live
// slot when allowed is nil), in slot order.
func (ix *Index) forEachMatching(allowed []uint64, fn func(s uint32)) {
	limit := uint32(ix.cap)
	for wi := 0; wi*64 < int(limit); wi++ {
		var w uint64
		if allowed != nil {
			w = allowed[wi]
		} else {
			w = ix.liveWord(wi)
		}
		for w != 0 {
			b := trailingZeros(w)
			w &= w - 1
			s := uint32(wi*64 + b)
			if s >= limit {
				break
			}
			fn(s)
		}
	}
}

// nodeOf is the graph node whose vector slot s shares: the node s is an
// alias of, or s itself.
func (ix *Index) nodeOf(s uint32) uint32 {
	if a := ix.al(s).of; a != 0 {
		return a - 1
	}
	return s
}
