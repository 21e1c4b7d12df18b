package encoder

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// openShipped opens the embedded default model with the real ONNX Runtime
// library. It needs no training data.
func openShipped(tb testing.TB) *Encoder {
	tb.Helper()
	e, err := Open(Config{})
	if err != nil {
		tb.Fatalf("open shipped model: %v", err)
	}
	tb.Cleanup(func() { e.Close() })
	return e
}

// sampleTitles builds a few hundred varied job titles without any data file.
func sampleTitles() []string {
	seniority := []string{"", "Senior ", "junior ", "Lead ", "Trainee ", "HEAD OF "}
	jobs := []string{"nurse", "software developer", "Welder", "sales manager", "accountant",
		"truck driver", "chef", "teacher", "data analyst", "electrician", "marketing executive",
		"warehouse operative", "civil engineer", "receptionist", "pharmacist", "carpenter",
		"customer service advisor", "project manager", "graphic designer", "plumber",
		"C++ developer", "social worker", "HR business partner", "cleaner", "dental hygienist",
		"financial controller", "bus driver", "barista", "machine operator", "UX researcher",
		"Krankenpfleger", "développeur web", "physiotherapist", "security guard", "architect",
		"call centre agent", "bookkeeper", "forklift driver", "copywriter", "lab technician",
		"store manager", "waiter/waitress", "IT support (1st line)", "payroll clerk", "tutor",
		"veterinary nurse", "welder-fabricator", "chief executive officer", "cook", "editor"}
	var out []string
	for _, j := range jobs {
		for _, s := range seniority {
			out = append(out, s+j)
		}
	}
	return out
}

func TestShippedModelOpensAndDescribesItself(t *testing.T) {
	e := openShipped(t)
	if e.Dim() != e.Manifest().Network.Dim() || e.Dim() <= 0 {
		t.Fatalf("Dim() = %d", e.Dim())
	}
	if v := e.Version(); !strings.HasPrefix(v, e.Manifest().Name+"@") || len(v) < len(e.Manifest().Name)+13 {
		t.Errorf("Version() = %q, want name@hash", v)
	}
	if e.Manifest().Metrics == nil || e.Manifest().Training == nil {
		t.Error("shipped manifest lacks metrics or training record")
	}
}

func TestEncodeReturnsUnitVectorsAndConfidence(t *testing.T) {
	e := openShipped(t)
	titles := sampleTitles()
	embs, err := e.Encode(context.Background(), titles)
	if err != nil {
		t.Fatal(err)
	}
	if len(embs) != len(titles) {
		t.Fatalf("%d embeddings for %d titles", len(embs), len(titles))
	}
	for i, em := range embs {
		if len(em.Vector) != e.Dim() {
			t.Fatalf("title %d: %d dims", i, len(em.Vector))
		}
		var n float64
		for _, v := range em.Vector {
			n += float64(v) * float64(v)
		}
		if math.Abs(n-1) > 1e-4 {
			t.Errorf("title %q: squared length %v", titles[i], n)
		}
		if em.Confidence < 0 || em.Confidence > 1 || math.IsNaN(float64(em.Confidence)) {
			t.Errorf("title %q: confidence %v", titles[i], em.Confidence)
		}
	}
}

func TestEncodeReportsUnreadableTitles(t *testing.T) {
	e := openShipped(t)
	_, err := e.Encode(context.Background(), []string{"nurse", "", "welder", "--//!!", "a", "RN"})
	if !errors.Is(err, ErrUnreadableTitle) {
		t.Fatalf("err = %v, want ErrUnreadableTitle", err)
	}
	var te *TitleError
	if !errors.As(err, &te) || te.Index != 1 {
		t.Fatalf("err = %v, want a TitleError for index 1", err)
	}
	if !strings.Contains(err.Error(), "title 3") || !strings.Contains(err.Error(), "title 4") || strings.Contains(err.Error(), "title 5") {
		t.Errorf("error %q does not name exactly titles 1, 3 and 4 (a lone letter; \"RN\" is readable)", err)
	}
}

func TestEncodeIsSafeForConcurrentUse(t *testing.T) {
	e := openShipped(t)
	titles := sampleTitles()
	want, err := e.Encode(context.Background(), titles)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := g; i < len(titles); i += 8 {
				got, err := e.Encode(context.Background(), titles[i:i+1])
				if err != nil {
					errs <- err
					return
				}
				for k, v := range got[0].Vector {
					if math.Abs(float64(v-want[i].Vector[k])) > 1e-6 {
						errs <- fmt.Errorf("title %q dim %d: %v alone vs %v in a batch", titles[i], k, v, want[i].Vector[k])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestEncodeHonoursCancellation(t *testing.T) {
	e := openShipped(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Encode(ctx, []string{"nurse"}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestOpenRejectsModelThatDoesNotMatchItsManifest(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{ManifestFile, ModelFile, VocabFile} {
		b, err := os.ReadFile(filepath.Join("model", f))
		if err != nil {
			t.Fatal(err)
		}
		if f == VocabFile {
			b = b[:len(b)-4]
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Open(Config{ModelDir: dir})
	if err == nil || !strings.Contains(err.Error(), "manifest") {
		t.Fatalf("err = %v, want a manifest mismatch", err)
	}
	if _, err := Open(Config{ModelDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), ManifestFile) {
		t.Errorf("missing model: err = %v", err)
	}
}

func TestLibraryPathExplainsHowToGetTheLibrary(t *testing.T) {
	_, err := LibraryPath(filepath.Join(t.TempDir(), "libonnxruntime.so.1"))
	if err == nil || !strings.Contains(err.Error(), "scripts/fetch-ort.sh") {
		t.Errorf("err = %v, want a hint to run scripts/fetch-ort.sh", err)
	}
}
