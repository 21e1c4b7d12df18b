package encoder

import (
	"fmt"
	"math"
	"sort"
)

// Calibration maps the cosine similarity of two titles to the probability
// that they name the same occupation: a monotone piecewise-linear curve
// through its knots, flat beyond the first and last. It is fitted after
// training on held-out ontology labels (never on evaluation titles) and
// stored in the manifest, so every search and rule speaks the same scale.
type Calibration struct {
	Cos  []float32 `json:"cos"`  // knots' similarities, strictly increasing
	Prob []float32 `json:"prob"` // probabilities at the knots, non-decreasing, in [0,1]
	// Pairs and Positives say what the curve was fitted on.
	Pairs     int    `json:"pairs"`
	Positives int    `json:"positives"`
	Method    string `json:"method"`
}

// Validate reports a curve that is not monotone, not in [0,1] or empty.
func (c *Calibration) Validate() error {
	if len(c.Cos) == 0 || len(c.Cos) != len(c.Prob) {
		return fmt.Errorf("encoder: calibration needs as many probabilities as knots (%d, %d)", len(c.Cos), len(c.Prob))
	}
	for i := range c.Cos {
		if c.Prob[i] < 0 || c.Prob[i] > 1 || math.IsNaN(float64(c.Prob[i])) {
			return fmt.Errorf("encoder: calibration probability %v outside [0,1]", c.Prob[i])
		}
		if i > 0 && (c.Cos[i] <= c.Cos[i-1] || c.Prob[i] < c.Prob[i-1]) {
			return fmt.Errorf("encoder: calibration not monotone at knot %d", i)
		}
	}
	return nil
}

// Score returns the calibrated probability for a cosine similarity.
func (c *Calibration) Score(cos float32) float32 {
	n := len(c.Cos)
	if n == 0 {
		return 0
	}
	if cos <= c.Cos[0] {
		return c.Prob[0]
	}
	if cos >= c.Cos[n-1] {
		return c.Prob[n-1]
	}
	i := sort.Search(n, func(i int) bool { return c.Cos[i] >= cos }) // c.Cos[i-1] < cos ≤ c.Cos[i]
	t := (cos - c.Cos[i-1]) / (c.Cos[i] - c.Cos[i-1])
	return c.Prob[i-1] + t*(c.Prob[i]-c.Prob[i-1])
}

// FitCalibration fits the curve to (similarity, same occupation) pairs by
// isotonic regression (pool adjacent violators), then keeps one knot per
// slice between quantiles of the positive pairs' similarities, so the stored
// curve stays small and smooth and has its detail where it rises.
func FitCalibration(sims []float32, same []bool, knots int) (*Calibration, error) {
	if len(sims) != len(same) || len(sims) < 2*knots || knots < 2 {
		return nil, fmt.Errorf("encoder: calibration needs at least %d pairs, got %d", 2*knots, len(sims))
	}
	idx := make([]int, len(sims))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return sims[idx[a]] < sims[idx[b]] })
	// Pool adjacent violators over the sorted pairs.
	type block struct {
		sum, n float64
	}
	var blocks []block
	var ends []int // last pair index (in sorted order) of each block
	pos := 0
	for k, i := range idx {
		y := 0.0
		if same[i] {
			y = 1
			pos++
		}
		blocks = append(blocks, block{y, 1})
		ends = append(ends, k)
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.n <= b.sum/b.n {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.n + b.n})
			ends = append(ends[:len(ends)-2], k)
		}
	}
	fitted := make([]float64, len(idx))
	start := 0
	for bi, b := range blocks {
		for k := start; k <= ends[bi]; k++ {
			fitted[k] = b.sum / b.n
		}
		start = ends[bi] + 1
	}
	// Knots sit at quantiles of the positive pairs' similarities, where the
	// probability changes; the first slice takes everything below.
	var posSims []float32
	for _, i := range idx {
		if same[i] {
			posSims = append(posSims, sims[i])
		}
	}
	if len(posSims) < knots {
		return nil, fmt.Errorf("encoder: calibration needs at least %d positive pairs, got %d", knots, len(posSims))
	}
	c := &Calibration{Pairs: len(sims), Positives: pos, Method: "isotonic regression, knots at quantiles of the positive pairs"}
	lo := 0
	for q := 1; q <= knots; q++ {
		hi := len(idx)
		if q < knots {
			bound := posSims[q*len(posSims)/knots]
			hi = sort.Search(len(idx), func(k int) bool { return sims[idx[k]] >= bound })
		}
		if hi <= lo {
			continue
		}
		var s, p float64
		for k := lo; k < hi; k++ {
			s += float64(sims[idx[k]])
			p += fitted[k]
		}
		cos, prob := float32(s/float64(hi-lo)), float32(p/float64(hi-lo))
		lo = hi
		if n := len(c.Cos); n > 0 {
			if cos <= c.Cos[n-1] {
				c.Prob[n-1] = max(c.Prob[n-1], prob)
				continue
			}
			prob = max(prob, c.Prob[n-1])
		}
		c.Cos, c.Prob = append(c.Cos, cos), append(c.Prob, prob)
	}
	return c, c.Validate()
}
