package train

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/onnx"
)

// parityTitles are titles of every kind: known, noisy, abbreviated, other
// languages and words no model has seen.
var parityTitles = []string{"Registered Nurse", "Senior Backend Engineer (m/w/d)", "Pflegefachkraft", "Golang Developer",
	"ux designer", "Ingénieur logiciel", "Sr. Acct. Mgr.", "Kitchen Assistant - Breda", "qwxz blorf", "Data Scientist"}

// openEncoder opens the model in dir ("": the embedded one) and closes it
// when the test ends.
func openEncoder(t *testing.T, dir string) *encoder.Encoder {
	t.Helper()
	enc, err := encoder.Open(encoder.Config{ModelDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { enc.Close() })
	return enc
}

func encodeAll(t *testing.T, enc *encoder.Encoder, titles []string) []encoder.Embedding {
	t.Helper()
	es, err := enc.Encode(context.Background(), titles)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestStartExportsTheVectorsItWasLoadedFrom loads the embedded model into
// training parameters and exports them again without training: ONNX
// Runtime must give the same vectors and confidences, up to float16
// rounding, so a fine-tuning starts from exactly the model that serves.
func TestStartExportsTheVectorsItWasLoadedFrom(t *testing.T) {
	st, err := LoadStart("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	model := onnx.EncoderModel(st.Params).Marshal()
	vocab, _ := st.Vocab.MarshalBinary()
	m := *st.Manifest
	m.Files = map[string]string{encoder.ModelFile: sha(model), encoder.VocabFile: sha(vocab)}
	for name, b := range map[string][]byte{encoder.ModelFile: model, encoder.VocabFile: vocab} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeManifest(dir, &m); err != nil {
		t.Fatal(err)
	}
	want := encodeAll(t, openEncoder(t, ""), parityTitles)
	got := encodeAll(t, openEncoder(t, dir), parityTitles)
	for i, title := range parityTitles {
		if d := maxDiff(want[i].Vector, got[i].Vector); d > 1e-3 {
			t.Errorf("%q: vectors differ by up to %g", title, d)
		}
		if d := want[i].Confidence - got[i].Confidence; d > 1e-3 || d < -1e-3 {
			t.Errorf("%q: confidence %.5f, exported again %.5f", title, want[i].Confidence, got[i].Confidence)
		}
	}
}

func maxDiff(a, b []float32) float32 {
	var d float32
	for i := range a {
		d = max(d, a[i]-b[i], b[i]-a[i])
	}
	return d
}

// TestFineTuningKeepsTheModelServableAndLearns fine-tunes a tiny exported
// model on decisions: the result keeps its start's network, vocabulary and
// featurizer (so it can replace it), records where it started, and moves the
// judged good pair closer and the judged bad pair apart.
func TestFineTuningKeepsTheModelServableAndLearns(t *testing.T) {
	o := tinyOptions(t)
	o.Epochs = 1
	startDir, _ := trainAndExport(t, o, nil, "tiny")
	st, err := LoadStart(startDir)
	if err != nil {
		t.Fatal(err)
	}
	good := dataset.Judgement{Anchor: "Chef", Other: "Cook", Good: true}
	bad := dataset.Judgement{Anchor: "Teacher", Other: "Teaching Assistant"}
	other := dataset.Judgement{Anchor: "Teacher", Other: "Schoolteacher", Good: true}
	split, err := dataset.SplitByTime(judgements(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), 20, good, bad, other), dataset.FeedbackHeldOutShare)
	if err != nil {
		t.Fatal(err)
	}
	// A fine-tuning reads none of the from-scratch shape options.
	o.EmbedDim, o.Hidden, o.MaxRows, o.Fallback = 8, nil, 10, 64
	o.Start, o.Baseline = st, startDir
	o.FineTune = Schedule{Epochs: 2, Share: 0.5, LRScale: 0.5, FeedbackWeight: 8}
	dir, raw := trainAndExport(t, o, &split, "tiny-fine-tuned")
	m, err := encoder.ParseManifest(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !sameNetwork(m.Network, st.Manifest.Network) || m.Features != st.Manifest.Features {
		t.Errorf("fine-tuned network %+v features %+v, started from %+v %+v", m.Network, m.Features, st.Manifest.Network, st.Manifest.Features)
	}
	if m.Files[encoder.VocabFile] != st.Manifest.Files[encoder.VocabFile] {
		t.Error("the fine-tuned model's vocabulary differs from its start's")
	}
	if m.Training.FineTunedFrom != st.Manifest.Version() {
		t.Errorf("fine_tuned_from = %q, want %q", m.Training.FineTunedFrom, st.Manifest.Version())
	}
	if b := m.Metrics.Baseline; b == nil || b.Model != st.Manifest.Version() {
		t.Errorf("baseline = %+v, want the start %s", b, st.Manifest.Version())
	}
	sims := func(dir string) (goodSim, badSim float32) {
		es := encodeAll(t, openEncoder(t, dir), []string{good.Anchor, good.Other, bad.Anchor, bad.Other})
		return dotf(es[0].Vector, es[1].Vector), dotf(es[2].Vector, es[3].Vector)
	}
	goodBefore, badBefore := sims(startDir)
	goodAfter, badAfter := sims(dir)
	t.Logf("good pair %.3f → %.3f, bad pair %.3f → %.3f", goodBefore, goodAfter, badBefore, badAfter)
	if goodAfter <= goodBefore || badAfter >= badBefore {
		t.Errorf("fine-tuning did not follow the decisions: good pair %.3f → %.3f, bad pair %.3f → %.3f", goodBefore, goodAfter, badBefore, badAfter)
	}
}
