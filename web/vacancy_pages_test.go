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

func TestHomeListsOpenVacanciesFromPostgres(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Senior Golang Developer", "Berlin", "DE")
	app.addVacancy("Pflegefachkraft", "Munich", "DE", matching.LanguageInput{Code: "de", Level: "B2"})
	closed := app.addVacancy("Closed Position", "Munich", "DE")
	closed.Status = matching.StatusClosed
	if err := app.db.UpdateVacancy(context.Background(), matching.System, &closed); err != nil {
		t.Fatal(err)
	}
	doc := app.page("/", http.StatusOK)
	rows := doc.Find(`[data-testid="vacancy-row"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d rows, want 2", rows.Length())
	}
	if !strings.Contains(rows.Text(), "Senior Golang Developer") || !strings.Contains(rows.Text(), "German B2") {
		t.Errorf("rows = %q", rows.Text())
	}
	if got := doc.Find(`[data-testid="total"]`).Text(); got != "2 vacancies found" {
		t.Errorf("total = %q", got)
	}
}

func TestVacancyFiltersLiveInTheURL(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Nurse", "Berlin", "DE", matching.LanguageInput{Code: "de", Level: "C1"})
	app.addVacancy("Nurse", "Paris", "FR")
	app.addVacancy("Baker", "Berlin", "DE")
	doc := app.page("/vacancies?title=nur&city=berlin&language=de&min_level=B2", http.StatusOK)
	if n := doc.Find(`[data-testid="vacancy-row"]`).Length(); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
	if v, _ := doc.Find(`input[name="city"]`).Attr("value"); v != "berlin" {
		t.Errorf("the city filter is not kept in the form: %q", v)
	}
	if v, _ := doc.Find(`select[name="min_level"] option[selected]`).Attr("value"); v != "B2" {
		t.Errorf("the level filter is not kept: %q", v)
	}
}

func TestHtmxFilterRequestGetsOnlyTheResults(t *testing.T) {
	app := newTestApp(t)
	app.addVacancy("Nurse", "Berlin", "DE")
	resp, body := app.get("/vacancies?title=nurse", "HX-Request", "true", "HX-Target", "results")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, `id="results"`) {
		t.Errorf("got %d, full page: %v", resp.StatusCode, strings.Contains(body, "<html"))
	}
}

func TestBadFilterSaysWhatToFix(t *testing.T) {
	app := newTestApp(t)
	doc := app.page("/vacancies?country=Germany&page=0", http.StatusBadRequest)
	if msg := doc.Find(`[data-testid="error-country"]`).Text(); !strings.Contains(msg, "ISO 3166-1") {
		t.Errorf("country error = %q", msg)
	}
}

func TestPaginationKeepsFilters(t *testing.T) {
	app := newTestApp(t)
	for i := 0; i < 25; i++ {
		app.addVacancy("Cook", "Rome", "IT")
	}
	doc := app.page("/vacancies?country=IT", http.StatusOK)
	next, _ := doc.Find(`a[rel="next"]`).Attr("href")
	if next != "/vacancies?country=IT&page=2" {
		t.Fatalf("next link = %q", next)
	}
	doc = app.page(next, http.StatusOK)
	if n := doc.Find(`[data-testid="vacancy-row"]`).Length(); n != 5 {
		t.Errorf("page 2 has %d rows, want 5", n)
	}
}

func TestCreateVacancyThroughTheForm(t *testing.T) {
	app := newTestApp(t)
	recruiter := app.signIn(matching.RoleRecruiter)
	resp, _ := app.postForm("/vacancies/new", "/vacancies", url.Values{
		"title": {"Sr. Golang Dev"}, "employer": {"Acme"}, "city": {"münchen"}, "country": {"de"},
		"languages[0].code": {"de"}, "languages[0].level": {"B2"}, "status": {"open"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status = %d, want 303", resp.StatusCode)
	}
	doc := app.page(resp.Header.Get("Location"), http.StatusOK)
	if got := doc.Find(`[data-testid="vacancy-title"]`).Text(); got != "Sr. Golang Dev" {
		t.Errorf("title = %q", got)
	}
	if !strings.Contains(doc.Text(), "Munich, DE") || !strings.Contains(doc.Text(), "German B2") {
		t.Error("location or language missing on the detail page")
	}
	list, _, _ := app.db.ListVacancies(context.Background(), matching.VacancyFilter{ListFilter: matching.ListFilter{Page: 1, PerPage: 5}})
	if len(list) != 1 || list[0].RecruiterID != recruiter.ID {
		t.Errorf("the vacancy is not owned by the recruiter who made it: %+v", list)
	}
}

func TestInvalidVacancyFormShowsFieldErrorsAndWritesNothing(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleRecruiter)
	resp, doc := app.postForm("/vacancies/new", "/vacancies", url.Values{
		"title": {"   "}, "employer": {"Acme"}, "city": {"Gotham"}, "country": {"XX"},
		"languages[1].code": {"de"}, "languages[1].level": {"Z9"}, "latitude": {"north"}, "longitude": {"2"},
	})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d, want 422", resp.StatusCode)
	}
	for _, field := range []string{"title", "country", "latitude", "languages[1].level"} {
		if doc.Find(`[data-testid="error-`+field+`"]`).Length() != 1 {
			t.Errorf("no error shown for %s", field)
		}
	}
	if v, _ := doc.Find(`input[name="latitude"]`).Attr("value"); v != "north" {
		t.Errorf("the refused latitude is not shown back: %q", v)
	}
	if v, _ := doc.Find(`select[name="languages[1].code"] option[selected]`).Attr("value"); v != "de" {
		t.Errorf("the language row moved: %q", v)
	}
	if v, _ := app.counts(); v != 0 {
		t.Errorf("%d vacancies written, want 0", v)
	}
}

func TestFormWithoutCSRFTokenIsRefused(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleRecruiter)
	app.page("/vacancies/new", http.StatusOK) // gets the CSRF cookie
	req, _ := http.NewRequest(http.MethodPost, app.srv.URL+"/vacancies",
		strings.NewReader(url.Values{"title": {"x"}, "employer": {"y"}, "remote": {"true"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, _ := app.do(req)
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("status = %d, want a 4xx", resp.StatusCode)
	}
	if v, _ := app.counts(); v != 0 {
		t.Errorf("%d vacancies written, want 0", v)
	}
}

func TestEditVacancyThroughTheForm(t *testing.T) {
	app := newTestApp(t)
	recruiter := app.signIn(matching.RoleRecruiter)
	v := app.addVacancyFor(recruiter.ID, "Cook", "Rome", "IT")
	path := web.VacancyURL(v.ID)
	doc := app.page(path+"/edit", http.StatusOK)
	if got, _ := doc.Find(`input[name="title"]`).Attr("value"); got != "Cook" {
		t.Errorf("edit form title = %q", got)
	}
	resp, _ := app.postForm(path+"/edit", path, url.Values{
		"title": {"Head Chef"}, "employer": {"Acme"}, "remote": {"true"}, "status": {"closed"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	got, err := app.db.Vacancy(context.Background(), v.ID)
	if err != nil || got.Title != "Head Chef" || got.Status != matching.StatusClosed || !got.Location.IsZero() {
		t.Errorf("after edit: %+v, %v", got, err)
	}
}
