package vectorstore

import (
	"hash/maphash"
	"sync/atomic"
	"unsafe"
)

// Aliasing of identical vectors.
//
// In jobmatch many points share one vector: thousands of vacancies titled
// "Registered Nurse" embed to the same normalised vector. Linking every copy
// into the graph breaks HNSW: to the selection heuristic (selectNeighbors) a
// copy of the base scores 1 and is never "closer to a kept neighbour than to
// the base", so copies are always kept, and a group larger than a neighbour
// list links only to itself. A walk that enters such a closed clique cannot
// leave it, filtered walks come back short, and Search falls back to the
// exact scan. Capping the copies per list instead fragments the group, so
// that filtered members become unreachable.
//
// So only the first point with a given vector (the representative, "rep")
// is a graph node. Every later point whose vector is bit-identical to a rep
// is an alias: it gets a slot, vector and payload as usual (so filters, the
// exact scan, Count, RankAll, Get, Delete and snapshots treat it like any
// point) but no graph links; it is pushed onto the rep's alias chain. A walk
// that scores a rep offers the rep's aliases as results with the same score
// (no extra dot products), each subject to the filter, and the walk's beam
// counts the group once (offerNode), so a group with more copies than the
// beam is wide cannot close it. So a group is exactly as reachable as one
// node, and the graph never holds two equal vectors
// (except a few from concurrent inserts that race to become rep, which is
// harmless).
//
// Deleting a rep keeps it as a non-returnable waypoint, like every deleted
// node, and its aliases stay reachable through it; Compact then promotes a
// live alias into the rep's slot (the alias's id and payload move, the graph
// node stays), so the group keeps its place in the graph. Deleted aliases
// are unlinked from their chain by Compact.
//
// Chains are singly linked through aliasLink.next (slot+1, 0 ends) starting
// at the rep, prepended under the rep's stripe lock and read with atomic
// loads, like neighbour lists. The groups bitset marks reps with a chain so
// the walk's test for one touches a few kilobytes, not the node array.

var repSeed = maphash.MakeSeed()

// vecHash hashes the bits of a stored (float16) vector, for the map from
// vectors to reps.
func vecHash(v []uint16) uint64 {
	return maphash.Bytes(repSeed, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 2*len(v)))
}

// findRep returns the rep whose stored vector is bit-identical to v, if any.
// Called with mu read-held, which keeps the rep's slot from being freed.
func (ix *Index) findRep(v []uint16) (uint32, bool) {
	ix.repMu.Lock()
	r, ok := ix.reps[vecHash(v)]
	ix.repMu.Unlock()
	if !ok || !equalVec(ix.vec(r), v) { // a hash collision
		return 0, false
	}
	return r, true
}

// registerRep makes graph node s the rep of its vector unless another node
// already is. Called with mu read-held (or write-held, when loading).
func (ix *Index) registerRep(s uint32) {
	h := vecHash(ix.vec(s))
	ix.repMu.Lock()
	if _, ok := ix.reps[h]; !ok {
		ix.reps[h] = s
	}
	ix.repMu.Unlock()
}

// addAlias prepends slot a (vector written, not linked) to rep's chain.
func (ix *Index) addAlias(rep, a uint32) {
	ix.al(a).of = rep + 1
	mu := ix.stripe(rep)
	mu.Lock()
	rn := ix.al(rep)
	ix.al(a).next.Store(rn.next.Load())
	rn.next.Store(a + 1)
	atomic.OrUint64(ix.groupWord(rep), 1<<(rep&63))
	mu.Unlock()
	ix.anyAliases.Store(true)
}

func (ix *Index) groupWord(s uint32) *uint64 {
	return &ix.groups[s>>chunkBits][(s&chunkMask)>>6]
}

// hasAliases reports whether s is a rep with an alias chain.
func (ix *Index) hasAliases(s uint32) bool {
	return atomic.LoadUint64(ix.groupWord(s))&(1<<(s&63)) != 0
}

// pushAliases offers rep's accepted aliases to the walk's result heap with
// the rep's score, stopping at the first accepted alias that finds the heap
// full of results at least as good (all further aliases have the same
// score). So a walk costs at most ef chain steps per group member it keeps,
// plus the rejected ones passed. It reports whether the group has an
// accepted alias, which makes the rep count in the walk's beam.
// The chain is newest first, so when a group has more accepted members than
// the beam holds, a walk returns its most recently inserted ones (the exact
// scan, its lowest ids); both orders are deterministic, so paging with a
// fixed Ef stays consistent.
func (ix *Index) pushAliases(w *walk, rep uint32, score float32, ef int, sc *scratch) bool {
	found := false
	for a := ix.al(rep).next.Load(); a != 0; {
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

// settleAliases prepares the dead slots for compaction: a dead rep with a
// live alias takes over that alias's id and payload (so the graph node stays
// and only the freed alias slot goes), deleted aliases are unlinked from
// their chains, and reps about to be freed leave the rep map. It returns the
// slots to free. Called from compact with mu write-held.
func (ix *Index) settleAliases(dead []uint32) []uint32 {
	ix.metaMu.Lock()
	defer ix.metaMu.Unlock()
	out := make([]uint32, 0, len(dead))
	var touched []uint32 // reps whose chains lost members
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
	ix.repMu.Lock()
	for _, d := range out {
		na := ix.al(d)
		if na.of != 0 {
			continue
		}
		// A rep that stays dead has no live aliases left: its chain is gone.
		na.next.Store(0)
		atomic.AndUint64(ix.groupWord(d), ^(1 << (d & 63)))
		h := vecHash(ix.vec(d))
		if r, ok := ix.reps[h]; ok && r == d {
			delete(ix.reps, h)
		}
	}
	ix.repMu.Unlock()
	return out
}

func (ix *Index) firstLiveAlias(rep uint32) (uint32, bool) {
	for a := ix.al(rep).next.Load(); a != 0; a = ix.al(a - 1).next.Load() {
		if ix.node(a-1).state.Load() == stateLive {
			return a - 1, true
		}
	}
	return 0, false
}

// promote moves live alias a's identity (id, payload) into its dead rep's
// slot; a's slot is left dead, to be freed. Called with mu and metaMu
// write-held, so no search sees the move.
func (ix *Index) promote(rep, a uint32) {
	rn, an := ix.node(rep), ix.node(a)
	ix.pidx.update(a, ix.rec(a), false)
	*ix.rec(rep) = *ix.rec(a)
	ix.pidx.update(rep, ix.rec(rep), true)
	rn.id = an.id
	ix.byID[an.id] = rep
	ix.setState(rep, stateLive)
	ix.setState(a, stateDead)
}

// pruneChain drops dead aliases from rep's chain. Called with mu write-held.
func (ix *Index) pruneChain(rep uint32) {
	link := &ix.al(rep).next
	for a := link.Load(); a != 0; a = link.Load() {
		an := ix.al(a - 1)
		if ix.node(a-1).state.Load() == stateDead {
			link.Store(an.next.Load())
			continue
		}
		link = &an.next
	}
	if ix.al(rep).next.Load() == 0 {
		atomic.AndUint64(ix.groupWord(rep), ^(1 << (rep & 63)))
	}
}
