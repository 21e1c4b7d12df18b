package train

import (
	"context"
	"fmt"
	"io"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/evaluate"
)

// feedbackRecord describes a run's feedback for the manifest.
func feedbackRecord(fb *dataset.FeedbackSplit, weight float64) *encoder.FeedbackData {
	rec := &encoder.FeedbackData{Weight: weight, HeldOut: len(fb.HeldOut)}
	for _, j := range fb.Train {
		if j.Good {
			rec.Good++
		} else {
			rec.Bad++
		}
	}
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	if n := len(fb.Train); n > 0 {
		rec.From, rec.To = stamp(fb.Train[0].At), stamp(fb.Train[n-1].At)
	}
	if n := len(fb.HeldOut); n > 0 {
		rec.Cut, rec.HeldOutTo = stamp(fb.Cut), stamp(fb.HeldOut[n-1].At)
	}
	return rec
}

// scoreFeedback scores the exported model and the baseline on the held-out
// decisions and records both.
func scoreFeedback(ctx context.Context, heldOut []dataset.Judgement, enc, base *encoder.Encoder, m *encoder.Metrics, progress io.Writer) error {
	after, err := evaluate.FeedbackEncoded(ctx, enc, heldOut)
	if err != nil {
		return err
	}
	before, err := evaluate.FeedbackEncoded(ctx, base, heldOut)
	if err != nil {
		return err
	}
	m.Feedback = feedbackMetrics(after)
	m.Baseline = &encoder.Baseline{Model: base.Version(), Feedback: feedbackMetrics(before)}
	fmt.Fprintf(progress, "held-out decisions, baseline %s: %s\n", base.Version(), before)
	fmt.Fprintf(progress, "held-out decisions, this model: %s\n", after)
	return nil
}

func feedbackMetrics(m evaluate.FeedbackMetrics) *encoder.FeedbackMetrics {
	return &encoder.FeedbackMetrics{Eval: m.String(), Lists: m.Lists, P10: m.P10, MRR: m.MRR, PairOrder: m.PairOrder}
}

// baselineSuites records the baseline's line of every suite: from its
// manifest when it has them all, else by scoring it.
func baselineSuites(ctx context.Context, base *encoder.Encoder, data *evaluate.SuiteData, workers int, m *encoder.Metrics, progress io.Writer) error {
	if bm := base.Manifest().Metrics; bm != nil && len(bm.Suites) == len(m.Suites) {
		m.Baseline.Suites = bm.Suites
	} else {
		suites, err := evaluate.Suites(ctx, base, data, nil, workers)
		if err != nil {
			return err
		}
		for _, s := range suites {
			m.Baseline.Suites = append(m.Baseline.Suites, s.Format(nil))
		}
	}
	fmt.Fprintf(progress, "baseline %s:\n", base.Version())
	for _, line := range m.Baseline.Suites {
		fmt.Fprintln(progress, "  "+line)
	}
	return nil
}
