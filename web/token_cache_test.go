package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"jobmatch/matching"
	"jobmatch/web"
)

// countingStore counts API token lookups that reach Postgres.
type countingStore struct {
	web.Store
	lookups atomic.Int32
}

func (s *countingStore) APITokenUser(ctx context.Context, hash []byte) (matching.User, error) {
	s.lookups.Add(1)
	return s.Store.APITokenUser(ctx, hash)
}

// TestAPITokenLookupsAreCachedForTheTTL: repeated API calls with one token
// look it up in Postgres once per tokenTTL, and the cached answer expires.
func TestAPITokenLookupsAreCachedForTheTTL(t *testing.T) {
	app := newTestApp(t)
	_, token := app.apiToken(matching.RoleRecruiter)
	store := &countingStore{Store: app.db}
	s := web.New(web.Config{Addr: "localhost:0"}, slog.New(slog.NewTextHandler(io.Discard, nil)), store, app.engine)
	now := time.Now()
	s.SetTokenClock(func() time.Time { return now })
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func() int {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/candidates", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for range 5 {
		if code := get(); code != http.StatusOK {
			t.Fatalf("GET = %d", code)
		}
	}
	if n := store.lookups.Load(); n != 1 {
		t.Fatalf("5 requests looked the token up %d times, want 1", n)
	}
	now = now.Add(web.TokenTTL)
	if code := get(); code != http.StatusOK {
		t.Fatalf("GET after the TTL = %d", code)
	}
	if n := store.lookups.Load(); n != 2 {
		t.Fatalf("after the TTL: %d lookups, want 2", n)
	}
	if code := get(); code != http.StatusOK || store.lookups.Load() != 2 {
		t.Fatalf("GET = %d with %d lookups, want the refreshed entry used", code, store.lookups.Load())
	}
	// Unknown tokens are never cached: each one is checked (and refused).
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/candidates", nil)
	req.Header.Set("Authorization", "Bearer jmt_unknown")
	for range 2 {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("unknown token = %d", resp.StatusCode)
		}
	}
	if n := store.lookups.Load(); n != 4 {
		t.Fatalf("two unknown-token requests: %d lookups in all, want 4", n)
	}
}

// TestErasureEndsTheAccountsAPITokenAtOnce: a candidate's token that was
// just used (so cached) stops working the moment an admin erases them.
func TestErasureEndsTheAccountsAPITokenAtOnce(t *testing.T) {
	app := newTestApp(t)
	u, token := app.apiToken(matching.RoleCandidate)
	c, err := matching.CandidateInput{Name: "Erin", Email: u.Email, DesiredTitle: "Nurse",
		Location: matching.LocationInput{City: "Berlin", Country: "DE"}, Searchable: true}.Candidate()
	if err != nil {
		t.Fatal(err)
	}
	c.UserID = u.ID
	if err := app.db.CreateCandidate(t.Context(), matching.System, &c); err != nil {
		t.Fatal(err)
	}
	if resp, body := app.sendJSON(token, http.MethodGet, "/api/v1/search/vacancies?title=Nurse", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("search with the candidate's token = %d %s", resp.StatusCode, body)
	}
	app.signIn(matching.RoleAdmin)
	link := fmt.Sprintf("/admin/candidates/%d/erase", c.ID)
	if resp, _ := app.postForm(link, link, url.Values{"confirm": {u.Email}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase = %d", resp.StatusCode)
	}
	if resp, _ := app.sendJSON(token, http.MethodGet, "/api/v1/search/vacancies?title=Nurse", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("token of an erased account = %d, want 401", resp.StatusCode)
	}
}
