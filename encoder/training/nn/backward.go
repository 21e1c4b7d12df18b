package nn

import (
	"slices"

	"jobmatch/internal/vecmath"
)

// Grads accumulate the gradient of one batch. The embedding gradient is dense
// in memory but only the rows in Touched are non-zero, so clearing and the
// optimiser step cost O(rows used), not O(vocabulary).
type Grads struct {
	Embed   []float32 // Vocab × EmbedDim: fallback rows are never trained
	Logit   []float32 // Vocab+1, like Params.Logit
	Touched []int32   // sorted, distinct trained rows
	// FallbackUsed says the shared fallback logit has a gradient.
	FallbackUsed bool
	W, B         [][]float32
	// per-worker partial sums of W and B, reduced in order after each batch
	partW, partB [][][]float32
	dLayer       [][]float32 // per layer, N × width: gradient w.r.t. its input
	mark         []bool
}

// NewGrads allocates gradient buffers shaped like p.
func NewGrads(p *Params) *Grads {
	g := &Grads{Embed: make([]float32, p.Vocab*p.EmbedDim), Logit: make([]float32, p.Vocab+1), mark: make([]bool, p.Vocab)}
	for l := range p.W {
		g.W = append(g.W, make([]float32, len(p.W[l])))
		g.B = append(g.B, make([]float32, len(p.B[l])))
	}
	return g
}

// Zero clears the gradient left by the previous batch.
func (g *Grads) Zero(p *Params) {
	d := p.EmbedDim
	for _, r := range g.Touched {
		clear(g.Embed[int(r)*d : int(r+1)*d])
		g.Logit[r] = 0
		g.mark[r] = false
	}
	g.Touched = g.Touched[:0]
	g.Logit[p.Vocab] = 0
	g.FallbackUsed = false
	for l := range g.W {
		clear(g.W[l])
		clear(g.B[l])
	}
}

func (g *Grads) partials(p *Params, workers int) {
	for len(g.partW) < workers {
		var w, b [][]float32
		for l := range p.W {
			w = append(w, make([]float32, len(p.W[l])))
			b = append(b, make([]float32, len(p.B[l])))
		}
		g.partW = append(g.partW, w)
		g.partB = append(g.partB, b)
	}
	for c := range workers {
		for l := range p.W {
			clear(g.partW[c][l])
			clear(g.partB[c][l])
		}
	}
}

// Backward adds to g the gradient of the loss given dY, its gradient with
// respect to a.Y, for the batch that produced a.
func (p *Params) Backward(rows [][]int32, a *Activations, dY []float32, g *Grads, workers int) {
	n := a.N
	if workers > n {
		workers = max(n, 1)
	}
	g.partials(p, workers)
	w := widths(p.Network)
	if len(g.dLayer) != len(w) {
		g.dLayer = make([][]float32, len(w))
	}
	for l, width := range w {
		g.dLayer[l] = grow(g.dLayer[l], n*width)
	}
	parallelRows(n, workers, func(c, lo, hi int) {
		for r := lo; r < hi; r++ {
			p.backwardRow(a, dY, g, g.partW[c], g.partB[c], r)
		}
	})
	for c := range workers {
		for l := range p.W {
			vecmath.Axpy(g.W[l], 1, g.partW[c][l])
			vecmath.Axpy(g.B[l], 1, g.partB[c][l])
		}
	}
	// Scatter into the embedding rows and pooling logits serially: rows are
	// shared between titles, and a fixed order keeps the sum deterministic.
	// A title's pooled vector is h = Σ wᵢeᵢ / Σ wᵢ with wᵢ = exp(logitᵢ), so
	// ∂h/∂eᵢ = wᵢ/Σw and ∂(h·dh)/∂logitᵢ = wᵢ/Σw · (eᵢ − h)·dh.
	d := p.EmbedDim
	for r, ids := range rows {
		if len(ids) == 0 {
			continue
		}
		dh := g.dLayer[0][r*d : (r+1)*d]
		h := a.Layer[0][r*d : (r+1)*d]
		hd := vecmath.Dot(h, dh)
		inv := 1 / a.Mass[r]
		for _, id := range ids {
			share := p.Weight(id) * inv
			e := p.Embed[int(id)*d : int(id+1)*d]
			g.Logit[p.logitIndex(id)] += share * (vecmath.Dot(e, dh) - hd)
			if int(id) >= p.Vocab {
				g.FallbackUsed = true
				continue
			}
			vecmath.Axpy(g.Embed[int(id)*d:int(id+1)*d], share, dh)
			if !g.mark[id] {
				g.mark[id] = true
				g.Touched = append(g.Touched, id)
			}
		}
	}
	slices.Sort(g.Touched)
}

func (p *Params) backwardRow(a *Activations, dY []float32, g *Grads, pw, pb [][]float32, r int) {
	dim, k := p.Dim(), p.GroupSize
	y := Row(a.Y, r, dim)
	pr := Row(a.P, r, dim)
	dy := Row(dY, r, dim)
	L := len(p.W)
	dz := Row(g.dLayer[L], r, dim)
	// y = p/‖p‖  ⇒  dp = (dy − y·(y·dy)) / ‖p‖
	yd := vecmath.Dot(y, dy)
	inv := 1 / a.Norm[r]
	for i := range dz {
		dz[i] = (dy[i] - y[i]*yd) * inv
	}
	// softmax per group: dz = p ⊙ (dp − Σ p⊙dp); a linear head passes dp on
	if !p.Linear {
		for gi := 0; gi < p.Groups; gi++ {
			pg, dg := pr[gi*k:(gi+1)*k], dz[gi*k:(gi+1)*k]
			s := vecmath.Dot(pg, dg)
			for i := range dg {
				dg[i] = pg[i] * (dg[i] - s)
			}
		}
	}
	for l := L - 1; l >= 0; l-- {
		in, out := p.LayerShape(l)
		x := Row(a.Layer[l], r, in)
		dout := Row(g.dLayer[l+1], r, out)
		dx := Row(g.dLayer[l], r, in)
		vecmath.Axpy(pb[l], 1, dout)
		w, dw := p.W[l], pw[l]
		for i, xi := range x {
			if xi != 0 {
				vecmath.Axpy(dw[i*out:(i+1)*out], xi, dout)
			}
			// The input of layer l>0 is a ReLU output: no gradient where it
			// was clipped. Layer 0's input is the embedding bag: always.
			if l > 0 && xi <= 0 {
				dx[i] = 0
				continue
			}
			dx[i] = vecmath.Dot(w[i*out:(i+1)*out], dout)
		}
	}
}
