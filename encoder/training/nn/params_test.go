package nn

import (
	"math/rand/v2"
	"testing"

	"jobmatch/encoder"
)

// TestCloneSharesNothing: training a clone must leave the original's
// weights as they were.
func TestCloneSharesNothing(t *testing.T) {
	p, err := New(encoder.Network{Vocab: 4, EmbedDim: 2, Hidden: []int{3}, Groups: 1, GroupSize: 2, Fallback: 4}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	p.WordRow = make([]bool, p.Vocab)
	q := p.Clone()
	q.Embed[0]++
	q.Logit[0]++
	q.W[0][0]++
	q.B[0][0]++
	q.Hidden[0]++
	q.WordRow[0] = true
	if p.Embed[0] == q.Embed[0] || p.Logit[0] == q.Logit[0] || p.W[0][0] == q.W[0][0] || p.B[0][0] == q.B[0][0] ||
		p.Hidden[0] == q.Hidden[0] || p.WordRow[0] {
		t.Error("a clone shares weights with its original")
	}
}
