package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"jobmatch/importer"
	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/web"
)

// TestImportCheckRefusesRowsTheDatabaseWouldRefuse: a NUL in a cell is a
// problem of its row in the check, so the rows reported valid are written.
func TestImportCheckRefusesRowsTheDatabaseWouldRefuse(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	resp, doc := app.upload("vacancies", "nul.csv", "external_id,title,employer,city,country\n"+
		"b1,Nurse,Charité,Berlin,DE\n"+
		"b2,Nu\x00rse,Acme,Berlin,DE\n")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("check = %d", resp.StatusCode)
	}
	if got := doc.Find(`[data-testid="import-summary"]`).Text(); !strings.Contains(got, "1 row is valid; 1 row has problems") {
		t.Fatalf("summary = %q", got)
	}
	if p := doc.Find(`[data-testid="import-problem"]`).Text(); !strings.Contains(p, "3") || !strings.Contains(p, "title") || !strings.Contains(p, "U+0000") {
		t.Errorf("problem = %q", p)
	}
	if done := app.runImport(doc); !strings.Contains(done, "1 created") {
		t.Errorf("import: %q", done)
	}
}

// runImport starts the checked import shown in doc and waits for its end,
// returning the final progress fragment.
func (a *testApp) runImport(doc *goquery.Document) string {
	a.t.Helper()
	start, _ := doc.Find(`form[action$="/start"]`).Attr("action")
	resp, _ := a.postForm("/admin/import", start, url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("start = %d", resp.StatusCode)
	}
	var body string
	eventually.True(a.t, func() bool {
		_, body = a.get(resp.Header.Get("Location"), "HX-Request", "true")
		return !strings.Contains(body, "hx-trigger")
	}, "the import to finish")
	return body
}

// refusingImports is a store whose imports fail the way Postgres does.
type refusingImports struct{ engine.Store }

var errRefusedImport = errors.New(`postgres: create vacancy: ERROR: invalid byte sequence for encoding "UTF8": 0x00 (SQLSTATE 22021)`)

func (refusingImports) ImportVacancies(context.Context, matching.Actor, []*matching.Vacancy, *importer.Claim, func(int)) ([]int64, error) {
	return nil, errRefusedImport
}

// TestFailedImportShowsNoDatabaseText: the admin learns that nothing was
// written and what to do; the database's words go to the log with the
// request id.
func TestFailedImportShowsNoDatabaseText(t *testing.T) {
	app := newTestApp(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	s := web.New(web.Config{Addr: "localhost:0", ShutdownTimeout: 1}, log, app.db, startEngine(t, log, refusingImports{app.db}))
	app.srv = httptest.NewServer(s.Handler())
	t.Cleanup(app.srv.Close)
	app.signIn(matching.RoleAdmin)
	_, doc := app.upload("vacancies", "jobs.csv", importFile)
	body := app.runImport(doc)
	if !strings.Contains(body, "nothing was written") || strings.Contains(body, "SQLSTATE") || strings.Contains(body, "postgres") {
		t.Errorf("progress after a failed import: %s", body)
	}
	if v, _ := app.counts(); v != 0 {
		t.Errorf("%d vacancies after a failed import", v)
	}
	if !strings.Contains(logs.String(), "SQLSTATE 22021") || !strings.Contains(logs.String(), "request_id=") {
		t.Errorf("the log does not hold the database's error with the request id:\n%s", logs.String())
	}
}

// TestTooLargeBodiesNameTheirLimit: an import over 32 MB is told 32 MB, with
// or without a Content-Length; other requests are told 1 MB.
func TestTooLargeBodiesNameTheirLimit(t *testing.T) {
	app := newTestApp(t)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("file", "big.csv")
	_, _ = fw.Write(bytes.Repeat([]byte("a"), 33<<20))
	w.Close()
	for _, chunked := range []bool{false, true} {
		var r io.Reader = bytes.NewReader(body.Bytes())
		if chunked {
			r = io.MultiReader(r) // hides the length
		}
		req := httptest.NewRequest(http.MethodPost, "/admin/import", r)
		req.Header.Set("Content-Type", w.FormDataContentType())
		rec := httptest.NewRecorder()
		app.server.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "32 MB") {
			t.Errorf("33 MB import (chunked %v): %d, want 413 naming 32 MB", chunked, rec.Code)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/vacancies", strings.NewReader(`{"title":"`+strings.Repeat("a", 2<<20)+`"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	app.server.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "1 MB") {
		t.Errorf("2 MB API body: %d %s, want 413 naming 1 MB", rec.Code, rec.Body.String())
	}
}

// refusingRow is a store whose database refuses one row of every import,
// past the first progress report.
type refusingRow struct {
	engine.Store
	row int
}

func (r refusingRow) ImportVacancies(ctx context.Context, actor matching.Actor, vs []*matching.Vacancy, claim *importer.Claim, progress func(int)) ([]int64, error) {
	if len(vs) > r.row {
		vs[r.row].Status = "bogus" // the database's CHECK refuses it
	}
	return r.Store.ImportVacancies(ctx, actor, vs, claim, progress)
}

// TestImportOfAFileIsAllOrNothing: when the database refuses row 251 of a
// 300-row file, not even the rows before it are written.
func TestImportOfAFileIsAllOrNothing(t *testing.T) {
	app := newTestApp(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := web.New(web.Config{Addr: "localhost:0", ShutdownTimeout: 1}, log, app.db, startEngine(t, log, refusingRow{app.db, 250}))
	app.srv = httptest.NewServer(s.Handler())
	t.Cleanup(app.srv.Close)
	app.signIn(matching.RoleAdmin)
	file := "external_id,title,employer,city,country\n"
	for i := range 300 {
		file += fmt.Sprintf("r%d,Registered Nurse,Clinic %d,Berlin,DE\n", i, i)
	}
	_, doc := app.upload("vacancies", "jobs.csv", file)
	if body := app.runImport(doc); !strings.Contains(body, "nothing was written") {
		t.Errorf("progress: %s", body)
	}
	if v, _ := app.counts(); v != 0 {
		t.Errorf("%d vacancies written by a refused file, want 0", v)
	}
}
