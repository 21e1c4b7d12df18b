package encoder

import (
	"context"
	"testing"

	"jobmatch/encoder/features"
)

// TestUnseenSharedWordBringsTitlesCloser checks the fallback rows: words the
// model never saw (made up here, and checked to have no trained rows) still
// count, so two titles sharing one are closer than the same titles with two
// different unseen words.
func TestUnseenSharedWordBringsTitlesCloser(t *testing.T) {
	e := openShipped(t)
	words := []string{"zorblax", "quindrel", "vextrom", "plonquist"}
	for _, w := range words {
		if e.knowsWord(w) {
			t.Fatalf("the model has a row for the word %q: pick a word it never saw", w)
		}
	}
	pairs := [][2]string{{"developer", "engineer"}, {"manager", "consultant"}, {"specialist", "technician"}}
	for _, p := range pairs {
		for i := 0; i+1 < len(words); i += 2 {
			shared, other := words[i], words[i+1]
			embs, err := e.Encode(context.Background(), []string{
				shared + " " + p[0], shared + " " + p[1], other + " " + p[1]})
			if err != nil {
				t.Fatal(err)
			}
			same, diff := cosine(embs[0].Vector, embs[1].Vector), cosine(embs[0].Vector, embs[2].Vector)
			if same <= diff {
				t.Errorf("%q vs %q: %.4f, not above %.4f with different unseen words", shared+" "+p[0], shared+" "+p[1], same, diff)
			}
		}
	}
}

// knowsWord says whether a word has a trained row as a whole word.
func (e *Encoder) knowsWord(word string) bool {
	return len(e.vocab.Rows(nil, []uint32{e.manifest.Features.WordBucket(features.Normalize(word))})) > 0
}
