package encoder_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
)

// TestGibberishGetsLowConfidence checks that confidence means "the model
// recognised this title": made-up strings, digits and titles made only of
// words never seen in training score below the 5th percentile of the
// JobBERT validation titles' confidences.
func TestGibberishGetsLowConfidence(t *testing.T) {
	dir := dataset.Dir()
	if m := dataset.Missing(dir, dataset.JobBERTValFile); len(m) > 0 {
		t.Skipf("%s lacks %v: the 5th percentile comes from the validation titles (set JOBMATCH_DATA_DIR)", dir, m)
	}
	val, err := dataset.LoadLabeledTitles(filepath.Join(dir, dataset.JobBERTValFile))
	if err != nil {
		t.Fatal(err)
	}
	e := encoder.OpenShipped(t)
	var titles []string
	for _, v := range val {
		if e.Readable(v.Title) {
			titles = append(titles, v.Title)
		}
	}
	embs, err := e.Encode(context.Background(), titles)
	if err != nil {
		t.Fatal(err)
	}
	conf := make([]float32, len(embs))
	for i, em := range embs {
		conf[i] = em.Confidence
	}
	slices.Sort(conf)
	p5 := conf[len(conf)/20]
	gibberish := []string{"asdfghjkl", "qwertzuiop", "1234", "000000", "xkcd qzvb", "zorblax quindrel", "jjjjjj", "lkjhg poiuz"}
	got, err := e.Encode(context.Background(), gibberish)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range got {
		if g.Confidence >= p5 {
			t.Errorf("%q: confidence %.4f, not below the validation titles' 5th percentile %.4f", gibberish[i], g.Confidence, p5)
		}
	}
	t.Logf("validation titles: 5th percentile %.4f, median %.4f", p5, conf[len(conf)/2])
}
