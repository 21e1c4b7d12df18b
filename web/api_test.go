package web_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
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
	recruiter, tok := app.apiToken(matching.RoleRecruiter)
	resp, body := app.sendJSON(tok, http.MethodPost, "/api/v1/vacancies", `{"title":"Go Developer","employer":"Acme","remote":true,
		"languages":[{"code":"en","level":"C1"}]}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create = %d %s", resp.StatusCode, body)
	}
	v := decode[web.APIVacancy](t, body)
	if v.Location != nil || v.Status != "open" || v.Languages[0].Level.String() != "C1" {
		t.Errorf("created %+v", v)
	}
	path := "/api/v1/vacancies/" + strconv.FormatInt(v.ID, 10)
	if resp.Header.Get("Location") != path {
		t.Errorf("Location = %q", resp.Header.Get("Location"))
	}
	resp, body = app.sendJSON(tok, http.MethodPut, path, `{"title":"Go Developer","employer":"Acme","location":{"city":"Berlin","country":"DE"},"status":"closed"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("update = %d %s", resp.StatusCode, body)
	}
	_, body = app.sendJSON(tok, http.MethodGet, path, "")
	got := decode[web.APIVacancy](t, body)
	if got.Location == nil || got.Location.City != "Berlin" || got.Status != "closed" || len(got.Languages) != 0 {
		t.Errorf("after update %+v", got)
	}
	stored, _ := app.db.Vacancy(t.Context(), v.ID)
	if stored.RecruiterID != recruiter.ID {
		t.Errorf("owner = %d, want %d (kept through the update)", stored.RecruiterID, recruiter.ID)
	}
	_, body = app.sendJSON(tok, http.MethodGet, "/api/v1/vacancies?status=closed&country=DE", "")
	list := decode[web.ListResponse[web.APIVacancy]](t, body)
	if list.Total != 1 || len(list.Items) != 1 || list.Page != 1 {
		t.Errorf("list = %+v", list)
	}
	if resp, _ := app.sendJSON(tok, http.MethodDelete, path, ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete = %d", resp.StatusCode)
	}
	if resp, _ := app.sendJSON(tok, http.MethodGet, path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("get after delete = %d", resp.StatusCode)
	}
}

