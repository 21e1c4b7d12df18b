package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func TestVacancyAPILifecycle(t *testing.T) {
	app := newTestApp(t)
	resp, body := app.sendJSON(http.MethodPost, "/api/v1/vacancies", `{"title":"Go Developer","employer":"Acme","remote":true,
		"languages":[{"code":"en","level":"C1"}]}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create = %d %s", resp.StatusCode, body)
	}
	v := decode[apiVacancy](t, body)
	if v.Location != nil || v.Status != "open" || v.Languages[0].Level.String() != "C1" {
		t.Errorf("created %+v", v)
	}
	path := "/api/v1/vacancies/" + strconv.FormatInt(v.ID, 10)
	if resp.Header.Get("Location") != path {
		t.Errorf("Location = %q", resp.Header.Get("Location"))
	}
	resp, body = app.sendJSON(http.MethodPut, path, `{"title":"Go Developer","employer":"Acme","location":{"city":"Berlin","country":"DE"},"status":"closed"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("update = %d %s", resp.StatusCode, body)
	}
	_, body = app.get(path)
	got := decode[apiVacancy](t, body)
	if got.Location == nil || got.Location.City != "Berlin" || got.Status != "closed" || len(got.Languages) != 0 {
		t.Errorf("after update %+v", got)
	}
	_, body = app.get("/api/v1/vacancies?status=closed&country=DE")
	list := decode[listResponse[apiVacancy]](t, body)
	if list.Total != 1 || len(list.Items) != 1 || list.Page != 1 {
		t.Errorf("list = %+v", list)
	}
	if resp, _ := app.sendJSON(http.MethodDelete, path, ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete = %d", resp.StatusCode)
	}
	if resp, _ := app.get(path); resp.StatusCode != http.StatusNotFound {
		t.Errorf("get after delete = %d", resp.StatusCode)
	}
}

func TestAPIRefusesBadInputWithTheFieldAndWritesNothing(t *testing.T) {
	app := newTestApp(t)
	existing := app.addVacancy("Cook", "Rome", "IT")
	tests := []struct {
		name, method, path, body string
		status                   int
		field                    string
	}{
		{"malformed JSON", "POST", "/api/v1/vacancies", `{"title":`, 400, ""},
		{"unknown field", "POST", "/api/v1/vacancies", `{"titel":"Cook"}`, 400, "titel"},
		{"wrong type", "POST", "/api/v1/vacancies", `{"title":42}`, 400, "title"},
		{"two objects", "POST", "/api/v1/vacancies", `{"title":"a"}{"title":"b"}`, 400, ""},
		{"empty title", "POST", "/api/v1/vacancies", `{"title":" ","employer":"Acme","remote":true}`, 422, "title"},
		{"bad level", "POST", "/api/v1/vacancies", `{"title":"Cook","employer":"Acme","remote":true,"languages":[{"code":"en","level":"fluent"}]}`, 422, "languages[0].level"},
		{"bad country", "POST", "/api/v1/candidates", `{"name":"A","email":"a@example.com","desired_title":"Cook","location":{"city":"Rome","country":"ITA"}}`, 422, "location.country"},
		{"bad id", "GET", "/api/v1/vacancies/abc", ``, 400, "id"},
		{"bad filter", "GET", "/api/v1/vacancies?min_level=B2", ``, 400, "min_level"},
		{"bad update", "PUT", "/api/v1/vacancies/" + strconv.FormatInt(existing.ID, 10), `{"title":"","employer":"Acme","remote":true}`, 422, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := app.sendJSON(tt.method, tt.path, tt.body)
			e := decode[apiError](t, body)
			if resp.StatusCode != tt.status || e.Error == "" {
				t.Errorf("got %d %s, want %d with a message", resp.StatusCode, body, tt.status)
			}
			if tt.field != "" && e.Field != tt.field {
				t.Errorf("field = %q, want %q (%s)", e.Field, tt.field, body)
			}
		})
	}
	if v, c := app.counts(); v != 1 || c != 0 {
		t.Errorf("counts = %d vacancies, %d candidates; want 1, 0", v, c)
	}
	_, body := app.get("/api/v1/vacancies/" + strconv.FormatInt(existing.ID, 10))
	if got := decode[apiVacancy](t, body); got.Title != "Cook" {
		t.Errorf("a refused update changed the vacancy: %+v", got)
	}
}

func TestCandidateAPIHidesEmailsAndPrivateProfiles(t *testing.T) {
	app := newTestApp(t)
	resp, body := app.sendJSON(http.MethodPost, "/api/v1/candidates", `{"name":"Ann","email":"ann@example.com","desired_title":"Nurse",
		"location":{"city":"Vienna","country":"AT"},"languages":[{"code":"de","level":"native"}],"searchable":true}`)
	if resp.StatusCode != http.StatusCreated || strings.Contains(body, "ann@example.com") {
		t.Fatalf("create = %d %s", resp.StatusCode, body)
	}
	private := app.addCandidate("Private", "Cook", false)
	_, body = app.get("/api/v1/candidates")
	list := decode[listResponse[apiCandidate]](t, body)
	if list.Total != 1 || list.Items[0].Name != "Ann" || strings.Contains(body, "@example.com") {
		t.Errorf("list = %s", body)
	}
	for _, m := range []string{http.MethodGet, http.MethodDelete} {
		if resp, _ := app.sendJSON(m, "/api/v1/candidates/"+strconv.FormatInt(private.ID, 10), ""); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s private profile = %d, want 404", m, resp.StatusCode)
		}
	}
	if _, c := app.counts(); c != 2 {
		t.Errorf("%d candidates, want 2", c)
	}
}
