package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jobmatch/matching"
)

func TestSignUpSignsInAndLeadsCandidatesToTheirProfile(t *testing.T) {
	app := newTestApp(t)
	resp, _ := app.postForm("/signup", "/signup", url.Values{"role": {"candidate"}, "email": {"New@Example.com"},
		"password": {"a long passphrase"}, "password_again": {"a long passphrase"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/profile" {
		t.Fatalf("sign up = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	doc := app.page("/account", http.StatusOK)
	if got := doc.Find(`[data-testid="account-email"]`).Text(); got != "New@Example.com" {
		t.Errorf("signed in as %q", got)
	}
}

func TestSignUpRefusesBadInputAndAdminRole(t *testing.T) {
	app := newTestApp(t)
	existing := app.user(matching.RoleRecruiter)
	tests := []struct {
		name   string
		form   url.Values
		status int
		field  string
	}{
		{"short password", url.Values{"role": {"candidate"}, "email": {"a@example.com"}, "password": {"short"}, "password_again": {"short"}}, 422, "password"},
		{"passwords differ", url.Values{"role": {"candidate"}, "email": {"a@example.com"}, "password": {"a long passphrase"}, "password_again": {"a long passphrase!"}}, 422, "password_again"},
		{"admin is not self-service", url.Values{"role": {"admin"}, "email": {"a@example.com"}, "password": {"a long passphrase"}, "password_again": {"a long passphrase"}}, 422, "role"},
		{"bad email", url.Values{"role": {"candidate"}, "email": {"nope"}, "password": {"a long passphrase"}, "password_again": {"a long passphrase"}}, 422, "email"},
		{"taken email", url.Values{"role": {"candidate"}, "email": {strings.ToUpper(existing.Email)}, "password": {"a long passphrase"}, "password_again": {"a long passphrase"}}, 409, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, doc := app.postForm("/signup", "/signup", tt.form)
			if resp.StatusCode != tt.status || doc.Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
				t.Errorf("status %d (want %d), error on %s shown: %d", resp.StatusCode, tt.status, tt.field, doc.Find(`[data-testid="error-`+tt.field+`"]`).Length())
			}
		})
	}
	if users, _ := app.db.UsersByRole(t.Context(), matching.RoleCandidate); len(users) != 0 {
		t.Errorf("%d candidate accounts created by refused sign-ups", len(users))
	}
}

func TestWrongPasswordAndUnknownEmailGetTheSameAnswer(t *testing.T) {
	app := newTestApp(t)
	u := app.user(matching.RoleRecruiter)
	var texts []string
	for _, email := range []string{u.Email, "nobody@example.com"} {
		resp, doc := app.postForm("/signin", "/signin", url.Values{"email": {email}, "password": {"wrong password"}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", email, resp.StatusCode)
		}
		texts = append(texts, doc.Find(`[data-testid="form-summary"]`).Text())
	}
	if texts[0] == "" || texts[0] != texts[1] {
		t.Errorf("answers differ: %q vs %q", texts[0], texts[1])
	}
}

func TestSignInIsRateLimitedPerAccount(t *testing.T) {
	app := newTestApp(t)
	u := app.user(matching.RoleRecruiter)
	var last int
	for i := 0; i < 7; i++ {
		resp, _ := app.postForm("/signin", "/signin", url.Values{"email": {u.Email}, "password": {"guess"}})
		last = resp.StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("7th wrong attempt = %d, want 429", last)
	}
	resp, _ := app.postForm("/signin", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("even the right password waits while limited: got %d", resp.StatusCode)
	}
}

func TestRolesAreEnforcedOnPages(t *testing.T) {
	app := newTestApp(t)
	resp, _ := app.get("/candidates?country=DE")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin?next=%2Fcandidates%3Fcountry%3DDE" {
		t.Errorf("anonymous /candidates = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	app.signIn(matching.RoleCandidate)
	for _, path := range []string{"/candidates", "/vacancies/new", "/candidates/new"} {
		app.page(path, http.StatusForbidden)
	}
	app.page("/profile", http.StatusOK)
}

func TestSignInReturnsToTheRequestedPageButNeverOffSite(t *testing.T) {
	app := newTestApp(t)
	u := app.user(matching.RoleRecruiter)
	for next, want := range map[string]string{"/candidates?country=DE": "/candidates?country=DE", "//evil.example": "/", "https://evil.example": "/"} {
		resp, _ := app.postForm("/signin", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {next}})
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("next=%q → %q, want %q", next, got, want)
		}
	}
}

func TestSignOutEndsTheSession(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleRecruiter)
	app.page("/candidates", http.StatusOK)
	resp, _ := app.postForm("/account", "/signout", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out = %d", resp.StatusCode)
	}
	if resp, _ := app.get("/candidates"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign out /candidates = %d, want a redirect to sign in", resp.StatusCode)
	}
}

func TestAPITokenIsShownOnceWorksAndCanBeRevoked(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleRecruiter)
	resp, doc := app.postForm("/account", "/account/tokens", url.Values{"name": {"ATS sync"}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create token = %d", resp.StatusCode)
	}
	token := strings.TrimSpace(doc.Find(`[data-testid="new-token"] .token`).Text())
	if !strings.HasPrefix(token, "jmt_") {
		t.Fatalf("token = %q", token)
	}
	if resp, body := app.sendJSON(token, http.MethodGet, "/api/v1/candidates", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("API with the new token = %d %s", resp.StatusCode, body)
	}
	doc = app.page("/account", http.StatusOK)
	if strings.Contains(doc.Text(), token) {
		t.Error("the token is shown again")
	}
	revoke, _ := doc.Find(`[data-testid="token-row"] form`).Attr("action")
	if resp, _ := app.postForm("/account", revoke, url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke = %d", resp.StatusCode)
	}
	if resp, _ := app.sendJSON(token, http.MethodGet, "/api/v1/candidates", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token = %d, want 401", resp.StatusCode)
	}
}
