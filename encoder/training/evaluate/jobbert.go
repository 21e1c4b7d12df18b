package evaluate

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
)

// TitleEncoder is what the evaluation needs from an encoder.
type TitleEncoder interface {
	Encode(ctx context.Context, titles []string) ([]encoder.Embedding, error)
	Dim() int
}

// Report is the result of the JobBERT task for one encoder.
type Report struct {
	Metrics
	// ConfidentHalfR1 and UnsureHalfR1 are R@1 of the titles above and
	// below the median confidence: if confidence means anything, the first is
	// clearly higher.
	ConfidentHalfR1 float64
	UnsureHalfR1    float64
	Unreadable      int // titles the encoder could not read (counted as misses)
}

// JobBERT ranks every ESCO occupation by the cosine of its preferred label to
// each title and scores where the tagged occupation lands.
func JobBERT(ctx context.Context, enc TitleEncoder, titles []dataset.LabeledTitle, occs []dataset.Occupation, workers int) (Report, error) {
	t, cands, err := jobbertTask(titles, occs)
	if err != nil {
		return Report{}, err
	}
	cv, _, _, err := encodeAll(ctx, enc, cands)
	if err != nil {
		return Report{}, err
	}
	r, err := rankEncoded(ctx, enc, t.queries, t.targets, cv, len(cands), workers)
	if err != nil {
		return Report{}, err
	}
	return Report{Metrics: r.Metrics, ConfidentHalfR1: r.ConfidentHalfR1, UnsureHalfR1: r.UnsureHalfR1, Unreadable: r.Unreadable}, nil
}

// jobbertTask makes the strict JobBERT task: the titles are the queries, the
// occupations' preferred labels (returned, in occs order) the candidates.
// A title naming an occupation missing from occs is an error: the files do
// not belong together.
func jobbertTask(titles []dataset.LabeledTitle, occs []dataset.Occupation) (*task, []string, error) {
	prefs := make([]string, len(occs))
	byURI := make(map[string]int, len(occs))
	for i, o := range occs {
		prefs[i], byURI[o.URI] = o.Preferred, i
	}
	t := &task{cands: "en", queries: make([]string, len(titles)), targets: make([]int, len(titles))}
	for i, lt := range titles {
		c, ok := byURI[lt.ConceptURI]
		if !ok {
			return nil, nil, fmt.Errorf("evaluate: title %q names occupation %s, not in the occupations file", lt.Title, lt.ConceptURI)
		}
		t.queries[i], t.targets[i] = lt.Title, c
	}
	return t, prefs, nil
}

// splitByConfidence returns R@1 of the more and the less confident half.
func splitByConfidence(out []Outcome, conf []float32) (float64, float64) {
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return conf[idx[a]] > conf[idx[b]] })
	half := len(idx) / 2
	var hi, lo float64
	for k, i := range idx {
		if k < half {
			hi += out[i].R1
		} else {
			lo += out[i].R1
		}
	}
	return hi / float64(max(half, 1)), lo / float64(max(len(idx)-half, 1))
}

// encodeAll encodes texts in batches; an unreadable text gets a zero vector,
// confidence 0 and ok=false instead of failing the run.
func encodeAll(ctx context.Context, enc TitleEncoder, texts []string) ([]float32, []float32, []bool, error) {
	dim := enc.Dim()
	vecs := make([]float32, len(texts)*dim)
	conf := make([]float32, len(texts))
	ok := make([]bool, len(texts))
	const batch = 256
	for lo := 0; lo < len(texts); lo += batch {
		hi := min(lo+batch, len(texts))
		embs, err := enc.Encode(ctx, texts[lo:hi])
		if errors.Is(err, encoder.ErrUnreadableTitle) {
			embs = make([]encoder.Embedding, hi-lo)
			for i := lo; i < hi; i++ {
				one, err := enc.Encode(ctx, texts[i:i+1])
				if err == nil {
					embs[i-lo] = one[0]
				} else if !errors.Is(err, encoder.ErrUnreadableTitle) {
					return nil, nil, nil, err
				}
			}
		} else if err != nil {
			return nil, nil, nil, err
		}
		for i, e := range embs {
			if e.Vector != nil {
				copy(vecs[(lo+i)*dim:], e.Vector)
				conf[lo+i], ok[lo+i] = e.Confidence, true
			}
		}
	}
	return vecs, conf, ok, nil
}
