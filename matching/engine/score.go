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

// match is the Match of a hit with similarity sim under g's model for a
// query read with confidence conf.
func (e *Engine) match(g *generation, sim, conf float32, reasons []string) Match {
	score := g.enc.Score(sim)
	return Match{Similarity: sim, Score: score, Band: e.cfg.Bands.Of(score, conf), Reasons: reasons}
}

// similarityFor is the lowest cosine similarity whose score reaches score
// (the calibration is monotone, so this is a bisection), or 2, which no
// similarity reaches, when none does.
func similarityFor(enc Encoder, score float32) float32 {
	if enc.Score(1) < score {
		return 2
	}
	lo, hi := float32(-1), float32(1)
	for range 40 {
		mid := (lo + hi) / 2
		if enc.Score(mid) >= score {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// goodTotal counts the results of a search at or above MinScore, up to
// MaxDepth (as deep as pages go). Results come best first, so the good ones
// are a prefix of the list: a page that holds the boundary (or starts below
// it at the top) answers at once; otherwise the index counts the points
// above the cut-off's similarity in one range search.
func (g *generation) goodTotal(ix *vectorstore.Index, q []float32, f vectorstore.Filter, total, offset int, page []vectorstore.Result) (int, error) {
	minSim := g.goodSim
	if n := len(page); n > 0 && (offset == 0 || page[0].Score >= minSim) && (page[n-1].Score < minSim || offset+n >= total) {
		return offset + sort.Search(n, func(i int) bool { return page[i].Score < minSim }), nil
	}
	if total == 0 || len(page) == 0 && offset == 0 {
		return 0, nil
	}
	n, err := ix.CountAbove(q, f, minSim, min(MaxDepth, total))
	if err != nil {
		return 0, err
	}
	// The range search is approximate like the page: never report fewer
	// good results than the page itself shows.
	if k := sort.Search(len(page), func(i int) bool { return page[i].Score < minSim }); k > 0 {
		n = max(n, offset+k)
	}
	return n, nil
}
