package train

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/evaluate"
	"jobmatch/encoder/training/onnx"
)

// Export writes the model directory (model.onnx, vocab.bin, manifest.json,
// curve.svg), then opens it with ONNX Runtime and scores it on the full
// JobBERT validation set, so the manifest's metrics are those of the exact
// float16 model that ships, not of the float32 weights in memory.
//
// With allSuites it also scores every evaluation suite (about a minute) and
// records their lines. A model trained on feedback is also scored on the
// held-out decisions, and so is the baseline model it is compared with
// (Options.Baseline), on those and, with allSuites, on every suite.
func Export(ctx context.Context, res *Result, dir, name string, allSuites bool, progress io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	model := onnx.EncoderModel(res.Params).Marshal()
	vocab, _ := res.Vocab.MarshalBinary()
	man := &encoder.Manifest{
		Format:          encoder.ManifestFormat,
		Name:            name,
		FeaturesVersion: features.FormatVersion,
		Features:        res.Options.Features,
		Network:         res.Params.Network,
		Opset:           onnx.Opset,
		Files:           map[string]string{encoder.ModelFile: sha(model), encoder.VocabFile: sha(vocab)},
		Calibration:     res.Calibration,
	}
	rec, err := trainingRecord(res)
	if err != nil {
		return err
	}
	man.Training = rec
	for _, f := range []struct {
		name string
		data []byte
	}{{encoder.ModelFile, model}, {encoder.VocabFile, vocab}, {encoder.CurveFile, curveSVG(res.History)}} {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("train: write %s: %w", f.name, err)
		}
	}
	if err := writeManifest(dir, man); err != nil {
		return err
	}
	fmt.Fprintf(progress, "wrote %s (model %.1f MB, %d embedding rows)\n", dir, float64(len(model))/1e6, res.Vocab.Len())

	enc, err := encoder.Open(encoder.Config{ModelDir: dir})
	if err != nil {
		return err
	}
	defer enc.Close()
	src, err := dataset.Load(res.Options.DataDir, false)
	if err != nil {
		return err
	}
	rep, err := evaluate.JobBERT(ctx, enc, src.Val, src.ESCO, res.Options.Workers)
	if err != nil {
		return err
	}
	man.Metrics = &encoder.Metrics{Eval: rep.Metrics.String(), MRR: rep.MRR, R1: rep.R1, R5: rep.R5, R10: rep.R10,
		ConfidentHalfR1: rep.ConfidentHalfR1, UnsureHalfR1: rep.UnsureHalfR1}
	fmt.Fprintln(progress, rep.Metrics.String())
	fmt.Fprintf(progress, "confidence: r1 of the more confident half %.4f, less confident half %.4f; unreadable titles %d\n",
		rep.ConfidentHalfR1, rep.UnsureHalfR1, rep.Unreadable)
	var base *encoder.Encoder
	if res.Feedback != nil {
		if base, err = encoder.Open(encoder.Config{ModelDir: res.Options.Baseline}); err != nil {
			return err
		}
		defer base.Close()
		if err := scoreFeedback(ctx, res.Feedback.HeldOut, enc, base, man.Metrics, progress); err != nil {
			return err
		}
	}
	// Every evaluation suite, so a manifest can be compared with another on
	// all of them (without the TF-IDF baseline: it does not depend on the
	// model).
	if !allSuites {
		return writeManifest(dir, man)
	}
	data, err := evaluate.LoadSuiteData(res.Options.DataDir)
	if err != nil {
		return err
	}
	suites, err := evaluate.Suites(ctx, enc, data, nil, res.Options.Workers)
	if err != nil {
		return err
	}
	for _, s := range suites {
		line := s.Format(nil)
		man.Metrics.Suites = append(man.Metrics.Suites, line)
		fmt.Fprintln(progress, line)
	}
	if base != nil {
		if err := baselineSuites(ctx, base, data, res.Options.Workers, man.Metrics, progress); err != nil {
			return err
		}
	}
	return writeManifest(dir, man)
}

func trainingRecord(res *Result) (*encoder.TrainingRecord, error) {
	opts, err := json.Marshal(res.Options)
	if err != nil {
		return nil, err
	}
	classes, _ := json.Marshal(res.Classes)
	curve, _ := json.Marshal(res.History)
	rec := &encoder.TrainingRecord{Options: opts, Classes: classes, Curve: curve, Seconds: res.Seconds,
		TrainedAt: time.Now().UTC().Format(time.RFC3339), GoVersion: runtime.Version()}
	if res.Feedback != nil {
		rec.Feedback = feedbackRecord(res.Feedback, res.Options.FeedbackWeight)
	}
	if res.Options.Start != nil {
		rec.FineTunedFrom = res.Options.Start.Manifest.Version()
	}
	names := []string{dataset.ESCOOccupationsFile, dataset.MultilingualFile}
	if res.Options.WithONET {
		names = append(names, dataset.ONETOccupationsFile, dataset.ONETAlternateFile, dataset.ONETReportedFile)
	}
	if res.Options.AddVal {
		names = append(names, dataset.JobBERTValFile)
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(res.Options.DataDir, n))
		if err != nil {
			return nil, fmt.Errorf("train: hash data file: %w", err)
		}
		rec.Data = append(rec.Data, encoder.DataFile{Name: n, SHA256: sha(b)})
	}
	return rec, nil
}

func writeManifest(dir string, m *encoder.Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, encoder.ManifestFile), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("train: write manifest: %w", err)
	}
	return nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
