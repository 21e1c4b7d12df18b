package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"jobmatch/app"
	"jobmatch/internal/eventually"
	"jobmatch/matching"
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
