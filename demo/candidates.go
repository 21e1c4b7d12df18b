package demo

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"jobmatch/matching"
)

// immigrantLanguages are native languages of people who moved to another country.
var immigrantLanguages = []string{"tr", "ar", "pl", "uk", "ro", "ru", "es", "pt", "it", "hi"}

func (g *generator) candidate(i int) (matching.CandidateInput, string) {
	country := g.country()
	city := g.city(country)
	locals := countryLanguages[country]
	nameLang := locals[g.r.IntN(len(locals))]
	if _, ok := givenNames[nameLang]; !ok {
		nameLang = "en"
	}
	given, family := g.pick(givenNames[nameLang]), g.pick(familyNames[nameLang])
	langs := map[string]string{}
	if g.r.Float64() < 0.1 {
		// Moved here: native in another language, the local one learnt.
		langs[g.pick(immigrantLanguages)] = "native"
		langs[locals[0]] = g.level(localSpread)
	} else {
		langs[locals[0]] = "native"
		for _, l := range locals[1:] {
			langs[l] = g.level(localSpread)
		}
	}
	if _, ok := langs["en"]; !ok && g.r.Float64() < 0.9 {
		langs["en"] = g.level(englishSpread)
	}
	for n := g.r.IntN(3); n > 0; n-- {
		l := g.pick(foreignLanguages)
		if _, ok := langs[l]; !ok {
			langs[l] = g.level(otherSpread)
		}
	}
	lang := g.titleLanguage(country)
	for _, l := range sortedKeys(langs) {
		// People who moved here sometimes still name their job in their own language.
		if langs[l] == "native" && (l == "de" || l == "fr" || l == "es") && l != lang && g.r.Float64() < 0.4 {
			lang = l
		}
	}
	o := g.occupation()
	in := matching.CandidateInput{
		Name:         given + " " + family,
		Email:        fmt.Sprintf("%s.%s.%d@example.org", asciiFold(given), asciiFold(family), i+1),
		DesiredTitle: g.title(o, titleStyle{lang: lang, market: marketOf(country, lang)}),
		Location:     matching.LocationInput{City: city.City, Country: country},
		OpenToRemote: g.r.Float64() < 0.4,
		Searchable:   g.r.Float64() < 0.85,
	}
	for _, code := range sortedKeys(langs) {
		in.Languages = append(in.Languages, matching.LanguageInput{Code: code, Level: langs[code]})
	}
	return in, o.key()
}

// asciiFold turns "Jürgen Öz" into "jurgenoz" for demo email addresses.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == 'ł':
			b.WriteByte('l')
		case r == 'ø':
			b.WriteByte('o')
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ı':
			b.WriteByte('i')
		}
	}
	return b.String()
}
