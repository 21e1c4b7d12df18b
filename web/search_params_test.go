package web_test

import (
	"net/http"
	"strings"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

// TestSearchParametersRefuseNaNAndOverlongTitles: radius_km=NaN and titles
// longer than any stored title are 400s naming the parameter.
func TestSearchParametersRefuseNaNAndOverlongTitles(t *testing.T) {
	app := newTestApp(t)
	_, token := app.apiToken(matching.RoleCandidate)
	long := strings.Repeat("x", matching.MaxTitleLen+1)
	for path, field := range map[string]string{
		"/api/v1/search/vacancies?title=Nurse&city=Berlin&country=DE&radius_km=NaN":  "radius_km",
		"/api/v1/search/vacancies?title=Nurse&city=Berlin&country=DE&radius_km=+Inf": "radius_km",
		"/api/v1/search/vacancies?title=" + long:                                     "title",
		"/api/v1/vacancies?title=" + strings.Repeat("x", 10000):                      "title",
	} {
		resp, body := app.sendJSON(token, http.MethodGet, path, "")
		if resp.StatusCode != http.StatusBadRequest || decode[web.APIError](t, body).Field != field {
			t.Errorf("GET %.80s: %d %s, want 400 naming %s", path, resp.StatusCode, body, field)
		}
	}
	if resp, _ := app.get("/positions?title=Nurse&city=Berlin&country=DE&radius_km=NaN"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("positions page with radius_km=NaN: %d, want 400", resp.StatusCode)
	}
}

// TestAPIRefusesCoordinatesThatContradictTheCity: the city/coordinates
// rule of the API docs, end to end.
func TestAPIRefusesCoordinatesThatContradictTheCity(t *testing.T) {
	app := newTestApp(t)
	_, token := app.apiToken(matching.RoleRecruiter)
	before := app.dbState()
	resp, body := app.sendJSON(token, http.MethodPost, "/api/v1/vacancies",
		`{"title":"Go Developer","employer":"Acme","location":{"city":"Berlin","country":"DE","latitude":-33.9,"longitude":18.4}}`)
	if resp.StatusCode != http.StatusUnprocessableEntity || decode[web.APIError](t, body).Field != "location.latitude" {
		t.Errorf("Cape Town's coordinates for Berlin: %d %s, want 422 naming location.latitude", resp.StatusCode, body)
	}
	app.requireUnchanged(before, "a refused vacancy")
	resp, body = app.sendJSON(token, http.MethodPost, "/api/v1/vacancies",
		`{"title":"Go Developer","employer":"Acme","location":{"city":"Berlin","country":"DE","latitude":52.52,"longitude":13.40}}`)
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("Berlin's own coordinates: %d %s", resp.StatusCode, body)
	}
}
