package vectorstore

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"unsafe"
)

// ErrCorrupt is wrapped by every error that Load returns for a damaged,
// truncated or foreign file (as opposed to an I/O error), so callers can
// decide to rebuild the index from the database instead.
var ErrCorrupt = errors.New("vectorstore: snapshot is corrupt")

// Load reads a snapshot written by Save. A truncated or damaged file is
// reported as an error wrapping ErrCorrupt that names the damaged section;
// Load never returns an index built from a file that failed a check.
func Load(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("vectorstore: load snapshot: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("vectorstore: load snapshot: %w", err)
	}
	ix, err := decode(bufio.NewReaderSize(f, 1<<20), st.Size())
	if err != nil {
		return nil, fmt.Errorf("vectorstore: load snapshot %s: %w", path, err)
	}
	return ix, nil
}

func corrupt(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, a...)...)
}

// decode reads a snapshot of size bytes from r and checks it completely
// before returning the index.
func decode(r io.Reader, size int64) (ix *Index, err error) {
	defer func() {
		// Every field is validated before use; this is a last line of
		// defence so that a missed check still yields an error, not a crash.
		if p := recover(); p != nil {
			ix, err = nil, corrupt("internal inconsistency: %v", p)
		}
	}()
	s := &sectionReader{r: r, left: size, tag: "header"}
	var head [12]byte
	if err := s.readFull(head[:]); err != nil {
		return nil, err
	}
	if string(head[:8]) != snapMagic {
		return nil, corrupt("not a vectorstore snapshot (bad magic)")
	}
	version := binary.LittleEndian.Uint32(head[8:])
	if version < 1 || version > snapVersion {
		return nil, corrupt("unsupported snapshot version %d (this build reads 1 to %d)", version, snapVersion)
	}

	b, err := s.whole("CONF", confBytes)
	if err != nil {
		return nil, err
	}
	c := &cursor{b: b}
	cfg := Config{Dim: int(c.u32()), M: int(c.u32()), EfConstruction: int(c.u32()), EfSearch: int(c.u32()),
		Seed: int64(c.u64()), CompactAfter: int(c.u32()), ExactPerEf: c.f64(), ExactBelow: c.f64(), TwoHopBelow: c.f64()}
	n := int(c.u32())
	upperTop := int(c.u64())
	entry := c.u64()
	if cfg.Dim < 1 || cfg.Dim > 1<<16 || cfg.M < 2 || cfg.M > 256 || cfg.EfConstruction < 1 || cfg.EfSearch < 1 ||
		cfg.CompactAfter < 1 || !(cfg.ExactPerEf > 0) || !(cfg.ExactBelow > 0) || !(cfg.TwoHopBelow >= 0) || n < 0 || upperTop < 0 {
		return nil, corrupt("implausible configuration %+v", cfg)
	}
	ix = New(cfg)
	elem := int64(2) // bytes per vector element: float16 since version 3
	if version < 3 {
		elem = 4
	}
	if int64(n)*int64(cfg.Dim)*elem > size || int64(upperTop)*4 > size {
		return nil, corrupt("slot count %d or graph size %d exceeds the file size", n, upperTop)
	}

	if b, err = s.whole("DICT", -1); err != nil {
		return nil, err
	}
	c = &cursor{b: b}
	for _, d := range []*dict{&ix.pidx.countries, &ix.pidx.cities, &ix.pidx.langs, &ix.pidx.tags} {
		cnt := int(c.u32())
		if cnt > len(b) {
			return nil, corrupt("dictionary size %d exceeds its section", cnt)
		}
		for range cnt {
			l := int(c.u16())
			if l > maxDictString {
				return nil, corrupt("dictionary string of %d bytes", l)
			}
			name := string(c.take(l))
			if c.bad {
				break
			}
			if _, dup := d.ids[name]; dup {
				return nil, corrupt("duplicate dictionary entry %q", name)
			}
			d.intern(name)
		}
	}
	if c.bad || len(c.b) != 0 {
		return nil, corrupt("dictionary section is malformed")
	}

	for ix.cap < n {
		ix.addChunk()
	}
	ix.nSlots = n
	for ix.upperTop = upperTop; len(ix.upper)*upperChunkLen < upperTop+(maxLevel+1)*(ix.m+1); {
		ix.upper = append(ix.upper, make([]uint32, upperChunkLen))
	}

	if b, err = s.whole("NODE", int64(n)*nodeBytes); err != nil {
		return nil, err
	}
	c = &cursor{b: b}
	for i := range n {
		nd := ix.node(uint32(i))
		nd.id, nd.upper = c.u64(), c.u32()
		st, lv := uint32(c.u8()), c.u8()
		if st != stateFree && st != stateLive && st != stateDead {
			return nil, corrupt("slot %d has invalid state %d", i, st)
		}
		if lv > maxLevel || (lv > 0 && (int(nd.upper)+int(lv)*(ix.m+1) > upperTop ||
			int(nd.upper)&(upperChunkLen-1)+int(lv)*(ix.m+1) > upperChunkLen)) {
			return nil, corrupt("slot %d has invalid level %d or graph offset %d", i, lv, nd.upper)
		}
		nd.level = lv
		ix.setState(uint32(i), st)
	}

	if b, err = s.whole("PAYL", -1); err != nil {
		return nil, err
	}
	c = &cursor{b: b}
	for i := range n {
		r := ix.rec(uint32(i))
		r.lat, r.lon = c.f64(), c.f64()
		r.city, r.country = c.u32(), c.u32()
		r.remote = c.u8() == 1
		cnt := int(c.u16())
		if c.bad {
			break
		}
		if int(r.city) > len(ix.pidx.cities.names) || int(r.country) > len(ix.pidx.countries.names) {
			return nil, corrupt("slot %d payload names an unknown city or country", i)
		}
		if cnt > 0 {
			r.extra = make([]uint32, cnt)
		}
		for j := range cnt {
			e := c.u32()
			r.extra[j] = e
			if e&tagFlag != 0 {
				if int(e&^tagFlag) >= len(ix.pidx.tags.names) {
					return nil, corrupt("slot %d payload names an unknown tag", i)
				}
			} else if int(e>>3) >= len(ix.pidx.langs.names) || Level(e&7) < A1 || Level(e&7) > C2 {
				return nil, corrupt("slot %d payload has an invalid language", i)
			}
		}
	}
	if c.bad || len(c.b) != 0 {
		return nil, corrupt("payload section is malformed")
	}

	if b, err = s.whole("FREE", -1); err != nil {
		return nil, err
	}
	c = &cursor{b: b}
	for l := 1; l <= maxLevel; l++ {
		cnt := int(c.u32())
		if cnt > len(b)/4 {
			return nil, corrupt("free list of layer %d too long", l)
		}
		for range cnt {
			off := c.u32()
			if int(off)+l*(ix.m+1) > upperTop {
				return nil, corrupt("free graph block outside the arena")
			}
			ix.upperFree[l] = append(ix.upperFree[l], off)
		}
	}
	if c.bad || len(c.b) != 0 {
		return nil, corrupt("free-list section is malformed")
	}

	if err := ix.readVectors(s, n, version); err != nil {
		return nil, err
	}

	if _, err := s.begin("LNK0", int64(n)*int64(ix.m0+1)*4); err != nil {
		return nil, err
	}
	for ci := 0; ci*chunkSize < n; ci++ {
		if err := s.u32s(ix.links0[ci][:min(chunkSize, n-ci*chunkSize)*(ix.m0+1)]); err != nil {
			return nil, err
		}
	}
	if err := s.end(); err != nil {
		return nil, err
	}

	if _, err := s.begin("UPPR", int64(upperTop)*4); err != nil {
		return nil, err
	}
	for ci := 0; ci*upperChunkLen < upperTop; ci++ {
		if err := s.u32s(ix.upper[ci][:min(upperChunkLen, upperTop-ci*upperChunkLen)]); err != nil {
			return nil, err
		}
	}
	if err := s.end(); err != nil {
		return nil, err
	}
	if version >= 2 {
		if b, err = s.whole("ALIA", int64(n)*8); err != nil {
			return nil, err
		}
		c = &cursor{b: b}
		for i := range n {
			na := ix.al(uint32(i))
			na.of = c.u32()
			na.next.Store(c.u32())
		}
	}
	if _, err := s.whole("END.", 0); err != nil {
		return nil, err
	}
	if s.left != 0 {
		return nil, corrupt("%d unexpected bytes after the end section", s.left)
	}
	if err := ix.checkLoaded(entry); err != nil {
		return nil, err
	}
	ix.deriveRows(n)
	return ix, nil
}

