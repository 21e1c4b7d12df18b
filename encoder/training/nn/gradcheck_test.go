package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"jobmatch/encoder"
	"jobmatch/internal/vecmath"
)

// batchLoss runs the whole training computation for one batch of pairs.
func batchLoss(p *Params, loss Loss, anchors, positives [][]int32, class []int, g *Grads) float64 {
	var aa, ap Activations
	p.Forward(anchors, &aa, 2)
	p.Forward(positives, &ap, 2)
	dim := p.Dim()
	dA := make([]float32, len(anchors)*dim)
	dP := make([]float32, len(anchors)*dim)
	l := loss.Compute(aa.Y, ap.Y, class, dim, dA, dP, 2)
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
// small network against central differences, for both losses.
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	groups := encoder.Network{Vocab: 12, EmbedDim: 6, Hidden: []int{7}, Groups: 2, GroupSize: 4, Fallback: 3}
	linear := encoder.Network{Vocab: 12, EmbedDim: 6, Hidden: []int{7}, Groups: 1, GroupSize: 5, Fallback: 3, Linear: true}
	for _, tc := range []struct {
		cfg  encoder.Network
		loss Loss
	}{{groups, InfoNCE{Scale: 4}}, {groups, Hinge{Margin: 0.6}}, {linear, InfoNCE{Scale: 4}}} {
		cfg, loss := tc.cfg, tc.loss
		t.Run(fmt.Sprintf("%s linear=%v", loss.Name(), cfg.Linear), func(t *testing.T) {
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
			g := NewGrads(p)
			batchLoss(p, loss, anchors, positives, class, g)
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
					up := batchLoss(p, loss, anchors, positives, class, nil)
					pr.w[i] = old - eps
					down := batchLoss(p, loss, anchors, positives, class, nil)
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
	first := batchLoss(p, InfoNCE{Scale: 10}, anchors, positives, class, g)
	var last float64
	for range 30 {
		opt.Step(p, g, 1)
		last = batchLoss(p, InfoNCE{Scale: 10}, anchors, positives, class, g)
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
