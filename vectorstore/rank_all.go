package vectorstore

import (
	"fmt"
	"sort"
)

// RankAll returns every point matching f, best first (ties by ascending id),
// by an exact scan. It is for exports of a whole result set, which may be
// deeper than MaxResults; interactive searches use Search.
func (ix *Index) RankAll(query []float32, f Filter) ([]Result, error) {
	if len(query) != ix.dim {
		return nil, fmt.Errorf("%w: query has %d, index has %d", ErrDimension, len(query), ix.dim)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	allowed, count, _ := ix.allowed(&f, sc)
	out := make([]Result, 0, count)
	nodeScore := ix.nodeScores(query, allowed, sc) // each distinct vector once
	// As in Search: keep a point only under its id's current slot,
	// so a concurrent replace cannot list an id twice.
	ix.metaMu.RLock()
	for i, s := range sc.matched {
		id := ix.node(s).id
		if cur, ok := ix.byID[id]; ok && cur == s {
			out = append(out, Result{ID: id, Score: nodeScore[sc.nodes[i]]})
		}
	}
	ix.metaMu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
