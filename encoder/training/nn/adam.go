package nn

import "math"

// Adam is the optimiser. The embedding table gets its own, larger learning
// rate, because each row sees few gradients, and is updated lazily: only rows used in the batch move, and
// their moments only decay when they are used, which keeps a step O(batch)
// instead of O(vocabulary).
type Adam struct {
	LR, EmbedLR  float32
	FixedPooling bool // leave the pooling logits alone (a plain mean)
	Beta1, Beta2 float32
	Eps          float32
	t            int
	mE, vE       []float32
	mL, vL       []float32
	mW, vW       [][]float32
	mB, vB       [][]float32
}

// NewAdam returns Adam with the usual betas for parameters shaped like p.
func NewAdam(p *Params, lr, embedLR float32) *Adam {
	a := &Adam{LR: lr, EmbedLR: embedLR, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8,
		mE: make([]float32, p.Vocab*p.EmbedDim), vE: make([]float32, p.Vocab*p.EmbedDim),
		mL: make([]float32, p.Vocab+1), vL: make([]float32, p.Vocab+1)}
	for l := range p.W {
		a.mW = append(a.mW, make([]float32, len(p.W[l])))
		a.vW = append(a.vW, make([]float32, len(p.W[l])))
		a.mB = append(a.mB, make([]float32, len(p.B[l])))
		a.vB = append(a.vB, make([]float32, len(p.B[l])))
	}
	return a
}

// Step applies one update from g. lrScale multiplies both learning rates
// (for warm-up and decay schedules).
func (a *Adam) Step(p *Params, g *Grads, lrScale float32) {
	a.t++
	c1 := 1 - float32(math.Pow(float64(a.Beta1), float64(a.t)))
	c2 := 1 - float32(math.Pow(float64(a.Beta2), float64(a.t)))
	for l := range p.W {
		a.update(p.W[l], g.W[l], a.mW[l], a.vW[l], a.LR*lrScale, c1, c2)
		a.update(p.B[l], g.B[l], a.mB[l], a.vB[l], a.LR*lrScale, c1, c2)
	}
	d := p.EmbedDim
	for _, r := range g.Touched {
		lo, hi := int(r)*d, int(r+1)*d
		a.update(p.Embed[lo:hi], g.Embed[lo:hi], a.mE[lo:hi], a.vE[lo:hi], a.EmbedLR*lrScale, c1, c2)
		a.updateLogit(p, g, int(r), lrScale, c1, c2)
	}
	if g.FallbackUsed {
		a.updateLogit(p, g, p.Vocab, lrScale, c1, c2)
	}
}

// updateLogit steps one pooling logit (at the embedding rate: like a row, it
// sees a gradient only when its feature occurs) and keeps it within
// ±LogitClip.
func (a *Adam) updateLogit(p *Params, g *Grads, i int, lrScale, c1, c2 float32) {
	if a.FixedPooling {
		return
	}
	a.update(p.Logit[i:i+1], g.Logit[i:i+1], a.mL[i:i+1], a.vL[i:i+1], a.EmbedLR*lrScale, c1, c2)
	p.Logit[i] = min(max(p.Logit[i], -LogitClip), LogitClip)
}

func (a *Adam) update(w, g, m, v []float32, lr, c1, c2 float32) {
	b1, b2 := a.Beta1, a.Beta2
	for i, gi := range g {
		m[i] = b1*m[i] + (1-b1)*gi
		v[i] = b2*v[i] + (1-b2)*gi*gi
		w[i] -= lr * (m[i] / c1) / (float32(math.Sqrt(float64(v[i]/c2))) + a.Eps)
	}
}
