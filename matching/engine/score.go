package engine

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
