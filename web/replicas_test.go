package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"jobmatch/app"
	"jobmatch/encoder/training/runner"
	"jobmatch/encoder/training/train"
	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/postgres"
	"jobmatch/web"
)

// replicaOf is the browser of a on a second server with cfg on the same
// database, as a load balancer would send it there: the limits and device
// tokens must hold across the two.
func replicaOf(t *testing.T, a *testApp, cfg web.Config) *testApp {
	t.Helper()
	r, err := app.Open(context.Background(), app.Config{DatabaseURL: testDB.URL, Web: cfg}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	srv := httptest.NewServer(r.Server.Handler())
	t.Cleanup(srv.Close)
	b := *a
	b.t, b.engine, b.server, b.srv = t, r.Engine, r.Server, srv
	return &b
}

// TestAnImportShowsItsProgressOnEveryReplica: import jobs are rows, so a
// file checked through one server is started through another, and both
// show its progress up to its end.
func TestAnImportShowsItsProgressOnEveryReplica(t *testing.T) {
	a := newTestApp(t)
	a.signIn(matching.RoleAdmin)
	b := replicaOf(t, a, web.Config{Addr: "localhost:0", ShutdownTimeout: 1})
	_, doc := a.upload("vacancies", "jobs.csv", importFile)
	start, _ := doc.Find(`form[action$="/start"]`).Attr("action")
	resp, _ := b.postForm("/admin/import", start, url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start = %d", resp.StatusCode)
	}
	for _, server := range []*testApp{b, a} {
		var body string
		eventually.True(t, func() bool {
			var r *http.Response
			r, body = server.get(resp.Header.Get("Location"), "HX-Request", "true")
			if r.StatusCode != http.StatusOK {
				t.Fatalf("progress = %d", r.StatusCode)
			}
			return !strings.Contains(body, "hx-trigger")
		}, "the import's end")
		if !strings.Contains(body, "3 created") {
			t.Errorf("progress through %s: %s", server.srv.URL, body)
		}
	}
}

// TestAnAPITokenRevokedThroughOneServerStopsWorkingOnAnother: a replica
// that trusts a token from its cache forgets it when another revokes it,
// by notification, not by the cache's expiry (its clock is stopped here).
func TestAnAPITokenRevokedThroughOneServerStopsWorkingOnAnother(t *testing.T) {
	a := newTestApp(t)
	u, token := a.apiToken(matching.RoleRecruiter)
	b := replicaOf(t, a, web.Config{Addr: "localhost:0", ShutdownTimeout: 1})
	now := time.Now()
	b.server.SetTokenClock(func() time.Time { return now })
	if resp, _ := b.sendJSON(token, "GET", "/api/v1/vacancies", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("before revocation: GET = %d", resp.StatusCode)
	}
	toks, err := a.db.APITokens(context.Background(), u.ID)
	if err != nil || len(toks) != 1 {
		t.Fatalf("tokens = %v, %v", toks, err)
	}
	if err := a.db.RevokeAPIToken(context.Background(), u.Actor(), u.ID, toks[0].ID); err != nil {
		t.Fatal(err)
	}
	eventually.True(t, func() bool {
		resp, _ := b.sendJSON(token, "GET", "/api/v1/vacancies", "")
		return resp.StatusCode == http.StatusUnauthorized
	}, "the other server to refuse the revoked token")
}

// TestATrainingRunOnAnyServerShowsEverywhereAndBlocksASecond: training
// runs are rows, so a run going on at another server shows on every
// replica's model page with its progress and blocks a second start there;
// once its server stops renewing its lease, every replica reports it
// failed, and a new run may start.
func TestATrainingRunOnAnyServerShowsEverywhereAndBlocksASecond(t *testing.T) {
	ctx := context.Background()
	a := newTestAppConfig(t, web.Config{Addr: "localhost:0", ShutdownTimeout: 1, Trainer: testTrainer(t)})
	a.signIn(matching.RoleAdmin)
	b := replicaOf(t, a, web.Config{Addr: "localhost:0", ShutdownTimeout: 1, Trainer: testTrainer(t)})
	run, err := a.db.StartTrainingRun(ctx, matching.System, "elsewhere", time.Hour, "reading users' decisions")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.db.RenewTrainingRun(ctx, run.ID, "elsewhere", time.Hour, "training", 0.42); err != nil {
		t.Fatal(err)
	}
	for _, server := range []*testApp{a, b} {
		page := server.page("/admin/models", http.StatusOK)
		if got := page.Find(`[data-testid="train-run"]`); got.Length() != 1 || !strings.Contains(got.Text(), "training") {
			t.Errorf("the run on %s: %q", server.srv.URL, got.Text())
		}
		if v, _ := page.Find(`[data-testid="train-run"] progress`).Attr("value"); v != "42" {
			t.Errorf("progress on %s: %q, want 42", server.srv.URL, v)
		}
		if _, disabled := page.Find(`[data-testid="train"]`).Attr("disabled"); !disabled {
			t.Errorf("the train button on %s is enabled while a run goes on", server.srv.URL)
		}
		if resp, doc := server.postForm("/admin/models", "/admin/models/train", url.Values{}); resp.StatusCode != http.StatusConflict ||
			!strings.Contains(doc.Find(`[data-testid="model-problem"]`).Text(), "already being trained") {
			t.Errorf("a second run through %s: %d", server.srv.URL, resp.StatusCode)
		}
	}
	// The server training it renews its lease one last time, for a
	// microsecond, and dies.
	if err := a.db.RenewTrainingRun(ctx, run.ID, "elsewhere", time.Microsecond, "training", 0.5); err != nil {
		t.Fatal(err)
	}
	runURL := fmt.Sprintf("/admin/models/runs/%d", run.ID)
	for _, server := range []*testApp{b, a} {
		_, status := server.get(runURL, "HX-Request", "true")
		if !strings.Contains(status, `data-done="true"`) || !strings.Contains(status, "failed") || !strings.Contains(status, html.EscapeString(matching.TrainingServerStopped)) {
			t.Errorf("the run whose server died, through %s: %s", server.srv.URL, status)
		}
	}
	// A new run starts; with no decisions recorded it fails at once, and
	// the other server shows why.
	resp, _ := b.postForm("/admin/models", "/admin/models/train", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a new run after the failed one: %d", resp.StatusCode)
	}
	runs, err := a.db.TrainingRuns(ctx, 1)
	if err != nil || len(runs) != 1 || runs[0].ID == run.ID {
		t.Fatalf("runs after the new start: %+v, %v", runs, err)
	}
	var status string
	eventually.True(t, func() bool {
		_, status = a.get(fmt.Sprintf("/admin/models/runs/%d", runs[0].ID), "HX-Request", "true")
		return strings.Contains(status, `data-done="true"`)
	}, "the new run's end")
	if !strings.Contains(status, "too few to train on") {
		t.Errorf("the new run through the other server: %s", status)
	}
}

// testTrainer is a server's training runner on the test database.
func testTrainer(t *testing.T) *runner.Runner {
	t.Helper()
	db, err := postgres.Open(context.Background(), testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	rn := runner.New(db, t.TempDir(), train.DefaultOptions(), 0)
	t.Cleanup(rn.Close)
	return rn
}
