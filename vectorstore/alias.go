package vectorstore

import (
	"hash/maphash"
	"sync/atomic"
	"unsafe"
)

// Aliases: identical vectors.
//
// In jobmatch many points share one vector: thousands of vacancies titled
// "Registered Nurse" embed to the same normalised vector. Linking every copy
// into the graph breaks HNSW: to the selection heuristic (selectNeighbors) a
// copy of the base scores 1 and is never "closer to a kept neighbour than to
// the base", so copies are always kept, and more copies than a neighbour
// list holds link only to each other. A walk that enters such a closed
// clique cannot leave it, filtered walks come back short, and Search falls
// back to the exact scan. Capping the copies per list instead fragments
// them, so that filtered copies become unreachable.
//
// So only the first point with a given vector is a graph node. Every later
// point whose vector is bit-identical to a node's is an alias of that node:
// it gets a slot, vector and payload as usual (so filters, the exact scan,
// Count, RankAll, Get, Delete and snapshots treat it like any point) but no
// graph links; it is pushed onto the node's alias chain. A walk that scores
// a node offers the node's aliases as results with the same score (no extra
// dot products), each subject to the filter, and the walk's beam counts the
// node once (offerNode), so a node with more aliases than the beam is wide
// cannot close it. So a vector is exactly as reachable as one node, and the
// graph never holds two equal vectors (except a few from concurrent inserts
// that race to become the node, which is harmless).
//
// Deleting an aliased node keeps it as a non-returnable waypoint, like every
// deleted node, and its aliases stay reachable through it; Compact then
// promotes a live alias into the node's slot (the alias's id and payload
// move, the graph node stays), so the vector keeps its place in the graph.
// Deleted aliases are unlinked from their chain by Compact.
//
// Chains are singly linked through aliasLink.next (slot+1, 0 ends) starting
// at the node, prepended under the node's stripe lock and read with atomic
// loads, like neighbour lists. The aliased bitset marks nodes with a chain so
// the walk's test for one touches a few kilobytes, not the node array.

var vecSeed = maphash.MakeSeed()

// vecHash hashes the bits of a stored (float16) vector, for the map from
// vectors to graph nodes.
func vecHash(v []uint16) uint64 {
	return maphash.Bytes(vecSeed, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 2*len(v)))
}

// findNode returns the graph node whose stored vector is bit-identical to v,
// if any. Called with mu read-held, which keeps the node's slot from being
// freed.
func (ix *Index) findNode(v []uint16) (uint32, bool) {
	ix.byVecMu.Lock()
	r, ok := ix.byVec[vecHash(v)]
	ix.byVecMu.Unlock()
	if !ok || !equalVec(ix.vec(r), v) { // a hash collision
		return 0, false
	}
	return r, true
}

// registerNode makes graph node s the one that later copies of its vector
// alias, unless another node already is. Called with mu read-held (or write-held, when loading).
func (ix *Index) registerNode(s uint32) {
	h := vecHash(ix.vec(s))
	ix.byVecMu.Lock()
	if _, ok := ix.byVec[h]; !ok {
		ix.byVec[h] = s
	}
	ix.byVecMu.Unlock()
}

// addAlias makes slot a (vector written, not linked) an alias of graph node
// head, prepending it to head's chain.
func (ix *Index) addAlias(head, a uint32) {
	ix.al(a).of = head + 1
	mu := ix.stripe(head)
	mu.Lock()
	rn := ix.al(head)
	ix.al(a).next.Store(rn.next.Load())
	rn.next.Store(a + 1)
	atomic.OrUint64(ix.aliasedWord(head), 1<<(head&63))
	mu.Unlock()
	ix.anyAliases.Store(true)
}

func (ix *Index) aliasedWord(s uint32) *uint64 {
	return &ix.aliased[s>>chunkBits][(s&chunkMask)>>6]
}

// hasAliases reports whether s is a graph node with an alias chain.
func (ix *Index) hasAliases(s uint32) bool {
	return atomic.LoadUint64(ix.aliasedWord(s))&(1<<(s&63)) != 0
}

