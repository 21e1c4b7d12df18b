package vectorstore

import (
	"math"
	"slices"
	"sync/atomic"
)

// randomLevel draws a node's top layer from the geometric distribution of
// the HNSW paper (mean 1/ln M nodes per layer above). Call with allocMu held.
func (ix *Index) randomLevel() int {
	u := 1 - ix.rng.Float64() // (0, 1]
	return min(int(-math.Log(u)*ix.levelMult), maxLevel)
}

// link wires slot s (vector written, state linking) into the graph. Called
// with mu read-held; concurrent links are safe: each neighbour list is
// rewritten under its stripe lock and published with atomic stores.
func (ix *Index) link(s uint32, level int, sc *scratch) {
	if ix.entry.CompareAndSwap(noEntry, packEntry(s, level)) {
		return
	}
	// The walks score int8 rows; the new vector is the query, quantised
	// from its stored float16 values.
	sc.fbuf = growFloats(sc.fbuf, ix.dim)
	decodeF16(sc.fbuf, ix.vec(s))
	sc.qq.prepare(sc.fbuf, ix.qdim)
	cur, top, _ := ix.descend(&sc.qq, level, sc)
	w := walk{qq: &sc.qq, insert: true}
	for l := min(level, top); l >= 0; l-- {
		sc.resetVisited(ix.cap)
		ix.searchLayer(&w, cur, ix.cfg.EfConstruction, l, sc)
		cands := append(sc.sel[:0], sc.res...)
		cands = slices.DeleteFunc(cands, func(it item) bool { return it.slot == s })
		// The walk ranked by the 4-bit rows; the neighbour selection
		// compares candidates with each other on the int8 rows, so the
		// candidates' own scores are taken from the int8 rows too.
		nb := sc.nbuf[:0]
		for _, c := range cands {
			nb = append(nb, c.slot)
		}
		sc.nbuf = nb
		sc.scores = ix.scoreApprox(&sc.qq, nb, sc.scores)
		for i := range cands {
			cands[i].score, cands[i].id = sc.scores[i], 0 // id: see selectNeighbors
		}
		sortDesc(cands)
		if len(cands) > 0 {
			cur = cands[0]
		}
		chosen := ix.selectNeighbors(cands, ix.m)
		sc.sel = cands
		ix.setList(s, l, chosen, sc)
		for _, c := range chosen {
			ix.addLink(c.slot, s, l, sc)
		}
	}
	for level > top {
		e := ix.entry.Load()
		if _, t := unpackEntry(e); level <= t || ix.entry.CompareAndSwap(e, packEntry(s, level)) {
			break
		}
	}
}

func sortDesc(items []item) {
	slices.SortFunc(items, func(a, b item) int {
		if a.score > b.score {
			return -1
		}
		if a.score < b.score {
			return 1
		}
		return int(a.slot) - int(b.slot)
	})
}

// selectNeighbors is the HNSW neighbour-selection heuristic: walking the
// candidates best first, keep one only if it is closer to the base than to
// every neighbour already kept. This spreads links in different directions,
// which keeps the graph navigable across clusters. cands must be sorted best
// first; the result reuses cands' storage (a prefix of it). Similarities
// between candidates come from the int8 rows, like the candidates' scores.
//
// A candidate whose id is 1 belongs to the base's verified prefix (see
// addLink) and is not compared with kept candidates that also do; every
// other caller passes ids of 0, which gives the plain heuristic.
func (ix *Index) selectNeighbors(cands []item, m int) []item {
	if len(cands) <= m {
		return cands
	}
	out := cands[:0:len(cands)]
	for i := 0; i < len(cands) && len(out) < m; i++ {
		c := cands[i]
		v := ix.row(c.slot)
		good := true
		for _, r := range out {
			if c.id == 1 && r.id == 1 {
				continue
			}
			if ix.simRows(v, ix.row(r.slot)) > c.score {
				good = false
				break
			}
		}
		if good {
			out = append(out, c)
		}
	}
	return out
}

