package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/web"
)

func TestPositionSearchPageRanksAndExplains(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Registered Nurse", "Vienna", "AT", matching.LanguageInput{Code: "de", Level: "B2"})
	app.addVacancy("Baker", "Vienna", "AT")
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=Registered+Nurse")
		return strings.Contains(body, "2 positions found")
	}, "indexing")
	// Only the good match is listed; the baker is counted as a weaker
	// result, and the link to it keeps the filters.
	doc := app.page("/positions?title=Registered+Nurse&country=AT", http.StatusOK)
	rows := doc.Find(`[data-testid="match-row"]`)
	if rows.Length() != 1 || !strings.Contains(rows.First().Text(), "Registered Nurse") {
		t.Fatalf("rows = %q", rows.Text())
	}
	if !strings.Contains(rows.First().Find(`[data-testid="explanation"]`).Text(), "Vienna, AT") {
		t.Errorf("explanation = %q", rows.First().Find(`[data-testid="explanation"]`).Text())
	}
	if v := rows.First().Find(`[data-testid="verdict"]`).Text(); !regexp.MustCompile(`^(strong|possible) match · \d+ %$`).MatchString(v) {
		t.Errorf("verdict = %q", v)
	}
	total := doc.Find(`[data-testid="total"]`).Text()
	if !strings.Contains(total, "1 good match") || !strings.Contains(total, "1 weaker result hidden — show them") {
		t.Errorf("total = %q", total)
	}
	if doc.Find(`[data-testid="unrecognised"]`).Length() != 0 {
		t.Error("a well-known title got the could-not-read note")
	}
	href, _ := doc.Find(`[data-testid="show-all"]`).Attr("href")
	if href != "/positions?all=1&country=AT&title=Registered+Nurse" {
		t.Errorf("show-all link = %q", href)
	}
	all := app.page(href, http.StatusOK)
	if rows := all.Find(`[data-testid="match-row"]`); rows.Length() != 2 || !strings.Contains(rows.Last().Find(`[data-testid="verdict"]`).Text(), "weak match · ") {
		t.Errorf("all rows = %q", rows.Text())
	}
	if back, _ := all.Find(`[data-testid="good-only"]`).Attr("href"); back != "/positions?country=AT&title=Registered+Nurse" {
		t.Errorf("good-only link = %q", back)
	}
	// htmx asks for the results only.
	resp, body := app.get("/positions?title=Baker", "HX-Request", "true", "HX-Target", "results")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") {
		t.Errorf("fragment: %d, full page %v", resp.StatusCode, strings.Contains(body, "<html"))
	}
}

func TestPositionSearchPageSaysWhenNothingGoodMatchesAGibberishTitle(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Registered Nurse", "Vienna", "AT")
	app.addVacancy("Baker", "Vienna", "AT")
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=asdfghjkl")
		return strings.Contains(body, "2 positions found")
	}, "indexing")
	doc := app.page("/positions?title=asdfghjkl", http.StatusOK)
	if n := doc.Find(`[data-testid="match-row"]`).Length(); n != 0 {
		t.Errorf("%d rows listed for gibberish", n)
	}
	if got := doc.Find(`[data-testid="no-good-match"]`).Text(); !strings.Contains(got, "No good match for “asdfghjkl”.") {
		t.Errorf("no-good-match = %q", got)
	}
	if got := doc.Find(`[data-testid="unrecognised"]`).Text(); !strings.Contains(got, "could not read this title well") {
		t.Errorf("note = %q", got)
	}
	if got := doc.Find(`[data-testid="total"]`).Text(); !strings.Contains(got, "0 good matches") || strings.Contains(got, "recognised") {
		t.Errorf("total = %q", got)
	}
}

func TestPositionSearchPageSuggestsTitlesWhenNothingGoodMatches(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Registered Nurse", "Vienna", "AT")
	app.addVacancy("Registered Nurse", "Berlin", "DE")
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=Registered+Nurse")
		return strings.Contains(body, "2 positions found")
	}, "indexing")
	// A recognised title with only weak results: the nearest open
	// positions' titles are offered, each a search of its own.
	doc := app.page("/positions?title=Bricklayer", http.StatusOK)
	if doc.Find(`[data-testid="no-good-match"]`).Length() == 0 {
		t.Fatalf("total = %q", doc.Find(`[data-testid="total"]`).Text())
	}
	if href, _ := doc.Find(`[data-testid="suggestion"]`).First().Attr("href"); href != "/positions?title=Registered+Nurse" {
		t.Errorf("suggestion = %q in %q", href, doc.Find(`[data-testid="no-good-match"]`).Text())
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
	path := web.VacancyURL(v.ID) + "/candidates"
	eventually.True(t, func() bool { _, body := app.get(path); return strings.Contains(body, "1 candidate found") }, "indexing")
	doc := app.page(path, http.StatusOK)
	if rows := doc.Find(`[data-testid="match-row"]`); rows.Length() != 1 || !strings.Contains(rows.Text(), "Nina") {
		t.Errorf("rows = %q", rows.Text())
	}
	detail := app.page(web.VacancyURL(v.ID), http.StatusOK)
	if href, _ := detail.Find(`[data-testid="matching-candidates"]`).Attr("href"); href != path {
		t.Errorf("link = %q", href)
	}
	// Another recruiter may not look.
	other := newTestAppOn(t, app)
	other.signIn(matching.RoleRecruiter)
	other.page(path, http.StatusForbidden)
}
