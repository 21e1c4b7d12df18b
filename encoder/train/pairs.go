package train

import (
	"math/rand/v2"

	"jobmatch/encoder/dataset"
)

// corpus is the training data turned into embedding rows once, so epochs
// only shuffle integers.
type corpus struct {
	rows    [][]int32 // per distinct title
	classes []trainClass
}

type trainClass struct {
	titles []int // indices into rows; only titles with at least one row
	pref   int   // index of the preferred label, -1 if none or unreadable
}

type pair struct{ a, p, class int }

// epochPairs draws one epoch of positive pairs: every title of a class
// (at most MaxAnchorsPerClass of them) is an anchor once, partnered with the
// preferred label (probability PrefProb) or another title of its class.
func (c *corpus) epochPairs(o Options, rng *rand.Rand) []pair {
	var out []pair
	for ci, cl := range c.classes {
		if len(cl.titles) < 2 {
			continue
		}
		anchors := cl.titles
		if o.MaxAnchorsPerClass > 0 && len(anchors) > o.MaxAnchorsPerClass {
			perm := rng.Perm(len(anchors))[:o.MaxAnchorsPerClass]
			anchors = make([]int, len(perm))
			for i, k := range perm {
				anchors[i] = cl.titles[k]
			}
		}
		for _, a := range anchors {
			p := -1
			if cl.pref >= 0 && cl.pref != a && rng.Float64() < o.PrefProb {
				p = cl.pref
			} else {
				for p < 0 || p == a {
					p = cl.titles[rng.IntN(len(cl.titles))]
				}
			}
			if rng.IntN(2) == 0 {
				a, p = p, a
			}
			out = append(out, pair{a, p, ci})
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// titleIndex assigns each distinct normalised title an index.
type titleIndex struct {
	index  map[string]int
	titles []string
}

func (t *titleIndex) add(s string) int {
	if i, ok := t.index[s]; ok {
		return i
	}
	t.index[s] = len(t.titles)
	t.titles = append(t.titles, s)
	return len(t.titles) - 1
}

func indexClasses(classes []dataset.Class) (*titleIndex, [][]int, []int) {
	ti := &titleIndex{index: map[string]int{}}
	members := make([][]int, len(classes))
	prefs := make([]int, len(classes))
	for ci, c := range classes {
		prefs[ci] = -1
		for _, t := range c.Titles {
			members[ci] = append(members[ci], ti.add(t))
		}
		if c.Preferred != "" {
			prefs[ci] = ti.add(c.Preferred)
		}
	}
	return ti, members, prefs
}
