package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/runner"
	"jobmatch/encoder/training/train"
	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/postgres"
	"jobmatch/web"
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

// TestAdminPromotesAModelAndRollsBack: a version the guard allows is
// promoted from the page (the engine runs it and it is recorded as current),
// searches keep working, and the previous version can be rolled back to; a
// version the guard refuses is not promoted, and the page says why.
func TestAdminPromotesAModelAndRollsBack(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Registered Nurse", "Berlin", "DE")
	current := testEnc.Manifest()
	// A copy of the shipped model under another name: another version,
	// scored better on decisions against the current one.
	dir := t.TempDir()
	for _, f := range []string{encoder.ModelFile, encoder.VocabFile} {
		data, err := os.ReadFile(filepath.Join("..", "encoder", "model", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := *current
	m.Name = "jobmatch-title-copy"
	metrics := *current.Metrics
	metrics.Feedback = &encoder.FeedbackMetrics{Lists: 20, P10: 0.7, PairOrder: 0.9}
	metrics.Baseline = &encoder.Baseline{Model: current.Version(), Feedback: &encoder.FeedbackMetrics{Lists: 20, P10: 0.6, PairOrder: 0.8}}
	m.Metrics = &metrics
	raw, _ := json.Marshal(&m)
	if err := os.WriteFile(filepath.Join(dir, encoder.ManifestFile), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	copyVersion := matching.ModelVersion{Version: m.Version(), Manifest: raw, Dir: dir}
	refused := matching.ModelVersion{Version: "untested@000", Manifest: []byte(`{"name":"untested"}`), Dir: dir}
	for _, v := range []*matching.ModelVersion{&copyVersion, &refused} {
		if err := app.db.RegisterModel(context.Background(), matching.System, v); err != nil {
			t.Fatal(err)
		}
	}
	app.signIn(matching.RoleAdmin)
	promote := func(version, action string) (int, string) {
		resp, doc := app.postForm("/admin/models", "/admin/models/promote", url.Values{"version": {version}, "action": {action}})
		if doc == nil {
			return resp.StatusCode, ""
		}
		return resp.StatusCode, doc.Find(`[data-testid="model-problem"]`).Text()
	}
	if status, problem := promote(refused.Version, "promote"); status != http.StatusUnprocessableEntity || !strings.Contains(problem, "guard refuses") {
		t.Errorf("promoting an untested version: %d %q", status, problem)
	}
	if status, problem := promote(copyVersion.Version, "promote"); status != http.StatusSeeOther {
		t.Fatalf("promote: %d %q", status, problem)
	}
	if got := app.engine.ModelVersion(); got != copyVersion.Version {
		t.Errorf("the engine runs %s after the promotion", got)
	}
	if cur, _ := app.db.CurrentModel(context.Background()); cur.Version != copyVersion.Version {
		t.Errorf("current model recorded: %s", cur.Version)
	}
	if _, body := app.get("/positions?title=Registered+Nurse"); !strings.Contains(body, "1 position found") {
		t.Error("searching after the promotion failed")
	}
	if status, problem := promote(current.Version(), "rollback"); status != http.StatusSeeOther {
		t.Fatalf("roll back: %d %q", status, problem)
	}
	if got := app.engine.ModelVersion(); got != current.Version() {
		t.Errorf("the engine runs %s after the rollback", got)
	}
}

// TestAdminTrainsAModelFromDecisionsInTheBackground: the model page starts
// a training run from the users' decisions, shows its progress while it
// runs, refuses a second run meanwhile, and lists the new version when it
// is done: a version fine-tuned from the current model. Runs are rows, so
// a second server behind the balancer shows the run's progress and result
// too, and refuses a second run as well. The run is short (a slice of
// ESCO, one epoch).
func TestAdminTrainsAModelFromDecisionsInTheBackground(t *testing.T) {
	o := train.DefaultOptions()
	if m := dataset.Missing(o.DataDir, dataset.ESCOOccupationsFile, dataset.JobBERTValFile, dataset.MultilingualFile); len(m) > 0 {
		t.Skipf("training data dir %s lacks %v: this test needs ../shared/data (or JOBMATCH_DATA_DIR)", o.DataDir, m)
	}
	o.WithONET, o.MaxClasses = false, 120
	o.Batch, o.ValSample, o.Workers = 32, 200, 1
	db, err := postgres.Open(context.Background(), testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	trainer := func() *runner.Runner {
		rn := runner.New(db, t.TempDir(), o, 0)
		t.Cleanup(rn.Close)
		return rn
	}
	app := newTestAppConfig(t, web.Config{Addr: "localhost:0", ShutdownTimeout: 1, Trainer: trainer()})
	// Decisions to learn from: nurses are good fits for a nurse's job,
	// nursing assistants are not.
	v := app.addVacancy("Registered Nurse", "Berlin", "DE")
	var ds []matching.Decision
	for i, title := range []string{"Staff Nurse", "Nurse", "Nursing Assistant", "Care Assistant", "Charge Nurse", "Healthcare Assistant", "RN", "Pflegehelfer", "Krankenschwester", "Nurse Practitioner"} {
		c := app.addCandidate(fmt.Sprintf("c%d", i), title, true)
		verdict := matching.GoodFit
		if strings.Contains(title, "Assistant") || title == "Pflegehelfer" {
			verdict = matching.NotAFit
		}
		ds = append(ds, matching.Decision{VacancyID: v.ID, CandidateID: c.ID, Verdict: verdict, DecidedAt: time.Now().Add(time.Duration(i-20) * time.Hour)})
	}
	if err := app.db.ImportDecisions(context.Background(), matching.System, ds); err != nil {
		t.Fatal(err)
	}
	app.signIn(matching.RoleAdmin)
	other := replicaOf(t, app, web.Config{Addr: "localhost:0", ShutdownTimeout: 1, Trainer: trainer()})
	resp, _ := app.postForm("/admin/models", "/admin/models/train", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start training: %d", resp.StatusCode)
	}
	for _, server := range []*testApp{app, other} {
		page := server.page("/admin/models", http.StatusOK)
		if run := page.Find(`[data-testid="train-run"]`); run.Length() != 1 {
			t.Fatalf("no training run on the page of %s", server.srv.URL)
		} else if _, done := run.Attr("data-done"); !done {
			if page.Find(`[data-testid="train-run"] progress`).Length() != 1 {
				t.Errorf("a running training run shows no progress bar on %s", server.srv.URL)
			}
			if resp, _ := server.postForm("/admin/models", "/admin/models/train", url.Values{}); resp.StatusCode != http.StatusConflict {
				t.Errorf("a second run through %s while one runs: %d, want 409", server.srv.URL, resp.StatusCode)
			}
		}
	}
	var status string
	eventually.Within(t, 5*time.Minute, func() bool {
		_, status = other.get("/admin/models/runs/1", "HX-Request", "true")
		return strings.Contains(status, `data-done="true"`)
	}, "the training run to finish")
	if strings.Contains(status, "failed") || !strings.Contains(status, "jobmatch-title-feedback-") {
		t.Fatalf("run status: %s", status)
	}
	for _, server := range []*testApp{app, other} {
		cols := server.page("/admin/models", http.StatusOK).Find(`[data-testid="model-column"]`)
		if cols.Length() != 2 || !strings.Contains(cols.Eq(1).Text(), "jobmatch-title-feedback-") {
			t.Errorf("model columns after training on %s: %q", server.srv.URL, cols.Text())
		}
	}
	versions, err := db.ModelVersions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		if v.Current {
			continue
		}
		m, err := encoder.ParseManifest(v.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		if from := m.Training.FineTunedFrom; from != app.engine.ModelVersion() {
			t.Errorf("the trained version was fine-tuned from %q, want the current model %s", from, app.engine.ModelVersion())
		}
	}
}
