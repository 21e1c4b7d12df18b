// Package demo generates realistic, deterministic demo data — vacancies and
// candidates across European and US cities, with messy job titles and a
// realistic spread of language levels — and seeds it into a store. The
// vocabulary is jobmatch's own; nothing is copied from the ontology datasets.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"jobmatch/matching"
)

// Options sizes the demo data. The same Seed always produces the same data.
type Options struct {
	Seed       uint64
	Vacancies  int
	Candidates int
}

// DefaultOptions is what `jobmatch seed --demo` and `make run` create.
var DefaultOptions = Options{Seed: 1, Vacancies: 2000, Candidates: 5000}

// Data is generated demo content, validated like user input, with the
// occupation each record was generated from (its first English title).
type Data struct {
	Vacancies            []matching.Vacancy
	Candidates           []matching.Candidate
	VacancyOccupations   []string
	CandidateOccupations []string
}

// countryWeights spreads people and jobs roughly by labour-market size.
var countryWeights = []struct {
	country string
	weight  int
}{
	{"DE", 20}, {"FR", 12}, {"GB", 12}, {"ES", 8}, {"IT", 8}, {"US", 8}, {"NL", 7}, {"PL", 6},
	{"AT", 4}, {"CH", 4}, {"BE", 3}, {"SE", 3}, {"PT", 2}, {"IE", 2}, {"CZ", 2}, {"DK", 2},
}

// generator holds the random source and lookup tables of one generation run.
type generator struct {
	r         *rand.Rand
	byCountry map[matching.CountryCode][]matching.City
	total     int
}

// Generate builds opt.Vacancies vacancies and opt.Candidates candidates. Every
// record passes the same validation as user input; an error means the
// vocabulary itself is broken.
func Generate(opt Options) (Data, error) {
	g := &generator{r: rand.New(rand.NewPCG(opt.Seed, 0x6a6f626d61746368)), byCountry: map[matching.CountryCode][]matching.City{}}
	for _, c := range matching.Cities() {
		g.byCountry[c.Country] = append(g.byCountry[c.Country], c)
	}
	for _, cw := range countryWeights {
		g.total += cw.weight
	}
	fixed, err := showcaseAt(opt.Vacancies)
	if err != nil {
		return Data{}, err
	}
	var d Data
	for i := 0; i < opt.Vacancies; i++ {
		in, occ := g.vacancy(fixed[i])
		v, err := in.Vacancy()
		if err != nil {
			return Data{}, fmt.Errorf("demo: vacancy %d: %w", i, err)
		}
		d.Vacancies = append(d.Vacancies, v)
		d.VacancyOccupations = append(d.VacancyOccupations, occ)
	}
	for i := 0; i < opt.Candidates; i++ {
		in, occ := g.candidate(i)
		c, err := in.Candidate()
		if err != nil {
			return Data{}, fmt.Errorf("demo: candidate %d: %w", i, err)
		}
		d.Candidates = append(d.Candidates, c)
		d.CandidateOccupations = append(d.CandidateOccupations, occ)
	}
	return d, nil
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) country() string {
	n := g.r.IntN(g.total)
	for _, cw := range countryWeights {
		if n < cw.weight {
			return cw.country
		}
		n -= cw.weight
	}
	return "DE"
}

// city favours the first (largest) city of a country: half of the jobs and
// people of a country live in its biggest city, as in real data.
func (g *generator) city(country string) matching.City {
	cs := g.byCountry[matching.CountryCode(country)]
	if g.r.Float64() < 0.45 {
		return cs[0]
	}
	return cs[g.r.IntN(len(cs))]
}

func (g *generator) occupation() occupation { return occupations[g.r.IntN(len(occupations))] }

// title picks one of the occupation's titles in s.lang and writes it the way
// people type it.
func (g *generator) title(o occupation, s titleStyle) string {
	return clip(strings.TrimSpace(messyTitle(g.r, g.pick(o.titles(s.lang)), s)), matching.MaxTitleLen)
}

// titleLanguage picks the language a title is written in: a local language
// at the share ads in that country use it, English otherwise.
func (g *generator) titleLanguage(country string) string {
	n := g.r.IntN(100)
	for _, s := range localTitleShare[country] {
		if n < s.percent {
			return s.lang
		}
		n -= s.percent
	}
	return "en"
}

// fixedTitle is a showcase vacancy placed at one position of the generated list.
type fixedTitle struct {
	title, country, city string
	occ                  occupation
}

// showcaseAt spreads the showcase vacancies evenly over n vacancies (the first
// n of them when there are fewer vacancies than showcase titles).
func showcaseAt(n int) (map[int]*fixedTitle, error) {
	at := map[int]*fixedTitle{}
	for j, s := range showcase {
		if j >= n {
			break
		}
		f := &fixedTitle{title: s.title, country: s.country, city: s.city}
		found := false
		for _, o := range occupations {
			if o.en[0] == s.occupation {
				f.occ, found = o, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("demo: showcase %q: no occupation %q", s.title, s.occupation)
		}
		i := j
		if n > len(showcase) {
			i = j * n / len(showcase)
		}
		at[i] = f
	}
	return at, nil
}

func (g *generator) level(weights [6]int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return matching.Levels()[i].String()
		}
		n -= w
	}
	return "B2"
}

// Level spreads (A1, A2, B1, B2, C1, C2), from surveys of self-reported
// levels: English as a second language peaks at B2–C1, third languages lower.
var (
	englishSpread = [6]int{3, 7, 18, 35, 27, 10}
	otherSpread   = [6]int{22, 25, 25, 17, 8, 3}
	localSpread   = [6]int{2, 6, 20, 32, 28, 12} // immigrants' level of the local language
	requireSpread = [6]int{0, 3, 25, 42, 25, 5}  // what vacancies ask for
)
