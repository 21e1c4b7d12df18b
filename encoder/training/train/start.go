package train

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/nn"
	"jobmatch/encoder/training/onnx"
)

// Start is a trained model a run fine-tunes instead of starting from random
// weights: its weights as ONNX Runtime serves them (the embedding widened
// from float16), its vocabulary and its manifest. A fine-tuned model keeps
// the start's featurizer, vocabulary and network shape.
type Start struct {
	Params   *nn.Params
	Vocab    *features.Vocab
	Manifest *encoder.Manifest
}

// LoadStart reads the model directory dir (empty: the model built into the
// binary) back into training parameters.
func LoadStart(dir string) (*Start, error) {
	fsys := encoder.ModelFS(dir)
	where := dir
	if where == "" {
		where = "the embedded model"
	}
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("train: start from %s: %w", where, err)
		}
		return b, nil
	}
	raw, err := read(encoder.ManifestFile)
	if err != nil {
		return nil, err
	}
	m, err := encoder.ParseManifest(raw)
	if err != nil {
		return nil, err
	}
	model, err := read(encoder.ModelFile)
	if err != nil {
		return nil, err
	}
	vb, err := read(encoder.VocabFile)
	if err != nil {
		return nil, err
	}
	for name, b := range map[string][]byte{encoder.ModelFile: model, encoder.VocabFile: vb} {
		if err := m.CheckFile(name, b); err != nil {
			return nil, err
		}
	}
	vocab, err := features.ParseVocab(vb, m.Features.Buckets)
	if err != nil {
		return nil, err
	}
	p, err := onnx.LoadParams(model)
	if err != nil {
		return nil, fmt.Errorf("train: start from %s: %w", where, err)
	}
	if !sameNetwork(p.Network, m.Network) || vocab.Len() != p.Vocab {
		return nil, fmt.Errorf("train: start from %s: the model's network %+v (vocabulary %d rows) is not its manifest's %+v",
			where, p.Network, vocab.Len(), m.Network)
	}
	return &Start{Params: p, Vocab: vocab, Manifest: m}, nil
}

func sameNetwork(a, b encoder.Network) bool {
	return a.Vocab == b.Vocab && a.EmbedDim == b.EmbedDim && slices.Equal(a.Hidden, b.Hidden) &&
		a.Groups == b.Groups && a.GroupSize == b.GroupSize && a.Fallback == b.Fallback && a.Linear == b.Linear
}

// Schedule is how a run that starts from a trained model (Options.Start)
// trains: few steps at a low learning rate, so the decisions move the
// model without undoing what the ontology taught it.
type Schedule struct {
	Epochs int `json:"epochs"`
	// Share is the share of an epoch's ontology pairs drawn (at most 1): a
	// reminder of the ontology beside the decisions.
	Share float64 `json:"share"`
	// LRScale multiplies LR and EmbedLR.
	LRScale float64 `json:"lr_scale"`
	// FeedbackWeight replaces Options.FeedbackWeight.
	FeedbackWeight float64 `json:"feedback_weight"`
}

// DefaultFineTune is the schedule docs/encoder.md measured on the demo's
// held-out decisions.
var DefaultFineTune = Schedule{Epochs: 1, Share: 0.5, LRScale: 0.05, FeedbackWeight: 4}

func (s Schedule) validate() error {
	if s.Epochs < 1 || s.Share <= 0 || s.Share > 1 || s.LRScale <= 0 || s.FeedbackWeight < 0 {
		return fmt.Errorf("train: a fine-tuning needs epochs ≥ 1, share in (0,1], a positive learning-rate scale and a weight ≥ 0: %+v", s)
	}
	return nil
}

// fineTuned returns the options a run from st trains with: the start's
// featurizer and network shape, and the fine-tuning schedule in place of
// the epochs, learning rates and feedback weight.
func (o Options) fineTuned(st *Start) Options {
	n := st.Params.Network
	o.Features = st.Manifest.Features
	o.EmbedDim, o.Hidden, o.Fallback, o.Linear = n.EmbedDim, slices.Clone(n.Hidden), n.Fallback, n.Linear
	o.Groups, o.GroupSize = n.Groups, n.GroupSize
	if n.Linear {
		o.Groups, o.GroupSize = 1, n.Dim()
	}
	o.MaxRows = n.Vocab
	o.Epochs = o.FineTune.Epochs
	o.LR *= o.FineTune.LRScale
	o.EmbedLR *= o.FineTune.LRScale
	o.FeedbackWeight = o.FineTune.FeedbackWeight
	return o
}

// share keeps the first share of pairs (already shuffled), at least one
// batch.
func share(pairs []pair, s float64, batch int) []pair {
	if s >= 1 {
		return pairs
	}
	return pairs[:min(len(pairs), max(int(s*float64(len(pairs))), batch))]
}

// vocabFor returns the vocabulary a run trains: the start's, or one built
// from the titles.
func vocabFor(o Options, clean, varied []string) (*features.Vocab, error) {
	if o.Start != nil {
		return o.Start.Vocab, nil
	}
	return features.BuildVocab(o.Features, o.MinCount, o.MaxRows, clean, varied)
}

// paramsFor returns the weights a run starts from: a copy of the start's,
// or random ones.
func paramsFor(o Options, vocab *features.Vocab, rng *rand.Rand) (*nn.Params, error) {
	if o.Start == nil {
		return nn.New(o.network(vocab.Len()), rng)
	}
	return o.Start.Params.Clone(), nil
}
