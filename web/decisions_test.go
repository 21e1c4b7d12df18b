package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/web"
)

// TestDecisionsThroughTheAPI: a recruiter marks a candidate not a fit for
// their vacancy; the candidate leaves that list at once and is listed with
// ?dismissed=1; bad input gets a 4xx naming the field and writes nothing;
// others may not decide for the vacancy; DELETE withdraws. A candidate's
// "not for me" works the same on their positions.
func TestDecisionsThroughTheAPI(t *testing.T) {
	app := newTestApp(t)
	rec, recTok := app.apiToken(matching.RoleRecruiter)
	_, otherTok := app.apiToken(matching.RoleRecruiter)
	v := app.addVacancyFor(rec.ID, "Registered Nurse", "Berlin", "DE")
	nora := app.addCandidate("Nora", "Registered Nurse", true)
	app.addCandidate("Nils", "Registered Nurse", true)
	base := "/api/v1/vacancies/" + strconv.FormatInt(v.ID, 10)
	list := func(query string) matchesResponse[web.APICandidateMatch] {
		t.Helper()
		resp, body := app.sendJSON(recTok, "GET", base+"/candidates"+query, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("candidates%s: %d %s", query, resp.StatusCode, body)
		}
		return decode[matchesResponse[web.APICandidateMatch]](t, body)
	}
	eventually.True(t, func() bool { return list("").Total == 2 }, "indexing")

	for name, tc := range map[string]struct {
		token, body string
		status      int
		field       string
	}{
		"an unknown verdict":              {recTok, `{"candidate_id":` + id(nora.ID) + `,"decision":"maybe"}`, 422, "decision"},
		"a candidate's verdict":           {recTok, `{"candidate_id":` + id(nora.ID) + `,"decision":"not_for_me"}`, 422, "decision"},
		"no candidate":                    {recTok, `{"decision":"not_a_fit"}`, 422, "candidate_id"},
		"a reason too long":               {recTok, `{"candidate_id":` + id(nora.ID) + `,"decision":"not_a_fit","reason":"` + strings.Repeat("x", 501) + `"}`, 422, "reason"},
		"an unknown field":                {recTok, `{"candidate_id":` + id(nora.ID) + `,"decision":"not_a_fit","score":1}`, 400, "score"},
		"another recruiter's vacancy":     {otherTok, `{"candidate_id":` + id(nora.ID) + `,"decision":"not_a_fit"}`, 403, ""},
		"a candidate that does not exist": {recTok, `{"candidate_id":987654,"decision":"not_a_fit"}`, 404, ""},
	} {
		resp, body := app.sendJSON(tc.token, "POST", base+"/decisions", tc.body)
		if resp.StatusCode != tc.status || tc.field != "" && !strings.Contains(body, `"field":"`+tc.field+`"`) {
			t.Errorf("%s: %d %s, want %d naming %q", name, resp.StatusCode, body, tc.status, tc.field)
		}
	}
	if res := list(""); res.Total != 2 || res.Dismissed != 0 {
		t.Fatalf("refused decisions changed the list: %+v", res.APIMatchSummary)
	}

	resp, body := app.sendJSON(recTok, "POST", base+"/decisions", `{"candidate_id":`+id(nora.ID)+`,"decision":"not_a_fit","reason":"no night shifts"}`)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, `"vacancy_title":"Registered Nurse"`) || !strings.Contains(body, `"reason":"no night shifts"`) {
		t.Fatalf("decide: %d %s", resp.StatusCode, body)
	}
	if res := list(""); res.Total != 1 || res.Dismissed != 1 || res.Items[0].Candidate.ID == nora.ID {
		t.Errorf("after not a fit: %+v", res.APIMatchSummary)
	}
	if res := list("?dismissed=1"); res.Total != 1 || res.Items[0].Candidate.ID != nora.ID {
		t.Errorf("dismissed list: %+v", res)
	}
	if resp, body := app.sendJSON(recTok, "GET", base+"/candidates?dismissed=maybe", ""); resp.StatusCode != 400 || !strings.Contains(body, `"field":"dismissed"`) {
		t.Errorf("bad dismissed parameter: %d %s", resp.StatusCode, body)
	}
	if resp, _ := app.sendJSON(recTok, "DELETE", base+"/decisions/"+id(nora.ID), ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("withdraw: %d", resp.StatusCode)
	}
	if res := list(""); res.Total != 2 || res.Dismissed != 0 {
		t.Errorf("after withdrawing: %+v", res.APIMatchSummary)
	}

	// The candidate's side, on their own profile only.
	_, candTok := app.apiToken(matching.RoleCandidate)
	_, strangerTok := app.apiToken(matching.RoleCandidate)
	resp, body = app.sendJSON(candTok, "POST", "/api/v1/candidates", `{"name":"Carla","email":"carla@example.com","desired_title":"Registered Nurse",
		"location":{"city":"Berlin","country":"DE"},"searchable":true}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create profile: %d %s", resp.StatusCode, body)
	}
	carla := decode[web.APICandidate](t, body)
	cbase := "/api/v1/candidates/" + id(carla.ID)
	if resp, _ := app.sendJSON(strangerTok, "POST", cbase+"/decisions", `{"vacancy_id":`+id(v.ID)+`,"decision":"not_for_me"}`); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another candidate decided for Carla: %d, want 404 (other profiles are invisible)", resp.StatusCode)
	}
	if resp, body := app.sendJSON(candTok, "POST", cbase+"/decisions", `{"vacancy_id":`+id(v.ID)+`,"decision":"not_for_me"}`); resp.StatusCode != http.StatusCreated {
		t.Fatalf("not for me: %d %s", resp.StatusCode, body)
	}
	resp, body = app.sendJSON(candTok, "GET", cbase+"/vacancies", "")
	positions := decode[matchesResponse[web.APIVacancyMatch]](t, body)
	if resp.StatusCode != 200 || positions.Total != 0 || positions.Dismissed != 1 {
		t.Errorf("Carla's positions after not for me: %d %+v", resp.StatusCode, positions.APIMatchSummary)
	}
	if res := list(""); res.Total != 3 {
		t.Errorf("Carla's not for me changed the recruiter's list: total %d", res.Total)
	}
}

// TestRecruiterSetsACandidateAsideOnThePage: the "not a fit" form on the
// candidate list takes the candidate off it, the "Not a fit (1)" tab lists
// them with a way back, and the page keeps the recruiter's filters.
func TestRecruiterSetsACandidateAsideOnThePage(t *testing.T) {
	app := newTestApp(t)
	rec := app.signIn(matching.RoleRecruiter)
	v := app.addVacancyFor(rec.ID, "Registered Nurse", "Berlin", "DE")
	nora := app.addCandidate("Nora", "Registered Nurse", true)
	app.addCandidate("Nils", "Registered Nurse", true)
	page := "/vacancies/" + id(v.ID) + "/candidates?radius_km=20"
	eventually.True(t, func() bool {
		_, body := app.get(page)
		return strings.Contains(body, "2 candidates found")
	}, "indexing")
	resp, _ := app.postForm(page, "/vacancies/"+id(v.ID)+"/decisions", url.Values{"candidate_id": {id(nora.ID)},
		"decision": {"not_a_fit"}, "reason": {"wants part-time"}, "next": {page}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page {
		t.Fatalf("not a fit: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	list := app.page(page, http.StatusOK)
	if got := list.Find(`[data-testid="total"]`).Text(); !strings.Contains(got, "1 candidate found") || strings.Contains(list.Find(`ol.matches`).Text(), "Nora") {
		t.Errorf("after not a fit the list says %q", got)
	}
	tab := list.Find(`[data-testid="dismissed-tab"]`)
	href, _ := tab.Attr("href")
	if !strings.Contains(tab.Text(), "Not a fit (1)") || !strings.Contains(href, "radius_km=20") {
		t.Errorf("dismissed tab %q → %q", tab.Text(), href)
	}
	dismissed := app.page(href, http.StatusOK)
	if !strings.Contains(dismissed.Find(`ol.matches`).Text(), "Nora") || dismissed.Find(`[data-testid="restore"]`).Length() != 1 {
		t.Errorf("dismissed tab lists %q", dismissed.Find(`ol.matches`).Text())
	}
	if ds, _ := app.db.Decisions(t.Context()); len(ds) != 1 || ds[0].Reason != "wants part-time" || ds[0].DecidedBy != rec.ID {
		t.Errorf("stored decisions: %+v", ds)
	}
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
