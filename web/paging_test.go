package web_test

import (
	"net/http"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

// TestPagePastTheLastGoesToTheLastPage: pages redirect to the last page
// (keeping the filters); the API answers 404 naming page.
func TestPagePastTheLastGoesToTheLastPage(t *testing.T) {
	app := newTestApp(t)
	for range 3 {
		app.addVacancy("Nurse", "Berlin", "DE")
	}
	resp, _ := app.get("/vacancies?country=DE&per_page=2&page=999999")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/vacancies?country=DE&page=2&per_page=2" {
		t.Errorf("page past the last: %d to %q, want 302 to page 2", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := app.get("/vacancies?per_page=2&page=2"); resp.StatusCode != http.StatusOK {
		t.Errorf("the last page: %d", resp.StatusCode)
	}
	_, token := app.apiToken(matching.RoleRecruiter)
	resp, body := app.sendJSON(token, http.MethodGet, "/api/v1/vacancies?per_page=2&page=3", "")
	if resp.StatusCode != http.StatusNotFound || decode[web.APIError](t, body).Field != "page" {
		t.Errorf("API page past the last: %d %s, want 404 naming page", resp.StatusCode, body)
	}
	if resp, _ := app.sendJSON(token, http.MethodGet, "/api/v1/vacancies?title=nothing-like-this", ""); resp.StatusCode != http.StatusOK {
		t.Errorf("page 1 of an empty list: %d, want 200", resp.StatusCode)
	}
	resp, _ = app.get("/positions?title=Nurse&page=500")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/positions?title=Nurse" {
		t.Errorf("search page past the last: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := app.sendJSON(token, http.MethodGet, "/api/v1/search/vacancies?title=Nurse&page=500", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("API search page past the last: %d, want 404", resp.StatusCode)
	}
}
