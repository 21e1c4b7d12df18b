package web

import (
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// apiMatchSummary is the part of every match response about the query.
type apiMatchSummary struct {
	Query           string         `json:"query"`
	QueryConfidence float32        `json:"query_confidence"`
	Total           int            `json:"total"`
	GoodTotal       int            `json:"good_total"`
	HiddenByRules   int            `json:"hidden_by_rules"`
	Dismissed       int            `json:"dismissed"` // set aside by the list's owner; ?dismissed=1 lists them
	RulesFired      []apiRuleFired `json:"rules_fired"`
	Page            int            `json:"page"`
	PerPage         int            `json:"per_page"`
	Pages           int            `json:"pages"`
}

type apiRuleFired struct {
	ID         int64   `json:"id"`
	AnchorA    string  `json:"anchor_a"`
	AnchorB    string  `json:"anchor_b"`
	Reason     string  `json:"reason"`
	Similarity float32 `json:"similarity"` // of the query to anchor A
	Score      float32 `json:"score"`      // the match score of that similarity
	Removed    int     `json:"removed"`
}

type apiMatch struct {
	Similarity  float32  `json:"similarity"`
	Score       float32  `json:"score"`
	Band        string   `json:"band"`
	Reasons     []string `json:"reasons"`
	Explanation string   `json:"explanation"`
}

type apiVacancyMatch struct {
	Vacancy apiVacancy `json:"vacancy"`
	apiMatch
}

type apiCandidateMatch struct {
	Candidate apiCandidate `json:"candidate"`
	apiMatch
}

func toAPISummary(s engine.Summary) apiMatchSummary {
	out := apiMatchSummary{Query: s.Query, QueryConfidence: s.QueryConfidence, Total: s.Total, GoodTotal: s.GoodTotal, HiddenByRules: s.Hidden, Dismissed: s.Dismissed,
		RulesFired: []apiRuleFired{}, Page: s.Page, PerPage: s.PerPage, Pages: s.Pages}
	for _, r := range s.Rules {
		out.RulesFired = append(out.RulesFired, apiRuleFired{ID: r.Rule.ID, AnchorA: r.Rule.AnchorA, AnchorB: r.Rule.AnchorB,
			Reason: r.Rule.Reason, Similarity: r.Similarity, Score: r.Score, Removed: r.Removed})
	}
	return out
}

func toAPIMatch(m engine.Match) apiMatch {
	return apiMatch{Similarity: m.Similarity, Score: m.Score, Band: string(m.Band), Reasons: m.Reasons, Explanation: explanation(m)}
}

// explanation is a match in one line: "similarity 0.83 (high) · Munich, 12 km · German C1 ≥ B2".
func explanation(m engine.Match) string {
	return strings.Join(append([]string{fmt.Sprintf("similarity %.2f (%s)", m.Similarity, m.Band)}, m.Reasons...), " · ")
}

// matchPaging reads page and per_page for match lists.
func matchPaging(c echo.Context) (engine.Paging, error) {
	f, err := matching.ListFilterInput{Page: c.QueryParam("page"), PerPage: c.QueryParam("per_page")}.Filter()
	if err != nil {
		return engine.Paging{}, asBadRequest(err)
	}
	return engine.Paging{Page: f.Page, PerPage: f.PerPage}, nil
}

// matchParams reads the paging and radius_km of a stored-record search.
func matchParams(c echo.Context) (engine.Paging, float64, error) {
	pg, err := matchPaging(c)
	if err != nil {
		return pg, 0, err
	}
	radius, err := radiusParam(c)
	return pg, radius, err
}

// dismissedParam reads ?dismissed=1: list what the owner set aside instead.
func dismissedParam(c echo.Context) (bool, error) {
	switch c.QueryParam("dismissed") {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, badRequest("dismissed", "dismissed must be 1 or 0")
}

func radiusParam(c echo.Context) (float64, error) {
	r, err := matching.ParseRadiusKM(c.QueryParam("radius_km"))
	return r, asBadRequest(err)
}

// positionQuery reads a position search from the URL query: title,
// country, city, radius_km (around city), remote (include|only), languages
// ("de:B2,en:C1": the searcher's own), page, per_page.
func positionQuery(c echo.Context) (engine.PositionQuery, error) {
	var q engine.PositionQuery
	var err error
	if q.Title, err = matching.ParseSearchTitle("title", c.QueryParam("title")); err != nil {
		return q, asBadRequest(err)
	}
	if q.Paging, err = matchPaging(c); err != nil {
		return q, err
	}
	if q.RadiusKM, err = radiusParam(c); err != nil {
		return q, err
	}
	var country matching.CountryCode
	if s := c.QueryParam("country"); s != "" {
		if country, err = matching.ParseCountryCode(s); err != nil {
			return q, badRequest("country", err.Error())
		}
	}
	city := strings.TrimSpace(c.QueryParam("city"))
	switch {
	case q.RadiusKM > 0:
		if city == "" || country == "" {
			return q, badRequest("radius_km", "a radius needs a city and country to measure from")
		}
		centre, ok := matching.LookupCity(city, country)
		if !ok {
			return q, badRequest("city", fmt.Sprintf("%s, %s is not in our city list; search by country or city without a radius", city, country))
		}
		loc := centre.Location()
		q.Near = &loc
	default:
		if country != "" {
			q.Countries = []matching.CountryCode{country}
		}
		if city != "" {
			q.Cities = []string{city}
		}
	}
	if q.Remote, err = engine.ParseRemoteMode(c.QueryParam("remote")); err != nil {
		return q, badRequest("remote", err.Error())
	}
	if s := c.QueryParam("languages"); s != "" {
		if q.Languages, err = parseLanguageList(s); err != nil {
			return q, err
		}
	}
	return q, nil
}

// parseLanguageList reads "de:B2,en:C1".
func parseLanguageList(s string) ([]matching.LanguageSkill, error) {
	out := []matching.LanguageSkill{}
	for _, part := range strings.Split(s, ",") {
		code, level, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return nil, badRequest("languages", fmt.Sprintf("write each language as code:level, e.g. de:B2 (got %q)", part))
		}
		lc, err := matching.ParseLanguageCode(code)
		if err != nil {
			return nil, badRequest("languages", err.Error())
		}
		lv, err := matching.ParseLevel(level)
		if err != nil {
			return nil, badRequest("languages", err.Error())
		}
		out = append(out, matching.LanguageSkill{Code: lc, Level: lv})
	}
	return out, nil
}

// apiSearchVacancies is the candidate-side search by free-text title.
func (s *Server) apiSearchVacancies(c echo.Context) error {
	q, err := positionQuery(c)
	if err != nil {
		return err
	}
	res, err := s.matcher.SearchPositions(c.Request().Context(), q)
	if err != nil {
		return err
	}
	if res.Summary.Page > res.Summary.Pages {
		return pastLastPage(c, "", res.Summary.Page, res.Summary.Pages)
	}
	return s.sendVacancyMatches(c, res)
}

// sendVacancyMatches writes vacancy matches (see json_matches.go).
func (s *Server) sendVacancyMatches(c echo.Context, res engine.VacancyResults) error {
	records := make([][]byte, len(res.Matches))
	matches := make([]engine.Match, len(res.Matches))
	for i, m := range res.Matches {
		b, err := s.vacancyJSON.get(m.Vacancy)
		if err != nil {
			return err
		}
		records[i], matches[i] = b, m.Match
	}
	return sendMatches(c, res.Summary, "vacancy", records, matches, func() any { return vacancyMatchesJSON(res) })
}

func vacancyMatchesJSON(res engine.VacancyResults) any {
	items := make([]apiVacancyMatch, len(res.Matches))
	for i, m := range res.Matches {
		items[i] = apiVacancyMatch{Vacancy: toAPIVacancy(m.Vacancy), apiMatch: toAPIMatch(m.Match)}
	}
	return struct {
		apiMatchSummary
		Items []apiVacancyMatch `json:"items"`
	}{toAPISummary(res.Summary), items}
}

// apiVacancyCandidates is the recruiter-side search for one of their vacancies.
func (s *Server) apiVacancyCandidates(c echo.Context) error {
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	pg, radius, err := matchParams(c)
	if err != nil {
		return err
	}
	dismissed, err := dismissedParam(c)
	if err != nil {
		return err
	}
	res, err := s.matcher.SearchCandidates(c.Request().Context(), engine.CandidateQuery{VacancyID: v.ID, RadiusKM: radius, Dismissed: dismissed, Paging: pg})
	if err != nil {
		return err
	}
	if res.Summary.Page > res.Summary.Pages {
		return pastLastPage(c, "", res.Summary.Page, res.Summary.Pages)
	}
	records := make([][]byte, len(res.Matches))
	matches := make([]engine.Match, len(res.Matches))
	// The records are written into a pooled buffer, which the response is
	// built from before the buffer goes back.
	buf, all := jsonBytes()
	defer func() { putJSONBytes(buf, all) }()
	for i, m := range res.Matches {
		start := len(all)
		if all, err = appendCandidateJSON(all, toAPICandidate(m.Candidate)); err != nil {
			return err
		}
		records[i], matches[i] = all[start:len(all):len(all)], m.Match
	}
	return sendMatches(c, res.Summary, "candidate", records, matches, func() any { return candidateMatchesJSON(res) })
}

func candidateMatchesJSON(res engine.CandidateResults) any {
	items := make([]apiCandidateMatch, len(res.Matches))
	for i, m := range res.Matches {
		items[i] = apiCandidateMatch{Candidate: toAPICandidate(m.Candidate), apiMatch: toAPIMatch(m.Match)}
	}
	return struct {
		apiMatchSummary
		Items []apiCandidateMatch `json:"items"`
	}{toAPISummary(res.Summary), items}
}

// apiCandidateVacancies searches positions for a stored candidate profile:
// its owner's or, for admins, anyone's.
func (s *Server) apiCandidateVacancies(c echo.Context) error {
	cand, err := s.ownedCandidate(c)
	if err != nil {
		return err
	}
	pg, radius, err := matchParams(c)
	if err != nil {
		return err
	}
	dismissed, err := dismissedParam(c)
	if err != nil {
		return err
	}
	res, err := s.matcher.VacanciesForCandidate(c.Request().Context(), cand, radius, dismissed, pg)
	if err != nil {
		return err
	}
	if res.Summary.Page > res.Summary.Pages {
		return pastLastPage(c, "", res.Summary.Page, res.Summary.Pages)
	}
	return s.sendVacancyMatches(c, res)
}
