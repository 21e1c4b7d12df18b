package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"jobmatch/encoder"
	"jobmatch/matching"
)

// TestModelsPageComparesVersionsAndSaysWhichMayBePromoted: the running
// model is recorded as current; trained versions are listed beside it
// with their scores, each with the promotion guard's verdict and reasons.
func TestModelsPageComparesVersionsAndSaysWhichMayBePromoted(t *testing.T) {
	app := newTestApp(t)
	current := testEnc.Manifest()
	variant := func(name string, jobbertDelta, pairOrder float64) matching.ModelVersion {
		m := *current
		m.Name = name
		metrics := *current.Metrics
		metrics.Suites = nil
		for name, mrr := range encoder.SuiteMRR(current.Metrics.Suites) {
			if name == "jobbert" {
				mrr += jobbertDelta
			}
			metrics.Suites = append(metrics.Suites, fmt.Sprintf("eval suite=%s n=1 mrr=%.4f", name, mrr))
		}
		metrics.Feedback = &encoder.FeedbackMetrics{Lists: 20, P10: 0.7, PairOrder: pairOrder}
		metrics.Baseline = &encoder.Baseline{Model: current.Version(), Feedback: &encoder.FeedbackMetrics{Lists: 20, P10: 0.6, PairOrder: 0.8}}
		m.Metrics = &metrics
		raw, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		return matching.ModelVersion{Version: m.Version(), Manifest: raw, Dir: "/models/" + name}
	}
	for _, v := range []matching.ModelVersion{variant("better", 0, 0.9), variant("worse", -0.05, 0.9)} {
		if err := app.db.RegisterModel(context.Background(), matching.System, &v); err != nil {
			t.Fatal(err)
		}
	}
	app.signIn(matching.RoleAdmin)
	doc := app.page("/admin/models", http.StatusOK)
	cols := doc.Find(`[data-testid="model-column"]`)
	if cols.Length() != 3 || !strings.Contains(cols.First().Text(), current.Version()) || !strings.Contains(cols.First().Text(), "current") {
		t.Errorf("columns: %q", cols.Text())
	}
	verdicts := map[string]string{}
	doc.Find(`[data-testid="model-verdict"]`).Each(func(_ int, s *goquery.Selection) {
		verdicts[s.Find("code").First().Text()] = s.Text()
	})
	better, worse := verdicts[variant("better", 0, 0.9).Version], verdicts[variant("worse", -0.05, 0.9).Version]
	if !strings.Contains(better, "may be promoted") || !strings.Contains(better, "better on 20 held-out decision lists") {
		t.Errorf("verdict on the better model: %q", better)
	}
	if !strings.Contains(worse, "may not be promoted") || !strings.Contains(worse, "worse on jobbert") {
		t.Errorf("verdict on the worse model: %q", worse)
	}
	other := newTestAppOn(t, app)
	other.signIn(matching.RoleRecruiter)
	other.page("/admin/models", http.StatusForbidden)
}
