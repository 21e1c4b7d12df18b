package engine

import (
	"sort"

	"jobmatch/vectorstore"
)

// MinScore is the "good match" cut-off: results scoring below it are not
// listed by default, and GoodTotal counts those at or above it. It is the
// medium band's cut-off, the lowest score at which the validation set's best
// matches were right at least 40 % of the time (docs/matching.md); below it
// a top match is wrong more than four times in five.
const MinScore = 0.69

// Unrecognised is the query confidence below which the encoder did not
// recognise a title: the 5th percentile of the JobBERT validation titles
// (0.58, docs/encoder.md), while "asdfghjkl" reads 0.49 and "1234" about 0.
const Unrecognised = 0.58

// match is the Match of a hit with similarity sim for a query read with
// confidence conf.
func (e *Engine) match(sim, conf float32, reasons []string) Match {
	score := e.enc.Score(sim)
	return Match{Similarity: sim, Score: score, Band: e.cfg.Bands.Of(score, conf), Reasons: reasons}
}

// goodSimilarity is the lowest cosine similarity whose score reaches
// MinScore (the calibration is monotone, so this is a bisection), or 2 when
// no similarity does.
func goodSimilarity(enc Encoder) float32 {
	if enc.Score(1) < MinScore {
		return 2
	}
	lo, hi := float32(-1), float32(1)
	for range 40 {
		mid := (lo + hi) / 2
		if enc.Score(mid) >= MinScore {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// goodTotal counts the results of a search at or above MinScore. Results
// come best first, so the good ones are a prefix of the list: a page that
// holds the boundary (or starts below it at the top) answers at once;
// otherwise a prefix is searched, four times deeper each round, until it
// ends in a result below the cut-off or the list ends. Past MaxDepth good
// results (as deep as pages go) it says MaxDepth.
func (e *Engine) goodTotal(ix *vectorstore.Index, q []float32, f vectorstore.Filter, total, offset int, page []vectorstore.Result) (int, error) {
	minSim := e.goodSim
	below := func(res []vectorstore.Result) int {
		return sort.Search(len(res), func(i int) bool { return res[i].Score < minSim })
	}
	if n := len(page); n > 0 && (offset == 0 || page[0].Score >= minSim) && (page[n-1].Score < minSim || offset+n >= total) {
		return offset + below(page), nil
	}
	if total == 0 || len(page) == 0 && offset == 0 {
		return 0, nil
	}
	for depth := 64; ; depth *= 4 {
		depth = min(depth, MaxDepth, total)
		res, _, err := ix.Search(q, f, vectorstore.SearchOptions{K: depth, Ef: beam(depth)})
		if err != nil {
			return 0, err
		}
		n := below(res)
		if n < len(res) || len(res) < depth || depth >= MaxDepth || depth >= total {
			return n, nil
		}
	}
}
