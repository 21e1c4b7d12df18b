package train

import (
	"fmt"
	"math/rand/v2"

	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/evaluate"
	"jobmatch/encoder/training/nn"
)

// feedbackSet is the training side of users' decisions, as corpus titles.
type feedbackSet struct {
	goods, bads []judged
	posOf       map[int][]int // anchor → the titles judged good for it
	class       map[int]int   // title → class (see newFeedbackSet)
}

// judged is one judgement as two corpus titles.
type judged struct{ anchor, other int }

// feedbackTitles lists the normalised titles of judgements.
func feedbackTitles(js []dataset.Judgement) []string {
	var out []string
	for _, j := range js {
		out = append(out, features.Normalize(j.Anchor), features.Normalize(j.Other))
	}
	return out
}

// newFeedbackSet adds the judgements' titles to the corpus. A title's class
// is its group of titles joined by good judgements, numbered after the
// firstClass−1 ontology classes: titles judged alike are not each other's
// in-batch negatives. Judgements with a title the vocabulary cannot read
// are dropped.
func newFeedbackSet(c *corpus, js []dataset.Judgement, fc features.Config, vocab *features.Vocab, fallback, firstClass int) *feedbackSet {
	f := &feedbackSet{posOf: map[int][]int{}, class: map[int]int{}}
	parent := map[int]int{}
	var find func(int) int
	find = func(t int) int {
		p, ok := parent[t]
		if !ok || p == t {
			parent[t] = t
			return t
		}
		r := find(p)
		parent[t] = r
		return r
	}
	for _, j := range js {
		a, o := c.add(features.Normalize(j.Anchor), fc, vocab, fallback), c.add(features.Normalize(j.Other), fc, vocab, fallback)
		if len(c.rows[a]) == 0 || len(c.rows[o]) == 0 {
			continue
		}
		if !j.Good {
			f.bads = append(f.bads, judged{a, o})
			find(a)
			find(o)
			continue
		}
		f.goods = append(f.goods, judged{a, o})
		f.posOf[a] = append(f.posOf[a], o)
		parent[find(a)] = find(o)
	}
	roots := map[int]int{}
	for _, list := range [][]judged{f.goods, f.bads} {
		for _, j := range list {
			for _, t := range []int{j.anchor, j.other} {
				r := find(t)
				if _, ok := roots[r]; !ok {
					roots[r] = firstClass + len(roots)
				}
				f.class[t] = roots[r]
			}
		}
	}
	return f
}

// epochPairs draws one epoch of feedback pairs: every judgement weight
// times (the fraction by chance). A good judgement is a positive pair; a
// bad one is a hard negative of its anchor, paired with one of the titles
// judged good for that anchor, or else with a varied copy of the anchor.
func (f *feedbackSet) epochPairs(weight float64, rng *rand.Rand) []pair {
	reps := func() int {
		n := int(weight)
		if rng.Float64() < weight-float64(n) {
			n++
		}
		return n
	}
	var out []pair
	for _, g := range f.goods {
		for range reps() {
			out = append(out, pair{a: g.anchor, p: g.other, class: f.class[g.anchor], augP: g.anchor == g.other})
		}
	}
	for _, b := range f.bads {
		for range reps() {
			p := b.anchor
			if goods := f.posOf[b.anchor]; len(goods) > 0 {
				p = goods[rng.IntN(len(goods))]
			}
			out = append(out, pair{a: b.anchor, p: p, class: f.class[b.anchor], augP: p == b.anchor,
				hard: true, neg: b.other, negClass: f.class[b.other]})
		}
	}
	return out
}

// feedbackValidator scores held-out judgements with the Go forward pass
// after each epoch.
type feedbackValidator struct {
	o      Options
	js     []dataset.Judgement
	titles []string
	rows   [][]int32
}

func newFeedbackValidator(js []dataset.Judgement, o Options, vocab *features.Vocab) *feedbackValidator {
	v := &feedbackValidator{o: o, js: js, titles: evaluate.FeedbackTitles(js)}
	var s features.Scratch
	for _, t := range v.titles {
		v.rows = append(v.rows, vocab.TitleRows(nil, o.Features, t, o.Fallback, &s))
	}
	return v
}

func (v *feedbackValidator) metrics(p *nn.Params) evaluate.FeedbackMetrics {
	vecs := encodeRows(p, v.rows, v.o.Workers)
	dim := p.Dim()
	index := make(map[string]int, len(v.titles))
	for i, t := range v.titles {
		index[t] = i
	}
	return evaluate.Feedback(v.js, func(a, b string) float32 {
		return dotf(nn.Row(vecs, index[a], dim), nn.Row(vecs, index[b], dim))
	})
}

// feedbackSummary is the progress line about the feedback a run learns from.
func feedbackSummary(f *feedbackSet, split *dataset.FeedbackSplit, weight float64) string {
	return fmt.Sprintf("feedback: %d good and %d bad judgements to train on (weight %g), %d held out from %s",
		len(f.goods), len(f.bads), weight, len(split.HeldOut), split.Cut.Format("2006-01-02 15:04"))
}
