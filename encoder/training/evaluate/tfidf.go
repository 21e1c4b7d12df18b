package evaluate

import (
	"math"

	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
)

// TFIDF is the character-3-gram TF-IDF baseline: titles are normalised like
// the encoder's input, padded with a space at both ends, and cut into
// 3-grams; IDF comes from the candidate set (smoothed, as in scikit-learn),
// vectors are L2-normalised, and grams unseen among candidates are ignored.
type TFIDF struct {
	idf      map[string]float64
	postings map[string][]posting
	n        int
}

type posting struct {
	cand   int
	weight float64
}

// NewTFIDF indexes the candidate texts.
func NewTFIDF(cands []string) *TFIDF {
	t := &TFIDF{idf: map[string]float64{}, postings: map[string][]posting{}, n: len(cands)}
	df := map[string]int{}
	counts := make([]map[string]int, len(cands))
	for i, c := range cands {
		counts[i] = grams(c)
		for g := range counts[i] {
			df[g]++
		}
	}
	for g, d := range df {
		t.idf[g] = math.Log(float64(1+t.n)/float64(1+d)) + 1
	}
	for i, cnt := range counts {
		for g, w := range t.weights(cnt) {
			t.postings[g] = append(t.postings[g], posting{i, w})
		}
	}
	return t
}

func grams(text string) map[string]int {
	r := []rune(" " + features.Normalize(text) + " ")
	out := map[string]int{}
	for i := 0; i+3 <= len(r); i++ {
		out[string(r[i:i+3])]++
	}
	return out
}

func (t *TFIDF) weights(cnt map[string]int) map[string]float64 {
	w := map[string]float64{}
	var norm float64
	for g, c := range cnt {
		if idf, ok := t.idf[g]; ok {
			w[g] = float64(c) * idf
			norm += w[g] * w[g]
		}
	}
	norm = math.Sqrt(norm)
	for g := range w {
		w[g] /= norm
	}
	return w
}

// Scorer scores queries (raw titles) against the indexed candidates by
// cosine; a title sharing no gram with any candidate scores 0 everywhere.
func (t *TFIDF) Scorer(queries []string) Scorer {
	return func(q int, out []float32) {
		clear(out)
		for g, w := range t.weights(grams(queries[q])) {
			for _, p := range t.postings[g] {
				out[p.cand] += float32(w * p.weight)
			}
		}
	}
}

// TFIDFRank ranks the candidate texts for each query text with the TF-IDF
// baseline (IDF from cands); targets are as in Rank.
func TFIDFRank(queries, cands []string, targets []int, workers int) ([]Outcome, Metrics) {
	return Rank(len(queries), len(cands), targets, NewTFIDF(cands).Scorer(queries), workers)
}

// TFIDFJobBERT scores the TF-IDF baseline on the JobBERT task in the same
// set-up as the encoder (candidates are preferred labels only).
func TFIDFJobBERT(titles []dataset.LabeledTitle, occs []dataset.Occupation, workers int) (Metrics, error) {
	t, cands, err := jobbertTask(titles, occs)
	if err != nil {
		return Metrics{}, err
	}
	_, m := TFIDFRank(t.queries, cands, t.targets, workers)
	return m, nil
}
