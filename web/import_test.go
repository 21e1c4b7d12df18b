package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
)

// upload posts a CSV file to the import form with the page's CSRF token.
func (a *testApp) upload(kind, name, content string) (*http.Response, *goquery.Document) {
	a.t.Helper()
	token, _ := a.page("/admin/import", http.StatusOK).Find(`input[name="_csrf"]`).Attr("value")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", token)
	_ = w.WriteField("kind", kind)
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(content))
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/admin/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, text := a.do(req)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(text))
	return resp, doc
}

const importFile = "external_id,title,employer,city,country,languages\n" +
	"a1,Registered Nurse,Charité,Berlin,DE,de:B2\n" +
	"a2,Truck Driver,Logistik AG,Hamburg,DE,\n" +
	"a3,Cook,Hotel,Gotham,XX,de:B2\n" + // unknown country: the bad row
	"a4,Go Developer,Acme,Munich,DE,en:C1\n"

func TestCSVImportReportsTheBadRowImportsTheRestAndIsIdempotent(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	stored := 0 // vacancies stored before each run; a check must not change it
	run := func() string {
		resp, doc := app.upload("vacancies", "jobs.csv", importFile)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("check = %d", resp.StatusCode)
		}
		if got := doc.Find(`[data-testid="import-summary"]`).Text(); !strings.Contains(got, "3 rows are valid; 1 row has problems") {
			t.Fatalf("summary = %q", got)
		}
		problem := doc.Find(`[data-testid="import-problem"]`)
		if problem.Length() != 1 || !strings.Contains(problem.Text(), "4") || !strings.Contains(problem.Text(), "country") {
			t.Fatalf("problems = %q", problem.Text())
		}
		if v, _ := app.counts(); v != stored {
			t.Fatal("the check wrote rows")
		}
		start, _ := doc.Find(`form[action$="/start"]`).Attr("action")
		resp, _ = app.postForm("/admin/import", start, url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("start = %d", resp.StatusCode)
		}
		progress := resp.Header.Get("Location")
		var done string
		eventually.True(t, func() bool {
			_, body := app.get(progress, "HX-Request", "true")
			d, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
			done = d.Find(`[data-testid="import-done"]`).Text()
			return done != ""
		}, "the import to finish")
		return done
	}
	first := run()
	if !strings.Contains(first, "3 created, 0 already there") {
		t.Errorf("first run: %q", first)
	}
	if v, _ := app.counts(); v != 3 {
		t.Errorf("%d vacancies after the import, want 3", v)
	}
	stored = 3
	second := run()
	if !strings.Contains(second, "0 created, 3 already there") {
		t.Errorf("second run: %q", second)
	}
	if v, _ := app.counts(); v != 3 {
		t.Errorf("%d vacancies after importing twice, want 3", v)
	}
	// Imported vacancies are searchable.
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=Truck+Driver")
		return strings.Contains(body, "Logistik AG")
	}, "the imported vacancy in search")
}

func TestCSVImportRefusesUnusableFiles(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	resp, doc := app.upload("vacancies", "bad.csv", "title,salary\nNurse,100\n")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="form-summary"]`).Text(), "salary") {
		t.Errorf("%d %q", resp.StatusCode, doc.Find(`[data-testid="form-summary"]`).Text())
	}
}
