// Package nn is the encoder's network in plain Go: a weighted embedding bag
// over hashed n-gram rows, dense ReLU layers, and G softmax groups of K units,
// concatenated and L2-normalised, plus a small confidence head. It holds the
// forward and backward passes, the batch-wide losses and Adam. Training runs
// here; serving runs the same maths exported to ONNX, and tests hold the two
// equal.
package nn

import (
	"math"
	"math/rand/v2"
	"slices"

	"jobmatch/encoder"
)

// widths lists every layer's width from the embedding to the logits.
func widths(c encoder.Network) []int {
	w := append([]int{c.EmbedDim}, c.Hidden...)
	return append(w, c.Dim())
}

// ConfFeatures is the number of inputs of the confidence head.
const ConfFeatures = 4

// Params are the weights. W[l] is row-major [in][out] so that both the
// forward pass (a weighted sum of rows) and the weight gradient walk memory in
// order.
type Params struct {
	encoder.Network
	// Embed is Rows() × EmbedDim; the Fallback rows at the end are random
	// and never trained.
	Embed []float32
	// Logit is the pooling logit of each trained row, and at index Vocab the
	// one logit all fallback rows share: a title's vector is the mean of its
	// rows weighted by exp(logit), so the model learns that "nurse" matters
	// more than "(m/w/d)".
	Logit []float32
	W     [][]float32 // per layer, in × out
	B     [][]float32 // per layer, out
	// WordRow marks the trained rows that are whole words of training titles
	// (not n-grams): a title whose words have none is made of words the
	// model never saw, however familiar its letters. Set after the
	// vocabulary is built; nil counts no words.
	WordRow []bool
	// Conf is the confidence head: a logistic regression on ConfInputs,
	// weights then bias, fitted after training to tell titles from made-up
	// strings (see ConfidenceOf), not by backpropagation.
	Conf [ConfFeatures + 1]float32
}

// LogitClip bounds the pooling logits so exp never overflows and no single
// feature can take a whole title.
const LogitClip = 6

// New returns randomly initialised parameters: embeddings uniform in ±0.5
// (mean pooling shrinks them), fallback rows the same, pooling logits zero
// (a plain mean), dense layers He-initialised, biases zero.
func New(cfg encoder.Network, rng *rand.Rand) (*Params, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Params{Network: cfg, Embed: make([]float32, cfg.Rows()*cfg.EmbedDim), Logit: make([]float32, cfg.Vocab+1)}
	for i := range p.Embed {
		p.Embed[i] = float32(rng.Float64() - 0.5)
	}
	w := widths(cfg)
	for l := 0; l+1 < len(w); l++ {
		in, out := w[l], w[l+1]
		m := make([]float32, in*out)
		std := math.Sqrt(2 / float64(in))
		for i := range m {
			m[i] = float32(rng.NormFloat64() * std)
		}
		p.W = append(p.W, m)
		p.B = append(p.B, make([]float32, out))
	}
	// Until the head is fitted, confidence follows the known share.
	p.Conf = [ConfFeatures + 1]float32{4, 0, 0, 0, -2}
	return p, nil
}

// logitIndex maps an embedding row to its pooling logit.
func (p *Params) logitIndex(id int32) int {
	if int(id) >= p.Vocab {
		return p.Vocab
	}
	return int(id)
}

// isWord says whether row id is a known whole word.
func (p *Params) isWord(id int32) bool {
	return int(id) < len(p.WordRow) && p.WordRow[id]
}

// isUnseenWord says whether row id is the fallback row of a whole word the
// model never saw.
func (p *Params) isUnseenWord(id int32) bool {
	return int(id) >= p.Vocab && int(id) < p.Vocab+p.WordFallback()
}

// Weight is the pooling weight of embedding row id.
func (p *Params) Weight(id int32) float32 {
	return float32(math.Exp(float64(p.Logit[p.logitIndex(id)])))
}

// Layers is the number of dense layers (hidden ones plus the output layer).
func (p *Params) Layers() int { return len(p.W) }

// LayerShape returns the input and output width of dense layer l.
func (p *Params) LayerShape(l int) (in, out int) {
	out = len(p.B[l])
	return len(p.W[l]) / out, out
}

// Clone returns a deep copy, so a run can train weights that another reads.
func (p *Params) Clone() *Params {
	q := *p
	q.Hidden = slices.Clone(p.Hidden)
	q.Embed, q.Logit, q.WordRow = slices.Clone(p.Embed), slices.Clone(p.Logit), slices.Clone(p.WordRow)
	q.W, q.B = make([][]float32, len(p.W)), make([][]float32, len(p.B))
	for l := range p.W {
		q.W[l], q.B[l] = slices.Clone(p.W[l]), slices.Clone(p.B[l])
	}
	return &q
}
