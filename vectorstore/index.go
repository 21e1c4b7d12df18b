package vectorstore

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// Index is an in-process HNSW graph over L2-normalised vectors (stored as
// float16, with int8 and 4-bit copies for the graph walk; see doc.go) with
// payload indexes for filtered search. All methods are safe for concurrent
// use: searches run in parallel with each other and with inserts; deletes
// hold the metadata lock briefly, and the periodic graph repair after
// deletes (Compact) holds the whole index.
//
// Memory layout: points live in slots (dense uint32 numbers). Vectors,
// layer-0 links and per-slot metadata are stored in fixed-size chunks of
// flat arrays, so there are no per-node pointers or maps for the garbage
// collector to trace, and growth never copies existing vectors.
type Index struct {
	dim, m, m0 int
	// qdim is dim rounded up to the integer kernels' block of 32; cstride
	// the bytes of one int8 row (codes, padding, 16-byte header), a
	// multiple of the 64-byte cache line.
	qdim, cstride int
	// nstride is the bytes of one nibble row (codes, header), a multiple
	// of the 64-byte cache line.
	nstride   int
	cfg       Config
	levelMult float64

	// Lock order: writers, mu, metaMu, then allocMu or a stripe lock.
	//
	// writers is read-held by every mutation and write-held by Save, so a
	// snapshot sees a quiet index while searches go on.
	writers sync.RWMutex
	// mu guards the chunk lists and slot reuse: read-held by searches and
	// inserts, write-held to grow storage and to compact.
	mu      sync.RWMutex
	vecs    [][]uint16 // chunks of chunkSize*dim float16 (f16.go)
	codes   [][]int8   // chunks of chunkSize*cstride: int8 rows (quant.go)
	nibbles [][]uint8  // chunks of chunkSize*nstride: 4-bit rows (nibble.go)
	links0  [][]uint32 // chunks of chunkSize*(m0+1): count, then neighbours
	// verifiedCounts holds, per slot, the length of its layer-0 list's
	// verified prefix (link.go, addLink), in chunks of chunkSize. Guarded
	// by the slot's stripe lock; not saved in snapshots (0 is always safe).
	verifiedCounts [][]uint8
	nodes          [][]node      // chunks of chunkSize
	aliases        [][]aliasLink // chunks of chunkSize
	upper          [][]uint32    // arena chunks for layers >= 1
	cap            int           // slots available in the chunks

	// stripes serialise writers of one node's neighbour lists; readers use
	// atomic loads and never lock.
	stripes [1024]sync.Mutex

	// entry packs the entry point's slot and top layer: slot<<8 | layer, or
	// noEntry. Atomic so searches read it without a lock.
	entry atomic.Uint64

	allocMu   sync.Mutex
	nSlots    int      // high-water mark of used slots
	freeSlots []uint32 // slots freed by Compact, reused first
	upperTop  int      // bump pointer into upper (in uint32s)
	upperFree [maxLevel + 1][]uint32
	rng       *rand.Rand

	// metaMu guards the id map, payload records and payload indexes.
	metaMu     sync.RWMutex
	byID       map[uint64]uint32
	pay        [][]payloadRec // chunks of chunkSize
	pidx       *payloadIndex
	live       int
	tombstones []uint32

	// byVecMu guards byVec, the map from a vector's hash to the graph node
	// that every later point with that exact vector aliases (alias.go).
	// aliased marks nodes with an alias chain, one bit per slot in chunks
	// of chunkSize/64 words, read and written with atomics.
	byVecMu sync.Mutex
	byVec   map[uint64]uint32
	aliased [][]uint64
	// liveBits and linkBits mirror node.state == stateLive and
	// == stateLinking, one bit per slot in chunks of chunkSize/64 words,
	// read and written with atomics: a walk tests a node's state in a
	// bitset of 25 KB per 200k points (cache-resident) instead of loading
	// the node's metadata from DRAM.
	liveBits, linkBits [][]uint64
	// anyAliases is set by the first alias and never cleared.
	anyAliases atomic.Bool

	pool sync.Pool // *scratch

	// mem owns the off-heap vector chunks (see vecmem_linux.go); freed by a
	// cleanup registered in New when the index is unreachable.
	mem *offHeap
}

// node is the per-slot metadata that the graph walk needs.
type node struct {
	id    uint64
	upper uint32 // offset of the layer-1 list in the upper arena
	state atomic.Uint32
	level uint8
}

