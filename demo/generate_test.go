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

func TestShowcaseVacanciesAreGenerated(t *testing.T) {
	d, err := Generate(DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	open := map[string]matching.CountryCode{}
	for _, v := range d.Vacancies {
		if v.Status == matching.StatusOpen {
			open[v.Title] = v.Location.Country
		}
	}
	// Searches in the README and issue 13 rely on these titles.
	for _, title := range []string{"Golang Developer", "Staff Go Developer", "Sr. Golang Dev", "Pflegefachkraft",
		"Nurse", "Staff Nurse", "Enfermera", "Infirmière (h/f)"} {
		if _, ok := open[title]; !ok {
			t.Errorf("no open vacancy titled %q", title)
		}
	}
	at, _ := showcaseAt(len(d.Vacancies))
	if len(at) != len(showcase) {
		t.Fatalf("%d showcase positions, want %d", len(at), len(showcase))
	}
	for i, f := range at {
		if v := d.Vacancies[i]; v.Title != f.title || string(v.Location.Country) != f.country || v.Status != matching.StatusOpen {
			t.Errorf("vacancy %d: %q in %q (%v); want showcase %q in %s", i, v.Title, v.Location.Country, v.Status, f.title, f.country)
		}
	}
	small, err := Generate(Options{Seed: 2, Vacancies: 3, Candidates: 1})
	if err != nil || len(small.Vacancies) != 3 || small.Vacancies[2].Title != showcase[2].title {
		t.Errorf("3 vacancies: %v, %v; want the first three showcase titles", small.Vacancies, err)
	}
}

func TestEveryOccupationHasGermanFrenchAndSpanishTitles(t *testing.T) {
	titles := map[string]bool{}
	for _, o := range occupations {
		if len(o.en) == 0 || len(o.de) == 0 || len(o.fr) == 0 || len(o.es) == 0 || len(o.skills) == 0 {
			t.Errorf("%v: want English, German, French and Spanish titles and skills", o.en)
		}
		for _, ts := range [][]string{o.en, o.de, o.fr, o.es} {
			for _, title := range ts {
				titles[title] = true
			}
		}
	}
	for _, title := range []string{"Enfermero/a", "Desarrollador de software", "Camarero", "Cocinero", "Contable",
		"Conductor de camión", "Dependiente", "Recepcionista de hotel", "Jefe de ventas", "Pflegefachkraft", "Infirmière"} {
		if !titles[title] {
			t.Errorf("no occupation has the title %q", title)
		}
	}
}

// TestDemoTitlesSpeakLocalLanguagesAndAdNoise checks that the default demo set
// holds what real users type: local-language titles in their countries,
// abbreviations, and job-ad gender markers, contract words and locations.
func TestDemoTitlesSpeakLocalLanguagesAndAdNoise(t *testing.T) {
	d, err := Generate(DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	// Titles that exist in one language only tell the language of a record.
	langOf := map[string]string{}
	for _, o := range occupations {
		for lang, ts := range map[string][]string{"en": o.en, "de": o.de, "fr": o.fr, "es": o.es} {
			for _, ts := range ts {
				k := strings.ToLower(ts)
				if l, ok := langOf[k]; ok && l != lang {
					langOf[k] = "?"
				} else {
					langOf[k] = lang
				}
			}
		}
	}
	detect := func(title string) string {
		best, lang := 0, ""
		lower := strings.ToLower(title)
		for k, l := range langOf {
			if len(k) > best && strings.Contains(lower, k) {
				best, lang = len(k), l
			}
		}
		return lang
	}
	byCountry := map[matching.CountryCode]map[string]int{}
	var all []string
	for _, v := range d.Vacancies {
		c := v.Location.Country
		if byCountry[c] == nil {
			byCountry[c] = map[string]int{}
		}
		byCountry[c][detect(v.Title)]++
		byCountry[c]["all"]++
		all = append(all, v.Title)
	}
	for _, c := range d.Candidates {
		all = append(all, c.DesiredTitle)
	}
	for _, want := range []struct {
		country matching.CountryCode
		lang    string
	}{{"DE", "de"}, {"FR", "fr"}, {"ES", "es"}} {
		n := byCountry[want.country]
		if n[want.lang]*2 < n["all"] || n["en"]*10 < n["all"] {
			t.Errorf("%s vacancies: %v; want most in %s and some in English", want.country, n, want.lang)
		}
	}
	for _, token := range []string{"Sr.", "Jr.", "Dev", "Mgr", "Eng.", "Asst.", "Admin", "Tech", "Rep", "Coord.",
		"SB ", "MA ", "GF", "Kfm.", "Ing.", "resp.", "(m/w/d)", "(H/F)", "(h/f)", "(m/f/d)", "/in", ":in",
		"Vollzeit", "Teilzeit", "full-time", "CDI", "temps plein", "jornada completa", "Minijob", "ab sofort",
		"urgent", "immediate start", "- Berlin", "| Madrid", "Enfermer", "Desarrollador", "Camarer", "Cociner",
		"Jefe de ventas", "Infirmi", "Serveu", "Krankenpfleger", "Entwickler"} {
		n := 0
		for _, title := range all {
			if strings.Contains(title, token) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no demo title contains %q", token)
		}
	}
}
