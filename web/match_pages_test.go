package web

import (
	"net/http"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
)

func TestPositionSearchPageRanksAndExplains(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Registered Nurse", "Vienna", "AT", matching.LanguageInput{Code: "de", Level: "B2"})
	app.addVacancy("Baker", "Vienna", "AT")
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=Registered+Nurse")
		return strings.Contains(body, "2 positions found")
	}, "indexing")
	doc := app.page("/positions?title=Registered+Nurse&country=AT", http.StatusOK)
	rows := doc.Find(`[data-testid="match-row"]`)
	if rows.Length() != 2 || !strings.Contains(rows.First().Text(), "Registered Nurse") {
		t.Fatalf("rows = %q", rows.Text())
	}
	if !strings.Contains(rows.First().Find(`[data-testid="explanation"]`).Text(), "Vienna, AT") {
		t.Errorf("explanation = %q", rows.First().Find(`[data-testid="explanation"]`).Text())
	}
	if band := rows.First().Find(".band").Text(); band != "high" && band != "medium" && band != "low" {
		t.Errorf("band = %q", band)
	}
	// htmx asks for the results only.
	resp, body := app.get("/positions?title=Baker", "HX-Request", "true", "HX-Target", "results")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") {
		t.Errorf("fragment: %d, full page %v", resp.StatusCode, strings.Contains(body, "<html"))
	}
}

func TestPositionSearchPageExplainsUnreadableTitles(t *testing.T) {
	app := newTestApp(t)
	doc := app.page("/positions?title=%21%21%21", http.StatusUnprocessableEntity)
	if msg := doc.Find(`[data-testid="error-title"]`).Text(); !strings.Contains(msg, "cannot read") {
		t.Errorf("title error = %q", msg)
	}
	if doc.Find(`[data-testid="match-row"]`).Length() != 0 {
		t.Error("results shown for an unreadable title")
	}
}

func TestRecruiterSeesMatchingCandidatesForTheirVacancy(t *testing.T) {
	app := newTestApp(t)
	recruiter := app.signIn(matching.RoleRecruiter)
	v := app.addVacancyFor(recruiter.ID, "Nurse", "Berlin", "DE")
	app.addCandidate("Nina", "Nurse", true)
	app.addCandidate("Hidden", "Nurse", false)
	path := vacancyURL(v.ID) + "/candidates"
	eventually.True(t, func() bool { _, body := app.get(path); return strings.Contains(body, "1 candidate found") }, "indexing")
	doc := app.page(path, http.StatusOK)
	if rows := doc.Find(`[data-testid="match-row"]`); rows.Length() != 1 || !strings.Contains(rows.Text(), "Nina") {
		t.Errorf("rows = %q", rows.Text())
	}
	detail := app.page(vacancyURL(v.ID), http.StatusOK)
	if href, _ := detail.Find(`[data-testid="matching-candidates"]`).Attr("href"); href != path {
		t.Errorf("link = %q", href)
	}
	// Another recruiter may not look.
	other := newTestAppOn(t, app)
	other.signIn(matching.RoleRecruiter)
	other.page(path, http.StatusForbidden)
}
