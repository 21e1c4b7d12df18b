package vectorstore

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrCorrupt is wrapped by every error that Load returns for a damaged,
// truncated or foreign file (as opposed to an I/O error), so callers can
// decide to rebuild the index from the database instead.
var ErrCorrupt = errors.New("vectorstore: snapshot is corrupt")

// ErrVersion is wrapped by the error Load returns for a snapshot in another
// format version. Snapshots are a cache of the database, so Load reads only
// the current format and callers rebuild from the database instead.
var ErrVersion = errors.New("vectorstore: snapshot format version not supported")

// Load reads a snapshot written by Save. A truncated or damaged file is
// reported as an error wrapping ErrCorrupt that names the damaged section,
// a file of another format version as one wrapping ErrVersion; Load never
// returns an index built from a file that failed a check.
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
// before returning the index. The sections come in the order of the format
// description in snapshot.go, each read by a function of its own.
func decode(r io.Reader, size int64) (ix *Index, err error) {
	defer func() {
		// Every field is validated before use; this is a last line of
		// defence so that a missed check still yields an error, not a crash.
		if p := recover(); p != nil {
			ix, err = nil, corrupt("internal inconsistency: %v", p)
		}
	}()
	s := &sectionReader{r: r, left: size, tag: "header"}
	if err := readHeader(s); err != nil {
		return nil, err
	}
	ix, entry, err := readConf(s, size)
	if err != nil {
		return nil, err
	}
	for _, read := range []func(*sectionReader) error{
		ix.readDict, ix.readNodes, ix.readPayloads, ix.readFree,
		ix.readVectors, ix.readLinks0, ix.readUpper, ix.readAliases, readEnd,
	} {
		if err := read(s); err != nil {
			return nil, err
		}
	}
	if err := ix.checkLoaded(entry); err != nil {
		return nil, err
	}
	ix.deriveRows(ix.nSlots)
	return ix, nil
}

// readHeader checks the magic and the format version.
func readHeader(s *sectionReader) error {
	var head [12]byte
	if err := s.readFull(head[:]); err != nil {
		return err
	}
	if string(head[:8]) != snapMagic {
		return corrupt("not a vectorstore snapshot (bad magic)")
	}
	if v := binary.LittleEndian.Uint32(head[8:]); v != snapVersion {
		return fmt.Errorf("%w: the file has version %d, this build reads version %d", ErrVersion, v, snapVersion)
	}
	return nil
}

// readConf reads CONF and returns an empty index of that configuration with
// room for the slots and the upper-layer arena the file holds, and the
// entry point to check once the graph is read.
func readConf(s *sectionReader, size int64) (*Index, uint64, error) {
	b, err := s.whole("CONF", confBytes)
	if err != nil {
		return nil, 0, err
	}
	c := &cursor{b: b}
	cfg := Config{Dim: int(c.u32()), M: int(c.u32()), EfConstruction: int(c.u32()), EfSearch: int(c.u32()),
		Seed: int64(c.u64()), CompactAfter: int(c.u32()), ExactPerEf: c.f64(), ExactBelow: c.f64(), TwoHopBelow: c.f64()}
	n := int(c.u32())
	upperTop := int(c.u64())
	entry := c.u64()
	if cfg.Dim < 1 || cfg.Dim > 1<<16 || cfg.M < 2 || cfg.M > 256 || cfg.EfConstruction < 1 || cfg.EfSearch < 1 ||
		cfg.CompactAfter < 1 || !(cfg.ExactPerEf > 0) || !(cfg.ExactBelow > 0) || !(cfg.TwoHopBelow >= 0) || n < 0 || upperTop < 0 {
		return nil, 0, corrupt("implausible configuration %+v", cfg)
	}
	// Float16 vectors: two bytes per element.
	if int64(n)*int64(cfg.Dim)*2 > size || int64(upperTop)*4 > size {
		return nil, 0, corrupt("slot count %d or graph size %d exceeds the file size", n, upperTop)
	}
	ix := New(cfg)
	ix.nSlots, ix.upperTop = n, upperTop
	return ix, entry, nil
}

// readDict reads DICT, the interned countries, cities, languages and tags,
// then allocates the slots CONF announced.
func (ix *Index) readDict(s *sectionReader) error {
	c, err := s.body("DICT", -1)
	if err != nil {
		return err
	}
	size := len(c.b)
	for _, d := range []*dict{&ix.pidx.countries, &ix.pidx.cities, &ix.pidx.langs, &ix.pidx.tags} {
		cnt := int(c.u32())
		if cnt > size {
			return corrupt("dictionary size %d exceeds its section", cnt)
		}
		for range cnt {
			l := int(c.u16())
			if l > maxDictString {
				return corrupt("dictionary string of %d bytes", l)
			}
			name := string(c.take(l))
			if c.bad {
				break
			}
			if _, dup := d.ids[name]; dup {
				return corrupt("duplicate dictionary entry %q", name)
			}
			d.intern(name)
		}
	}
	if c.bad || len(c.b) != 0 {
		return corrupt("dictionary section is malformed")
	}
	for ix.cap < ix.nSlots {
		ix.addChunk()
	}
	for len(ix.upper)*upperChunkLen < ix.upperTop+(maxLevel+1)*(ix.m+1) {
		ix.upper = append(ix.upper, make([]uint32, upperChunkLen))
	}
	return nil
}

