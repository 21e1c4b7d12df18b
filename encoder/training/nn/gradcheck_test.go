package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"jobmatch/encoder"
	"jobmatch/internal/vecmath"
)

// batchLoss runs the whole training computation for one batch of pairs;
// positives holds the hard negatives after the pairs' positives.
func batchLoss(p *Params, loss Loss, anchors, positives [][]int32, class, negOf []int, g *Grads) float64 {
	var aa, ap Activations
	p.Forward(anchors, &aa, 2)
	p.Forward(positives, &ap, 2)
	dim := p.Dim()
	dA := make([]float32, len(anchors)*dim)
	dP := make([]float32, len(positives)*dim)
	l := loss.Compute(aa.Y, ap.Y, class, negOf, dim, dA, dP, 2)
	if g != nil {
		g.Zero(p)
		p.Backward(anchors, &aa, dA, g, 2)
		p.Backward(positives, &ap, dP, g, 2)
	}
	return l
}

func randomRows(rng *rand.Rand, n, vocab int) [][]int32 {
	rows := make([][]int32, n)
	for i := range rows {
		for range 1 + rng.IntN(5) {
			rows[i] = append(rows[i], int32(rng.IntN(vocab)))
		}
	}
	return rows
}

// TestGradientsMatchFiniteDifferences checks every analytic gradient of a
// small network against central differences, for both losses, with and
// without hard negatives.
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	groups := encoder.Network{Vocab: 12, EmbedDim: 6, Hidden: []int{7}, Groups: 2, GroupSize: 4, Fallback: 3}
	linear := encoder.Network{Vocab: 12, EmbedDim: 6, Hidden: []int{7}, Groups: 1, GroupSize: 5, Fallback: 3, Linear: true}
	for _, tc := range []struct {
		cfg   encoder.Network
		loss  Loss
		hards bool
	}{{groups, InfoNCE{Scale: 4}, false}, {groups, Hinge{Margin: 0.6}, false}, {linear, InfoNCE{Scale: 4}, false},
		{groups, InfoNCE{Scale: 4}, true}, {groups, Hinge{Margin: 0.6}, true}, {linear, InfoNCE{Scale: 4}, true}} {
		cfg, loss := tc.cfg, tc.loss
		t.Run(fmt.Sprintf("%s linear=%v hard negatives=%v", loss.Name(), cfg.Linear, tc.hards), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			p, err := New(cfg, rng)
			if err != nil {
				t.Fatal(err)
			}
			// Rows include fallback rows, and pooling logits start away from
			// zero so the weighted mean is not a plain one.
			anchors, positives := randomRows(rng, 5, cfg.Rows()), randomRows(rng, 5, cfg.Rows())
			for i := range p.Logit {
				p.Logit[i] = float32(rng.NormFloat64())
			}
			class := []int{0, 1, 2, 2, 3} // pairs 2 and 3 share a class: not negatives
			var negOf []int
			if tc.hards {
				// Three hard negatives: of anchor 1 in a class of their own;
				// of anchor 2 in its own class (a negative of it all the
				// same, but not of anchor 3); of anchor 4 in anchor 0's
				// class (so not a negative of anchor 0).
				positives = append(positives, randomRows(rng, 3, cfg.Rows())...)
				class = append(class, 5, 2, 0)
				negOf = []int{1, 2, 4}
			}
			g := NewGrads(p)
			batchLoss(p, loss, anchors, positives, class, negOf, g)
			type param struct {
				name string
				w, g []float32
			}
			params := []param{{"embed", p.Embed[:cfg.Vocab*cfg.EmbedDim], g.Embed}, {"logit", p.Logit, g.Logit}}
			for l := range p.W {
				params = append(params, param{"W", p.W[l], g.W[l]}, param{"B", p.B[l], g.B[l]})
			}
			const eps = 1e-3
			checked := 0
			for _, pr := range params {
				for i := range pr.w {
					old := pr.w[i]
					pr.w[i] = old + eps
					up := batchLoss(p, loss, anchors, positives, class, negOf, nil)
					pr.w[i] = old - eps
					down := batchLoss(p, loss, anchors, positives, class, negOf, nil)
					pr.w[i] = old
					num := (up - down) / (2 * eps)
					ana := float64(pr.g[i])
					if math.Abs(num-ana) > 1e-3+0.05*math.Abs(num) {
						t.Errorf("%s[%d]: analytic %.6g, numeric %.6g", pr.name, i, ana, num)
					}
					checked++
				}
			}
			t.Logf("checked %d parameters", checked)
		})
	}
}

