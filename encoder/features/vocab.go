package features

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Vocab maps hash buckets to embedding rows. Only buckets that training data
// hit often enough get a trained row, which keeps the shipped model small.
// Features falling into a bucket without a trained row read one of a fixed
// number of fallback rows chosen by the bucket (RowsWithFallback), so a word
// never seen in training still counts.
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

// BuildVocab keeps the buckets that occur in at least minCount titles of one
// of the title sets (each title counted once per bucket, a bucket's count
// being its largest over the sets), at most maxRows of them (0: no cap), the
// most frequent first, ties broken by bucket. Counting sets apart lets a
// set of varied copies of the titles add the words of job-ad noise without
// every word of a title counting twice.
func BuildVocab(c Config, minCount, maxRows int, normalizedTitleSets ...[]string) (*Vocab, error) {
	best := make([]int32, c.Buckets)
	count := make([]int32, c.Buckets)
	seen := make([]int32, c.Buckets) // last title index+1 that counted the bucket
	var ids []uint32
	for _, titles := range normalizedTitleSets {
		clear(count)
		clear(seen)
		for i, t := range titles {
			ids = c.FeaturizeNormalized(ids[:0], t)
			for _, id := range ids {
				if seen[id] != int32(i+1) {
					seen[id] = int32(i + 1)
					count[id]++
				}
			}
		}
		for b, n := range count {
			best[b] = max(best[b], n)
		}
	}
	var keep []uint32
	for b, n := range best {
		if int(n) >= minCount {
			keep = append(keep, uint32(b))
		}
	}
	if maxRows > 0 && len(keep) > maxRows {
		slices.SortStableFunc(keep, func(a, b uint32) int { return int(best[b]) - int(best[a]) })
		keep = keep[:maxRows]
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

// WordFallbackRows is how many of the fallback rows serve unseen whole words;
// the rest serve unseen n-grams and word pairs. Keeping them apart lets the
// confidence head count the words of a title the model never saw.
func WordFallbackRows(fallback int) int { return fallback / 4 }

// RowsWithFallback appends to dst the row of every bucket: its trained row,
// or, for a bucket without one, a fallback row chosen by the bucket: among
// the first WordFallbackRows(fallback) fallback rows (after the Len() trained
// ones) when words[i] says feature i is a whole word, else among the others.
// The fallback rows are fixed random vectors, so two titles that share an
// unseen word share those rows and end up closer. words may be nil (no
// feature is a word); fallback 0 drops unseen buckets.
func (v *Vocab) RowsWithFallback(dst []int32, buckets []uint32, words []bool, fallback int) []int32 {
	for i, b := range buckets {
		if r := v.rowOf[b]; r >= 0 {
			dst = append(dst, r)
		} else if fallback > 0 {
			dst = append(dst, v.fallbackRow(b, words != nil && words[i], fallback))
		}
	}
	return dst
}

func (v *Vocab) fallbackRow(b uint32, word bool, fallback int) int32 {
	n, fw := int32(len(v.buckets)), WordFallbackRows(fallback)
	if word && fw > 0 {
		return n + int32(b%uint32(fw))
	}
	return n + int32(fw) + int32(b%uint32(fallback-fw))
}

// FallbackOf is the fallback row that trained row r would read if its bucket
// had no row (word says r is a whole word); training uses it to teach the
// network unseen words.
func (v *Vocab) FallbackOf(r int32, word bool, fallback int) int32 {
	return v.fallbackRow(v.buckets[r], word, fallback)
}

// Scratch holds the buffers of TitleRows; reuse one per goroutine.
type Scratch struct {
	buckets []uint32
	words   []bool
}

// TitleRows appends the rows of a title (Normalize, FeaturizeWords,
// RowsWithFallback): what the model reads, at training and serving alike.
func (v *Vocab) TitleRows(dst []int32, c Config, title string, fallback int, s *Scratch) []int32 {
	return v.NormalizedRows(dst, c, Normalize(title), fallback, s)
}

// NormalizedRows is TitleRows for a title that is already Normalize'd.
func (v *Vocab) NormalizedRows(dst []int32, c Config, norm string, fallback int, s *Scratch) []int32 {
	s.buckets, s.words = c.FeaturizeWords(s.buckets[:0], s.words[:0], norm)
	return v.RowsWithFallback(dst, s.buckets, s.words, fallback)
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
