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
//
// A batch may also carry K hard negatives: rows of the positives' matrix
// after the B positives that are the positive of no anchor. Each is a
// negative of its own anchor whatever the classes, and of every other
// anchor of another class, so the score matrix is B × (B+K).
type Loss interface {
	// Compute returns the loss and writes its gradient with respect to the
	// anchors' (B × dim) and positives' ((B+K) × dim) embeddings into dA and
	// dP. class[j] is the class of column j (pair j for j < B): columns of
	// an anchor's class are not its negatives. negOf[m] is the anchor whose
	// hard negative column B+m is; K = len(negOf).
	Compute(ya, yp []float32, class, negOf []int, dim int, dA, dP []float32, workers int) float64
	Name() string
}

// columns says which scores of a B × (B+K) matrix take part in the loss.
type columns struct {
	class, negOf []int
	b            int // anchors
}

func newColumns(class, negOf []int) columns {
	return columns{class: class, negOf: negOf, b: len(class) - len(negOf)}
}

// in reports whether column j is anchor i's positive or one of its
// negatives. For j < B it is symmetric in i and j.
func (c columns) in(i, j int) bool {
	return j == i || c.class[j] != c.class[i] || j >= c.b && c.negOf[j-c.b] == i
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

// scores returns S (B × N): the cosine of every anchor with every column
// (the embeddings are unit length).
func scores(ya, yp []float32, b, n, dim, workers int) []float32 {
	s := make([]float32, b*n)
	parallelRows(b, workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			a := Row(ya, i, dim)
			for j := range n {
				s[i*n+j] = vecmath.Dot(a, Row(yp, j, dim))
			}
		}
	})
	return s
}

// backScores turns dS (B × N) into the gradients of the two embedding
// matrices: dA = dS·P and dP = dSᵀ·A.
func backScores(ds, ya, yp, dA, dP []float32, b, n, dim, workers int) {
	dst := make([]float32, n*b)
	for i := range b {
		for j := range n {
			dst[j*b+i] = ds[i*n+j]
		}
	}
	parallelRows(n, workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			dp := Row(dP, i, dim)
			clear(dp)
			var da []float32
			if i < b {
				da = Row(dA, i, dim)
				clear(da)
			}
			for j := range n {
				if i < b {
					if v := ds[i*n+j]; v != 0 {
						vecmath.Axpy(da, v, Row(yp, j, dim))
					}
				}
				if j < b {
					if v := dst[i*b+j]; v != 0 {
						vecmath.Axpy(dp, v, Row(ya, j, dim))
					}
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

// Compute implements Loss. Hard negatives join the anchors' softmax only:
// a positive's softmax over the anchors has no column for them.
func (l InfoNCE) Compute(ya, yp []float32, class, negOf []int, dim int, dA, dP []float32, workers int) float64 {
	c := newColumns(class, negOf)
	b, n := c.b, len(class)
	s := scores(ya, yp, b, n, dim, workers)
	ds := make([]float32, b*n)
	coef := l.Scale / float32(2*b)
	var total float64
	prob := make([]float64, n)
	// rows then columns: the same routine with transposed indexing
	for pass := range 2 {
		at := func(i, j int) int {
			if pass == 0 {
				return i*n + j
			}
			return j*n + i
		}
		width := n
		if pass == 1 {
			width = b
		}
		for i := range b {
			m := math.Inf(-1)
			for j := range width {
				if c.in(i, j) {
					m = math.Max(m, float64(l.Scale*s[at(i, j)]))
				}
			}
			var z float64
			for j := range width {
				prob[j] = 0
				if c.in(i, j) {
					prob[j] = math.Exp(float64(l.Scale*s[at(i, j)]) - m)
					z += prob[j]
				}
			}
			total -= math.Log(prob[i] / z)
			for j := range width {
				g := prob[j] / z
				if j == i {
					g--
				}
				ds[at(i, j)] += coef * float32(g)
			}
		}
	}
	backScores(ds, ya, yp, dA, dP, b, n, dim, workers)
	return total / float64(2*b)
}

// Hinge is the batch-wide margin loss: a negative costs (margin − (s⁺ − s⁻))
// whenever it scores within margin of the positive, compared both along the
// anchor's row and the positive's column. The loss is the mean over all
// negative comparisons, so its scale does not grow with the batch.
type Hinge struct{ Margin float32 }

// Name implements Loss.
func (l Hinge) Name() string { return "hinge" }

// Compute implements Loss. A hard negative is compared along its anchor's
// row only: it has no anchor of its own to compare along a column.
func (l Hinge) Compute(ya, yp []float32, class, negOf []int, dim int, dA, dP []float32, workers int) float64 {
	c := newColumns(class, negOf)
	b, n := c.b, len(class)
	s := scores(ya, yp, b, n, dim, workers)
	ds := make([]float32, b*n)
	var total float64
	var terms int
	for i := range b {
		for j := range n {
			if j == i || !c.in(i, j) {
				continue
			}
			pos := s[i*n+i]
			terms++
			if v := l.Margin - pos + s[i*n+j]; v > 0 { // row: anchor i vs column j
				total += float64(v)
				ds[i*n+i]--
				ds[i*n+j]++
			}
			if j >= b {
				continue
			}
			terms++
			if v := l.Margin - pos + s[j*n+i]; v > 0 { // column: positive i vs anchor j
				total += float64(v)
				ds[i*n+i]--
				ds[j*n+i]++
			}
		}
	}
	if terms == 0 {
		clear(dA[:b*dim])
		clear(dP[:n*dim])
		return 0
	}
	inv := 1 / float32(terms)
	for i := range ds {
		ds[i] *= inv
	}
	backScores(ds, ya, yp, dA, dP, b, n, dim, workers)
	return total / float64(terms)
}