// aliasLink places a slot among the aliases (alias.go). of is the node's
// slot+1 for an alias (a point not in the graph whose vector equals its
// node's), 0 for a graph node; next continues the node's alias chain: slot+1
// of the next alias, 0 at the end. They live apart from node, 8 bytes per
// slot, because searches read them for every point they score (nodeOf,
// pushAliases): 100,000 of them fit in the L2 cache, where nodes do not.
type aliasLink struct {
	of   uint32
	next atomic.Uint32
}

// Slot states. A slot is linking while its insert wires it into the graph:
// walks may pass through it but it is not yet a result.
const (
	stateFree uint32 = iota
	stateLinking
	stateLive
	stateDead // deleted, still a graph waypoint until Compact
)

const (
	chunkBits      = 10
	chunkSize      = 1 << chunkBits
	chunkMask      = chunkSize - 1
	upperChunkBits = 16
	upperChunkLen  = 1 << upperChunkBits
	noEntry        = math.MaxUint64
)

// Errors returned by Upsert and Search. They are sentinel values so callers
// can map them to their own error kinds with errors.Is.
var (
	ErrDimension = errors.New("vectorstore: vector has the wrong dimension")
	ErrVector    = errors.New("vectorstore: vector is zero or not finite")
	ErrK         = errors.New("vectorstore: K must be at least 1 and Offset+K at most MaxResults")
)

// New returns an empty index. It panics if cfg.Dim is not positive, which is
// a programming error rather than a run-time condition.
func New(cfg Config) *Index {
	if cfg.Dim <= 0 {
		panic("vectorstore: Config.Dim must be positive")
	}
	cfg = cfg.withDefaults()
	ix := &Index{
		dim:       cfg.Dim,
		m:         cfg.M,
		m0:        2 * cfg.M,
		qdim:      roundUp(cfg.Dim, 32),
		cstride:   roundUp(roundUp(cfg.Dim, 32)+16, 64),
		nstride:   roundUp(roundUp(cfg.Dim, 32)/2+8, 64),
		cfg:       cfg,
		levelMult: 1 / math.Log(float64(cfg.M)),
		rng:       rand.New(rand.NewPCG(uint64(cfg.Seed), 0x9e3779b97f4a7c15)),
		byID:      make(map[uint64]uint32),
		pidx:      newPayloadIndex(),
		byVec:     make(map[uint64]uint32),
	}
	ix.entry.Store(noEntry)
	ix.mem = &offHeap{}
	runtime.AddCleanup(ix, func(m *offHeap) { m.free() }, ix.mem)
	return ix
}

// Config returns the configuration in force: the one the index was built
// with, defaults filled in, and planner thresholds as set by Calibrate.
func (ix *Index) Config() Config {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.cfg
}

// Len returns the number of live points.
func (ix *Index) Len() int {
	ix.metaMu.RLock()
	defer ix.metaMu.RUnlock()
	return ix.live
}

// IDs returns the ids of all live points, in no particular order. Callers
// that must revisit every point (re-tagging after a rule change, say) use
// it with Get; it copies, so the index may change meanwhile.
func (ix *Index) IDs() []uint64 {
	ix.metaMu.RLock()
	defer ix.metaMu.RUnlock()
	out := make([]uint64, 0, len(ix.byID))
	for id := range ix.byID {
		out = append(out, id)
	}
	return out
}

// Get returns a copy of the stored vector and the payload of id. The vector
// is the one given to Upsert, L2-normalised and rounded to float16 precision
// (the index stores float16; elements differ from the float32 input by at
// most 2^-11 relative), which is also the vector that exact scores use.
func (ix *Index) Get(id uint64) (vec []float32, p Payload, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ix.metaMu.RLock()
	defer ix.metaMu.RUnlock()
	s, ok := ix.byID[id]
	if !ok {
		return nil, Payload{}, false
	}
	vec = make([]float32, ix.dim)
	decodeF16(vec, ix.vec(s))
	return vec, ix.pidx.decode(ix.rec(s)), true
}

// Vector returns the stored vector of id (float16 values, as every search
// scores it), or false when id is not in the index. Cheaper than Get: no
// payload is decoded.
func (ix *Index) Vector(id uint64) ([]float32, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ix.metaMu.RLock()
	s, ok := ix.byID[id]
	if !ok {
		ix.metaMu.RUnlock()
		return nil, false
	}
	vec := make([]float32, ix.dim)
	decodeF16(vec, ix.vec(s))
	ix.metaMu.RUnlock()
	return vec, true
}

