package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/views/components"
	"jobmatch/views/pages"
)

var remoteOptions = []components.Option{{Value: "", Label: "Location only"}, {Value: "include", Label: "Location or remote"}, {Value: "only", Label: "Remote only"}}

// matchForm echoes the query parameters into the search form.
func matchForm(c echo.Context, action string, showTitle bool) pages.MatchForm {
	return pages.MatchForm{Action: action, ShowTitle: showTitle,
		Title: c.QueryParam("title"), Country: c.QueryParam("country"), City: c.QueryParam("city"),
		Radius: c.QueryParam("radius_km"), Remote: c.QueryParam("remote"),
		Countries: countryOptions("Any country"), RemoteOptions: remoteOptions, Errors: map[string]string{}}
}

// renderMatches renders a match page, or only its results for htmx. A
// request error (bad filter, unreadable title) is shown on the page with
// the field marked, with a 4xx status.
func (s *Server) renderMatches(c echo.Context, m pages.MatchList, err error) error {
	var last pastLastMatches
	if errors.As(err, &last) {
		return c.Redirect(http.StatusFound, string(last))
	}
	status := http.StatusOK
	if err != nil {
		var re *requestError
		ve, invalid := matching.AsValidation(err)
		switch {
		case errors.As(err, &re):
			status, m.Problem = http.StatusBadRequest, capitalize(re.Message)+"."
			m.Form.Errors[re.Field] = re.Message
		case invalid:
			status, m.Problem = http.StatusUnprocessableEntity, capitalize(ve.First().Message)+"."
			m.Form.Errors[ve.First().Field] = ve.First().Message
		default:
			return err
		}
	}
	if wantsFragment(c, "results") {
		return render(c, status, pages.MatchResults(m))
	}
	return render(c, status, pages.MatchListPage(m))
}

// pastLastMatches is the address of the last page of results, for a
// request of a page after it; renderMatches redirects there.
type pastLastMatches string

func (p pastLastMatches) Error() string { return "past the last page; see " + string(p) }

// fillMatches copies the summary of a result list into the page, or returns
// pastLastMatches when the page asked for is after the last.
func fillMatches(c echo.Context, m *pages.MatchList, path string, sum engine.Summary) error {
	if sum.Page > sum.Pages {
		return pastLastMatches(pageLink(c, path, sum.Pages))
	}
	m.Searched, m.Total, m.Hidden = true, sum.Total, sum.Hidden
	m.QueryConfidence = fmt.Sprintf("%.2f", sum.QueryConfidence)
	for _, r := range sum.Rules {
		m.Rules = append(m.Rules, fmt.Sprintf("%q near %q (similarity %.2f) hides results near %q — %s: %d removed",
			sum.Query, r.Rule.AnchorA, r.Similarity, r.Rule.AnchorB, r.Rule.Reason, r.Removed))
	}
	m.Pager = pager(c, path, sum.Page, sum.Pages)
	return nil
}

func vacancyMatchRows(ms []engine.VacancyMatch) []pages.MatchRow {
	rows := make([]pages.MatchRow, len(ms))
	for i, m := range ms {
		rows[i] = pages.MatchRow{URL: vacancyURL(m.Vacancy.ID), Title: m.Vacancy.Title, Subtitle: m.Vacancy.Employer,
			Band: string(m.Band), Similarity: fmt.Sprintf("%.2f", m.Similarity), Reasons: strings.Join(m.Reasons, " · ")}
	}
	return rows
}