// readNodes reads NODE: each slot's id, upper-layer offset, state, level.
func (ix *Index) readNodes(s *sectionReader) error {
	n := ix.nSlots
	c, err := s.body("NODE", int64(n)*nodeBytes)
	if err != nil {
		return err
	}
	for i := range n {
		nd := ix.node(uint32(i))
		nd.id, nd.upper = c.u64(), c.u32()
		st, lv := uint32(c.u8()), c.u8()
		if st != stateFree && st != stateLive && st != stateDead {
			return corrupt("slot %d has invalid state %d", i, st)
		}
		if lv > maxLevel || (lv > 0 && (int(nd.upper)+int(lv)*(ix.m+1) > ix.upperTop ||
			int(nd.upper)&(upperChunkLen-1)+int(lv)*(ix.m+1) > upperChunkLen)) {
			return corrupt("slot %d has invalid level %d or graph offset %d", i, lv, nd.upper)
		}
		nd.level = lv
		ix.setState(uint32(i), st)
	}
	return nil
}

// readPayloads reads PAYL: each slot's payload record, checked against the
// dictionaries.
func (ix *Index) readPayloads(s *sectionReader) error {
	c, err := s.body("PAYL", -1)
	if err != nil {
		return err
	}
	for i := range ix.nSlots {
		r := ix.rec(uint32(i))
		r.lat, r.lon = c.f64(), c.f64()
		r.city, r.country = c.u32(), c.u32()
		r.remote = c.u8() == 1
		cnt := int(c.u16())
		if c.bad {
			break
		}
		if int(r.city) > len(ix.pidx.cities.names) || int(r.country) > len(ix.pidx.countries.names) {
			return corrupt("slot %d payload names an unknown city or country", i)
		}
		if cnt > 0 {
			r.extra = make([]uint32, cnt)
		}
		for j := range cnt {
			e := c.u32()
			r.extra[j] = e
			if e&tagFlag != 0 {
				if int(e&^tagFlag) >= len(ix.pidx.tags.names) {
					return corrupt("slot %d payload names an unknown tag", i)
				}
			} else if int(e>>3) >= len(ix.pidx.langs.names) || Level(e&7) < A1 || Level(e&7) > C2 {
				return corrupt("slot %d payload has an invalid language", i)
			}
		}
	}
	if c.bad || len(c.b) != 0 {
		return corrupt("payload section is malformed")
	}
	return nil
}

// readFree reads FREE, the free lists of the upper-layer arena.
func (ix *Index) readFree(s *sectionReader) error {
	c, err := s.body("FREE", -1)
	if err != nil {
		return err
	}
	size := len(c.b)
	for l := 1; l <= maxLevel; l++ {
		cnt := int(c.u32())
		if cnt > size/4 {
			return corrupt("free list of layer %d too long", l)
		}
		for range cnt {
			off := c.u32()
			if int(off)+l*(ix.m+1) > ix.upperTop {
				return corrupt("free graph block outside the arena")
			}
			ix.upperFree[l] = append(ix.upperFree[l], off)
		}
	}
	if c.bad || len(c.b) != 0 {
		return corrupt("free-list section is malformed")
	}
	return nil
}

// readVectors reads VECS, the float16 vectors, straight into their chunks.
func (ix *Index) readVectors(s *sectionReader) error {
	n := ix.nSlots
	if _, err := s.begin("VECS", int64(n)*int64(ix.dim)*2); err != nil {
		return err
	}
	for ci := 0; ci*chunkSize < n; ci++ {
		if err := s.u16s(ix.vecs[ci][:min(chunkSize, n-ci*chunkSize)*ix.dim]); err != nil {
			return err
		}
	}
	return s.end()
}

// readLinks0 reads LNK0, the layer-0 neighbour lists.
func (ix *Index) readLinks0(s *sectionReader) error {
	n := ix.nSlots
	if _, err := s.begin("LNK0", int64(n)*int64(ix.m0+1)*4); err != nil {
		return err
	}
	for ci := 0; ci*chunkSize < n; ci++ {
		if err := s.u32s(ix.links0[ci][:min(chunkSize, n-ci*chunkSize)*(ix.m0+1)]); err != nil {
			return err
		}
	}
	return s.end()
}

// readUpper reads UPPR, the arena of the upper layers' neighbour lists.
func (ix *Index) readUpper(s *sectionReader) error {
	top := ix.upperTop
	if _, err := s.begin("UPPR", int64(top)*4); err != nil {
		return err
	}
	for ci := 0; ci*upperChunkLen < top; ci++ {
		if err := s.u32s(ix.upper[ci][:min(upperChunkLen, top-ci*upperChunkLen)]); err != nil {
			return err
		}
	}
	return s.end()
}

// readAliases reads ALIA, each slot's alias links (alias.go).
func (ix *Index) readAliases(s *sectionReader) error {
	n := ix.nSlots
	c, err := s.body("ALIA", int64(n)*8)
	if err != nil {
		return err
	}
	for i := range n {
		na := ix.al(uint32(i))
		na.of = c.u32()
		na.next.Store(c.u32())
	}
	return nil
}

// readEnd reads the empty END. section and checks nothing follows it.
func readEnd(s *sectionReader) error {
	if _, err := s.whole("END.", 0); err != nil {
		return err
	}
	if s.left != 0 {
		return corrupt("%d unexpected bytes after the end section", s.left)
	}
	return nil
}
