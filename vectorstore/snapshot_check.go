package vectorstore

import (
	"runtime"
	"sync"
)

// deriveRows quantises every slot's float16 vector into its int8 row, in
// parallel over chunks.
func (ix *Index) deriveRows(n int) {
	workers := min(runtime.GOMAXPROCS(0), (n+chunkSize-1)/chunkSize)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := make([]float32, ix.dim)
			for s := w; s < n; s += workers {
				decodeF16(f, ix.vec(uint32(s)))
				quantizeRow(ix.row(uint32(s)), f, ix.qdim)
				quantizeNibbles(ix.nrow(uint32(s)), f, ix.qdim)
			}
		}()
	}
	wg.Wait()
}

// checkLoaded validates the graph and rebuilds everything derived: id map,
// payload bitmaps, tombstones, free slots, entry point.
func (ix *Index) checkLoaded(entry uint64) error {
	n := ix.nSlots
	for i := range n {
		s := uint32(i)
		nd := ix.node(s)
		st := nd.state.Load()
		if st == stateFree {
			if nd.level != 0 || loadCount(ix.list(s, 0)) != 0 {
				return corrupt("free slot %d has links", i)
			}
			ix.freeSlots = append(ix.freeSlots, s)
			continue
		}
		for l := 0; l <= int(nd.level); l++ {
			lst := ix.list(s, l)
			if int(lst[0]) > ix.maxLinks(l) {
				return corrupt("slot %d layer %d has %d links (max %d)", i, l, lst[0], ix.maxLinks(l))
			}
			for _, m := range lst[1 : 1+lst[0]] {
				if int(m) >= n || ix.node(m).state.Load() == stateFree || int(ix.node(m).level) < l || ix.al(m).of != 0 {
					return corrupt("slot %d layer %d links to invalid slot %d", i, l, m)
				}
			}
		}
		if st == stateDead {
			ix.tombstones = append(ix.tombstones, s)
			continue
		}
		if _, dup := ix.byID[nd.id]; dup {
			return corrupt("id %d appears twice", nd.id)
		}
		ix.byID[nd.id] = s
		ix.pidx.update(s, ix.rec(s), true)
		ix.live++
	}
	if entry == noEntry {
		if ix.live+len(ix.tombstones) > 0 {
			return corrupt("graph has nodes but no entry point")
		}
	} else {
		ep, top := unpackEntry(entry)
		if int(ep) >= n || ix.node(ep).state.Load() == stateFree || int(ix.node(ep).level) != top {
			return corrupt("invalid entry point")
		}
	}
	if int(entry>>8) < n && ix.al(uint32(entry>>8)).of != 0 {
		return corrupt("entry point is an alias")
	}
	ix.entry.Store(entry)
	return ix.checkAliases()
}

// checkAliases validates the alias chains (alias.go) and rebuilds the byVec
// map and the aliased bitset. Every alias must be a slot without links,
// reachable exactly once from the chain of its node, a graph node with the
// same vector.
func (ix *Index) checkAliases() error {
	n := ix.nSlots
	onChain := 0
	for i := range n {
		s := uint32(i)
		nd := ix.node(s)
		na := ix.al(s)
		st := nd.state.Load()
		if na.of != 0 {
			r := na.of - 1
			if st == stateFree || nd.level != 0 || loadCount(ix.list(s, 0)) != 0 || int(r) >= n ||
				ix.al(r).of != 0 || ix.node(r).state.Load() == stateFree || !equalVec(ix.vec(r), ix.vec(s)) {
				return corrupt("slot %d is an invalid alias of slot %d", i, r)
			}
			continue
		}
		if st == stateFree {
			if na.next.Load() != 0 {
				return corrupt("free slot %d has aliases", i)
			}
			continue
		}
		for a, steps := na.next.Load(), 0; a != 0; a, steps = ix.al(a-1).next.Load(), steps+1 {
			if int(a-1) >= n || ix.al(a-1).of != s+1 || steps >= n {
				return corrupt("alias chain of slot %d is broken", i)
			}
			onChain++
		}
		if na.next.Load() != 0 {
			*ix.aliasedWord(s) |= 1 << (s & 63)
			ix.anyAliases.Store(true)
		}
		ix.registerNode(s)
	}
	for i := range n {
		if ix.al(uint32(i)).of != 0 {
			onChain--
		}
	}
	if onChain != 0 {
		return corrupt("alias chains do not hold every alias exactly once")
	}
	return nil
}