// positionsPage is the position search: anyone may search open vacancies by
// a title; a signed-in candidate with a profile may limit it to positions
// their languages meet.
func (s *Server) positionsPage(c echo.Context) error {
	m := pages.MatchList{Layout: s.layout(c, "Find positions", "positions"), Heading: "Find positions",
		Intro: "Type the job title you want, in your own words. Results are ranked by what the titles mean, not by matching words.",
		Form:  matchForm(c, "/positions", true), Noun: "position"}
	var skills []matching.LanguageSkill
	if u, ok := currentUser(c); ok && u.Role == matching.RoleCandidate {
		if cand, err := s.store.CandidateByUser(c.Request().Context(), u.ID); err == nil {
			m.Form.ShowLanguageToggle = true
			m.Form.MyLanguages = c.QueryParam("mine") == "1" || c.QueryParam("title") == ""
			if m.Form.MyLanguages {
				skills = cand.Languages
				if skills == nil {
					skills = []matching.LanguageSkill{}
				}
			}
		}
	}
	if c.QueryParam("title") == "" {
		return s.renderMatches(c, m, nil)
	}
	q, err := positionQuery(c)
	if err == nil {
		q.Languages = skills
		var res engine.VacancyResults
		if res, err = s.matcher.SearchPositions(c.Request().Context(), q); err == nil {
			err = fillMatches(c, &m, "/positions", res.Summary)
			m.Rows = vacancyMatchRows(res.Matches)
		}
	}
	return s.renderMatches(c, m, err)
}

// profilePositions lists positions for the signed-in candidate's profile.
func (s *Server) profilePositions(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := s.store.CandidateByUser(c.Request().Context(), u.ID)
	if errors.Is(err, matching.ErrNotFound) {
		return c.Redirect(http.StatusSeeOther, "/profile")
	}
	if err != nil {
		return err
	}
	m := pages.MatchList{Layout: s.layout(c, "Positions for you", "profile"), Heading: "Positions for you",
		Intro: fmt.Sprintf("Open positions like “%s” in %s that your languages meet%s.", cand.DesiredTitle, cand.Location.City, remoteNote(cand.OpenToRemote)),
		Form:  matchForm(c, "/profile/positions", false), Noun: "position"}
	pg, radius, err := matchParams(c)
	if err == nil {
		var res engine.VacancyResults
		if res, err = s.matcher.VacanciesForCandidate(c.Request().Context(), cand, radius, pg); err == nil {
			err = fillMatches(c, &m, "/profile/positions", res.Summary)
			m.Rows = vacancyMatchRows(res.Matches)
		}
	}
	return s.renderMatches(c, m, err)
}

func remoteNote(open bool) string {
	if open {
		return ", and remote ones"
	}
	return ""
}

// vacancyCandidatesPage ranks candidates for a recruiter's vacancy.
func (s *Server) vacancyCandidatesPage(c echo.Context) error {
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	path := vacancyURL(v.ID) + "/candidates"
	where := "in " + v.Location.String()
	switch {
	case v.Location.IsZero():
		where = "open to remote work"
	case v.Remote:
		where += " or open to remote work"
	}
	m := pages.MatchList{Layout: s.layout(c, "Candidates for "+v.Title, "vacancies"), Heading: "Candidates for “" + v.Title + "”",
		Intro: "People who opted in, meet every required language and are " + where + ", best title match first.",
		Form:  matchForm(c, path, false), Noun: "candidate"}
	shortlisted, _, err := s.shortlistSet(c, v.ID)
	if err != nil {
		return err
	}
	pg, radius, err := matchParams(c)
	if err == nil {
		var res engine.CandidateResults
		if res, err = s.matcher.SearchCandidates(c.Request().Context(), engine.CandidateQuery{VacancyID: v.ID, RadiusKM: radius, Paging: pg}); err == nil {
			err = fillMatches(c, &m, path, res.Summary)
			m.ExportURL = path + ".csv"
			if radius > 0 {
				m.ExportURL += "?radius_km=" + c.QueryParam("radius_km")
			}
			for _, cm := range res.Matches {
				m.Rows = append(m.Rows, pages.MatchRow{URL: candidateURL(cm.Candidate.ID), Title: cm.Candidate.Name,
					Subtitle: cm.Candidate.DesiredTitle, Band: string(cm.Band), Similarity: fmt.Sprintf("%.2f", cm.Similarity),
					Reasons: strings.Join(cm.Reasons, " · "), ShortlistURL: shortlistURL(v.ID), CandidateID: cm.Candidate.ID,
					Shortlisted: shortlisted[cm.Candidate.ID]})
			}
		}
	}
	return s.renderMatches(c, m, err)
}
