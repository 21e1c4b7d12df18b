// Package encoder turns job titles into vectors that lie close together when
// the titles name the same job, with a confidence per title. It serves a
// trained model (ONNX, run by ONNX Runtime) described by a manifest; the
// shipped default model is embedded in the binary, so the app never trains at
// start-up and works from any directory.
package encoder

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"

	"jobmatch/encoder/features"
)

// ManifestFormat is the version of the manifest layout; Open rejects others.
// Version 2 added fallback rows, weighted pooling, the confidence head and
// the calibration.
const ManifestFormat = 2

// File names inside a model directory.
const (
	ManifestFile = "manifest.json"
	ModelFile    = "model.onnx"
	VocabFile    = "vocab.bin"
	CurveFile    = "curve.svg"
)

// ModelFS returns the files of the model directory dir, or of the model
// built into the binary when dir is empty (as Config.ModelDir reads it).
func ModelFS(dir string) fs.FS {
	if dir == "" {
		return embeddedModel()
	}
	return os.DirFS(dir)
}

// Manifest describes a trained model: enough to serve it (featurizer and
// network shape, file hashes) and to reproduce and judge it (training data,
// options, metrics).
type Manifest struct {
	Format          int             `json:"format_version"`
	Name            string          `json:"name"`
	FeaturesVersion int             `json:"features_version"`
	Features        features.Config `json:"features"`
	Network         Network         `json:"network"`
	Opset           int             `json:"onnx_opset"`
	// Files maps each model file to its sha256 (hex). Open checks them, so a
	// manifest can never describe a model it does not belong to.
	Files    map[string]string `json:"files"`
	Training *TrainingRecord   `json:"training,omitempty"`
	Metrics  *Metrics          `json:"metrics,omitempty"`
	// Calibration turns similarities into probabilities (see Encoder.Score).
	Calibration *Calibration `json:"calibration"`
}

// TrainingRecord says how a model was made.
type TrainingRecord struct {
	Data      []DataFile      `json:"data"`
	Options   json.RawMessage `json:"options"`
	Classes   json.RawMessage `json:"classes"`
	Curve     json.RawMessage `json:"curve"`
	Seconds   float64         `json:"seconds"`
	TrainedAt string          `json:"trained_at"`
	GoVersion string          `json:"go_version"`
	// Feedback is the users' decisions the model learnt from (none: nil).
	Feedback *FeedbackData `json:"feedback,omitempty"`
	// FineTunedFrom is the Version of the model whose weights training
	// started from (empty: random weights).
	FineTunedFrom string `json:"fine_tuned_from,omitempty"`
}

// FeedbackData describes the users' decisions of a training run: those it
// trained on and the newest ones it held out to evaluate on. Times are
// RFC 3339; only titles, verdicts and times were read.
type FeedbackData struct {
	Good      int     `json:"good"` // judgements trained on, by verdict
	Bad       int     `json:"bad"`
	From      string  `json:"from"` // oldest and newest judgement trained on
	To        string  `json:"to"`
	Weight    float64 `json:"weight"` // times each judgement was drawn per epoch
	HeldOut   int     `json:"held_out"`
	HeldOutTo string  `json:"held_out_to"`
	// Cut is the time from which every judgement was held out.
	Cut string `json:"cut"`
}

// DataFile is one input file of training, identified by name and content.
type DataFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// Metrics are the exported model's scores on the JobBERT validation titles
// in the strict set-up (rank all ESCO occupations by their preferred label).
type Metrics struct {
	Eval string  `json:"eval"` // the `jobmatch eval` line
	MRR  float64 `json:"mrr"`
	R1   float64 `json:"r1"`
	R5   float64 `json:"r5"`
	R10  float64 `json:"r10"`
	// R@1 of the more and the less confident half of the titles: evidence
	// that Confidence predicts correctness.
	ConfidentHalfR1 float64 `json:"confident_half_r1"`
	UnsureHalfR1    float64 `json:"unsure_half_r1"`
	// Suites holds the `jobmatch eval` line of every evaluation suite.
	Suites []string `json:"suites,omitempty"`
	// Feedback is the score on the held-out users' decisions of a model
	// trained on feedback (see TrainingRecord.Feedback).
	Feedback *FeedbackMetrics `json:"feedback,omitempty"`
	// Baseline is the model a feedback-trained model was compared with, on
	// the same held-out decisions and suites: what a promotion weighs.
	Baseline *Baseline `json:"baseline,omitempty"`
}

// FeedbackMetrics are a model's precision at 10, MRR of the first good fit
// and share of rightly ordered (good, bad) pairs on held-out decision lists
// (defined in docs/encoder.md).
type FeedbackMetrics struct {
	Eval      string  `json:"eval"` // the line the train command prints
	Lists     int     `json:"lists"`
	P10       float64 `json:"p10"`
	MRR       float64 `json:"mrr"`
	PairOrder float64 `json:"pair_order"`
}

// Baseline is another model's scores on the same evaluation.
type Baseline struct {
	Model    string           `json:"model"` // its Version
	Suites   []string         `json:"suites,omitempty"`
	Feedback *FeedbackMetrics `json:"feedback,omitempty"`
}

// Version is the string stored next to every vector: the model name and a
// hash of its files. Vectors with another version must be re-encoded.
func (m *Manifest) Version() string {
	h := sha256.New()
	for _, f := range []string{ModelFile, VocabFile} {
		fmt.Fprintf(h, "%s=%s\n", f, m.Files[f])
	}
	return m.Name + "@" + hex.EncodeToString(h.Sum(nil))[:12]
}

// ParseManifest decodes and sanity-checks a manifest.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("encoder: parse manifest: %w", err)
	}
	if m.Format != ManifestFormat {
		return nil, fmt.Errorf("encoder: manifest format %d, this build reads %d", m.Format, ManifestFormat)
	}
	if m.FeaturesVersion != features.FormatVersion {
		return nil, fmt.Errorf("encoder: model was trained with featurizer v%d, this build has v%d", m.FeaturesVersion, features.FormatVersion)
	}
	if err := m.Features.Validate(); err != nil {
		return nil, fmt.Errorf("encoder: manifest: %w", err)
	}
	if err := m.Network.Validate(); err != nil {
		return nil, fmt.Errorf("encoder: manifest: %w", err)
	}
	if m.Calibration == nil {
		return nil, fmt.Errorf("encoder: manifest has no calibration")
	}
	if err := m.Calibration.Validate(); err != nil {
		return nil, fmt.Errorf("encoder: manifest: %w", err)
	}
	return &m, nil
}

// CheckFile verifies that data is the file the manifest names.
func (m *Manifest) CheckFile(name string, data []byte) error {
	want, ok := m.Files[name]
	if !ok {
		return fmt.Errorf("encoder: manifest lists no %s", name)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want {
		return fmt.Errorf("encoder: %s has sha256 %s but the manifest says %s (model and manifest do not match)", name, got[:12], want[:min(12, len(want))])
	}
	return nil
}
