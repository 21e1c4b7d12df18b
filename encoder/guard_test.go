package encoder

import (
	"strings"
	"testing"
)

func TestPromotionGuard(t *testing.T) {
	suites := func(jobbert, noise string) []string {
		return []string{"eval suite=jobbert n=10 mrr=" + jobbert + " r1=0.2", "eval suite=jobbert-noise n=10 mrr=" + noise,
			"eval suite=jobbert-abbrev n=10 mrr=0.33", "eval suite=ml-mean n=10 mrr=0.64", "eval suite=ml-en-mean n=10 mrr=0.66"}
	}
	current := &Manifest{Name: "m", Files: map[string]string{"model.onnx": "aa"}, Metrics: &Metrics{Suites: suites("0.3600", "0.3300")}}
	better := func(jobbert string, pairOrder, p10 float64, against string) *Manifest {
		return &Manifest{Name: "m2", Metrics: &Metrics{Suites: suites(jobbert, "0.3290"),
			Feedback: &FeedbackMetrics{Lists: 18, P10: p10, PairOrder: pairOrder},
			Baseline: &Baseline{Model: against, Feedback: &FeedbackMetrics{P10: 0.64, PairOrder: 0.84}}}}
	}
	for name, tc := range map[string]struct {
		cand *Manifest
		ok   bool
		says string
	}{
		"better on decisions, suites within tolerance": {better("0.3550", 0.93, 0.66, current.Version()), true, "better on 18 held-out"},
		"worse on a suite beyond the tolerance":        {better("0.3400", 0.93, 0.66, current.Version()), false, "worse on jobbert"},
		"no better on decisions":                       {better("0.3600", 0.84, 0.66, current.Version()), false, "not better on held-out"},
		"lower P@10":                                   {better("0.3600", 0.93, 0.60, current.Version()), false, "not better on held-out"},
		"scored against another model":                 {better("0.3600", 0.93, 0.66, "old@123"), false, "not scored with the current model"},
		"no feedback evaluation":                       {&Manifest{Metrics: &Metrics{Suites: suites("0.37", "0.34")}}, false, "train with -feedback"},
		"a suite missing":                              {&Manifest{Metrics: &Metrics{Suites: suites("0.37", "0.34")[:2]}}, false, "not evaluated for both"},
	} {
		g := CheckPromotion(current, tc.cand)
		if g.OK != tc.ok || !strings.Contains(strings.Join(g.Reasons, "; "), tc.says) {
			t.Errorf("%s: OK %v, reasons %q; want OK %v saying %q", name, g.OK, g.Reasons, tc.ok, tc.says)
		}
	}
}
