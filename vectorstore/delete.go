package vectorstore

import "slices"

// Delete removes id and reports whether it was present. From the moment
// Delete returns, no search returns id (searches still running drop it when
// they assemble their results). The node stays in the graph as a
// waypoint until CompactAfter deletes have accumulated; then the graph is
// repaired around the deleted nodes and their slots are reused.
func (ix *Index) Delete(id uint64) bool {
	ix.writers.RLock()
	defer ix.writers.RUnlock()
	ix.mu.RLock()
	ix.metaMu.Lock()
	s, ok := ix.byID[id]
	if ok {
		delete(ix.byID, id)
		ix.retire(s)
	}
	needCompact := len(ix.tombstones) >= ix.cfg.CompactAfter
	ix.metaMu.Unlock()
	ix.mu.RUnlock()
	if needCompact {
		ix.compact()
	}
	return ok
}

// Compact repairs the graph around every deleted point now and frees their
// slots for reuse. It runs by itself after CompactAfter deletes; calling it
// is only useful before a Save or in tests. It holds the index exclusively.
func (ix *Index) Compact() {
	ix.writers.RLock()
	defer ix.writers.RUnlock()
	ix.compact()
}

// compact is Compact with writers already read-held.
func (ix *Index) compact() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	dead := ix.tombstones
	if len(dead) == 0 {
		return
	}
	ix.tombstones = nil
	// Dead nodes with live aliases are revived under an alias's identity
	// and stay in the graph; the slots to free may change accordingly.
	dead = ix.settleAliases(dead)
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	isDead := sc.words(0, ix.words())
	clearWords(isDead)
	for _, d := range dead {
		bitSet(isDead, d)
	}
	// Every list that points at a dead node is rebuilt from its live members
	// plus the live neighbours of the dead ones it pointed at: the nodes the
	// walk used to reach through them.
	n := ix.nSlots
	for s := uint32(0); s < uint32(n); s++ {
		nd := ix.node(s)
		na := ix.al(s)
		if st := nd.state.Load(); st != stateLive || na.of != 0 {
			continue
		}
		for l := 0; l <= int(nd.level); l++ {
			ix.repairList(s, l, isDead, sc)
		}
	}
	// A dead entry point is replaced by the live node with the highest layer.
	if e := ix.entry.Load(); e != noEntry {
		if ep, _ := unpackEntry(e); bitTest(isDead, ep) {
			next := uint64(noEntry)
			best := -1
			for s := uint32(0); s < uint32(n); s++ {
				nd := ix.node(s)
				na := ix.al(s)
				if nd.state.Load() == stateLive && na.of == 0 && int(nd.level) > best {
					best, next = int(nd.level), packEntry(s, int(nd.level))
				}
			}
			ix.entry.Store(next)
		}
	}
	ix.allocMu.Lock()
	for _, d := range dead {
		ix.freeSlot(d)
	}
	ix.allocMu.Unlock()
}

func (ix *Index) repairList(s uint32, l int, isDead []uint64, sc *scratch) {
	lst := ix.list(s, l)
	cnt := loadCount(lst)
	hit := false
	for i := 1; i <= cnt; i++ {
		if bitTest(isDead, lst[i]) {
			hit = true
			break
		}
	}
	if !hit {
		return
	}
	nb := sc.nbuf[:0]
	add := func(x uint32) {
		if x != s && !bitTest(isDead, x) && !slices.Contains(nb, x) {
			nb = append(nb, x)
		}
	}
	for i := 1; i <= cnt; i++ {
		m := lst[i]
		if !bitTest(isDead, m) {
			add(m)
			continue
		}
		if l > int(ix.node(m).level) {
			continue
		}
		ml := ix.list(m, l)
		for j := 1; j <= loadCount(ml); j++ {
			add(ml[j])
		}
	}
	sc.nbuf = nb
	storeList(lst, ix.prune(s, nb, nil, ix.maxLinks(l), sc))
	if l == 0 {
		*ix.verified(s) = 0
	}
}
