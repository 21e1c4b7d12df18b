package web_test

import (
	"net/http"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/web"
)

// TestJSONResponsesAreSentWhole: a JSON response carries its length and is
// not chunked, including a page of matches larger than net/http's 4 KB
// write buffer; ?pretty still indents.
func TestJSONResponsesAreSentWhole(t *testing.T) {
	app := newTestApp(t)
	_, tok := app.apiToken(matching.RoleCandidate)
	for i := 0; i < 12; i++ {
		app.addVacancy("Registered Nurse", "Berlin", "DE")
	}
	eventually.True(t, func() bool {
		_, body := app.sendJSON(tok, http.MethodGet, "/api/v1/search/vacancies?title=Nurse", "")
		return strings.Contains(body, `"total":12`)
	}, "indexing")
	for _, path := range []string{"/api/v1/search/vacancies?title=Nurse", "/api/v1/search/vacancies?title=Nurse&pretty"} {
		resp, body := app.sendJSON(tok, http.MethodGet, path, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s = %d %s", path, resp.StatusCode, body)
		}
		if len(body) < 4096 {
			t.Fatalf("%s: %d bytes; the test needs a response above the 4 KB write buffer", path, len(body))
		}
		if resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) != 0 {
			t.Errorf("%s: Content-Length %d, transfer encoding %v, body %d bytes", path, resp.ContentLength, resp.TransferEncoding, len(body))
		}
		if pretty := strings.Contains(body, "\n  \""); pretty != strings.HasSuffix(path, "&pretty") {
			t.Errorf("%s: indented = %v", path, pretty)
		}
		decode[struct{ Items []web.APIVacancyMatch }](t, body)
	}
}