// readVectors reads the VECS section: float16 since version 3, float32
// (rounded to float16 here, as Upsert does) before.
func (ix *Index) readVectors(s *sectionReader, n int, version uint32) error {
	elem := int64(2)
	if version < 3 {
		elem = 4
	}
	if _, err := s.begin("VECS", int64(n)*int64(ix.dim)*elem); err != nil {
		return err
	}
	var f []float32
	if version < 3 {
		f = make([]float32, chunkSize*ix.dim)
	}
	for ci := 0; ci*chunkSize < n; ci++ {
		v := ix.vecs[ci][:min(chunkSize, n-ci*chunkSize)*ix.dim]
		if version >= 3 {
			if err := s.u16s(v); err != nil {
				return err
			}
			continue
		}
		fv := f[:len(v)]
		if err := s.u32s(unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(fv))), len(fv))); err != nil {
			return err
		}
		encodeF16(v, fv)
	}
	return s.end()
}

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

// checkAliases validates the alias chains (alias.go) and rebuilds the rep
// map and the groups bitset. Every alias must be a slot without links,
// reachable exactly once from the chain of its rep, a graph node with the
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
			*ix.groupWord(s) |= 1 << (s & 63)
			ix.anyAliases.Store(true)
		}
		ix.registerRep(s)
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
