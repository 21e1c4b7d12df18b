package features

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Config says which features a title yields and how many hash buckets they
// fall into. It is stored in a model's manifest; the same Config must be used
// at training and serving time.
type Config struct {
	// Buckets is the size of the hash space (a power of two keeps the modulo
	// cheap, but any positive value works).
	Buckets uint32 `json:"buckets"`
	// MinN and MaxN bound the character n-grams taken from each word wrapped
	// in boundary markers ("<nurse>"), so prefixes and suffixes are distinct
	// features. MinN = 0 disables n-grams.
	MinN int `json:"min_n"`
	MaxN int `json:"max_n"`
	// Words adds each whole word as a feature, WordBigrams each pair of
	// adjacent words ("sales manager" is not "manager sales").
	Words       bool `json:"words"`
	WordBigrams bool `json:"word_bigrams"`
}

// DefaultConfig is what the shipped model uses: words, word bigrams and
// character 3- to 5-grams in 2^20 buckets. The bucket count is large because
// training keeps only the buckets its data hits, so collisions cost nothing in
// model size.
func DefaultConfig() Config {
	return Config{Buckets: 1 << 20, MinN: 3, MaxN: 5, Words: true, WordBigrams: true}
}

// Validate reports a Config that cannot produce features.
func (c Config) Validate() error {
	if c.Buckets == 0 {
		return fmt.Errorf("features: buckets must be positive")
	}
	if c.MinN < 0 || c.MaxN < c.MinN || (c.MinN == 0 && c.MaxN != 0) {
		return fmt.Errorf("features: bad n-gram range [%d,%d]", c.MinN, c.MaxN)
	}
	if c.MinN == 0 && !c.Words && !c.WordBigrams {
		return fmt.Errorf("features: config yields no features")
	}
	return nil
}

// Kinds of feature, hashed into the key so that the word "ing" and the
// n-gram "ing" land in different buckets.
const (
	kindWord   = 'w'
	kindBigram = 'b'
	kindGram   = 'g'
)

// Featurize appends to dst the bucket ids of title's features, in a fixed
// order (per word: the word, then its n-grams by length and position; then the
// bigrams). Repeated features repeat, so the bag counts them. An empty result
// means the title has nothing readable.
func (c Config) Featurize(dst []uint32, title string) []uint32 {
	return c.FeaturizeNormalized(dst, Normalize(title))
}

// FeaturizeNormalized is Featurize for text that is already Normalize'd; the
// data loader uses it to avoid normalising twice.
func (c Config) FeaturizeNormalized(dst []uint32, norm string) []uint32 {
	dst, _ = c.featurize(dst, nil, norm)
	return dst
}

// FeaturizeWords is FeaturizeNormalized that also appends to words, for each
// feature, whether it is a whole word.
func (c Config) FeaturizeWords(dst []uint32, words []bool, norm string) ([]uint32, []bool) {
	if words == nil {
		words = []bool{}
	}
	return c.featurize(dst, words, norm)
}

// featurize appends the features of norm to dst and, when words is not nil,
// whether each is a whole word.
func (c Config) featurize(dst []uint32, words []bool, norm string) ([]uint32, []bool) {
	tag := words != nil
	if norm == "" {
		return dst, words
	}
	var runes [64]rune // most words fit; longer ones fall back to the heap
	prev := ""
	for w := range strings.SplitSeq(norm, " ") {
		if c.Words {
			dst = append(dst, c.bucket(hashString(kindWord, w)))
			if tag {
				words = append(words, true)
			}
		}
		if c.MinN > 0 {
			rs := append(runes[:0], '<')
			for _, r := range w {
				rs = append(rs, r)
			}
			rs = append(rs, '>')
			for n := c.MinN; n <= c.MaxN; n++ {
				if n > len(rs) {
					break
				}
				for i := 0; i+n <= len(rs); i++ {
					dst = append(dst, c.bucket(hashRunes(kindGram, rs[i:i+n])))
					if tag {
						words = append(words, false)
					}
				}
			}
		}
		if c.WordBigrams && prev != "" {
			h := hashString(kindBigram, prev)
			h = mix(h, ' ')
			h = hashMore(h, w)
			dst = append(dst, c.bucket(h))
			if tag {
				words = append(words, false)
			}
		}
		prev = w
	}
	return dst, words
}

// WordBucket is the bucket of a word of a normalised title as a whole-word
// feature (what Featurize yields first for each word when Words is set).
func (c Config) WordBucket(word string) uint32 {
	return c.bucket(hashString(kindWord, word))
}

// bucket finishes the FNV hash with the murmur3 finaliser so that every bit
// of the result depends on every input byte before the modulo.
func (c Config) bucket(h uint64) uint32 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return uint32(h % uint64(c.Buckets))
}

// FNV-1a, 64 bit, over the kind byte and the UTF-8 bytes (runes for n-grams,
// hashed as their UTF-8 encoding so both paths agree on the same text).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashString(kind byte, s string) uint64 {
	return hashMore(mix(fnvOffset, kind), s)
}

func hashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = mix(h, s[i])
	}
	return h
}

func hashRunes(kind byte, rs []rune) uint64 {
	h := mix(fnvOffset, kind)
	var buf [4]byte
	for _, r := range rs {
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h = mix(h, b)
		}
	}
	return h
}
