package train

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
)

func tinyOptions(t *testing.T) Options {
	t.Helper()
	o := DefaultOptions()
	if m := dataset.Missing(o.DataDir, dataset.ESCOOccupationsFile, dataset.JobBERTValFile, dataset.MultilingualFile); len(m) > 0 {
		t.Skipf("training data dir %s lacks %v (set JOBMATCH_DATA_DIR to ../shared/data)", o.DataDir, m)
	}
	o.WithONET = false
	o.MaxClasses = 120
	o.EmbedDim, o.Hidden, o.Groups, o.GroupSize = 16, []int{32}, 2, 16
	o.Epochs, o.Batch, o.ValSample = 2, 32, 200
	return o
}

// TestTrainingIsDeterministicAndLearns trains a tiny model twice on a slice
// of ESCO: same seed, same curve; and the loss falls.
func TestTrainingIsDeterministicAndLearns(t *testing.T) {
	o := tinyOptions(t)
	var log bytes.Buffer
	a, err := Run(context.Background(), o, nil, &log)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), o, nil, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.History {
		if a.History[i].Loss != b.History[i].Loss || a.History[i].ValMRR != b.History[i].ValMRR {
			t.Fatalf("epoch %d differs between runs: %+v vs %+v", i+1, a.History[i], b.History[i])
		}
	}
	if h := a.History; h[len(h)-1].Loss >= h[0].Loss {
		t.Errorf("loss did not fall: %+v", h)
	}
	for _, want := range []string{"epoch 2/2", "val_mrr=", "pairs/s", "eta="} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("progress output lacks %q:\n%s", want, log.String())
		}
	}
}

// trainAndExport trains with o (and fb) and exports the model into a
// temporary directory; it returns the directory and the manifest's bytes.
func trainAndExport(t *testing.T, o Options, fb *dataset.FeedbackSplit, name string) (dir string, manifest []byte) {
	t.Helper()
	res, err := Run(context.Background(), o, fb, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	if err := Export(context.Background(), res, dir, name, false, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, encoder.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	return dir, raw
}

// TestExportWritesAServableModel exports a tiny model, opens it with ONNX
// Runtime and checks the manifest records data hashes, metrics and curve.
func TestExportWritesAServableModel(t *testing.T) {
	o := tinyOptions(t)
	o.Epochs = 1
	dir, raw := trainAndExport(t, o, nil, "tiny")
	var m encoder.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.Metrics == nil || !strings.HasPrefix(m.Metrics.Eval, "eval n=") || len(m.Training.Data) != 2 || len(m.Training.Data[0].SHA256) != 64 {
		t.Errorf("manifest incomplete: %s", raw)
	}
	if svg, err := os.ReadFile(filepath.Join(dir, encoder.CurveFile)); err != nil || !bytes.Contains(svg, []byte("<svg")) {
		t.Errorf("curve: %v", err)
	}
	enc, err := encoder.Open(encoder.Config{ModelDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	if enc.Dim() != 32 {
		t.Errorf("Dim() = %d, want 32", enc.Dim())
	}
}

// TestFallbackRegionsAgree checks that the network and the vocabulary split
// the fallback rows between unseen words and other features alike.
func TestFallbackRegionsAgree(t *testing.T) {
	for _, f := range []int{0, 1, 4, 8192, 8193} {
		if got, want := (encoder.Network{Fallback: f}).WordFallback(), features.WordFallbackRows(f); got != want {
			t.Errorf("fallback %d: network %d word rows, vocabulary %d", f, got, want)
		}
	}
}

// TestProgressRisesToOne: OnProgress hears the share of steps done after
// every step, rising to 1 at the end of the last epoch.
func TestProgressRisesToOne(t *testing.T) {
	o := tinyOptions(t)
	var seen []float64
	o.OnProgress = func(done float64) { seen = append(seen, done) }
	if _, err := Run(context.Background(), o, nil, io.Discard); err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 || seen[len(seen)-1] != 1 {
		t.Fatalf("progress ended at %v after %d calls, want 1", seen[len(seen)-1:], len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] <= seen[i-1] {
			t.Fatalf("progress went from %v to %v", seen[i-1], seen[i])
		}
	}
}
