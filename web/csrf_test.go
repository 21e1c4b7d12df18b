package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

// TestCSRFTokenIsBoundToTheSession: another session's token is refused,
// even together with that session's _csrf cookie.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleCandidate)
	other := newTestAppOn(t, app)
	other.signIn(matching.RoleCandidate)
	otherToken := other.csrf("/account")
	resp, _ := app.post("/account/tokens", url.Values{"_csrf": {otherToken}, "name": {"stolen"}}, "Cookie", "_csrf="+otherToken)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("another session's token: %d, want 403", resp.StatusCode)
	}
	if resp, _ := app.post("/account/tokens", url.Values{"_csrf": {app.csrf("/account")}, "name": {"mine"}}); resp.StatusCode != http.StatusCreated {
		t.Errorf("the session's own token: %d, want 201", resp.StatusCode)
	}
}

// TestCSRFTokenRotatesAtSignInAndSignOut: a planted _csrf cookie is dropped
// at sign-in, and neither it nor the signed-in token works afterwards.
func TestCSRFTokenRotatesAtSignInAndSignOut(t *testing.T) {
	app := newTestApp(t)
	u := app.user(matching.RoleCandidate)
	planted := web.NewCSRFToken()
	base, _ := url.Parse(app.srv.URL)
	app.client.Jar.SetCookies(base, []*http.Cookie{{Name: web.CSRFCookie, Value: planted, Path: "/"}})
	resp, _ := app.post("/signin", url.Values{"_csrf": {planted}, "email": {u.Email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	if !clears(resp, web.CSRFCookie) {
		t.Error("sign-in did not drop the _csrf cookie")
	}
	signedIn := app.csrf("/account")
	if signedIn == planted {
		t.Fatal("the planted token survived sign-in")
	}
	if resp, _ := app.post("/account/tokens", url.Values{"_csrf": {planted}, "name": {"x"}}, "Cookie", "_csrf="+planted); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the planted token after sign-in: %d, want 403", resp.StatusCode)
	}
	resp, _ = app.post("/signout", url.Values{"_csrf": {signedIn}})
	if resp.StatusCode != http.StatusSeeOther || !clears(resp, web.CSRFCookie) {
		t.Fatalf("sign-out: %d, clears _csrf %v", resp.StatusCode, clears(resp, web.CSRFCookie))
	}
	if after := app.csrf("/signin"); after == signedIn || after == planted {
		t.Error("the token did not change at sign-out")
	}
	if resp, _ := app.post("/signout", url.Values{"_csrf": {signedIn}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the signed-in token after sign-out: %d, want 403", resp.StatusCode)
	}
}

// clears reports whether resp deletes the cookie name.
func clears(resp *http.Response, name string) bool {
	for _, c := range resp.Cookies() {
		if c.Name == name && c.MaxAge < 0 {
			return true
		}
	}
	return false
}
