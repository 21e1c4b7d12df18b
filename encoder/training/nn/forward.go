package nn

import (
	"math"

	"jobmatch/internal/vecmath"
)

// Activations hold what the forward pass computed for a batch, kept for the
// backward pass. Reuse one across batches to avoid allocation.
type Activations struct {
	N int
	// Layer[0] is the pooled embedding (N × EmbedDim); Layer[l+1] is dense
	// layer l's output: after ReLU for hidden layers, the logits for the last.
	Layer [][]float32
	P     []float32 // N × Dim softmax probabilities, group by group (the logits for a linear head)
	Y     []float32 // N × Dim, P scaled to unit length: the embedding
	Norm  []float32 // N, the length of P before scaling
	Mass  []float32 // N, the sum of the pooling weights of a title's rows
	Known []float32 // N, the part of Mass that trained rows carry
	Words []float32 // N, how many of a title's rows are known whole words
	New   []float32 // N, how many are whole words the model never saw
	Count []float32 // N, how many rows a title has
	Conf  []float32 // N, the confidence head's output
}

func (a *Activations) resize(p *Params, n int) {
	a.N = n
	w := widths(p.Network)
	if len(a.Layer) != len(w) {
		a.Layer = make([][]float32, len(w))
	}
	for l, width := range w {
		a.Layer[l] = grow(a.Layer[l], n*width)
	}
	a.P = grow(a.P, n*p.Dim())
	a.Y = grow(a.Y, n*p.Dim())
	a.Norm = grow(a.Norm, n)
	a.Mass = grow(a.Mass, n)
	a.Known = grow(a.Known, n)
	a.Words = grow(a.Words, n)
	a.New = grow(a.New, n)
	a.Count = grow(a.Count, n)
	a.Conf = grow(a.Conf, n)
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// Forward encodes a batch: rows[i] holds the embedding rows of title i (each
// must be non-empty; an empty title is the caller's error to report). It runs
// on up to workers goroutines.
func (p *Params) Forward(rows [][]int32, a *Activations, workers int) {
	a.resize(p, len(rows))
	parallelRows(len(rows), workers, func(_, lo, hi int) {
		for r := lo; r < hi; r++ {
			p.forwardRow(rows[r], a, r)
		}
	})
}

func (p *Params) forwardRow(ids []int32, a *Activations, r int) {
	d := p.EmbedDim
	h := a.Layer[0][r*d : (r+1)*d]
	clear(h)
	var mass, known, words, unseen float32
	for _, id := range ids {
		w := p.Weight(id)
		vecmath.Axpy(h, w, p.Embed[int(id)*d:int(id+1)*d])
		mass += w
		if int(id) < p.Vocab {
			known += w
		}
		if p.isWord(id) {
			words++
		} else if p.isUnseenWord(id) {
			unseen++
		}
	}
	a.Mass[r], a.Known[r], a.Words[r], a.New[r], a.Count[r] = mass, known, words, unseen, float32(len(ids))
	if mass > 0 {
		inv := 1 / mass
		for i := range h {
			h[i] *= inv
		}
	}
	for l := range p.W {
		in, out := p.LayerShape(l)
		x := a.Layer[l][r*in : (r+1)*in]
		y := a.Layer[l+1][r*out : (r+1)*out]
		copy(y, p.B[l])
		w := p.W[l]
		for i, xi := range x {
			if xi != 0 { // ReLU outputs are often zero
				vecmath.Axpy(y, xi, w[i*out:(i+1)*out])
			}
		}
		if l+1 < len(p.W) {
			for i, v := range y {
				if v < 0 {
					y[i] = 0
				}
			}
		}
	}
	dim, k := p.Dim(), p.GroupSize
	z := a.Layer[len(p.W)][r*dim : (r+1)*dim]
	pr := a.P[r*dim : (r+1)*dim]
	if p.Linear {
		copy(pr, z)
	} else {
		for g := 0; g < p.Groups; g++ {
			softmax(pr[g*k:(g+1)*k], z[g*k:(g+1)*k])
		}
	}
	norm := float32(math.Sqrt(float64(vecmath.Dot(pr, pr))))
	a.Norm[r] = norm
	y := a.Y[r*dim : (r+1)*dim]
	for i, v := range pr {
		y[i] = v / norm
	}
	peak := float32(0) // a linear head has no groups to be decided
	if !p.Linear {
		peak = Peak(pr, p.Groups, k)
	}
	a.Conf[r] = p.ConfidenceOf(ConfInputs(mass, known, peak, words, unseen, len(ids)))
}

// softmax writes the softmax of z into p, subtracting the maximum first so
// large logits cannot overflow.
func softmax(p, z []float32) {
	m := z[0]
	for _, v := range z[1:] {
		m = max(m, v)
	}
	var s float32
	for i, v := range z {
		e := float32(math.Exp(float64(v - m)))
		p[i] = e
		s += e
	}
	inv := 1 / s
	for i := range p {
		p[i] *= inv
	}
}

// Peak is the mean over groups of the largest probability in the group: 1
// when every group commits to one unit, 1/K when all are flat.
func Peak(p []float32, groups, k int) float32 {
	var s float32
	for g := range groups {
		m := p[g*k]
		for _, v := range p[g*k+1 : (g+1)*k] {
			m = max(m, v)
		}
		s += m
	}
	return s / float32(groups)
}

// KnownEps keeps the log of the known weight finite for a title made only of
// words the model never saw.
const KnownEps = 0.01

// ConfInputs are the confidence head's inputs: the share of the pooling weight that trained rows carry (0
// for a title of unseen n-grams), the log of the known weight per feature
// (job words weigh more than noise or chance letter sequences), the
// peakedness of the softmax groups (0 for a linear head), and the share of
// the title's words the model knows as whole words (0 for "zorblax
// quindrel", whose letters are familiar but whose words are not), and the log
// of nothing else: none of them grows with the title's length, so a short
// title is not doubted for being short.
func ConfInputs(mass, known, peak, words, unseenWords float32, features int) [ConfFeatures]float32 {
	share := float32(0)
	if mass > 0 {
		share = known / mass
	}
	perFeature := known / float32(max(features, 1))
	wordShare := words / max(words+unseenWords, 1)
	return [ConfFeatures]float32{share, float32(math.Log(float64(perFeature + KnownEps))), peak, wordShare}
}

// ConfidenceOf is the head: a logistic regression on ConfInputs, fitted to
// tell real titles from made-up strings, so it reads as "the model recognised
// this title". Titles it recognises better are also matched right more often
// (docs/encoder.md has the numbers).
func (p *Params) ConfidenceOf(x [ConfFeatures]float32) float32 {
	z := p.Conf[ConfFeatures]
	for i, v := range x {
		z += p.Conf[i] * v
	}
	return float32(1 / (1 + math.Exp(-float64(z))))
}

// Row returns row r of an N × width matrix stored flat.
func Row(m []float32, r, width int) []float32 { return m[r*width : (r+1)*width] }
