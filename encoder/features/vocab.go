package features

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Vocab maps hash buckets to embedding rows. Only buckets that training data
// hit often enough get a row: the rest would carry untrained noise, and
// dropping them is what keeps the shipped model small. Features falling into
// a bucket without a row are ignored.
type Vocab struct {
	buckets []uint32 // sorted; row i is buckets[i]
	rowOf   []int32  // bucket -> row, -1 when absent (dense: lookups are hot)
}

// NewVocab returns the vocabulary whose rows are the given buckets, all below
// numBuckets.
func NewVocab(buckets []uint32, numBuckets uint32) (*Vocab, error) {
	b := slices.Clone(buckets)
	slices.Sort(b)
	v := &Vocab{buckets: slices.Compact(b), rowOf: make([]int32, numBuckets)}
	for i := range v.rowOf {
		v.rowOf[i] = -1
	}
	for i, x := range v.buckets {
		if x >= numBuckets {
			return nil, fmt.Errorf("features: bucket %d outside %d buckets", x, numBuckets)
		}
		v.rowOf[x] = int32(i)
	}
	return v, nil
}

// BuildVocab keeps the buckets that occur in at least minCount of titles
// (each title counted once per bucket).
func BuildVocab(c Config, normalizedTitles []string, minCount int) (*Vocab, error) {
	count := make([]int32, c.Buckets)
	seen := make([]int32, c.Buckets) // last title index+1 that counted the bucket
	var ids []uint32
	for i, t := range normalizedTitles {
		ids = c.FeaturizeNormalized(ids[:0], t)
		for _, id := range ids {
			if seen[id] != int32(i+1) {
				seen[id] = int32(i + 1)
				count[id]++
			}
		}
	}
	var keep []uint32
	for b, n := range count {
		if int(n) >= minCount {
			keep = append(keep, uint32(b))
		}
	}
	return NewVocab(keep, c.Buckets)
}

// Len is the number of rows.
func (v *Vocab) Len() int { return len(v.buckets) }

// Rows appends to dst the rows of the buckets that have one.
func (v *Vocab) Rows(dst []int32, buckets []uint32) []int32 {
	for _, b := range buckets {
		if r := v.rowOf[b]; r >= 0 {
			dst = append(dst, r)
		}
	}
	return dst
}

// MarshalBinary encodes the vocabulary as little-endian uint32 buckets, the
// format of the model directory's vocab.bin.
func (v *Vocab) MarshalBinary() ([]byte, error) {
	out := make([]byte, 4*len(v.buckets))
	for i, b := range v.buckets {
		binary.LittleEndian.PutUint32(out[4*i:], b)
	}
	return out, nil
}

// ParseVocab decodes MarshalBinary's output.
func ParseVocab(data []byte, numBuckets uint32) (*Vocab, error) {
	if len(data)%4 != 0 {
		return nil, fmt.Errorf("features: vocabulary of %d bytes is not a list of uint32", len(data))
	}
	b := make([]uint32, len(data)/4)
	for i := range b {
		b[i] = binary.LittleEndian.Uint32(data[4*i:])
		if i > 0 && b[i] <= b[i-1] {
			return nil, fmt.Errorf("features: vocabulary not sorted at entry %d", i)
		}
	}
	return NewVocab(b, numBuckets)
}
