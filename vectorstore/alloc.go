package vectorstore

import "unsafe"

// Slot and storage management. Storage grows a chunk at a time under the
// exclusive lock; slot allocation only needs allocMu, so inserts allocate
// concurrently under the shared lock.

// allocSlot reserves a slot and, for level > 0, a block in the upper arena.
// Called with mu read-held; ok is false when storage must grow first.
func (ix *Index) allocSlot(level int) (s uint32, ok bool) {
	ix.allocMu.Lock()
	defer ix.allocMu.Unlock()
	if len(ix.freeSlots) == 0 && ix.nSlots >= ix.cap {
		return 0, false
	}
	var off int
	if level > 0 {
		n := level * (ix.m + 1)
		if free := ix.upperFree[level]; len(free) > 0 {
			off = int(free[len(free)-1])
			ix.upperFree[level] = free[:len(free)-1]
		} else {
			off = ix.upperTop
			if off&(upperChunkLen-1)+n > upperChunkLen {
				off = (off>>upperChunkBits + 1) << upperChunkBits
			}
			if off+n > len(ix.upper)*upperChunkLen {
				return 0, false
			}
			ix.upperTop = off + n
		}
	}
	if n := len(ix.freeSlots); n > 0 {
		s = ix.freeSlots[n-1]
		ix.freeSlots = ix.freeSlots[:n-1]
	} else {
		s = uint32(ix.nSlots)
		ix.nSlots++
	}
	nd := ix.node(s)
	nd.level = uint8(level)
	nd.upper = uint32(off)
	return s, true
}

// grow adds a chunk of slots and, if the upper arena is nearly full, an
// arena chunk. Called with mu write-held.
func (ix *Index) grow() {
	ix.allocMu.Lock()
	defer ix.allocMu.Unlock()
	if len(ix.freeSlots) == 0 && ix.nSlots >= ix.cap {
		ix.addChunk()
	}
	if ix.upperTop+(maxLevel+1)*(ix.m+1) > len(ix.upper)*upperChunkLen {
		ix.upper = append(ix.upper, make([]uint32, upperChunkLen))
	}
}

func (ix *Index) addChunk() {
	vb := ix.mem.alloc(chunkSize * ix.dim * 2)
	ix.vecs = append(ix.vecs, unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(vb))), chunkSize*ix.dim))
	nbb := ix.mem.alloc(chunkSize * ix.nstride)
	ix.nibbles = append(ix.nibbles, unsafe.Slice((*uint8)(unsafe.Pointer(unsafe.SliceData(nbb))), chunkSize*ix.nstride))
	cb := ix.mem.alloc(chunkSize * ix.cstride)
	ix.codes = append(ix.codes, unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(cb))), chunkSize*ix.cstride))
	ix.links0 = append(ix.links0, make([]uint32, chunkSize*(ix.m0+1)))
	ix.verifiedCounts = append(ix.verifiedCounts, make([]uint8, chunkSize))
	ix.nodes = append(ix.nodes, make([]node, chunkSize))
	ix.aliases = append(ix.aliases, make([]aliasLink, chunkSize))
	ix.pay = append(ix.pay, make([]payloadRec, chunkSize))
	ix.aliased = append(ix.aliased, make([]uint64, chunkSize/64))
	ix.liveBits = append(ix.liveBits, make([]uint64, chunkSize/64))
	ix.linkBits = append(ix.linkBits, make([]uint64, chunkSize/64))
	ix.cap += chunkSize
}

// freeSlot returns a compacted dead slot to the free lists. Called with mu
// write-held.
func (ix *Index) freeSlot(s uint32) {
	nd := ix.node(s)
	na := ix.al(s)
	for l := 0; l <= int(nd.level); l++ {
		ix.list(s, l)[0] = 0
	}
	*ix.verified(s) = 0
	if nd.level > 0 {
		ix.upperFree[nd.level] = append(ix.upperFree[nd.level], nd.upper)
	}
	nd.level, nd.upper, nd.id, na.of = 0, 0, 0, 0
	na.next.Store(0)
	ix.setState(s, stateFree)
	*ix.rec(s) = payloadRec{}
	ix.freeSlots = append(ix.freeSlots, s)
}