// TestTrainingStepLowersLoss makes sure Adam steps in the right direction.
func TestTrainingStepLowersLoss(t *testing.T) {
	cfg := encoder.Network{Vocab: 50, EmbedDim: 8, Hidden: []int{16}, Groups: 2, GroupSize: 8}
	rng := rand.New(rand.NewPCG(3, 4))
	p, _ := New(cfg, rng)
	anchors, positives := randomRows(rng, 16, cfg.Vocab), randomRows(rng, 16, cfg.Vocab)
	class := make([]int, 16)
	for i := range class {
		class[i] = i
	}
	g := NewGrads(p)
	opt := NewAdam(p, 1e-2, 1e-1)
	first := batchLoss(p, InfoNCE{Scale: 10}, anchors, positives, class, nil, g)
	var last float64
	for range 30 {
		opt.Step(p, g, 1)
		last = batchLoss(p, InfoNCE{Scale: 10}, anchors, positives, class, nil, g)
	}
	if last >= first*0.7 {
		t.Errorf("loss went from %.4f to %.4f in 30 steps", first, last)
	}
}

// TestForwardIsDeterministicAcrossWorkers checks that parallel chunks give
// the same embeddings as one worker.
func TestForwardIsDeterministicAcrossWorkers(t *testing.T) {
	cfg := encoder.Network{Vocab: 30, EmbedDim: 8, Hidden: []int{12}, Groups: 3, GroupSize: 5, Fallback: 4}
	rng := rand.New(rand.NewPCG(5, 6))
	p, _ := New(cfg, rng)
	rows := randomRows(rng, 33, cfg.Rows())
	var a1, a2 Activations
	p.Forward(rows, &a1, 1)
	p.Forward(rows, &a2, 2)
	for i := range a1.Y {
		if a1.Y[i] != a2.Y[i] {
			t.Fatalf("Y[%d] differs: %v vs %v", i, a1.Y[i], a2.Y[i])
		}
	}
	for r := range rows {
		y := Row(a1.Y, r, cfg.Dim())
		if n := vecmath.Dot(y, y); math.Abs(float64(n)-1) > 1e-5 {
			t.Errorf("row %d has squared length %v", r, n)
		}
		if c := Peak(Row(a1.P, r, cfg.Dim()), cfg.Groups, cfg.GroupSize); c < 1/float32(cfg.GroupSize) || c > 1 {
			t.Errorf("peak %v out of range", c)
		}
		if c := a1.Conf[r]; c <= 0 || c >= 1 {
			t.Errorf("confidence %v out of (0,1)", c)
		}
	}
}

// TestHardNegativesJoinOnlyTheirAnchorsRows checks the InfoNCE loss with
// hard negatives against a direct computation: a hard negative enters its
// own anchor's softmax even in the anchor's class, other anchors' softmax
// unless of their class, and no positive's softmax over the anchors.
func TestHardNegativesJoinOnlyTheirAnchorsRows(t *testing.T) {
	const dim, scale = 3, 2.0
	unit := func(v ...float64) []float32 {
		var n float64
		for _, x := range v {
			n += x * x
		}
		out := make([]float32, len(v))
		for i, x := range v {
			out[i] = float32(x / math.Sqrt(n))
		}
		return out
	}
	ya := slices.Concat(unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1))
	yp := slices.Concat(unit(1, 1, 0), unit(0, 1, 1), unit(1, 0, 1), unit(1, 2, 3), unit(3, 1, 1))
	class := []int{0, 1, 2, 0, 2} // column 3: anchor 0's class; column 4: anchor 2's
	negOf := []int{0, 1}          // column 3 is anchor 0's hard negative, column 4 anchor 1's
	dot := func(i, j int) float64 {
		return float64(vecmath.Dot(Row(ya, i, dim), Row(yp, j, dim)))
	}
	softmaxLoss := func(pos float64, others []float64) float64 {
		z := math.Exp(scale * pos)
		for _, o := range others {
			z += math.Exp(scale * o)
		}
		return -math.Log(math.Exp(scale*pos) / z)
	}
	want := (softmaxLoss(dot(0, 0), []float64{dot(0, 1), dot(0, 2), dot(0, 3), dot(0, 4)}) +
		softmaxLoss(dot(1, 1), []float64{dot(1, 0), dot(1, 2), dot(1, 3), dot(1, 4)}) +
		softmaxLoss(dot(2, 2), []float64{dot(2, 0), dot(2, 1), dot(2, 3)}) + // column 4 shares anchor 2's class
		softmaxLoss(dot(0, 0), []float64{dot(1, 0), dot(2, 0)}) +
		softmaxLoss(dot(1, 1), []float64{dot(0, 1), dot(2, 1)}) +
		softmaxLoss(dot(2, 2), []float64{dot(0, 2), dot(1, 2)})) / 6
	dA, dP := make([]float32, 3*dim), make([]float32, 5*dim)
	got := InfoNCE{Scale: scale}.Compute(ya, yp, class, negOf, dim, dA, dP, 2)
	if math.Abs(got-want) > 1e-5 {
		t.Errorf("loss %.6f, want %.6f", got, want)
	}
	// Column 3 is anchor 0's hard negative: its gradient pushes it away
	// from anchor 0 (a positive component along it, since the loss falls
	// as the dot product falls).
	if d := vecmath.Dot(Row(dP, 3, dim), Row(ya, 0, dim)); d <= 0 {
		t.Errorf("hard negative's gradient along its anchor = %v, want > 0", d)
	}
}
