package encoder

import (
	"context"
	"errors"
	"fmt"

	ort "github.com/yalue/onnxruntime_go"

	"jobmatch/encoder/features"
)

// scratch holds one call's reusable buffers.
type scratch struct {
	features features.Scratch
	flat     []int32
	offs     []int
	rows     [][]int32
	ids      []int64
	segs     []int64
	ones     []float32 // the batch input: a 1 per title
}

// Rows returns the embedding rows of each title, or an error naming every
// title that has none or is a lone character (each a *TitleError wrapping
// ErrUnreadableTitle).
func (e *Encoder) Rows(titles []string) ([][]int32, error) {
	rows := make([][]int32, len(titles))
	var errs []error
	var s features.Scratch
	for i, t := range titles {
		if norm := features.Normalize(t); readable(norm) {
			rows[i] = e.vocab.NormalizedRows(nil, e.manifest.Features, norm, e.manifest.Network.Fallback, &s)
		}
		if len(rows[i]) == 0 {
			errs = append(errs, &TitleError{Index: i, Title: t})
		}
	}
	return rows, errors.Join(errs...)
}

// Encode returns one embedding per title, in order. It is safe for
// concurrent use. If any title is unreadable, no embeddings are returned and
// the error (errors.Is ErrUnreadableTitle; errors.As *TitleError) names each
// such title.
func (e *Encoder) Encode(ctx context.Context, titles []string) ([]Embedding, error) {
	s, _ := e.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	defer e.scratch.Put(s)
	// All rows go into one flat buffer reused across calls; rows[i] are
	// views of it, cut once the buffer stops growing.
	s.flat, s.offs = s.flat[:0], append(s.offs[:0], 0)
	var errs []error
	for i, t := range titles {
		if norm := features.Normalize(t); readable(norm) {
			s.flat = e.vocab.NormalizedRows(s.flat, e.manifest.Features, norm, e.manifest.Network.Fallback, &s.features)
		}
		if len(s.flat) == s.offs[len(s.offs)-1] {
			errs = append(errs, &TitleError{Index: i, Title: t})
		}
		s.offs = append(s.offs, len(s.flat))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s.rows = s.rows[:0]
	for i := range titles {
		s.rows = append(s.rows, s.flat[s.offs[i]:s.offs[i+1]])
	}
	dim := e.Dim()
	vecs := make([]float32, len(titles)*dim)
	out := make([]Embedding, len(titles))
	for lo := 0; lo < len(titles); lo += e.maxBatch {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hi := min(lo+e.maxBatch, len(titles))
		conf := make([]float32, hi-lo)
		if err := e.run(s, s.rows[lo:hi], vecs[lo*dim:hi*dim], conf); err != nil {
			return nil, err
		}
		for i := lo; i < hi; i++ {
			out[i] = Embedding{Vector: vecs[i*dim : (i+1)*dim : (i+1)*dim], Confidence: conf[i-lo]}
		}
	}
	return out, nil
}

// run feeds one batch to ONNX Runtime in the embedding-bag-with-offsets
// layout and writes the outputs into vecs (B × Dim) and conf (B).
func (e *Encoder) run(s *scratch, rows [][]int32, vecs, conf []float32) error {
	s.ids, s.segs, s.ones = s.ids[:0], s.segs[:0], s.ones[:0]
	for i, r := range rows {
		for _, id := range r {
			s.ids = append(s.ids, int64(id))
			s.segs = append(s.segs, int64(i))
		}
		s.ones = append(s.ones, 1)
	}
	b, n := int64(len(rows)), int64(len(s.ids))
	ids, err := ort.NewTensor(ort.NewShape(n), s.ids)
	if err != nil {
		return fmt.Errorf("encoder: ids tensor: %w", err)
	}
	defer ids.Destroy()
	segs, err := ort.NewTensor(ort.NewShape(n, 1), s.segs)
	if err != nil {
		return fmt.Errorf("encoder: segments tensor: %w", err)
	}
	defer segs.Destroy()
	batch, err := ort.NewTensor(ort.NewShape(b, 1), s.ones)
	if err != nil {
		return fmt.Errorf("encoder: batch tensor: %w", err)
	}
	defer batch.Destroy()
	vt, err := ort.NewTensor(ort.NewShape(b, int64(e.Dim())), vecs)
	if err != nil {
		return fmt.Errorf("encoder: output tensor: %w", err)
	}
	defer vt.Destroy()
	ct, err := ort.NewTensor(ort.NewShape(b), conf)
	if err != nil {
		return fmt.Errorf("encoder: output tensor: %w", err)
	}
	defer ct.Destroy()
	if err := e.session.Run([]ort.Value{ids, segs, batch}, []ort.Value{vt, ct}); err != nil {
		return fmt.Errorf("encoder: run ONNX Runtime: %w", err)
	}
	return nil
}

// Readable says whether a title has anything the model can read (Encode
// fails with ErrUnreadableTitle for titles where it is false).
func (e *Encoder) Readable(title string) bool {
	return readable(features.Normalize(title))
}

// readable says whether a normalised title has at least two characters
// besides spaces: a lone letter or digit names no job, and the model would
// read it as a common word with full confidence.
func readable(norm string) bool {
	n := 0
	for _, r := range norm {
		if r != ' ' {
			n++
		}
	}
	return n >= 2
}