// Count returns the exact number of live points matching f, from the payload
// indexes alone (no vector work). It lets callers show "N results" and know
// whether a page can be full.
func (ix *Index) Count(f Filter) int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if f.isEmpty() {
		return ix.Len()
	}
	s := ix.getScratch()
	defer ix.pool.Put(s)
	ix.metaMu.RLock()
	defer ix.metaMu.RUnlock()
	return ix.evalFilter(&f, s, ix.words())
}

// OffHeapBytes is the memory held outside the Go heap (vector and int8 row
// chunks mapped for huge pages), which runtime.MemStats does not show.
func (ix *Index) OffHeapBytes() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.mem.bytes
}

// words is the number of bitset words covering every slot. Call with mu held.
func (ix *Index) words() int { return (ix.cap + 63) / 64 }

// vec returns the float16 vector of slot s.
func (ix *Index) vec(s uint32) []uint16 {
	c := ix.vecs[s>>chunkBits]
	o := int(s&chunkMask) * ix.dim
	return c[o : o+ix.dim : o+ix.dim]
}

func (ix *Index) node(s uint32) *node { return &ix.nodes[s>>chunkBits][s&chunkMask] }

func (ix *Index) al(s uint32) *aliasLink { return &ix.aliases[s>>chunkBits][s&chunkMask] }

// setState sets slot s's state and its bits in liveBits and linkBits.
func (ix *Index) setState(s uint32, st uint32) {
	ix.node(s).state.Store(st)
	w, b := s>>chunkBits, (s&chunkMask)>>6
	bit := uint64(1) << (s & 63)
	if st == stateLive {
		atomic.OrUint64(&ix.liveBits[w][b], bit)
	} else {
		atomic.AndUint64(&ix.liveBits[w][b], ^bit)
	}
	if st == stateLinking {
		atomic.OrUint64(&ix.linkBits[w][b], bit)
	} else {
		atomic.AndUint64(&ix.linkBits[w][b], ^bit)
	}
}

// isLive reports whether slot s is live, from liveBits.
func (ix *Index) isLive(s uint32) bool {
	return atomic.LoadUint64(&ix.liveBits[s>>chunkBits][(s&chunkMask)>>6])&(1<<(s&63)) != 0
}

// liveWord returns the liveBits word of slots 64*wi ... 64*wi+63.
func (ix *Index) liveWord(wi int) uint64 {
	return atomic.LoadUint64(&ix.liveBits[wi>>(chunkBits-6)][wi&(chunkSize/64-1)])
}

func (ix *Index) isLinking(s uint32) bool {
	return atomic.LoadUint64(&ix.linkBits[s>>chunkBits][(s&chunkMask)>>6])&(1<<(s&63)) != 0
}

// isDeadMember reports whether s, a member of some neighbour list (so not
// free), is dead, from the bitsets rather than the node's state in DRAM.
// setState sets the live bit before it clears the linking bit, so a node
// turning live is never seen with both clear.
func (ix *Index) isDeadMember(s uint32) bool {
	return !ix.isLive(s) && !ix.isLinking(s)
}

func (ix *Index) rec(s uint32) *payloadRec { return &ix.pay[s>>chunkBits][s&chunkMask] }

// list returns the neighbour list of slot s at layer l: element 0 is the
// count, then up to the layer's maximum of slots. Elements are read and
// written with atomics because searches read them without locks.
func (ix *Index) list(s uint32, l int) []uint32 {
	if l == 0 {
		c := ix.links0[s>>chunkBits]
		o := int(s&chunkMask) * (ix.m0 + 1)
		return c[o : o+ix.m0+1 : o+ix.m0+1]
	}
	off := int(ix.node(s).upper) + (l-1)*(ix.m+1)
	c := ix.upper[off>>upperChunkBits]
	o := off & (upperChunkLen - 1)
	return c[o : o+ix.m+1 : o+ix.m+1]
}

// verified points at the length of slot s's verified layer-0 prefix.
func (ix *Index) verified(s uint32) *uint8 {
	return &ix.verifiedCounts[s>>chunkBits][s&chunkMask]
}

func (ix *Index) maxLinks(l int) int {
	if l == 0 {
		return ix.m0
	}
	return ix.m
}

func (ix *Index) stripe(s uint32) *sync.Mutex { return &ix.stripes[s&1023] }

func packEntry(s uint32, level int) uint64 { return uint64(s)<<8 | uint64(level) }

func unpackEntry(e uint64) (uint32, int) { return uint32(e >> 8), int(e & 0xff) }
