// Package train fits the title encoder on ESCO (and O*NET) classes with a
// batch-wide contrastive loss, reporting validation MRR on the JobBERT
// titles as it goes.
package train

import (
	"fmt"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
)

// Options are every choice a run makes; they are recorded in the manifest so
// a model can be reproduced from it.
type Options struct {
	DataDir  string           `json:"-"` // not recorded: machine-specific
	WithONET bool             `json:"with_onet"`
	Link     dataset.LinkMode `json:"link"`
	// AddVal trains on the JobBERT validation titles too. Validation numbers
	// of such a run are not honest; never ship it.
	AddVal bool `json:"add_val,omitempty"`

	Features features.Config `json:"features"`
	MinCount int             `json:"min_count"` // titles a bucket must occur in to get a row

	EmbedDim  int   `json:"embed_dim"`
	Hidden    []int `json:"hidden"`
	Groups    int   `json:"groups"`
	GroupSize int   `json:"group_size"`

	Loss      string  `json:"loss"`       // softmax or hinge
	LossParam float64 `json:"loss_param"` // softmax scale or hinge margin
	Batch     int     `json:"batch"`
	Epochs    int     `json:"epochs"`
	LR        float64 `json:"lr"`
	EmbedLR   float64 `json:"embed_lr"`
	// PrefProb is the chance that an ESCO title's partner is its
	// occupation's preferred label rather than another label: evaluation
	// ranks preferred labels, so they deserve to be anchors.
	PrefProb float64 `json:"pref_prob"`
	// MaxAnchorsPerClass caps the pairs one class contributes per epoch so
	// that huge generic classes ("production workers, all other") do not
	// dominate.
	MaxAnchorsPerClass int    `json:"max_anchors_per_class"`
	ValSample          int    `json:"val_sample"` // validation titles scored after each epoch (0: all)
	Seed               uint64 `json:"seed"`
	Workers            int    `json:"workers"`
	// MaxClasses keeps only the first classes (tests train on a slice).
	MaxClasses int `json:"max_classes,omitempty"`

	// Languages are the other languages whose ESCO labels (less the held-out
	// share, see dataset.SplitMultilingual) join their occupation's class.
	Languages []string `json:"languages"`
	// MaxMultilingualAnchors caps the anchors in other languages one class
	// contributes per epoch (on top of MaxAnchorsPerClass English ones).
	MaxMultilingualAnchors int `json:"max_multilingual_anchors"`
	// AugmentProb is the chance that a side of a pair which is not a
	// preferred label is read with job-ad noise, abbreviations or a typo
	// (package augment).
	AugmentProb float64 `json:"augment_prob"`
	// UnseenProb is the share of trained rows that a step reads as if their
	// bucket had no row (the fallback row instead), chosen afresh each step
	// and alike for every title of the batch, so the network learns to use
	// words it never saw.
	UnseenProb float64 `json:"unseen_prob"`
	// Fallback is the number of fixed random rows for unseen buckets (0:
	// unseen buckets are dropped).
	Fallback int `json:"fallback"`
	// Linear uses a linear head (one group of Groups·GroupSize units, no
	// softmax) instead of the softmax groups.
	Linear bool `json:"linear,omitempty"`
	// MeanPooling keeps every pooling logit at zero: a plain mean of the
	// rows (for ablations).
	MeanPooling bool `json:"mean_pooling,omitempty"`
	// MaxRows caps the trained embedding rows, the most frequent buckets
	// first (0: no cap); it bounds the model's size.
	MaxRows int `json:"max_rows"`
	// OnProgress, when set, is told the share of training steps done as a
	// run goes (for a progress bar); not part of the recorded settings.
	OnProgress func(done float64) `json:"-"`
	// FeedbackWeight is how many times each of the users' judgements is
	// drawn per epoch, the fraction by chance (runs with feedback only).
	FeedbackWeight float64 `json:"feedback_weight,omitempty"`
	// Baseline is the model directory a feedback-trained model is compared
	// with at export (empty: the model built into the binary).
	Baseline string `json:"-"`
	// Start, when set, is the trained model a run fine-tunes with the
	// FineTune schedule instead of training a new network.
	Start *Start `json:"-"`
	// FineTune is the schedule of runs with a Start.
	FineTune Schedule `json:"fine_tune"`
}

// AllLanguages are the languages of the multilingual label file besides
// English.
var AllLanguages = []string{"bg", "cs", "da", "de", "es", "et", "fr", "hr", "hu", "it", "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"}

// DefaultFeedbackWeight is the weight of users' judgements among the
// ontology pairs that docs/encoder.md measured best.
const DefaultFeedbackWeight = 1

// DefaultOptions are the settings of the shipped model.
func DefaultOptions() Options {
	return Options{
		DataDir:            dataset.Dir(),
		WithONET:           true,
		Link:               dataset.LinkConstrained,
		Features:           features.DefaultConfig(),
		MinCount:           2,
		EmbedDim:           128,
		Hidden:             []int{256},
		Groups:             4,
		GroupSize:          128,
		Loss:               "softmax",
		LossParam:          20,
		Batch:              256,
		Epochs:             8,
		LR:                 1e-3,
		EmbedLR:            2e-2,
		PrefProb:           0.5,
		MaxAnchorsPerClass: 100,
		ValSample:          3000,
		Seed:               1,
		Workers:            2,

		Languages:              AllLanguages,
		MaxMultilingualAnchors: 40,
		AugmentProb:            0.8,
		UnseenProb:             0.1,
		Fallback:               8192,
		MaxRows:                110000,
		Linear:                 true,
		FineTune:               DefaultFineTune,
	}
}

func (o Options) network(vocab int) encoder.Network {
	c := encoder.Network{Vocab: vocab, EmbedDim: o.EmbedDim, Hidden: o.Hidden, Groups: o.Groups, GroupSize: o.GroupSize, Fallback: o.Fallback}
	if o.Linear {
		c.Groups, c.GroupSize, c.Linear = 1, o.Groups*o.GroupSize, true
	}
	return c
}

func (o Options) validate() error {
	if o.Batch < 2 || o.Epochs < 1 || o.LR <= 0 || o.EmbedLR <= 0 {
		return fmt.Errorf("train: batch ≥ 2, epochs ≥ 1 and positive learning rates needed: %+v", o)
	}
	if o.Fallback < 0 || o.UnseenProb < 0 || o.UnseenProb >= 1 || (o.Fallback == 0 && o.UnseenProb > 0) || o.AugmentProb < 0 || o.AugmentProb > 1 {
		return fmt.Errorf("train: fallback ≥ 0, unseen_prob in [0,1) (0 without fallback rows) and augment_prob in [0,1] needed: %+v", o)
	}
	if o.FeedbackWeight < 0 {
		return fmt.Errorf("train: feedback weight %v is negative", o.FeedbackWeight)
	}
	return o.Features.Validate()
}
