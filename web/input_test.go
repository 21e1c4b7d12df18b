package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

// TestHostileTextIsRefusedAtTheBoundary replays the reported inputs that
// reached Postgres: each is a 400 naming the field, and nothing is written.
func TestHostileTextIsRefusedAtTheBoundary(t *testing.T) {
	app := newTestApp(t)
	_, recruiterToken := app.apiToken(matching.RoleRecruiter)
	for _, path := range []string{"/vacancies?title=%00", "/vacancies?title=Go%FFDev", "/positions?title=Nurse%00", "/vacancies?city=a%01b"} {
		before := app.dbState()
		resp, body := app.get(path)
		if resp.StatusCode != http.StatusBadRequest || !mentions(body, "title") && !mentions(body, "city") {
			t.Errorf("GET %s = %d, want 400 naming the field", path, resp.StatusCode)
		}
		app.requireUnchanged(before, "GET "+path)
	}
	resp, body := app.sendJSON(recruiterToken, http.MethodGet, "/api/v1/candidates?city=a%00b", "")
	if resp.StatusCode != http.StatusBadRequest || decode[web.APIError](t, body).Field != "city" {
		t.Errorf("API list with NUL in city: %d %s", resp.StatusCode, body)
	}
	for name, body := range map[string]string{
		"an escaped NUL":      `{"title":"Nul\u0000Dev","employer":"Acme","remote":true}`,
		"raw invalid UTF-8":   "{\"title\":\"Bad \xff\xfe UTF8 Dev\",\"employer\":\"Acme\",\"remote\":true}",
		"a lone surrogate":    `{"title":"Bad \ud800 Dev","employer":"Acme","remote":true}`,
		"a control character": `{"title":"Dev","employer":"Ac\u0007me","remote":true}`,
	} {
		before := app.dbState()
		resp, out := app.sendJSON(recruiterToken, http.MethodPost, "/api/v1/vacancies", body)
		if resp.StatusCode != http.StatusBadRequest || (decode[web.APIError](t, out).Field != "title" && decode[web.APIError](t, out).Field != "employer") {
			t.Errorf("POST a vacancy with %s: %d %s, want 400 naming the field", name, resp.StatusCode, out)
		}
		app.requireUnchanged(before, "POST a vacancy with "+name)
	}

	app.signIn(matching.RoleCandidate)
	before := app.dbState()
	resp, _ = app.post("/profile", url.Values{"_csrf": {app.csrf("/profile")}, "name": {"Zoë\x00"}, "email": {"z@example.com"},
		"desired_title": {"Nurse"}, "city": {"Berlin"}, "country": {"DE"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("profile form with NUL: %d, want 400", resp.StatusCode)
	}
	app.requireUnchanged(before, "the profile form with NUL")

	signin := newTestAppOn(t, app)
	resp, body = signin.post("/signin", url.Values{"_csrf": {signin.csrf("/signin")}, "email": {"a\x00b@example.org"}, "password": {"x"}})
	if resp.StatusCode != http.StatusBadRequest || !mentions(body, "email") {
		t.Errorf("sign-in with NUL in the email: %d, want 400 naming email", resp.StatusCode)
	}
}

// TestFormsWithHostileTextWriteNothing posts a NUL in each field of the
// vacancy and rule forms: 400, and no row changes.
func TestFormsWithHostileTextWriteNothing(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	forms := map[string]url.Values{
		"/vacancies":   {"title": {"Go Dev"}, "employer": {"Acme"}, "city": {"Berlin"}, "country": {"DE"}, "status": {"open"}},
		"/admin/rules": {"anchor_a": {"Java Developer"}, "anchor_b": {"JavaScript Developer"}, "min_score_a": {"86"}, "min_score_b": {"86"}, "reason": {"different"}, "enabled": {"true"}},
	}
	page := map[string]string{"/vacancies": "/vacancies/new", "/admin/rules": "/admin/rules"}
	for path, form := range forms {
		for field := range form {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set(field, form.Get(field)+"\x00")
			bad.Set("_csrf", app.csrf(page[path]))
			before := app.dbState()
			resp, body := app.post(path, bad)
			if resp.StatusCode != http.StatusBadRequest || !mentions(body, field) {
				t.Errorf("POST %s with NUL in %s: %d, want 400 naming the field", path, field, resp.StatusCode)
			}
			app.requireUnchanged(before, "POST "+path+" with NUL in "+field)
		}
	}
}

// mentions reports whether body names field, in any case.
func mentions(body, field string) bool {
	return strings.Contains(strings.ToLower(body), strings.ToLower(field))
}
