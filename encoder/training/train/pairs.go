package train

import (
	"maps"
	"math/rand/v2"
	"slices"

	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
)

// corpus is the training data: every distinct title once, with its clean
// embedding rows computed up front, so an epoch only shuffles integers and
// featurises just the titles it varies.
type corpus struct {
	index   map[string]int // title → its index
	titles  []string       // normalised
	langs   []string       // language of each title (the first that had it)
	rows    [][]int32      // clean rows, with fallback rows for unseen buckets
	classes []trainClass
}

type trainClass struct {
	titles   []int          // English and O*NET titles with rows
	ml       []int          // titles in other languages with rows
	pref     int            // the English preferred label, -1 if none
	langPref map[string]int // preferred label per other language
}

// pair is one positive pair; augA and augP say which side is read through
// the augmenter. With hard set, title neg (of class negClass) is a hard
// negative of the anchor.
type pair struct {
	a, p, class   int
	augA, augP    bool
	hard          bool
	neg, negClass int
}

// epochPairs draws one epoch of positive pairs. Each class contributes at
// most MaxAnchorsPerClass English anchors and MaxMultilingualAnchors anchors
// in other languages. An English anchor is paired with the preferred label
// (probability PrefProb) or another title of its class; an anchor in another
// language with that language's preferred label, the English one, or any
// title of the class, a third each, so languages meet each other and English.
// A side that is not a preferred label is varied with job-ad noise with
// probability AugmentProb.
func (c *corpus) epochPairs(o Options, rng *rand.Rand) []pair {
	var out []pair
	for ci, cl := range c.classes {
		all := len(cl.titles) + len(cl.ml)
		if all < 2 {
			continue
		}
		any := func() int {
			k := rng.IntN(all)
			if k < len(cl.titles) {
				return cl.titles[k]
			}
			return cl.ml[k-len(cl.titles)]
		}
		isPref := func(t int) bool {
			if t == cl.pref {
				return true
			}
			lp, ok := cl.langPref[c.langs[t]]
			return ok && lp == t
		}
		for _, a := range sample(cl.titles, o.MaxAnchorsPerClass, rng) {
			p := -1
			if cl.pref >= 0 && cl.pref != a && rng.Float64() < o.PrefProb {
				p = cl.pref
			} else if len(cl.titles) > 1 && rng.Float64() < 0.8 {
				for p < 0 || p == a {
					p = cl.titles[rng.IntN(len(cl.titles))]
				}
			} else {
				for p < 0 || p == a {
					p = any()
				}
			}
			out = append(out, c.newPair(a, p, ci, o, rng, isPref))
		}
		for _, a := range sample(cl.ml, o.MaxMultilingualAnchors, rng) {
			p := -1
			switch r := rng.Float64(); {
			case r < 1.0/3:
				if lp, ok := cl.langPref[c.langs[a]]; ok && lp != a {
					p = lp
				}
			case r < 2.0/3:
				if cl.pref >= 0 {
					p = cl.pref
				}
			}
			for p < 0 || p == a {
				p = any()
			}
			out = append(out, c.newPair(a, p, ci, o, rng, isPref))
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (c *corpus) newPair(a, p, class int, o Options, rng *rand.Rand, isPref func(int) bool) pair {
	if rng.IntN(2) == 0 {
		a, p = p, a
	}
	pr := pair{a: a, p: p, class: class}
	pr.augA = !isPref(a) && rng.Float64() < o.AugmentProb
	pr.augP = !isPref(p) && rng.Float64() < o.AugmentProb
	return pr
}

// sample returns at most n of ts (all when n ≤ 0), chosen at random.
func sample(ts []int, n int, rng *rand.Rand) []int {
	if n <= 0 || len(ts) <= n {
		return ts
	}
	perm := rng.Perm(len(ts))[:n]
	out := make([]int, n)
	for i, k := range perm {
		out[i] = ts[k]
	}
	return out
}

// titleIndex assigns each distinct normalised title an index.
type titleIndex struct {
	index  map[string]int
	titles []string
	langs  []string
}

func (t *titleIndex) add(s, lang string) int {
	if i, ok := t.index[s]; ok {
		return i
	}
	t.index[s] = len(t.titles)
	t.titles = append(t.titles, s)
	t.langs = append(t.langs, lang)
	return len(t.titles) - 1
}

// add returns the index of a normalised title outside the classes (of
// unknown language), computing its rows if it is new.
func (c *corpus) add(title string, fc features.Config, vocab *features.Vocab, fallback int) int {
	if i, ok := c.index[title]; ok {
		return i
	}
	var s features.Scratch
	c.index[title] = len(c.titles)
	c.titles, c.langs = append(c.titles, title), append(c.langs, "")
	c.rows = append(c.rows, vocab.NormalizedRows(nil, fc, title, fallback, &s))
	return len(c.titles) - 1
}

// buildCorpus indexes the classes' titles and computes their clean rows.
func buildCorpus(classes []dataset.Class, fc features.Config, vocab *features.Vocab, fallback int) *corpus {
	ti := &titleIndex{index: map[string]int{}}
	type members struct {
		titles []int
		pref   int
		lp     map[string]int
	}
	mem := make([]members, len(classes))
	for ci, cl := range classes {
		mem[ci].pref = -1
		for k, t := range cl.Titles {
			mem[ci].titles = append(mem[ci].titles, ti.add(t, cl.Langs[k]))
		}
		if cl.Preferred != "" {
			mem[ci].pref = ti.add(cl.Preferred, "en")
		}
		// Sorted languages keep title indices, and so training, reproducible.
		for _, lang := range slices.Sorted(maps.Keys(cl.LangPreferred)) {
			if mem[ci].lp == nil {
				mem[ci].lp = map[string]int{}
			}
			mem[ci].lp[lang] = ti.add(cl.LangPreferred[lang], lang)
		}
	}
	c := &corpus{index: ti.index, titles: ti.titles, langs: ti.langs, rows: make([][]int32, len(ti.titles))}
	var s features.Scratch
	for i, t := range ti.titles {
		c.rows[i] = vocab.NormalizedRows(nil, fc, t, fallback, &s)
	}
	for _, m := range mem {
		tc := trainClass{pref: -1}
		for _, t := range m.titles {
			if len(c.rows[t]) == 0 {
				continue
			}
			if c.langs[t] == "en" {
				tc.titles = append(tc.titles, t)
			} else {
				tc.ml = append(tc.ml, t)
			}
		}
		if m.pref >= 0 && len(c.rows[m.pref]) > 0 {
			tc.pref = m.pref
		}
		for lang, t := range m.lp {
			if len(c.rows[t]) > 0 {
				if tc.langPref == nil {
					tc.langPref = map[string]int{}
				}
				tc.langPref[lang] = t
			}
		}
		c.classes = append(c.classes, tc)
	}
	return c
}
