package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

func TestRecruitersSeeOnlyOptedInCandidates(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleRecruiter)
	visible := app.addCandidate("Visible", "Nurse", true)
	hidden := app.addCandidate("Hidden", "Nurse", false)
	doc := app.page("/candidates", http.StatusOK)
	text := doc.Find(`[data-testid="results"]`).Text()
	if !strings.Contains(text, "Visible") || strings.Contains(text, "Hidden") {
		t.Errorf("results = %q", text)
	}
	app.page(web.CandidateURL(hidden.ID), http.StatusNotFound)
	detail := app.page(web.CandidateURL(visible.ID), http.StatusOK)
	if !strings.Contains(detail.Text(), "visible@example.com") {
		t.Error("a recruiter should see the contact email of an opted-in candidate")
	}
}

func TestAdminCreatesCandidateThroughTheForm(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
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
	app.signIn(matching.RoleCandidate)
	resp, doc := app.postForm("/profile", "/profile", url.Values{
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

func TestCandidateCreatesAndEditsTheirOwnProfile(t *testing.T) {
	app := newTestApp(t)
	u := app.signIn(matching.RoleCandidate)
	doc := app.page("/profile", http.StatusOK)
	if v, _ := doc.Find(`input[name="email"]`).Attr("value"); v != u.Email {
		t.Errorf("the new profile form should start with the account email, got %q", v)
	}
	form := url.Values{"name": {"Cara"}, "email": {u.Email}, "desired_title": {"Sr. Golang Dev"},
		"city": {"Vienna"}, "country": {"AT"}, "searchable": {"true"}}
	resp, _ := app.postForm("/profile", "/profile", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d", resp.StatusCode)
	}
	form.Set("desired_title", "Golang Engineer")
	if resp, _ = app.postForm("/profile", "/profile", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second save = %d", resp.StatusCode)
	}
	doc = app.page("/profile?saved=1", http.StatusOK)
	if v, _ := doc.Find(`input[name="desired_title"]`).Attr("value"); v != "Golang Engineer" {
		t.Errorf("title = %q", v)
	}
	if doc.Find(`[data-testid="form-notice"]`).Length() != 1 {
		t.Error("no confirmation shown")
	}
	c, err := app.db.CandidateByUser(context.Background(), u.ID)
	if err != nil || c.DesiredTitle != "Golang Engineer" {
		t.Errorf("stored profile %+v, %v", c, err)
	}
	if _, n := app.counts(); n != 1 {
		t.Errorf("%d profiles, want 1 (the second save must update)", n)
	}
}
