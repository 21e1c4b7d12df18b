package evaluate

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"jobmatch/encoder/training/dataset"
	"jobmatch/internal/vecmath"
)

// FeedbackCutoff is the k of the feedback evaluation's precision at k.
const FeedbackCutoff = 10

// FeedbackMetrics score a model on held-out decisions. Each list (one
// vacancy's judged candidates, or one candidate's judged positions) that
// holds at least one positive and one negative judgement is ranked by the
// cosine of the judged titles to the list's own title:
//
//   - P10 is the mean over lists of the share of positives among the first
//     min(10, judged) of the list;
//   - MRR is the mean over lists of 1/rank of the first positive;
//   - PairOrder is the mean over lists of the share of (positive,
//     negative) pairs that the model orders right, ties counting half: it
//     sees every judgement, not only the top of a list, so it moves by
//     smaller steps than P10 on few lists;
//   - IdealP10 is P10 of a perfect order (its upper bound).
//
// Titles with the same score share their ranks: both measures are their
// expectation under a random order of the tied titles. Lists without a
// negative are left out: every order of them scores 1.
type FeedbackMetrics struct {
	Lists     int     `json:"lists"`
	Judged    int     `json:"judged"` // judgements on the scored lists
	Positives int     `json:"positives"`
	P10       float64 `json:"p10"`
	MRR       float64 `json:"mrr"`
	PairOrder float64 `json:"pair_order"`
	IdealP10  float64 `json:"ideal_p10"`
}

// String is the one-line format the commands print.
func (m FeedbackMetrics) String() string {
	return fmt.Sprintf("feedback lists=%d judged=%d positives=%d p10=%.4f mrr=%.4f pair_order=%.4f ideal_p10=%.4f",
		m.Lists, m.Judged, m.Positives, m.P10, m.MRR, m.PairOrder, m.IdealP10)
}

// FeedbackTitles lists the distinct titles of the judgements, in the order
// they first appear: what Feedback's similarity is asked about.
func FeedbackTitles(js []dataset.Judgement) []string {
	seen := map[string]bool{}
	var out []string
	for _, j := range js {
		for _, t := range []string{j.Anchor, j.Other} {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Feedback scores the judgements' lists with sim, the similarity of two of
// their titles.
func Feedback(js []dataset.Judgement, sim func(a, b string) float32) FeedbackMetrics {
	type item struct {
		score float32
		good  bool
	}
	lists := map[string][]int{}
	var names []string
	for i, j := range js {
		if lists[j.List] == nil {
			names = append(names, j.List)
		}
		lists[j.List] = append(lists[j.List], i)
	}
	var m FeedbackMetrics
	for _, name := range names {
		var items []item
		pos := 0
		for _, i := range lists[name] {
			j := js[i]
			items = append(items, item{sim(j.Anchor, j.Other), j.Good})
			if j.Good {
				pos++
			}
		}
		if pos == 0 || pos == len(items) {
			continue
		}
		slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(b.score, a.score) })
		k := min(FeedbackCutoff, len(items))
		var hits, rr, below float64
		firstSeen := false
		negsAfter := len(items) - pos // negatives after the current group
		for lo := 0; lo < len(items); {
			hi := lo
			p := 0
			for hi < len(items) && items[hi].score == items[lo].score {
				if items[hi].good {
					p++
				}
				hi++
			}
			g := hi - lo
			if slots := min(max(k-lo, 0), g); slots > 0 {
				hits += float64(slots) * float64(p) / float64(g)
			}
			if !firstSeen && p > 0 {
				firstSeen = true
				rr = expectedFirstRR(lo, g, p)
			}
			negsAfter -= g - p
			below += float64(p) * (float64(negsAfter) + float64(g-p)/2)
			lo = hi
		}
		m.Lists++
		m.Judged += len(items)
		m.Positives += pos
		m.P10 += hits / float64(k)
		m.MRR += rr
		m.PairOrder += below / float64(pos*(len(items)-pos))
		m.IdealP10 += float64(min(pos, k)) / float64(k)
	}
	if m.Lists > 0 {
		n := float64(m.Lists)
		m.P10, m.MRR, m.PairOrder, m.IdealP10 = m.P10/n, m.MRR/n, m.PairOrder/n, m.IdealP10/n
	}
	return m
}

// expectedFirstRR is E[1/rank] of the first of p positives placed at random
// among the g tied titles that follow the first before titles.
func expectedFirstRR(before, g, p int) float64 {
	var rr float64
	none := 1.0 // chance that the first x−1 tied titles are all negatives
	for x := 1; x <= g-p+1; x++ {
		stillNone := none * float64(g-p-(x-1)) / float64(g-(x-1))
		rr += (none - stillNone) / float64(before+x)
		none = stillNone
	}
	return rr
}

// FeedbackEncoded scores the judgements' lists with enc; a title enc cannot
// read scores 0 against everything.
func FeedbackEncoded(ctx context.Context, enc TitleEncoder, js []dataset.Judgement) (FeedbackMetrics, error) {
	titles := FeedbackTitles(js)
	vecs, _, _, err := encodeAll(ctx, enc, titles)
	if err != nil {
		return FeedbackMetrics{}, err
	}
	dim := enc.Dim()
	index := make(map[string]int, len(titles))
	for i, t := range titles {
		index[t] = i
	}
	return Feedback(js, func(a, b string) float32 {
		i, j := index[a], index[b]
		return vecmath.DotPortable(vecs[i*dim:(i+1)*dim], vecs[j*dim:(j+1)*dim])
	}), nil
}
