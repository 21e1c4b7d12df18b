// Package nn is the encoder's network in plain Go: an embedding bag over
// hashed n-gram rows, dense ReLU layers, and G softmax groups of K units,
// concatenated and L2-normalised. It holds the forward and backward passes,
// the batch-wide losses and Adam. Training runs here; serving runs the same
// maths exported to ONNX, and tests hold the two equal.
package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Config fixes the shape of a network.
type Config struct {
	Vocab     int   `json:"vocab"`      // embedding rows (kept hash buckets)
	EmbedDim  int   `json:"embed_dim"`  // width of an embedding row
	Hidden    []int `json:"hidden"`     // widths of the ReLU layers, may be empty
	Groups    int   `json:"groups"`     // G: softmax groups
	GroupSize int   `json:"group_size"` // K: units per group
}

// Dim is the width of the output vector, G·K.
func (c Config) Dim() int { return c.Groups * c.GroupSize }

// Validate reports a shape that cannot be built.
func (c Config) Validate() error {
	if c.Vocab <= 0 || c.EmbedDim <= 0 || c.Groups <= 0 || c.GroupSize <= 0 {
		return fmt.Errorf("nn: vocab, embed_dim, groups and group_size must be positive: %+v", c)
	}
	for _, h := range c.Hidden {
		if h <= 0 {
			return fmt.Errorf("nn: hidden widths must be positive: %v", c.Hidden)
		}
	}
	return nil
}

// widths lists every layer's width from the embedding to the logits.
func (c Config) widths() []int {
	w := append([]int{c.EmbedDim}, c.Hidden...)
	return append(w, c.Dim())
}

// Params are the trainable weights. W[l] is row-major [in][out] so that both
// the forward pass (a weighted sum of rows) and the weight gradient walk
// memory in order.
type Params struct {
	Config
	Embed []float32   // Vocab × EmbedDim
	W     [][]float32 // per layer, in × out
	B     [][]float32 // per layer, out
}

// New returns randomly initialised parameters: embeddings uniform in ±0.5
// (mean pooling shrinks them), dense layers He-initialised, biases zero.
func New(cfg Config, rng *rand.Rand) (*Params, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Params{Config: cfg, Embed: make([]float32, cfg.Vocab*cfg.EmbedDim)}
	for i := range p.Embed {
		p.Embed[i] = float32(rng.Float64() - 0.5)
	}
	w := cfg.widths()
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
	return p, nil
}

// Layers is the number of dense layers (hidden ones plus the output layer).
func (p *Params) Layers() int { return len(p.W) }

// LayerShape returns the input and output width of dense layer l.
func (p *Params) LayerShape(l int) (in, out int) {
	out = len(p.B[l])
	return len(p.W[l]) / out, out
}