// setList gives s, which is being linked, its layer-l neighbours nb.
//
// s is visible to concurrent inserts before its own lists are set: once
// its upper layers are linked, another insert can descend through s and
// add a back-link to s's still empty layer-0 list (addLink). Replacing the
// list would drop that back-link, and with it possibly the other node's
// only way in (a node nobody links to is never found). So members already
// present are kept beside nb, and only if together they exceed the list's
// capacity are they re-pruned with the selection heuristic, like a full
// list in addLink. nb is not modified.
func (ix *Index) setList(s uint32, l int, nb []item, sc *scratch) {
	mu := ix.stripe(s)
	mu.Lock()
	defer mu.Unlock()
	lst := ix.list(s, l)
	cnt := loadCount(lst)
	all := sc.hop[:0]
	for _, it := range nb {
		all = append(all, it.slot)
	}
	for i := 1; i <= cnt; i++ {
		if m := lst[i]; m != s && !slices.Contains(all, m) && !ix.isDeadMember(m) {
			all = append(all, m)
		}
	}
	sc.hop = all
	if len(all) > ix.maxLinks(l) {
		storeList(lst, ix.prune(s, all, nil, ix.maxLinks(l), sc))
		return
	}
	for i, m := range all {
		atomic.StoreUint32(&lst[i+1], m)
	}
	atomic.StoreUint32(&lst[0], uint32(len(all)))
}

// prune scores members against s from the int8 rows and returns the
// selection heuristic's choice of at most max of them, best first (in
// sc.out). verified, if not nil, marks the members of s's verified prefix
// (see addLink).
func (ix *Index) prune(s uint32, members []uint32, verified []bool, max int, sc *scratch) []item {
	sc.scores = ix.scoreStored(s, members, sc.scores)
	cands := sc.out[:0]
	for i, m := range members {
		it := item{score: sc.scores[i], slot: m}
		if verified != nil && verified[i] {
			it.id = 1
		}
		cands = append(cands, it)
	}
	sortDesc(cands)
	sc.out = cands
	return ix.selectNeighbors(cands, max)
}

// storeList publishes chosen as the members of list lst, for readers that
// load it without the stripe lock.
func storeList(lst []uint32, chosen []item) {
	for i, it := range chosen {
		atomic.StoreUint32(&lst[i+1], it.slot)
	}
	atomic.StoreUint32(&lst[0], uint32(len(chosen)))
}

// addLink adds the back-link n -> s at layer l. A full list is re-pruned
// with the selection heuristic over its members plus s, dropping deleted
// members on the way.
//
// Re-pruning is most of the cost of linking: lists stay nearly full (the
// heuristic keeps about 30 of 33 candidates on clustered data), so every
// few back-links trigger one, and a full run compares each candidate with
// every neighbour kept before it. A layer-0 list therefore remembers how
// many of its leading members a re-prune chose (verifiedCount): those are
// sorted best first and each passed the heuristic against the ones before
// it. Re-running the heuristic over them plus a few appended members
// decides each verified member by comparing it only with the kept members
// that are not verified: against verified ones it passed before, and a
// subset of those it still passes. The result is the same list, for about
// a third of the comparisons. Scores are always simRows of the two int8
// rows, so a member's score, and with it the order, is the same in every
// re-prune.
func (ix *Index) addLink(n, s uint32, l int, sc *scratch) {
	mu := ix.stripe(n)
	mu.Lock()
	defer mu.Unlock()
	lst := ix.list(n, l)
	cnt := loadCount(lst)
	for i := 1; i <= cnt; i++ {
		if lst[i] == s {
			return
		}
	}
	if cnt < ix.maxLinks(l) {
		atomic.StoreUint32(&lst[cnt+1], s)
		atomic.StoreUint32(&lst[0], uint32(cnt+1))
		return
	}
	verified := 0
	if l == 0 {
		verified = int(*ix.verified(n))
	}
	nb := append(sc.hop[:0], s)
	known := sc.known[:0]
	known = append(known, false)
	for i := 1; i <= cnt; i++ {
		if m := lst[i]; !ix.isDeadMember(m) {
			nb = append(nb, m)
			known = append(known, i <= verified)
		}
	}
	sc.hop, sc.known = nb, known
	chosen := ix.prune(n, nb, known, ix.maxLinks(l), sc)
	storeList(lst, chosen)
	if l == 0 {
		*ix.verified(n) = uint8(len(chosen))
	}
}

func growFloats(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}
