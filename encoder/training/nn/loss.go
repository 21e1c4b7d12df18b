package nn

import (
	"fmt"
	"math"

	"jobmatch/internal/vecmath"
)

// Loss scores a batch of B positive pairs (anchor i, positive i) against each
// other: every one of the B² scores is used, every non-matching pair is a
// negative. That is the point of the batch-wide loss: a batch of B gives
// B−1 negatives per positive for the price of one matrix product.
type Loss interface {
	// Compute returns the loss and writes its gradient with respect to the
	// anchors' and positives' embeddings (B × dim each) into dA and dP.
	// class[i] is pair i's class: pairs of one class are not negatives of
	// each other.
	Compute(ya, yp []float32, class []int, dim int, dA, dP []float32, workers int) float64
	Name() string
}

// LossByName builds a loss from its command-line name and parameter (the
// softmax scale or the hinge margin; 0 selects the default).
func LossByName(name string, param float64) (Loss, error) {
	switch name {
	case "softmax", "infonce":
		if param == 0 {
			param = 60
		}
		return InfoNCE{Scale: float32(param)}, nil
	case "hinge":
		if param == 0 {
			param = 0.1
		}
		return Hinge{Margin: float32(param)}, nil
	}
	return nil, fmt.Errorf("nn: unknown loss %q (want softmax or hinge)", name)
}

// scores fills S (B × B) with the cosine of every anchor with every positive
// (the embeddings are unit length).
func scores(s, ya, yp []float32, b, dim, workers int) {
	parallelRows(b, workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			a := Row(ya, i, dim)
			for j := range b {
				s[i*b+j] = vecmath.Dot(a, Row(yp, j, dim))
			}
		}
	})
}

// backScores turns dS into the gradients of the two embedding matrices:
// dA = dS·P and dP = dSᵀ·A.
func backScores(ds, ya, yp, dA, dP []float32, b, dim, workers int) {
	dst := make([]float32, b*b)
	for i := range b {
		for j := range b {
			dst[j*b+i] = ds[i*b+j]
		}
	}
	parallelRows(b, workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			da, dp := Row(dA, i, dim), Row(dP, i, dim)
			clear(da)
			clear(dp)
			for j := range b {
				if v := ds[i*b+j]; v != 0 {
					vecmath.Axpy(da, v, Row(yp, j, dim))
				}
				if v := dst[i*b+j]; v != 0 {
					vecmath.Axpy(dp, v, Row(ya, j, dim))
				}
			}
		}
	})
}

// InfoNCE is the softmax (multiple-negatives ranking) loss, symmetric over
// rows and columns: each anchor must pick its positive among all positives in
// the batch and each positive its anchor. Scale sharpens the softmax; the
// softmax-group outputs have cosines in a narrow band, so it must be high
// (50–100).
type InfoNCE struct{ Scale float32 }

// Name implements Loss.
func (l InfoNCE) Name() string { return "softmax" }

// Compute implements Loss.
func (l InfoNCE) Compute(ya, yp []float32, class []int, dim int, dA, dP []float32, workers int) float64 {
	b := len(class)
	s := make([]float32, b*b)
	scores(s, ya, yp, b, dim, workers)
	ds := make([]float32, b*b)
	coef := l.Scale / float32(2*b)
	var total float64
	prob := make([]float64, b)
	// rows then columns: the same routine with transposed indexing
	for pass := range 2 {
		at := func(i, j int) int {
			if pass == 0 {
				return i*b + j
			}
			return j*b + i
		}
		for i := range b {
			m := math.Inf(-1)
			for j := range b {
				if j == i || class[j] != class[i] {
					m = math.Max(m, float64(l.Scale*s[at(i, j)]))
				}
			}
			var z float64
			for j := range b {
				prob[j] = 0
				if j == i || class[j] != class[i] {
					prob[j] = math.Exp(float64(l.Scale*s[at(i, j)]) - m)
					z += prob[j]
				}
			}
			total -= math.Log(prob[i] / z)
			for j := range b {
				g := prob[j] / z
				if j == i {
					g--
				}
				ds[at(i, j)] += coef * float32(g)
			}
		}
	}
	backScores(ds, ya, yp, dA, dP, b, dim, workers)
	return total / float64(2*b)
}

// Hinge is the batch-wide margin loss: a negative costs (margin − (s⁺ − s⁻))
// whenever it scores within margin of the positive, compared both along the
// anchor's row and the positive's column. The loss is the mean over all
// negative comparisons, so its scale does not grow with the batch.
type Hinge struct{ Margin float32 }

// Name implements Loss.
func (l Hinge) Name() string { return "hinge" }

// Compute implements Loss.
func (l Hinge) Compute(ya, yp []float32, class []int, dim int, dA, dP []float32, workers int) float64 {
	b := len(class)
	s := make([]float32, b*b)
	scores(s, ya, yp, b, dim, workers)
	ds := make([]float32, b*b)
	var total float64
	var terms int
	for i := range b {
		for j := range b {
			if j == i || class[j] == class[i] {
				continue
			}
			terms += 2
			pos := s[i*b+i]
			if v := l.Margin - pos + s[i*b+j]; v > 0 { // row: anchor i vs positive j
				total += float64(v)
				ds[i*b+i]--
				ds[i*b+j]++
			}
			if v := l.Margin - pos + s[j*b+i]; v > 0 { // column: positive i vs anchor j
				total += float64(v)
				ds[i*b+i]--
				ds[j*b+i]++
			}
		}
	}
	if terms == 0 {
		clear(dA[:b*dim])
		clear(dP[:b*dim])
		return 0
	}
	inv := 1 / float32(terms)
	for i := range ds {
		ds[i] *= inv
	}
	backScores(ds, ya, yp, dA, dP, b, dim, workers)
	return total / float64(terms)
}