func TestAPIRefusesBadInputWithTheFieldAndWritesNothing(t *testing.T) {
	app := newTestApp(t)
	recruiter, tok := app.apiToken(matching.RoleRecruiter)
	_, adminTok := app.apiToken(matching.RoleAdmin)
	existing := app.addVacancyFor(recruiter.ID, "Cook", "Rome", "IT")
	tests := []struct {
		name, token, method, path, body string
		status                          int
		field                           string
	}{
		{"malformed JSON", tok, "POST", "/api/v1/vacancies", `{"title":`, 400, ""},
		{"unknown field", tok, "POST", "/api/v1/vacancies", `{"titel":"Cook"}`, 400, "titel"},
		{"wrong type", tok, "POST", "/api/v1/vacancies", `{"title":42}`, 400, "title"},
		{"two objects", tok, "POST", "/api/v1/vacancies", `{"title":"a"}{"title":"b"}`, 400, ""},
		{"empty title", tok, "POST", "/api/v1/vacancies", `{"title":" ","employer":"Acme","remote":true}`, 422, "title"},
		{"bad level", tok, "POST", "/api/v1/vacancies", `{"title":"Cook","employer":"Acme","remote":true,"languages":[{"code":"en","level":"fluent"}]}`, 422, "languages[0].level"},
		{"bad country", adminTok, "POST", "/api/v1/candidates", `{"name":"A","email":"a@example.com","desired_title":"Cook","location":{"city":"Rome","country":"ITA"}}`, 422, "location.country"},
		{"bad id", tok, "GET", "/api/v1/vacancies/abc", ``, 400, "id"},
		{"bad filter", tok, "GET", "/api/v1/vacancies?min_level=B2", ``, 400, "min_level"},
		{"bad update", tok, "PUT", "/api/v1/vacancies/" + strconv.FormatInt(existing.ID, 10), `{"title":"","employer":"Acme","remote":true}`, 422, "title"},
		{"bad auth header", "", "GET", "/api/v1/vacancies", ``, 401, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := app.sendJSON(tt.token, tt.method, tt.path, tt.body)
			e := decode[web.APIError](t, body)
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
	_, body := app.sendJSON(tok, "GET", "/api/v1/vacancies/"+strconv.FormatInt(existing.ID, 10), "")
	if got := decode[web.APIVacancy](t, body); got.Title != "Cook" {
		t.Errorf("a refused update changed the vacancy: %+v", got)
	}
}

func TestCandidateAPIRoles(t *testing.T) {
	app := newTestApp(t)
	_, candTok := app.apiToken(matching.RoleCandidate)
	_, otherTok := app.apiToken(matching.RoleCandidate)
	_, recTok := app.apiToken(matching.RoleRecruiter)

	resp, body := app.sendJSON(candTok, http.MethodPost, "/api/v1/candidates", `{"name":"Ann","email":"ann@example.com","desired_title":"Nurse",
		"location":{"city":"Vienna","country":"AT"},"languages":[{"code":"de","level":"native"}],"searchable":true}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create own profile = %d %s", resp.StatusCode, body)
	}
	own := decode[web.APICandidate](t, body)
	path := "/api/v1/candidates/" + strconv.FormatInt(own.ID, 10)
	if resp, _ := app.sendJSON(candTok, http.MethodPost, "/api/v1/candidates", `{"name":"Ann","email":"ann@example.com","desired_title":"Nurse","location":{"city":"Vienna","country":"AT"}}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("second own profile = %d, want 409", resp.StatusCode)
	}
	private := app.addCandidate("Private", "Cook", false)
	privatePath := "/api/v1/candidates/" + strconv.FormatInt(private.ID, 10)

	checks := []struct {
		who, token, method, path string
		want                     int
	}{
		{"owner reads own profile", candTok, "GET", path, 200},
		{"another candidate cannot read it", otherTok, "GET", path, 404},
		{"candidates cannot list candidates", candTok, "GET", "/api/v1/candidates", 403},
		{"recruiter reads an opted-in profile", recTok, "GET", path, 200},
		{"recruiter cannot read a private profile", recTok, "GET", privatePath, 404},
		{"recruiter cannot change a profile", recTok, "DELETE", path, 403},
		{"candidate cannot create vacancies", candTok, "POST", "/api/v1/vacancies", 403},
		{"no token", "", "GET", "/api/v1/vacancies", 401},
		{"unknown token", "jmt_nope", "GET", "/api/v1/vacancies", 401},
	}
	for _, c := range checks {
		t.Run(c.who, func(t *testing.T) {
			if resp, body := app.sendJSON(c.token, c.method, c.path, "{}"); resp.StatusCode != c.want {
				t.Errorf("%s %s = %d, want %d: %s", c.method, c.path, resp.StatusCode, c.want, body)
			}
		})
	}
	_, body = app.sendJSON(recTok, http.MethodGet, "/api/v1/candidates", "")
	list := decode[web.ListResponse[web.APICandidate]](t, body)
	if list.Total != 1 || list.Items[0].Email != "ann@example.com" {
		t.Errorf("recruiter list = %s", body)
	}
	if resp, _ := app.sendJSON(candTok, http.MethodDelete, path, ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("owner delete = %d", resp.StatusCode)
	}
	if _, n := app.counts(); n != 1 {
		t.Errorf("%d candidates left, want 1 (the private one)", n)
	}
}

func TestRecruiterCannotChangeAnotherRecruitersVacancy(t *testing.T) {
	app := newTestApp(t)
	owner, _ := app.apiToken(matching.RoleRecruiter)
	_, intruder := app.apiToken(matching.RoleRecruiter)
	v := app.addVacancyFor(owner.ID, "Cook", "Rome", "IT")
	path := "/api/v1/vacancies/" + strconv.FormatInt(v.ID, 10)
	if resp, _ := app.sendJSON(intruder, http.MethodPut, path, `{"title":"Hacked","employer":"x","remote":true}`); resp.StatusCode != http.StatusForbidden {
		t.Errorf("update = %d, want 403", resp.StatusCode)
	}
	if resp, _ := app.sendJSON(intruder, http.MethodDelete, path, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("delete = %d, want 403", resp.StatusCode)
	}
	if got, _ := app.db.Vacancy(t.Context(), v.ID); got.Title != "Cook" {
		t.Errorf("title = %q", got.Title)
	}
}
