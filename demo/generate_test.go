package demo

import (
	"reflect"
	"strings"
	"testing"

	"jobmatch/matching"
)

func TestGenerateIsDeterministicPerSeed(t *testing.T) {
	opt := Options{Seed: 7, Vacancies: 50, Candidates: 80}
	a, err := Generate(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(opt)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed produced different data")
	}
	opt.Seed = 8
	c, _ := Generate(opt)
	if reflect.DeepEqual(a.Vacancies, c.Vacancies) {
		t.Error("different seeds produced the same vacancies")
	}
}

func TestDefaultDemoDataIsLargeAndVaried(t *testing.T) {
	d, err := Generate(DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Vacancies) < 2000 || len(d.Candidates) < 5000 {
		t.Fatalf("got %d vacancies, %d candidates; want at least 2000 and 5000", len(d.Vacancies), len(d.Candidates))
	}
	cities, countries, langs := map[string]bool{}, map[matching.CountryCode]bool{}, map[matching.LanguageCode]bool{}
	levels := map[matching.Level]int{}
	var remote, upper, lower, senior, open, searchable int
	titles := map[string]bool{}
	for _, v := range d.Vacancies {
		if v.Remote {
			remote++
		}
		if v.Status == matching.StatusOpen {
			open++
		}
		if !v.Location.IsZero() {
			cities[v.Location.City] = true
			countries[v.Location.Country] = true
		}
		titles[v.Title] = true
	}
	for _, c := range d.Candidates {
		cities[c.Location.City] = true
		countries[c.Location.Country] = true
		for _, l := range c.Languages {
			langs[l.Code] = true
			levels[l.Level]++
		}
		switch c.DesiredTitle {
		case strings.ToUpper(c.DesiredTitle):
			upper++
		case strings.ToLower(c.DesiredTitle):
			lower++
		}
		if strings.Contains(c.DesiredTitle, "Sr") || strings.Contains(c.DesiredTitle, "Senior") || strings.Contains(c.DesiredTitle, "Junior") {
			senior++
		}
		if c.Searchable {
			searchable++
		}
		titles[c.DesiredTitle] = true
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"cities", len(cities), 60}, {"countries", len(countries), 10}, {"languages", len(langs), 8},
		{"remote vacancies", remote, 100}, {"open vacancies", open, 1500}, {"upper-case titles", upper, 100},
		{"lower-case titles", lower, 100}, {"seniority titles", senior, 300}, {"distinct titles", len(titles), 1500},
		{"searchable candidates", searchable, 3500},
	}
	for _, c := range checks {
		if c.got < c.want {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.want)
		}
	}
	for _, l := range matching.Levels() {
		if levels[l] == 0 {
			t.Errorf("no candidate language at level %v", l)
		}
	}
	if levels[matching.C2] < levels[matching.A1] {
		t.Errorf("native speakers (C2: %d) should outnumber A1 (%d)", levels[matching.C2], levels[matching.A1])
	}
}
