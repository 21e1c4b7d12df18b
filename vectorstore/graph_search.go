package vectorstore

import (
	"sync/atomic"
	"unsafe"
)

// walk describes what a graph walk may return. Every walk may pass through
// any node (deleted ones included: they stay waypoints until Compact), but
// only accepted nodes enter the result set.
type walk struct {
	// qq is the query, quantised for scoring the int8 rows (quant.go).
	qq *qquery
	// allowed is the filter bitset; nil means "accept by state".
	allowed []uint64
	// insert also accepts nodes still being linked by concurrent inserts,
	// so that simultaneous inserts can link to each other, and reads only
	// the first insertDegree members of each list.
	insert bool
	// twoHop makes the walk score only accepted nodes and look through
	// rejected neighbours to their neighbours (ACORN-1 style), so a
	// selective filter does not waste distance computations or strand the
	// walk in a region where nothing passes. Rejected nodes with aliases are
	// scored too, since their aliases may pass.
	twoHop bool
	// aliases is set when the index has ever had an alias (alias.go), so
	// walks over data without identical vectors skip the alias checks.
	aliases bool
}

func (ix *Index) accept(w *walk, s uint32) bool {
	if w.allowed != nil {
		return bitTest(w.allowed, s)
	}
	return ix.isLive(s) || (w.insert && ix.isLinking(s))
}

// scoreExact writes dot(q, vec(s)) for every slot into out from the
// float16 vectors, four rows at a time: the exact scores.
func (ix *Index) scoreExact(q []float32, slots []uint32, out []float32) []float32 {
	out = out[:0]
	k := f16Kernel
	// Touch the first cache line of every vector to be scored so that all
	// their DRAM reads start at once; the hardware prefetcher follows each
	// vector's remaining lines.
	for _, s := range slots {
		prefetchLines(unsafe.Pointer(unsafe.SliceData(ix.vec(s))), 1)
	}
	i := 0
	for ; i+4 <= len(slots); i += 4 {
		a, b, c, d := k.dot4(q, ix.vec(slots[i]), ix.vec(slots[i+1]), ix.vec(slots[i+2]), ix.vec(slots[i+3]))
		out = append(out, a, b, c, d)
	}
	// The rest go through the same kernel, the row repeated (see f16Impl).
	for ; i < len(slots); i++ {
		v := ix.vec(slots[i])
		a, _, _, _ := k.dot4(q, v, v, v, v)
		out = append(out, a)
	}
	return out
}

// loadCount reads the length of a neighbour list, clamped so that a list
// being rewritten concurrently can never index past its end.
func loadCount(lst []uint32) int {
	return min(int(atomic.LoadUint32(&lst[0])), len(lst)-1)
}

// insertDegree is how many leading members of a neighbour list an insert's
// walk reads: three quarters of a layer-0 list (upper-layer lists are
// shorter and read whole). A re-prune stores members nearest first, so the
// tail holds the farthest ones, which the construction beam reaches through
// other lists anyway. Searches read whole lists: their narrower beams need
// every way out of a node.
func (ix *Index) insertDegree() int { return ix.m0 * 3 / 4 }

// greedy moves from cur to the best neighbour at layer l until no neighbour
// is better: the descent through the upper layers.
func (ix *Index) greedy(qq *qquery, cur item, l int, sc *scratch) item {
	for {
		lst := ix.list(cur.slot, l)
		n := loadCount(lst)
		nb := sc.nbuf[:0]
		for i := 1; i <= n; i++ {
			nb = append(nb, atomic.LoadUint32(&lst[i]))
		}
		sc.nbuf = nb
		sc.scores = ix.scoreNibbles(qq, nb, sc.scores)
		best := cur
		for i, s := range nb {
			if sc.scores[i] > best.score {
				best = item{score: sc.scores[i], slot: s}
			}
		}
		if best.slot == cur.slot {
			return cur
		}
		cur = best
	}
}

