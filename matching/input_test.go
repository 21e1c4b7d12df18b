package matching

import (
	"math"
	"strings"
	"testing"
)

func TestCandidateInputReportsEveryBadField(t *testing.T) {
	in := CandidateInput{
		Name: "  ", Email: "not-an-email", DesiredTitle: strings.Repeat("x", 201),
		Location:  LocationInput{City: "Atlantis", Country: "XX"},
		Languages: []LanguageInput{{Code: "german", Level: "B2"}, {Code: "en", Level: "fluent"}},
	}
	_, err := in.Candidate()
	ve, ok := AsValidation(err)
	if !ok {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	for _, field := range []string{"name", "email", "desired_title", "country", "languages[0].code", "languages[1].level"} {
		if ve.For(field) == "" {
			t.Errorf("no message for %s in %v", field, err)
		}
	}
}

func TestCandidateTitleIsTrimmedAndMeasuredInCharacters(t *testing.T) {
	in := CandidateInput{Name: "Zoë", Email: "zoe@example.com", DesiredTitle: "  " + strings.Repeat("é", 200) + "  ",
		Location: LocationInput{City: "paris", Country: "fr"}}
	c, err := in.Candidate()
	if err != nil {
		t.Fatalf("200 characters after trimming must be accepted: %v", err)
	}
	if c.Location.City != "Paris" || c.Location.Latitude == 0 {
		t.Errorf("city not resolved from the gazetteer: %+v", c.Location)
	}
}

func TestUnknownCityNeedsCoordinates(t *testing.T) {
	lat, lon := 47.0, 8.0
	in := CandidateInput{Name: "A", Email: "a@example.com", DesiredTitle: "Cook", Location: LocationInput{City: "Smalltown", Country: "CH"}}
	if _, err := in.Candidate(); err == nil || !strings.Contains(err.Error(), "latitude") {
		t.Fatalf("err = %v, want a request for coordinates", err)
	}
	in.Location.Latitude, in.Location.Longitude = &lat, &lon
	if _, err := in.Candidate(); err != nil {
		t.Fatalf("with coordinates: %v", err)
	}
}

func TestDuplicateLanguageIsRefused(t *testing.T) {
	in := CandidateInput{Name: "A", Email: "a@example.com", DesiredTitle: "Cook", Location: LocationInput{City: "Bern", Country: "CH"},
		Languages: []LanguageInput{{"de", "B2"}, {"DE", "C1"}}}
	_, err := in.Candidate()
	if ve, ok := AsValidation(err); !ok || ve.For("languages[1].code") == "" {
		t.Fatalf("err = %v, want languages[1].code flagged", err)
	}
}

func TestRemoteVacancyNeedsNoLocationButOnsiteDoes(t *testing.T) {
	v, err := VacancyInput{Title: "Go Dev", Employer: "Acme", Remote: true}.Vacancy()
	if err != nil || !v.Location.IsZero() || v.Status != StatusOpen {
		t.Fatalf("remote vacancy: %+v, %v", v, err)
	}
	_, err = VacancyInput{Title: "Go Dev", Employer: "Acme"}.Vacancy()
	if ve, ok := AsValidation(err); !ok || ve.For("city") == "" {
		t.Fatalf("on-site vacancy without city: err = %v", err)
	}
}

func TestListFilterInput(t *testing.T) {
	f, err := ListFilterInput{Country: "de", Language: "EN", MinLevel: "b2", Page: "3", PerPage: "50"}.Filter()
	if err != nil || f.Country != "DE" || f.Language != "en" || f.MinLevel != B2 || f.Page != 3 || f.Offset() != 100 {
		t.Fatalf("filter = %+v, %v", f, err)
	}
	f, err = ListFilterInput{Language: "de"}.Filter()
	if err != nil || f.MinLevel != A1 || f.PerPage != DefaultPerPage {
		t.Errorf("language without level: %+v, %v", f, err)
	}
	for _, in := range []ListFilterInput{{MinLevel: "B2"}, {Page: "0"}, {Page: "-1"}, {PerPage: "1000"}, {Page: "x"}, {Country: "Germany"}} {
		if _, err := in.Filter(); err == nil {
			t.Errorf("%+v accepted", in)
		}
	}
}

func TestDistanceKM(t *testing.T) {
	berlin, _ := LookupCity("Berlin", "DE")
	munich, _ := LookupCity("Munich", "DE")
	d := berlin.Location().DistanceKM(munich.Location())
	if d < 500 || d > 520 {
		t.Errorf("Berlin-Munich = %.0f km, want about 504", d)
	}
}

func TestCoordinatesThatContradictTheCityAreRefused(t *testing.T) {
	at := func(lat, lon float64) LocationInput {
		return LocationInput{City: "berlin", Country: "DE", Latitude: &lat, Longitude: &lon}
	}
	_, err := VacancyInput{Title: "Go Dev", Employer: "Acme", Location: at(-33.9, 18.4)}.Vacancy()
	if ve, ok := AsValidation(err); !ok || !strings.Contains(ve.For("latitude"), "km from Berlin") {
		t.Fatalf("Cape Town's coordinates for Berlin: err = %v, want latitude refused", err)
	}
	v, err := VacancyInput{Title: "Go Dev", Employer: "Acme", Location: at(52.40, 13.06)}.Vacancy() // Potsdam, 27 km
	if err != nil || v.Location.City != "Berlin" || v.Location.Latitude != 52.40 {
		t.Fatalf("coordinates within %d km: %+v, %v; want kept, with the gazetteer's name", MaxCityDistanceKM, v.Location, err)
	}
}

func TestNaNAndInfinityAreRefused(t *testing.T) {
	for _, s := range []string{"NaN", "nan", "Inf", "+Inf", "-Inf", "infinity", "-1", "20001", "1e400", "0x1p3x"} {
		if _, err := ParseRadiusKM(s); err == nil {
			t.Errorf("radius_km=%s accepted", s)
		}
	}
	if r, err := ParseRadiusKM("50"); err != nil || r != 50 {
		t.Errorf("radius_km=50: %v, %v", r, err)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		lat, lon := bad, 8.0
		_, err := CandidateInput{Name: "A", Email: "a@example.com", DesiredTitle: "Cook",
			Location: LocationInput{City: "Smalltown", Country: "CH", Latitude: &lat, Longitude: &lon}}.Candidate()
		if ve, ok := AsValidation(err); !ok || ve.For("latitude") == "" {
			t.Errorf("latitude %v: err = %v", bad, err)
		}
	}
}

func TestMissingFieldMessagesUseTheRightArticle(t *testing.T) {
	_, err := VacancyInput{Remote: true}.Vacancy()
	ve, _ := AsValidation(err)
	if got := ve.For("employer"); got != "enter an employer" {
		t.Errorf("employer: %q", got)
	}
	if got := ve.For("title"); got != "enter a job title" {
		t.Errorf("title: %q", got)
	}
}

func TestSearchTitlesAreLimitedLikeStoredTitles(t *testing.T) {
	if _, err := ParseSearchTitle("title", strings.Repeat("x", MaxTitleLen+1)); err == nil {
		t.Error("a search title longer than any stored title was accepted")
	}
	if _, err := (ListFilterInput{Title: strings.Repeat("x", 10000)}).Filter(); err == nil || !strings.Contains(err.Error(), "title") {
		t.Errorf("a 10,000-character title filter: %v", err)
	}
	if got, err := ParseSearchTitle("title", "  Sr.   Dev "); err != nil || got != "Sr. Dev" {
		t.Errorf("ParseSearchTitle = %q, %v", got, err)
	}
}
