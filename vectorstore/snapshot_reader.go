package vectorstore

import (
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"unsafe"
)

// sectionReader reads sections, bounding every length by the bytes left in
// the file so that a damaged length cannot cause a huge allocation.
type sectionReader struct {
	r      io.Reader
	left   int64
	crc    hash.Hash32
	tag    string
	remain uint64
}

func (s *sectionReader) readFull(b []byte) error {
	if _, err := io.ReadFull(s.r, b); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return corrupt("file truncated in section %s", s.tag)
		}
		return err
	}
	s.left -= int64(len(b))
	return nil
}

// begin reads a section header; want is the exact body length expected, or
// -1 when the body is variable.
func (s *sectionReader) begin(tag string, want int64) (uint64, error) {
	s.tag = tag
	s.crc = crc32.New(crcTable)
	var h [12]byte
	if err := s.readFull(h[:]); err != nil {
		return 0, err
	}
	if string(h[:4]) != tag {
		return 0, corrupt("expected section %s, found %q", tag, h[:4])
	}
	n := binary.LittleEndian.Uint64(h[4:])
	if n > uint64(max(s.left-4, 0)) {
		return 0, corrupt("section %s claims %d bytes but only %d remain (truncated or damaged length)", tag, n, max(s.left-4, 0))
	}
	if want >= 0 && n != uint64(want) {
		return 0, corrupt("section %s has %d bytes, expected %d", tag, n, want)
	}
	s.crc.Write(h[:])
	s.remain = n
	return n, nil
}

func (s *sectionReader) read(b []byte) error {
	if uint64(len(b)) > s.remain {
		return corrupt("section %s is shorter than its contents", s.tag)
	}
	if err := s.readFull(b); err != nil {
		return err
	}
	s.crc.Write(b)
	s.remain -= uint64(len(b))
	return nil
}

func (s *sectionReader) end() error {
	if s.remain != 0 {
		return corrupt("section %s has %d unread bytes", s.tag, s.remain)
	}
	var c [4]byte
	if err := s.readFull(c[:]); err != nil {
		return err
	}
	if binary.LittleEndian.Uint32(c[:]) != s.crc.Sum32() {
		return corrupt("checksum mismatch in section %s", s.tag)
	}
	return nil
}

// whole reads a complete small section into memory.
func (s *sectionReader) whole(tag string, want int64) ([]byte, error) {
	n, err := s.begin(tag, want)
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if err := s.read(b); err != nil {
		return nil, err
	}
	return b, s.end()
}

// body reads a complete small section and returns a cursor over it.
func (s *sectionReader) body(tag string, want int64) (*cursor, error) {
	b, err := s.whole(tag, want)
	if err != nil {
		return nil, err
	}
	return &cursor{b: b}, nil
}

func (s *sectionReader) u32s(v []uint32) error {
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 4*len(v))
	if err := s.read(b); err != nil {
		return err
	}
	if !littleEndian {
		for i := range v {
			v[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
	}
	return nil
}

func (s *sectionReader) u16s(v []uint16) error {
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 2*len(v))
	if err := s.read(b); err != nil {
		return err
	}
	if !littleEndian {
		for i := range v {
			v[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
	}
	return nil
}

// cursor decodes little-endian values from a section body, remembering the
// first overrun instead of panicking.
type cursor struct {
	b   []byte
	bad bool
}

func (c *cursor) take(n int) []byte {
	if c.bad || len(c.b) < n {
		c.bad = true
		return make([]byte, n)
	}
	v := c.b[:n]
	c.b = c.b[n:]
	return v
}

func (c *cursor) u8() byte     { return c.take(1)[0] }
func (c *cursor) u16() uint16  { return binary.LittleEndian.Uint16(c.take(2)) }
func (c *cursor) u32() uint32  { return binary.LittleEndian.Uint32(c.take(4)) }
func (c *cursor) u64() uint64  { return binary.LittleEndian.Uint64(c.take(8)) }
func (c *cursor) f64() float64 { return math.Float64frombits(c.u64()) }
