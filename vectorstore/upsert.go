package vectorstore

import "fmt"

// Upsert inserts a point or replaces the vector and payload of an existing
// id. The vector is copied, L2-normalised and rounded to float16 (a vector
// that Get returned is already both and is kept as it is); it must have the
// index's dimension and a finite, non-zero norm.
//
// A vector bit-identical to one already indexed is stored as an alias of
// that graph node rather than linked (see alias.go). Replacing only the
// payload (same vector) updates the payload indexes in place. Replacing
// the vector inserts a new graph node and retires the old one in one step
// under the metadata lock; a search returns an id at most once, with the
// vector that is current when it assembles its results.
func (ix *Index) Upsert(id uint64, vec []float32, p Payload) error {
	if len(vec) != ix.dim {
		return fmt.Errorf("%w: got %d, index has %d", ErrDimension, len(vec), ix.dim)
	}
	// The index stores the vector as float16 (f16.go) and an int8 row
	// quantised from those float16 values (quant.go), so that a snapshot,
	// which holds only the float16 vectors, restores identical rows.
	v := append([]float32(nil), vec...)
	h := make([]uint16, ix.dim)
	if !storedAlready(v, h) {
		if !normalize(v) {
			return ErrVector
		}
		encodeF16(h, v)
		decodeF16(v, h)
	}
	p.Languages = validLanguages(p.Languages)

	ix.writers.RLock()
	defer ix.writers.RUnlock()
	ix.mu.RLock()
	if ix.updatePayloadOnly(id, h, &p) {
		ix.mu.RUnlock()
		return nil
	}
	// A point whose vector equals an existing one becomes an alias of that
	// vector's graph node instead of a node of its own (alias.go).
	head, isAlias := ix.findNode(h)
	level := 0
	if !isAlias {
		ix.allocMu.Lock()
		level = ix.randomLevel()
		ix.allocMu.Unlock()
	}
	var s uint32
	for {
		var ok bool
		if s, ok = ix.allocSlot(level); ok {
			break
		}
		ix.mu.RUnlock()
		ix.mu.Lock()
		ix.grow()
		ix.mu.Unlock()
		ix.mu.RLock()
		if isAlias {
			// A compaction may have freed the node while mu was released.
			head, isAlias = ix.findNode(h)
		}
	}
	copy(ix.vec(s), h)
	quantizeRow(ix.row(s), v, ix.qdim)
	quantizeNibbles(ix.nrow(s), v, ix.qdim)
	nd := ix.node(s)
	na := ix.al(s)
	nd.id = id
	na.of = 0
	na.next.Store(0)
	for l := 0; l <= level; l++ {
		ix.list(s, l)[0] = 0
	}
	*ix.verified(s) = 0
	ix.setState(s, stateLinking)

	if isAlias {
		ix.addAlias(head, s)
	} else {
		// Registering before linking lets identical inserts that arrive
		// while s is being linked alias to it.
		ix.registerNode(s)
		sc := ix.getScratch()
		ix.link(s, level, sc)
		ix.pool.Put(sc)
	}

	ix.metaMu.Lock()
	if old, ok := ix.byID[id]; ok {
		ix.retire(old)
	}
	ix.byID[id] = s
	r := ix.pidx.encode(&p)
	*ix.rec(s) = r
	ix.pidx.update(s, &r, true)
	ix.live++
	ix.setState(s, stateLive)
	needCompact := len(ix.tombstones) >= ix.cfg.CompactAfter
	ix.metaMu.Unlock()
	ix.mu.RUnlock()

	if needCompact {
		ix.compact()
	}
	return nil
}

// updatePayloadOnly handles the upsert of an existing id whose vector is
// unchanged. Called with mu read-held.
func (ix *Index) updatePayloadOnly(id uint64, v []uint16, p *Payload) bool {
	ix.metaMu.Lock()
	defer ix.metaMu.Unlock()
	s, ok := ix.byID[id]
	if !ok || !equalVec(ix.vec(s), v) {
		return false
	}
	old := ix.rec(s)
	ix.pidx.update(s, old, false)
	r := ix.pidx.encode(p)
	*old = r
	ix.pidx.update(s, old, true)
	return true
}

func equalVec(a, b []uint16) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// retire removes live slot s from the id map's view: out of the payload
// indexes and marked dead, so no search returns it again. Its node stays a
// graph waypoint until compaction. Called with metaMu write-held.
func (ix *Index) retire(s uint32) {
	ix.pidx.update(s, ix.rec(s), false)
	ix.setState(s, stateDead)
	ix.live--
	ix.tombstones = append(ix.tombstones, s)
}
