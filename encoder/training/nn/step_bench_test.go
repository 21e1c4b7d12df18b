package nn

import (
	"math/rand/v2"
	"testing"

	"jobmatch/encoder"
	"jobmatch/internal/vecmath"
)

// BenchmarkTrainingStep is one batch of 256 pairs through the shipped shape
// (128 → 256 ReLU → 4 × 128 softmax groups, InfoNCE): forward, loss and
// backward of anchors and positives, 2 workers. Pairs/s = 256 / (s/op).
func BenchmarkTrainingStep(b *testing.B) {
	cfg := encoder.Network{Vocab: 30000, EmbedDim: 128, Hidden: []int{256}, Groups: 4, GroupSize: 128}
	rng := rand.New(rand.NewPCG(3, 3))
	p, err := New(cfg, rng)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 256
	anchors, positives := make([][]int32, batch), make([][]int32, batch)
	for i := range batch {
		for _, rows := range []*[]int32{&anchors[i], &positives[i]} {
			for range 77 { // n-grams of a typical title
				*rows = append(*rows, int32(rng.IntN(cfg.Vocab)))
			}
		}
	}
	class := make([]int, batch)
	for i := range class {
		class[i] = i
	}
	g := NewGrads(p)
	b.Logf("kernels: %s", vecmath.KernelName())
	for b.Loop() {
		batchLoss(p, InfoNCE{Scale: 60}, anchors, positives, class, nil, g)
	}
	b.ReportMetric(batch*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}
