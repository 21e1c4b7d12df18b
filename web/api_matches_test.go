package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/vectorstore"
	"jobmatch/web"
)

type matchesResponse[T any] struct {
	web.APIMatchSummary
	Items []T `json:"items"`
}

// halfway returns a minimum score between the score of a with b and that of
// identical titles, so a rule's anchor catches its own title but not the
// other one whatever the model's geometry and calibration.
func halfway(t *testing.T, a, b string) float32 {
	t.Helper()
	vecs, err := testEnc.EncodeTitles(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	other, same := testEnc.Score(vectorstore.Dot(vecs[0].Vector, vecs[1].Vector)), testEnc.Score(1)
	if other >= same {
		t.Fatalf("the model scores %q with %q as high as identical titles (%v)", a, b, other)
	}
	return (other + same) / 2
}

// halfwayPercent is halfway as the rule form takes it, a percentage.
func halfwayPercent(t *testing.T, a, b string) string {
	t.Helper()
	return strconv.FormatFloat(float64(100*halfway(t, a, b)), 'f', 4, 32)
}

func TestRecruiterFindsCandidatesForTheirVacancyAndRulesApplyEverywhere(t *testing.T) {
	app := newTestApp(t)
	_, recTok := app.apiToken(matching.RoleRecruiter)
	_, adminTok := app.apiToken(matching.RoleAdmin)
	_, candTok := app.apiToken(matching.RoleCandidate)

	// The vacancy and candidates go through the API, so they are encoded
	// and indexed the way users' records are.
	resp, body := app.sendJSON(recTok, "POST", "/api/v1/vacancies", `{"title":"Java Developer","employer":"Acme",
		"location":{"city":"Munich","country":"DE"},"languages":[{"code":"de","level":"B2"}]}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create vacancy: %d %s", resp.StatusCode, body)
	}
	vac := decode[web.APIVacancy](t, body)
	for i, c := range []struct{ title, city, german string }{
		{"Java Developer", "Munich", "C1"}, {"Registered Nurse", "Munich", "C2"}, {"Java Developer", "Munich", "A2"}, {"Java Developer", "Berlin", "C2"},
	} {
		cand := matching.CandidateInput{Name: "c" + strconv.Itoa(i), Email: "c" + strconv.Itoa(i) + "@example.com", DesiredTitle: c.title,
			Location: matching.LocationInput{City: c.city, Country: "DE"}, Searchable: true,
			Languages: []matching.LanguageInput{{Code: "de", Level: c.german}}}
		cc, _ := cand.Candidate()
		if err := app.engine.SaveCandidate(context.Background(), matching.System, &cc); err != nil {
			t.Fatal(err)
		}
	}
	path := "/api/v1/vacancies/" + strconv.FormatInt(vac.ID, 10) + "/candidates"
	resp, body = app.sendJSON(recTok, "GET", path, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("candidates: %d %s", resp.StatusCode, body)
	}
	res := decode[matchesResponse[web.APICandidateMatch]](t, body)
	if res.Total != 2 || len(res.Items) != 2 || res.Items[0].Candidate.DesiredTitle != "Java Developer" {
		t.Fatalf("got %+v, want the Munich Java developer first and the nurse second (German B2+, Munich only)", res)
	}
	top := res.Items[0]
	if top.Band == "" || !strings.Contains(top.Explanation, "German C1 ≥ B2") || !strings.Contains(top.Explanation, "Munich") {
		t.Errorf("explanation = %q (band %q)", top.Explanation, top.Band)
	}
	if res.Items[0].Similarity < res.Items[1].Similarity {
		t.Error("not ranked by similarity")
	}
	// Another recruiter gets no candidates for this vacancy, nor does a
	// candidate; a missing vacancy is a 404.
	_, otherRec := app.apiToken(matching.RoleRecruiter)
	for _, tok := range []string{otherRec, candTok} {
		if resp, body := app.sendJSON(tok, "GET", path, ""); resp.StatusCode != http.StatusForbidden || strings.Contains(body, "c0@example.com") {
			t.Errorf("another user's search: %d %s", resp.StatusCode, body)
		}
	}
	if resp, _ := app.sendJSON(recTok, "GET", "/api/v1/vacancies/987654/candidates", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing vacancy: %d", resp.StatusCode)
	}

	// An admin pairs "Java Developer" with "Registered Nurse".
	rule := `{"anchor_a":"Java Developer","anchor_b":"Registered Nurse","min_score_a":` +
		strconv.FormatFloat(float64(halfway(t, "Java Developer", "Registered Nurse")), 'f', 6, 32) +
		`,"min_score_b":` + strconv.FormatFloat(float64(halfway(t, "Registered Nurse", "Java Developer")), 'f', 6, 32) +
		`,"reason":"different professions"}`
	if resp, body := app.sendJSON(recTok, "POST", "/api/v1/rules", rule); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a recruiter created a rule: %d %s", resp.StatusCode, body)
	}
	resp, body = app.sendJSON(adminTok, "POST", "/api/v1/rules", rule)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create rule: %d %s", resp.StatusCode, body)
	}
	// At once, without restart: the nurse is gone from the recruiter's search...
	_, body = app.sendJSON(recTok, "GET", path, "")
	res = decode[matchesResponse[web.APICandidateMatch]](t, body)
	if res.Total != 1 || res.HiddenByRules != 1 || len(res.RulesFired) != 1 || res.RulesFired[0].Removed != 1 {
		t.Errorf("after the rule: %+v", res.APIMatchSummary)
	}
	for _, it := range res.Items {
		if it.Candidate.DesiredTitle == "Registered Nurse" {
			t.Error("the nurse is still returned")
		}
	}
	// ...and from the free-text position search.
	app.addVacancy("Registered Nurse", "Munich", "DE")
	q := url.Values{"title": {"Java Developer"}}
	_, body = app.sendJSON(candTok, "GET", "/api/v1/search/vacancies?"+q.Encode(), "")
	vres := decode[matchesResponse[web.APIVacancyMatch]](t, body)
	for _, it := range vres.Items {
		if it.Vacancy.Title == "Registered Nurse" {
			t.Error("the rule does not apply to the position search")
		}
	}
	// The preview says which rule fires and what it removes.
	_, body = app.sendJSON(adminTok, "GET", "/api/v1/rules/preview?title=Java+Developer", "")
	if !strings.Contains(body, `"different professions"`) || !strings.Contains(body, `"candidates_removed":1`) {
		t.Errorf("preview = %s", body)
	}
}

func TestSearchAPIRefusesBadQueries(t *testing.T) {
	app := newTestApp(t)
	_, tok := app.apiToken(matching.RoleCandidate)
	for query, field := range map[string]string{
		"":                            "title",
		"title=%21%21%21":             "title",
		"title=Cook&radius_km=10":     "radius_km",
		"title=Cook&radius_km=-1":     "radius_km",
		"title=Cook&remote=sometimes": "remote",
		"title=Cook&languages=german": "languages",
		"title=Cook&languages=de:Z9":  "languages",
		"title=Cook&page=0":           "page",
		"title=Cook&city=Atlantis&country=GR&radius_km=5": "city",
	} {
		resp, body := app.sendJSON(tok, "GET", "/api/v1/search/vacancies?"+query, "")
		e := decode[web.APIError](t, body)
		if resp.StatusCode/100 != 4 || e.Field != field {
			t.Errorf("%q: %d field %q, want a 4xx on %s (%s)", query, resp.StatusCode, e.Field, field, body)
		}
	}
}

func TestCandidateGetsPositionsForTheirOwnProfileOnly(t *testing.T) {
	app := newTestApp(t)
	_, tok := app.apiToken(matching.RoleCandidate)
	_, other := app.apiToken(matching.RoleCandidate)
	app.addVacancy("Baker", "Lyon", "FR", matching.LanguageInput{Code: "fr", Level: "B1"})
	app.addVacancy("Baker", "Lyon", "FR", matching.LanguageInput{Code: "fr", Level: "C2"})
	app.addVacancy("Baker", "Paris", "FR")
	if err := app.engine.Changed(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp, body := app.sendJSON(tok, "POST", "/api/v1/candidates", `{"name":"B","email":"b@example.com","desired_title":"Baker",
		"location":{"city":"Lyon","country":"FR"},"languages":[{"code":"fr","level":"B2"}],"searchable":false}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	own := decode[web.APICandidate](t, body)
	path := "/api/v1/candidates/" + strconv.FormatInt(own.ID, 10) + "/vacancies"
	eventually.True(t, func() bool {
		_, body = app.sendJSON(tok, "GET", path, "")
		return decode[matchesResponse[web.APIVacancyMatch]](t, body).Total == 1
	}, "the Lyon vacancy needing French B1 (not C2, not Paris) for a candidate with French B2 in Lyon: "+body)
	if resp, _ := app.sendJSON(other, "GET", path, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another candidate got %d, want 404", resp.StatusCode)
	}
}

func TestMatchAPIsScoreEveryItemAndCountGoodMatches(t *testing.T) {
	app := newTestApp(t)
	_, adminTok := app.apiToken(matching.RoleAdmin)
	v := app.addVacancy("Registered Nurse", "Berlin", "DE") // where addCandidate's people live
	app.addVacancy("Baker", "Berlin", "DE")
	cand := app.addCandidate("Nina", "Registered Nurse", true)
	app.addCandidate("Ben", "Baker", true)
	eventually.True(t, func() bool {
		_, body := app.sendJSON(adminTok, "GET", "/api/v1/search/vacancies?title=Nurse", "")
		return strings.Contains(body, `"total":2`)
	}, "indexing")
	check := func(path string, wantGood func(good, total int) bool) {
		t.Helper()
		resp, body := app.sendJSON(adminTok, "GET", path, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		res := decode[matchesResponse[map[string]any]](t, body)
		if res.GoodTotal > res.Total || !wantGood(res.GoodTotal, res.Total) || len(res.Items) != res.Total {
			t.Errorf("%s: good_total %d, total %d, %d items", path, res.GoodTotal, res.Total, len(res.Items))
		}
		good := 0
		for _, it := range res.Items {
			score, ok := it["score"].(float64)
			if !ok || score < 0 || score > 1 {
				t.Errorf("%s: score %v in %v", path, it["score"], it)
			}
			if score >= 0.69 {
				good++
			}
		}
		if good != res.GoodTotal {
			t.Errorf("%s: %d items score ≥ 0.69, good_total %d", path, good, res.GoodTotal)
		}
	}
	check("/api/v1/search/vacancies?title=Registered+Nurse", func(good, total int) bool { return good == 1 && total == 2 })
	check("/api/v1/search/vacancies?title=asdfghjkl", func(good, total int) bool { return good == 0 && total == 2 })
	eventually.True(t, func() bool {
		_, body := app.sendJSON(adminTok, "GET", "/api/v1/vacancies/"+strconv.FormatInt(v.ID, 10)+"/candidates", "")
		return strings.Contains(body, `"total":2`)
	}, "indexing candidates")
	check("/api/v1/vacancies/"+strconv.FormatInt(v.ID, 10)+"/candidates", func(good, total int) bool { return good == 1 })
	check("/api/v1/candidates/"+strconv.FormatInt(cand.ID, 10)+"/vacancies", func(good, total int) bool { return good == 1 })
}