// pushAliases offers head's accepted aliases to the walk's result heap with
// head's score, stopping at the first accepted alias that finds the heap
// full of results at least as good (all further aliases have the same
// score). So a walk costs at most ef chain steps per alias it keeps, plus
// the rejected ones passed. It reports whether head has an accepted alias,
// which makes head count in the walk's beam.
// The chain is newest first, so when a node has more accepted aliases than
// the beam holds, a walk returns its most recently inserted ones (the exact
// scan, its lowest ids); both orders are deterministic, so paging with a
// fixed Ef stays consistent.
func (ix *Index) pushAliases(w *walk, head uint32, score float32, ef int, sc *scratch) bool {
	found := false
	for a := ix.al(head).next.Load(); a != 0; {
		s := a - 1
		if ix.accept(w, s) {
			if len(sc.res) >= ef && score <= sc.res[0].score {
				return true
			}
			sc.res.offer(item{score: score, slot: s}, ef)
			found = true
		}
		a = ix.al(s).next.Load()
	}
	return found
}

// settleAliases prepares the dead slots for compaction: a dead node with a
// live alias takes over that alias's id and payload (so the graph node stays
// and only the freed alias slot goes), deleted aliases are unlinked from
// their chains, and nodes about to be freed leave the byVec map. It returns the
// slots to free. Called from compact with mu write-held.
func (ix *Index) settleAliases(dead []uint32) []uint32 {
	ix.metaMu.Lock()
	defer ix.metaMu.Unlock()
	out := make([]uint32, 0, len(dead))
	var touched []uint32 // nodes whose chains lost members
	for _, d := range dead {
		na := ix.al(d)
		if na.of != 0 {
			touched = append(touched, na.of-1)
			out = append(out, d)
			continue
		}
		if a, ok := ix.firstLiveAlias(d); ok {
			ix.promote(d, a)
			touched = append(touched, d)
			out = append(out, a)
			continue
		}
		out = append(out, d)
	}
	for _, r := range touched {
		ix.pruneChain(r)
	}
	ix.byVecMu.Lock()
	for _, d := range out {
		na := ix.al(d)
		if na.of != 0 {
			continue
		}
		// A node that stays dead has no live aliases left: its chain is gone.
		na.next.Store(0)
		atomic.AndUint64(ix.aliasedWord(d), ^(1 << (d & 63)))
		h := vecHash(ix.vec(d))
		if r, ok := ix.byVec[h]; ok && r == d {
			delete(ix.byVec, h)
		}
	}
	ix.byVecMu.Unlock()
	return out
}

func (ix *Index) firstLiveAlias(head uint32) (uint32, bool) {
	for a := ix.al(head).next.Load(); a != 0; a = ix.al(a - 1).next.Load() {
		if ix.node(a-1).state.Load() == stateLive {
			return a - 1, true
		}
	}
	return 0, false
}

// promote moves live alias a's identity (id, payload) into its dead node's
// slot; a's slot is left dead, to be freed. Called with mu and metaMu
// write-held, so no search sees the move.
func (ix *Index) promote(head, a uint32) {
	rn, an := ix.node(head), ix.node(a)
	ix.pidx.update(a, ix.rec(a), false)
	*ix.rec(head) = *ix.rec(a)
	ix.pidx.update(head, ix.rec(head), true)
	rn.id = an.id
	ix.byID[an.id] = head
	ix.setState(head, stateLive)
	ix.setState(a, stateDead)
}

// pruneChain drops dead aliases from head's chain. Called with mu write-held.
func (ix *Index) pruneChain(head uint32) {
	link := &ix.al(head).next
	for a := link.Load(); a != 0; a = link.Load() {
		an := ix.al(a - 1)
		if ix.node(a-1).state.Load() == stateDead {
			link.Store(an.next.Load())
			continue
		}
		link = &an.next
	}
	if ix.al(head).next.Load() == 0 {
		atomic.AndUint64(ix.aliasedWord(head), ^(1 << (head & 63)))
	}
}
