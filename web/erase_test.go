package web_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/web"
)

func TestAdminErasesACandidateAfterTypedConfirmation(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	c := app.addCandidate("Erin", "Nurse", true)
	detail := app.page(web.CandidateURL(c.ID), http.StatusOK)
	link, _ := detail.Find(`[data-testid="erase-link"]`).Attr("href")
	resp, doc := app.postForm(link, link, url.Values{"confirm": {"someone@else.com"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="form-summary"]`).Text(), "nothing was erased") {
		t.Fatalf("mismatch: %d", resp.StatusCode)
	}
	if _, err := app.db.Candidate(t.Context(), c.ID); err != nil {
		t.Fatalf("a refused erasure deleted the candidate: %v", err)
	}
	if resp, _ := app.postForm(link, link, url.Values{"confirm": {"ERIN@example.com"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase = %d", resp.StatusCode)
	}
	if _, err := app.db.Candidate(t.Context(), c.ID); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("candidate still stored: %v", err)
	}
	// Gone from the index at once: a recruiter search no longer finds her.
	res, err := app.engine.SearchCandidates(t.Context(), engineQueryFor(t, app))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Matches {
		if m.Candidate.ID == c.ID {
			t.Error("erased candidate still in the index")
		}
	}
	other := newTestAppOn(t, app)
	other.signIn(matching.RoleRecruiter)
	other.page(link, http.StatusForbidden)
}

func TestTitleSuggestionsComeFromOpenPositions(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Registered Nurse", "Berlin", "DE")
	eventually.True(t, func() bool {
		_, body := app.get("/suggest/titles?desired_title=nurse")
		return strings.Contains(body, `<option value="Registered Nurse">`)
	}, "a suggestion for nurse")
	if _, body := app.get("/suggest/titles?desired_title=%21"); strings.Contains(body, "<option") {
		t.Errorf("suggestions for unreadable input: %s", body)
	}
}
