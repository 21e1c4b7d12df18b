package web_test

import (
	"net/http"
	"strings"
	"testing"

	"jobmatch/matching"
)

func TestHeadIsAnsweredLikeGet(t *testing.T) {
	app := newTestApp(t)
	for _, path := range []string{"/", "/vacancies", "/positions", "/signin", "/api/v1/openapi.json"} {
		req, _ := http.NewRequest(http.MethodHead, app.srv.URL+path, nil)
		resp, body := app.do(req)
		if resp.StatusCode != http.StatusOK || body != "" {
			t.Errorf("HEAD %s: %d with %d bytes, want 200 without a body", path, resp.StatusCode, len(body))
		}
	}
}

func TestUnauthorizedSaysHowToAuthenticate(t *testing.T) {
	app := newTestApp(t)
	resp, _ := app.sendJSON("", http.MethodGet, "/api/v1/vacancies", "")
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer ") {
		t.Errorf("API without a token: %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	resp, _ = app.sendJSON("jmt_unknown", http.MethodGet, "/api/v1/vacancies", "")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) {
		t.Errorf("API with an unknown token: %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	u := app.user(matching.RoleCandidate)
	if resp := app.signinAs(u.Email, "wrong password"); resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("wrong password: %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
}

func TestPersonalPagesAreNotStored(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleCandidate)
	for _, path := range []string{"/profile", "/account", "/signin"} {
		if resp, _ := app.get(path); resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", path, resp.Header.Get("Cache-Control"))
		}
	}
	_, token := app.apiToken(matching.RoleCandidate)
	if resp, _ := app.sendJSON(token, http.MethodGet, "/api/v1/vacancies", ""); resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("API answer: Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
}
