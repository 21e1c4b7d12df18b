package demo

import (
	"fmt"
	"sort"
	"strings"

	"jobmatch/matching"
)

// vacancy generates one vacancy; fixed, when set, is a showcase vacancy whose
// title, occupation and country are given.
func (g *generator) vacancy(fixed *fixedTitle) (matching.VacancyInput, string) {
	country := g.country()
	o := g.occupation()
	if fixed != nil {
		country, o = fixed.country, fixed.occ
	}
	city := g.city(country)
	if fixed != nil && fixed.city != "" {
		city, _ = matching.LookupCity(fixed.city, matching.CountryCode(country))
	}
	employer := g.employer(country)
	in := matching.VacancyInput{Employer: employer, Status: "open"}
	if fixed == nil && g.r.Float64() < 0.08 {
		in.Status = "closed"
	}
	remote := o.field == "IT" || o.field == "Marketing" || o.field == "Finance" || o.field == "Sales"
	switch {
	case remote && fixed == nil && g.r.Float64() < 0.25:
		in.Remote = true // fully remote, no office (showcase vacancies keep their country)
	case remote && g.r.Float64() < 0.2:
		in.Remote = true // remote within reach of an office
		in.Location = matching.LocationInput{City: city.City, Country: country}
	default:
		in.Location = matching.LocationInput{City: city.City, Country: country}
	}
	lang := g.titleLanguage(country)
	style := titleStyle{lang: lang, market: marketOf(country, lang), ad: true, remote: in.Remote}
	if !in.Remote {
		style.city = city.City
		if style.market != "en" {
			style.city = localName(city.City)
		}
	}
	in.Title = g.title(o, style)
	if fixed != nil {
		in.Title = fixed.title
	}
	req := map[string]string{}
	if local := countryLanguages[country][0]; !in.Remote || !in.Location.IsEmpty() {
		if local != "en" && g.r.Float64() < 0.75 {
			req[local] = g.level(requireSpread)
		}
	}
	if in.Remote || o.field == "IT" || g.r.Float64() < 0.3 {
		req["en"] = g.level(requireSpread)
	}
	if g.r.Float64() < 0.05 {
		req[g.pick(foreignLanguages)] = g.level(requireSpread)
	}
	for _, code := range sortedKeys(req) {
		in.Languages = append(in.Languages, matching.LanguageInput{Code: code, Level: req[code]})
	}
	in.Description = g.description(o, employer, city.City, in.Remote)
	return in, o.key()
}

// localName is the city's name in local ads ("München" for Munich).
func localName(city string) string {
	if n, ok := localCityNames[city]; ok {
		return n
	}
	return city
}

func (g *generator) employer(country string) string {
	s := companySuffixes[country]
	return g.pick(companyWords) + " " + g.pick(companyKinds) + " " + s[g.r.IntN(len(s))]
}

func (g *generator) description(o occupation, employer, city string, remote bool) string {
	where := "in " + city
	if remote {
		where = "remotely"
	}
	skills := append([]string(nil), o.skills...)
	g.r.Shuffle(len(skills), func(i, j int) { skills[i], skills[j] = skills[j], skills[i] })
	return fmt.Sprintf("%s is hiring a %s to work %s. Day to day you will handle %s. "+
		"We offer a permanent contract, %d days of holiday and training.",
		employer, strings.ToLower(o.en[0]), where, strings.Join(skills, ", "), 25+g.r.IntN(6))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
