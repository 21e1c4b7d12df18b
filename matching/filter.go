package matching

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// ListFilter narrows a list of vacancies or candidates. Zero fields do not
// filter. It is plain data so it can round-trip through a URL.
type ListFilter struct {
	Country       CountryCode
	City          string
	Language      LanguageCode
	MinLevel      Level // with Language: "speaks Language at least MinLevel"
	TitleContains string
	Page          int // 1-based
	PerPage       int
}

// CandidateFilter narrows a candidate list. SearchableOnly keeps candidates
// who did not opt in out of lists shown to others.
type CandidateFilter struct {
	ListFilter
	SearchableOnly bool
}

// VacancyFilter narrows a vacancy list. Its language filter keeps vacancies
// that require Language at a minimum level of at least MinLevel; Status ""
// lists every status.
type VacancyFilter struct {
	ListFilter
	Status VacancyStatus
}

// Paging defaults and limits shared by pages and the API.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
)

// Offset returns the number of rows to skip for the filter's page.
func (f ListFilter) Offset() int { return (f.Page - 1) * f.PerPage }

// Pages returns how many pages total items fill at PerPage per page.
func (f ListFilter) Pages(total int) int {
	if total == 0 {
		return 1
	}
	return (total + f.PerPage - 1) / f.PerPage
}

// ListFilterInput is a filter as it arrives in a URL query, before parsing.
type ListFilterInput struct {
	Country, City, Language, MinLevel, Title, Page, PerPage string
}

// Filter parses the input. A language without a level means "at least A1";
// a level without a language is an error because it cannot mean anything.
func (in ListFilterInput) Filter() (ListFilter, error) {
	var p problems
	for _, t := range []struct{ field, s string }{{"country", in.Country}, {"city", in.City}, {"language", in.Language},
		{"min_level", in.MinLevel}, {"title", in.Title}, {"page", in.Page}, {"per_page", in.PerPage}} {
		checkText(&p, t.field, t.s)
	}
	if err := p.err(); err != nil {
		return ListFilter{Page: 1, PerPage: DefaultPerPage}, err
	}
	f := ListFilter{City: cleanText(in.City), TitleContains: cleanText(in.Title), Page: 1, PerPage: DefaultPerPage}
	if s := cleanText(in.Country); s != "" {
		c, err := ParseCountryCode(s)
		p.addErr("country", err)
		f.Country = c
	}
	if s := cleanText(in.Language); s != "" {
		l, err := ParseLanguageCode(s)
		p.addErr("language", err)
		f.Language = l
		f.MinLevel = A1
	}
	if s := cleanText(in.MinLevel); s != "" {
		l, err := ParseLevel(s)
		p.addErr("min_level", err)
		if f.Language == "" && err == nil {
			p.add("min_level", "choose a language for the minimum level")
		}
		f.MinLevel = l
	}
	if n := utf8.RuneCountInString(f.TitleContains); n > MaxTitleLen {
		p.add("title", fmt.Sprintf("shorten the title to at most %d characters, the longest a stored title has (it has %d)", MaxTitleLen, n))
	}
	if n := utf8.RuneCountInString(f.City); n > maxCityLen {
		p.add("city", fmt.Sprintf("shorten the city to at most %d characters (it has %d)", maxCityLen, n))
	}
	f.Page = parsePositive(&p, "page", in.Page, 1, 1_000_000)
	f.PerPage = parsePositive(&p, "per_page", in.PerPage, DefaultPerPage, MaxPerPage)
	return f, p.err()
}

func parsePositive(p *problems, field, s string, def, max int) int {
	if s == "" {
		return def
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > max {
			p.add(field, field+" must be a whole number from 1 to "+strconv.Itoa(max))
			return def
		}
		n = n*10 + int(r-'0')
	}
	if n < 1 || n > max {
		p.add(field, field+" must be a whole number from 1 to "+strconv.Itoa(max))
		return def
	}
	return n
}

// ParseSearchTitle validates a title to search or preview by: the text of
// field, 1 to MaxTitleLen characters (a longer one cannot match a stored
// title better than its first MaxTitleLen characters would).
func ParseSearchTitle(field, s string) (string, error) {
	var p problems
	t := requireText(&p, field, "job title", s, MaxTitleLen)
	return t, p.err()
}

// MaxRadiusKM is the largest search radius: half the Earth's circumference.
const MaxRadiusKM = 20000

// ParseRadiusKM reads the radius_km of a search: empty is 0 (no radius);
// anything but a number of kilometres from 0 to MaxRadiusKM, including NaN
// and infinities, is refused.
func ParseRadiusKM(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(r) || r < 0 || r > MaxRadiusKM {
		return 0, &FieldError{Field: "radius_km", Message: fmt.Sprintf("radius_km must be a number of kilometres from 0 to %d", MaxRadiusKM)}
	}
	return r, nil
}