// searchLayer is the HNSW beam search at layer l from entry, keeping the ef
// best accepted nodes in sc.res (a min-heap). The caller resets visited.
// Except when inserting, a scored node also offers its accepted aliases
// (alias.go) with its own score; an insert must link only to graph nodes.
func (ix *Index) searchLayer(w *walk, entry item, ef, l int, sc *scratch) {
	sc.cand, sc.res, sc.front = sc.cand[:0], sc.res[:0], sc.front[:0]
	// Without aliases every result is a node of its own: the results are
	// the beam.
	front := &sc.res
	if w.aliases {
		front = &sc.front
	}
	sc.mark(entry.slot)
	sc.cand.push(entry)
	ix.offerNode(w, entry, ef, sc)
	for len(sc.cand) > 0 {
		c := sc.cand.pop()
		if f := *front; len(f) >= ef && c.score < f[0].score {
			break
		}
		nb, hop := sc.nbuf[:0], sc.hop[:0]
		lst := ix.list(c.slot, l)
		// The next candidate is likely the one expanded next: start reading
		// its list while this one's neighbours are scored.
		if len(sc.cand) > 0 {
			prefetchLines(unsafe.Pointer(&ix.list(sc.cand[0].slot, l)[0]), 3)
		}
		n := loadCount(lst)
		if w.insert {
			n = min(n, ix.insertDegree())
		}
		for i := 1; i <= n; i++ {
			s := atomic.LoadUint32(&lst[i])
			if sc.seen(s) {
				continue
			}
			sc.mark(s)
			// A rejected node is still scored: its aliases may match.
			if w.twoHop && !ix.accept(w, s) && !(w.aliases && ix.hasAliases(s)) {
				hop = append(hop, s)
				continue
			}
			nb = append(nb, s)
		}
		if w.twoHop && len(nb) < ix.m0 {
		hops:
			for _, h := range hop {
				lst := ix.list(h, 0)
				n := loadCount(lst)
				for i := 1; i <= n; i++ {
					s := atomic.LoadUint32(&lst[i])
					if sc.seen(s) || (!ix.accept(w, s) && !(w.aliases && ix.hasAliases(s))) {
						continue
					}
					sc.mark(s)
					nb = append(nb, s)
					if len(nb) >= ix.m0 {
						break hops
					}
				}
			}
		}
		sc.nbuf, sc.hop = nb, hop
		sc.scores = ix.scoreNibbles(w.qq, nb, sc.scores)
		for i, s := range nb {
			score := sc.scores[i]
			if f := *front; len(f) >= ef && score <= f[0].score {
				continue
			}
			it := item{score: score, slot: s}
			sc.cand.push(it)
			ix.offerNode(w, it, ef, sc)
		}
	}
}

// offerNode offers a scored graph node to the walk: itself as a result if
// accepted, and its accepted aliases. The beam (sc.front) counts the node
// once if either passed, whatever the number of aliases: a beam of ef
// results would fill with the aliases of the first node reached that has
// many, and stop the walk before it could reach a better node, which made a
// walk over data with many identical vectors a greedy descent.
func (ix *Index) offerNode(w *walk, it item, ef int, sc *scratch) {
	ok := ix.accept(w, it.slot)
	if ok {
		sc.res.offer(it, ef)
	}
	if !w.aliases {
		return
	}
	if ix.hasAliases(it.slot) && ix.pushAliases(w, it.slot, it.score, ef, sc) {
		ok = true
	}
	if ok {
		sc.front.offer(it, ef)
	}
}

// rerank replaces the approximate scores of items by exact ones from the
// float16 vectors (the walk ranked them by their int8 rows).
func (ix *Index) rerank(q []float32, items []item, sc *scratch) {
	nb := sc.nbuf[:0]
	for _, it := range items {
		nb = append(nb, it.slot)
	}
	sc.nbuf = nb
	sc.scores = ix.scoreExact(q, nb, sc.scores)
	for i := range items {
		items[i].score = sc.scores[i]
	}
}

// descend runs the greedy descent from the entry point down to layer
// stop+1 and returns the node to start layer stop from. ok is false for an
// empty graph.
func (ix *Index) descend(qq *qquery, stop int, sc *scratch) (cur item, top int, ok bool) {
	e := ix.entry.Load()
	if e == noEntry {
		return item{}, 0, false
	}
	ep, top := unpackEntry(e)
	sc.nbuf = append(sc.nbuf[:0], ep)
	sc.scores = ix.scoreNibbles(qq, sc.nbuf, sc.scores)
	cur = item{score: sc.scores[0], slot: ep}
	for l := top; l > stop; l-- {
		cur = ix.greedy(qq, cur, l, sc)
	}
	return cur, top, true
}
