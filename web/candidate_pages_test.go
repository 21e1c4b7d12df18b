package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCandidateListShowsOnlyOptedInProfilesWithoutEmails(t *testing.T) {
	app := newTestApp(t)
	app.addCandidate("Visible", "Nurse", true)
	hidden := app.addCandidate("Hidden", "Nurse", false)
	doc := app.page("/candidates", http.StatusOK)
	text := doc.Find(`[data-testid="results"]`).Text()
	if !strings.Contains(text, "Visible") || strings.Contains(text, "Hidden") {
		t.Errorf("results = %q", text)
	}
	if strings.Contains(doc.Text(), "@example.com") {
		t.Error("an email address is shown")
	}
	app.page(candidateURL(hidden.ID), http.StatusNotFound)
}

func TestCreateCandidateThroughTheForm(t *testing.T) {
	app := newTestApp(t)
	resp, _ := app.postForm("/candidates/new", "/candidates", url.Values{
		"name": {"Ann Example"}, "email": {"ann@example.com"}, "desired_title": {"MARKETING STAFF"},
		"city": {"Paris"}, "country": {"FR"}, "searchable": {"true"},
		"languages[0].code": {"fr"}, "languages[0].level": {"native"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	doc := app.page(resp.Header.Get("Location"), http.StatusOK)
	if got := doc.Find(`[data-testid="candidate-name"]`).Text(); got != "Ann Example" {
		t.Errorf("name = %q", got)
	}
	if !strings.Contains(doc.Text(), "French C2") {
		t.Error("native should show as C2")
	}
}

func TestInvalidCandidateFormWritesNothing(t *testing.T) {
	app := newTestApp(t)
	resp, doc := app.postForm("/candidates/new", "/candidates", url.Values{
		"name": {"Ann"}, "email": {"ann(at)example"}, "desired_title": {strings.Repeat("a", 201)},
		"city": {"Paris"}, "country": {"FR"},
	})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	for _, f := range []string{"email", "desired_title"} {
		if doc.Find(`[data-testid="error-`+f+`"]`).Length() != 1 {
			t.Errorf("no error for %s", f)
		}
	}
	if summary := doc.Find(`[data-testid="form-summary"]`).Text(); !strings.Contains(summary, "2 fields") {
		t.Errorf("summary = %q", summary)
	}
	if _, c := app.counts(); c != 0 {
		t.Errorf("%d candidates written", c)
	}
}
