package vectorstore

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"unsafe"
)

// Snapshot file format, version 3. All integers little-endian.
//
//	magic "JMVSNAP\n", version uint32
//	sections, each: tag [4]byte, length uint64, body, CRC-32C of tag+length+body
//	  CONF  configuration, slot count, upper-arena size, entry point
//	  DICT  the interned countries, cities, languages, tags
//	  NODE  per slot: id, upper offset, state, level
//	  PAYL  per slot: payload record
//	  FREE  free lists of the upper arena
//	  VECS  nSlots*dim float16
//	  LNK0  nSlots*(2M+1) uint32 layer-0 lists
//	  UPPR  upper-arena uint32s
//	  ALIA  per slot: aliasLink.of, aliasLink.next (uint32 each; see alias.go)
//	  END.  empty: proves the file was not cut at a section boundary
//
// Load reads only this version: a snapshot is a cache of the database, so
// a file of another version is refused (ErrVersion) and the caller rebuilds.
// The int8 and 4-bit rows (quant.go, nibble.go) are not stored: Load derives
// them from the float16 vectors, exactly as Upsert does.
//
// Each section is checked on its own so an error names the damaged part.
// The payload bitmaps are not stored: they are rebuilt from the records,
// which is fast and removes a class of inconsistency.

const (
	snapMagic   = "JMVSNAP\n"
	snapVersion = 3
	// The longest string a dictionary may hold, a guard against garbage.
	maxDictString = 1 << 12
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

var littleEndian = func() bool { x := uint16(1); return *(*byte)(unsafe.Pointer(&x)) == 1 }()

// holdForSnapshot stops writers and holds the read locks an encoding
// needs, so searches go on; call the returned function to release them.
func (ix *Index) holdForSnapshot() (release func()) {
	ix.writers.Lock()
	ix.mu.RLock()
	ix.metaMu.RLock()
	return func() {
		ix.metaMu.RUnlock()
		ix.mu.RUnlock()
		ix.writers.Unlock()
	}
}

// Save writes a snapshot of the index to path atomically: to a temporary
// file in the same directory, synced, then renamed over path, so a crash
// leaves either the old snapshot or the new one. Searches continue during
// Save; inserts and deletes wait for it.
func (ix *Index) Save(path string) (err error) {
	defer ix.holdForSnapshot()()

	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("vectorstore: save snapshot %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("vectorstore: save snapshot %s: %w", path, err)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = ix.encode(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync() // make the rename durable; not all filesystems support it
		d.Close()
	}
	return nil
}

// sectionWriter writes one section, checksumming as it goes.
type sectionWriter struct {
	w   io.Writer
	crc hash.Hash32
	err error
}

func (s *sectionWriter) begin(tag string, length uint64) {
	s.crc = crc32.New(crcTable)
	var h [12]byte
	copy(h[:4], tag)
	binary.LittleEndian.PutUint64(h[4:], length)
	s.write(h[:])
}

func (s *sectionWriter) write(b []byte) {
	if s.err != nil {
		return
	}
	s.crc.Write(b)
	_, s.err = s.w.Write(b)
}

func (s *sectionWriter) end() {
	var c [4]byte
	binary.LittleEndian.PutUint32(c[:], s.crc.Sum32())
	if s.err == nil {
		_, s.err = s.w.Write(c[:])
	}
}

// section writes a section whose body is already in memory.
func (s *sectionWriter) section(tag string, body []byte) {
	s.begin(tag, uint64(len(body)))
	s.write(body)
	s.end()
}

func (s *sectionWriter) u32s(v []uint32) {
	if littleEndian {
		s.write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 4*len(v)))
		return
	}
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], x)
	}
	s.write(b)
}

func (s *sectionWriter) u16s(v []uint16) {
	if littleEndian {
		s.write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 2*len(v)))
		return
	}
	b := make([]byte, 2*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint16(b[2*i:], x)
	}
	s.write(b)
}

// encode writes the whole snapshot. Called with writers, mu and metaMu held.
func (ix *Index) encode(w io.Writer) error {
	n := ix.nSlots
	if _, err := io.WriteString(w, snapMagic); err != nil {
		return err
	}
	if _, err := w.Write(binary.LittleEndian.AppendUint32(nil, snapVersion)); err != nil {
		return err
	}
	s := &sectionWriter{w: w}

	c := ix.cfg
	b := make([]byte, 0, confBytes)
	for _, x := range []uint32{uint32(c.Dim), uint32(c.M), uint32(c.EfConstruction), uint32(c.EfSearch)} {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(c.Seed))
	b = binary.LittleEndian.AppendUint32(b, uint32(c.CompactAfter))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.ExactPerEf))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.ExactBelow))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.TwoHopBelow))
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	b = binary.LittleEndian.AppendUint64(b, uint64(ix.upperTop))
	b = binary.LittleEndian.AppendUint64(b, ix.entry.Load())
	s.section("CONF", b)

	b = b[:0]
	for _, d := range []*dict{&ix.pidx.countries, &ix.pidx.cities, &ix.pidx.langs, &ix.pidx.tags} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(d.names)))
		for _, name := range d.names {
			b = binary.LittleEndian.AppendUint16(b, uint16(len(name)))
			b = append(b, name...)
		}
	}
	s.section("DICT", b)

	b = make([]byte, 0, n*nodeBytes)
	for i := range n {
		nd := ix.node(uint32(i))
		b = binary.LittleEndian.AppendUint64(b, nd.id)
		b = binary.LittleEndian.AppendUint32(b, nd.upper)
		b = append(b, byte(nd.state.Load()), nd.level)
	}
	s.section("NODE", b)

	b = b[:0]
	for i := range n {
		r := ix.rec(uint32(i))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.lat))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.lon))
		b = binary.LittleEndian.AppendUint32(b, r.city)
		b = binary.LittleEndian.AppendUint32(b, r.country)
		b = append(b, boolByte(r.remote))
		b = binary.LittleEndian.AppendUint16(b, uint16(len(r.extra)))
		for _, e := range r.extra {
			b = binary.LittleEndian.AppendUint32(b, e)
		}
	}
	s.section("PAYL", b)

	b = b[:0]
	for l := 1; l <= maxLevel; l++ {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(ix.upperFree[l])))
		for _, off := range ix.upperFree[l] {
			b = binary.LittleEndian.AppendUint32(b, off)
		}
	}
	s.section("FREE", b)

	s.begin("VECS", uint64(n)*uint64(ix.dim)*2)
	for ci := 0; ci*chunkSize < n; ci++ {
		s.u16s(ix.vecs[ci][:min(chunkSize, n-ci*chunkSize)*ix.dim])
	}
	s.end()

	s.begin("LNK0", uint64(n)*uint64(ix.m0+1)*4)
	for ci := 0; ci*chunkSize < n; ci++ {
		s.u32s(ix.links0[ci][:min(chunkSize, n-ci*chunkSize)*(ix.m0+1)])
	}
	s.end()

	s.begin("UPPR", uint64(ix.upperTop)*4)
	for ci := 0; ci*upperChunkLen < ix.upperTop; ci++ {
		s.u32s(ix.upper[ci][:min(upperChunkLen, ix.upperTop-ci*upperChunkLen)])
	}
	s.end()

	b = make([]byte, 0, n*8)
	for i := range n {
		na := ix.al(uint32(i))
		b = binary.LittleEndian.AppendUint32(b, na.of)
		b = binary.LittleEndian.AppendUint32(b, na.next.Load())
	}
	s.section("ALIA", b)

	s.section("END.", nil)
	return s.err
}

const (
	nodeBytes = 14
	confBytes = 72
)

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}
