// Package fvecs reads and writes the .fvecs vector format of the TEXMEX
// corpora (SIFT, GIST) that ANN benchmarks and engines share: each vector is
// a little-endian int32 dimension followed by that many float32s. Using it
// lets jobmatch's index and other engines run on byte-identical data.
package fvecs

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// maxDim guards against reading garbage as a huge dimension.
const maxDim = 1 << 16

// Read reads up to limit vectors (all when limit <= 0). Every vector must
// have the same dimension.
func Read(r io.Reader, limit int) ([][]float32, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var out [][]float32
	var hdr [4]byte
	dim := -1
	var buf []byte
	for limit <= 0 || len(out) < limit {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("fvecs: vector %d: truncated header: %w", len(out), err)
		}
		d := int(int32(binary.LittleEndian.Uint32(hdr[:])))
		if d <= 0 || d > maxDim {
			return nil, fmt.Errorf("fvecs: vector %d: bad dimension %d", len(out), d)
		}
		if dim >= 0 && d != dim {
			return nil, fmt.Errorf("fvecs: vector %d: dimension %d differs from %d", len(out), d, dim)
		}
		dim = d
		if len(buf) < 4*d {
			buf = make([]byte, 4*d)
		}
		if _, err := io.ReadFull(br, buf[:4*d]); err != nil {
			return nil, fmt.Errorf("fvecs: vector %d: truncated data: %w", len(out), err)
		}
		v := make([]float32, d)
		for i := range v {
			v[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
		}
		out = append(out, v)
	}
	return out, nil
}

// Write writes vecs in .fvecs format.
func Write(w io.Writer, vecs [][]float32) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	var b [4]byte
	for _, v := range vecs {
		binary.LittleEndian.PutUint32(b[:], uint32(len(v)))
		bw.Write(b[:])
		for _, x := range v {
			binary.LittleEndian.PutUint32(b[:], math.Float32bits(x))
			bw.Write(b[:])
		}
	}
	return bw.Flush()
}

// ReadFile reads up to limit vectors from the file at path.
func ReadFile(path string, limit int) ([][]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v, err := Read(f, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// WriteFile writes vecs to the file at path.
func WriteFile(path string, vecs [][]float32) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, vecs); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
