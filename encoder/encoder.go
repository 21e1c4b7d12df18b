package encoder

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"

	ort "github.com/yalue/onnxruntime_go"

	"jobmatch/encoder/features"
)

// Config says which model to serve and where ONNX Runtime is.
type Config struct {
	// ModelDir holds manifest.json, model.onnx and vocab.bin. Empty means
	// the default model embedded in the binary (a copy of encoder/model).
	ModelDir string
	// LibraryPath is the ONNX Runtime shared library. Empty means
	// $ONNXRUNTIME_LIB, else the cache of scripts/fetch-ort.sh.
	LibraryPath string
	// MaxBatch bounds the titles per ONNX Runtime call (0: 256) so that a
	// huge request cannot allocate without limit; larger inputs are split.
	MaxBatch int
}

// Embedding is one title's vector and how sure the model is about it.
type Embedding struct {
	// Vector has Dim() entries and unit length: cosine similarity is a dot
	// product.
	Vector []float32
	// Confidence in (0,1) says whether the model recognised the title: it
	// estimates the chance that the title's nearest occupation is the right
	// one, from how much of the title the model knows, how strongly those
	// words name a job, and how decided the output is. Made-up strings and
	// titles of words never seen in training score lowest (docs/encoder.md).
	Confidence float32
}

// ErrUnreadableTitle means a title has nothing the model can read: it is
// empty, all punctuation, or a lone character. (Words never seen in training
// are read through fallback rows, with a low confidence.) The caller should say "cannot read
// this title" rather than match on a meaningless vector.
var ErrUnreadableTitle = errors.New("encoder: title has no readable words")

// TitleError says which title of a batch was unreadable; it unwraps to
// ErrUnreadableTitle.
type TitleError struct {
	Index int
	Title string
}

func (e *TitleError) Error() string {
	return fmt.Sprintf("encoder: title %d (%q) has no words the model can read", e.Index, e.Title)
}

// Unwrap lets errors.Is(err, ErrUnreadableTitle) hold.
func (e *TitleError) Unwrap() error { return ErrUnreadableTitle }

// Encoder encodes titles with one ONNX Runtime session, shared by all
// goroutines (a session is safe for concurrent Run).
type Encoder struct {
	manifest *Manifest
	vocab    *features.Vocab
	model    []byte
	session  *ort.DynamicAdvancedSession
	maxBatch int
	version  string
	scratch  sync.Pool
	close    sync.Once
	closeErr error
}

// Open loads a model and starts its ONNX Runtime session. Creating a session
// costs tens of milliseconds: open once, share the Encoder.
func Open(cfg Config) (*Encoder, error) {
	fsys := ModelFS(cfg.ModelDir)
	where := cfg.ModelDir
	if where == "" {
		where = "embedded model"
	}
	e, err := load(fsys)
	if err != nil {
		return nil, fmt.Errorf("%w (model: %s)", err, where)
	}
	lib, err := LibraryPath(cfg.LibraryPath)
	if err != nil {
		return nil, err
	}
	if err := acquireRuntime(lib); err != nil {
		return nil, err
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		releaseRuntime()
		return nil, fmt.Errorf("encoder: session options: %w", err)
	}
	defer opts.Destroy()
	// One intra-op thread was faster than two for a model this small on a
	// 2-core machine; parallelism comes from concurrent Encode calls.
	err = opts.SetIntraOpNumThreads(1)
	if err == nil {
		err = opts.SetInterOpNumThreads(1)
	}
	if err != nil {
		releaseRuntime()
		return nil, fmt.Errorf("encoder: session threads: %w", err)
	}
	e.session, err = ort.NewDynamicAdvancedSessionWithONNXData(e.model,
		[]string{InputIDs, InputSegments, InputBatch},
		[]string{OutputEmbedding, OutputConfidence}, opts)
	if err != nil {
		releaseRuntime()
		return nil, fmt.Errorf("encoder: create ONNX Runtime session for %s: %w", where, err)
	}
	e.maxBatch = cfg.MaxBatch
	if e.maxBatch <= 0 {
		e.maxBatch = 256
	}
	return e, nil
}

// load reads and cross-checks the model files.
func load(fsys fs.FS) (*Encoder, error) {
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("encoder: read %s: %w", name, err)
		}
		return b, nil
	}
	raw, err := read(ManifestFile)
	if err != nil {
		return nil, err
	}
	m, err := ParseManifest(raw)
	if err != nil {
		return nil, err
	}
	e := &Encoder{manifest: m, version: m.Version()}
	if e.model, err = read(ModelFile); err != nil {
		return nil, err
	}
	if err := m.CheckFile(ModelFile, e.model); err != nil {
		return nil, err
	}
	vb, err := read(VocabFile)
	if err != nil {
		return nil, err
	}
	if err := m.CheckFile(VocabFile, vb); err != nil {
		return nil, err
	}
	if e.vocab, err = features.ParseVocab(vb, m.Features.Buckets); err != nil {
		return nil, err
	}
	if e.vocab.Len() != m.Network.Vocab {
		return nil, fmt.Errorf("encoder: vocabulary has %d rows, network %d", e.vocab.Len(), m.Network.Vocab)
	}
	return e, nil
}

// Close ends the session; the Encoder must not be used afterwards.
func (e *Encoder) Close() error {
	e.close.Do(func() {
		e.closeErr = e.session.Destroy()
		if err := releaseRuntime(); e.closeErr == nil {
			e.closeErr = err
		}
	})
	return e.closeErr
}

// Dim is the length of every vector.
func (e *Encoder) Dim() int { return e.manifest.Network.Dim() }

// Version identifies the model (name and hash of its files). Store it with
// each vector: when it changes, stored vectors must be re-encoded.
func (e *Encoder) Version() string { return e.version }

// Score is the calibrated probability that two titles whose vectors have
// cosine similarity sim name the same occupation.
func (e *Encoder) Score(sim float32) float32 { return e.manifest.Calibration.Score(sim) }

// Manifest returns the loaded model's manifest (do not modify it).
func (e *Encoder) Manifest() *Manifest { return e.manifest }
