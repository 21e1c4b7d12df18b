package encoder

import "fmt"

// Network is the shape of a trained network, as the manifest records it:
// enough to check a model's files against each other and to size vectors.
// Training (encoder/training/nn) builds networks of this shape.
type Network struct {
	Vocab     int   `json:"vocab"`      // trained embedding rows (kept hash buckets)
	EmbedDim  int   `json:"embed_dim"`  // width of an embedding row
	Hidden    []int `json:"hidden"`     // widths of the ReLU layers, may be empty
	Groups    int   `json:"groups"`     // G: softmax groups
	GroupSize int   `json:"group_size"` // K: units per group
	// Fallback is the number of fixed random rows after the trained ones.
	// A feature whose bucket has no trained row reads the fallback row its
	// bucket hashes to, so two titles sharing a word the model never saw
	// still share input (see features.Vocab.RowsWithFallback).
	Fallback int `json:"fallback"`
	// Linear replaces the softmax groups by the plain output layer: the
	// vector is the L2-normalised logits (Groups must then be 1).
	Linear bool `json:"linear,omitempty"`
}

// Dim is the width of the output vector, G·K.
func (c Network) Dim() int { return c.Groups * c.GroupSize }

// WordFallback is how many of the fallback rows serve whole words the model
// never saw (the first ones); it equals features.WordFallbackRows.
func (c Network) WordFallback() int { return c.Fallback / 4 }

// Rows is the number of embedding rows, trained and fallback.
func (c Network) Rows() int { return c.Vocab + c.Fallback }

// Validate reports a shape that cannot be built.
func (c Network) Validate() error {
	if c.Vocab <= 0 || c.EmbedDim <= 0 || c.Groups <= 0 || c.GroupSize <= 0 || c.Fallback < 0 {
		return fmt.Errorf("encoder: network vocab, embed_dim, groups and group_size must be positive, fallback not negative: %+v", c)
	}
	for _, h := range c.Hidden {
		if h <= 0 {
			return fmt.Errorf("encoder: network hidden widths must be positive: %v", c.Hidden)
		}
	}
	if c.Linear && c.Groups != 1 {
		return fmt.Errorf("encoder: network a linear head has one group, not %d", c.Groups)
	}
	return nil
}

// Names of the title encoder graph's inputs and outputs: the contract
// between the exported ONNX model and the session that runs it.
const (
	// InputIDs holds the embedding rows of all titles of a batch, flat
	// (int64 [N]).
	InputIDs = "ids"
	// InputSegments holds, for each id, the index of its title (int64
	// [N, 1], the layout ScatterND wants).
	InputSegments = "segments"
	// InputBatch holds a 1 per title (float32 [B, 1]): it fixes the batch
	// size B for the graph.
	InputBatch = "batch"
	// OutputEmbedding is the L2-normalised vector (float32 [B, G·K]).
	OutputEmbedding = "embedding"
	// OutputConfidence is the confidence head's output in (0,1) (float32
	// [B]): see Embedding.Confidence.
	OutputConfidence = "confidence"
)
