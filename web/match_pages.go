package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
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
// pastLastMatches when the page asked for is after the last. Unless the URL
// asks for all results (all=1), only the good ones (score at least
// engine.MinScore) are paged through and the rest are counted.
func fillMatches(c echo.Context, m *pages.MatchList, path string, sum engine.Summary) error {
	// The dismissed tab lists everything set aside, weak matches included.
	m.ShowAll = c.QueryParam("all") == "1" || c.QueryParam("dismissed") == "1"
	pages := sum.Pages
	if !m.ShowAll {
		pages = max(1, (sum.GoodTotal+sum.PerPage-1)/sum.PerPage)
	}
	if sum.Page > pages {
		return pastLastMatches(pageLink(c, path, pages))
	}
	m.Searched, m.Total, m.Hidden, m.GoodTotal = true, sum.Total, sum.Hidden, sum.GoodTotal
	m.Query, m.Unrecognised = sum.Query, sum.QueryConfidence < engine.Unrecognised
	m.ShowAllURL, m.GoodOnlyURL = viewLink(c, path, true), viewLink(c, path, false)
	for _, r := range sum.Rules {
		m.Rules = append(m.Rules, fmt.Sprintf("%q matches %q (%s ≥ %s), so results matching %q are hidden — %s: %d removed",
			sum.Query, r.Rule.AnchorA, percent(r.Score), percent(r.Rule.MinScoreA), r.Rule.AnchorB, r.Rule.Reason, r.Removed))
	}
	m.Pager = pager(c, path, sum.Page, pages)
	return nil
}

// viewLink is the first page of path with the current filters, listing all
// results or only the good ones.
func viewLink(c echo.Context, path string, all bool) string {
	q := filtersOf(c, "page", "all")
	if all {
		q.Set("all", "1")
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// matchRow is the part of a result row about the match.
func matchRow(r pages.MatchRow, m engine.Match) pages.MatchRow {
	r.Band, r.Similarity, r.Reasons = string(m.Band), fmt.Sprintf("%.2f", m.Similarity), strings.Join(m.Reasons, " · ")
	r.Verdict = bandWords[m.Band] + " · " + percent(m.Score)
	r.Good = m.Score >= engine.MinScore
	return r
}

// bandWords name the bands on the pages.
var bandWords = map[matching.Band]string{matching.BandHigh: "strong match", matching.BandMedium: "possible match", matching.BandLow: "weak match"}

// shownRows drops the rows below the cut-off unless the page lists all.
func shownRows(m *pages.MatchList, rows []pages.MatchRow) []pages.MatchRow {
	if m.ShowAll {
		return rows
	}
	out := rows[:0]
	for _, r := range rows {
		if r.Good {
			out = append(out, r)
		}
	}
	return out
}

func vacancyMatchRows(ms []engine.VacancyMatch) []pages.MatchRow {
	rows := make([]pages.MatchRow, len(ms))
	for i, m := range ms {
		rows[i] = matchRow(pages.MatchRow{URL: vacancyURL(m.Vacancy.ID), Title: m.Vacancy.Title, Subtitle: m.Vacancy.Employer}, m.Match)
	}
	return rows
}

// suggestNear offers open positions' titles near a query nothing good
// matched. A title the encoder did not recognise gets none: its nearest
// titles are arbitrary, and the page already asks for the usual name.
func (s *Server) suggestNear(c echo.Context, m *pages.MatchList) {
	if m.GoodTotal > 0 || m.Unrecognised || m.ShowAll || m.Query == "" {
		return
	}
	titles, err := s.matcher.SuggestTitles(c.Request().Context(), m.Query, 5)
	if err != nil {
		return // suggestions are a help, never a reason to fail the search
	}
	for _, t := range titles {
		q := url.Values{"title": {t}}
		m.Suggestions = append(m.Suggestions, pages.Link{Label: t, URL: "/positions?" + q.Encode()})
	}
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
			m.Rows = shownRows(&m, vacancyMatchRows(res.Matches))
			s.suggestNear(c, &m)
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
	var tab bool
	if err == nil {
		tab, err = dismissedParam(c)
	}
	if err == nil {
		var res engine.VacancyResults
		if res, err = s.matcher.VacanciesForCandidate(c.Request().Context(), cand, radius, tab, pg); err == nil {
			err = fillMatches(c, &m, "/profile/positions", res.Summary)
			dismissalTab(c, &m, "/profile/positions", res.Summary, tab, "Not for me")
			rows := vacancyMatchRows(res.Matches)
			for i := range rows {
				rows[i].Decide = pages.DecideForm{URL: "/profile/positions/decisions", Field: "vacancy_id", ID: res.Matches[i].Vacancy.ID,
					Verdict: string(matching.NotForMe), Label: "Not for me", Undo: tab, Next: c.Request().URL.RequestURI()}
			}
			m.Rows = shownRows(&m, rows)
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
	var tab bool
	if err == nil {
		tab, err = dismissedParam(c)
	}
	if err == nil {
		var res engine.CandidateResults
		if res, err = s.matcher.SearchCandidates(c.Request().Context(), engine.CandidateQuery{VacancyID: v.ID, RadiusKM: radius, Dismissed: tab, Paging: pg}); err == nil {
			err = fillMatches(c, &m, path, res.Summary)
			dismissalTab(c, &m, path, res.Summary, tab, "Not a fit")
			m.ExportURL = path + ".csv"
			if radius > 0 {
				m.ExportURL += "?radius_km=" + c.QueryParam("radius_km")
			}
			for _, cm := range res.Matches {
				m.Rows = append(m.Rows, matchRow(pages.MatchRow{URL: candidateURL(cm.Candidate.ID), Title: cm.Candidate.Name,
					Subtitle: cm.Candidate.DesiredTitle, ShortlistURL: shortlistURL(v.ID), CandidateID: cm.Candidate.ID,
					Shortlisted: shortlisted[cm.Candidate.ID],
					Decide: pages.DecideForm{URL: vacancyURL(v.ID) + "/decisions", Field: "candidate_id", ID: cm.Candidate.ID,
						Verdict: string(matching.NotAFit), Label: "Not a fit", Undo: tab, Next: c.Request().URL.RequestURI()}}, cm.Match))
			}
			m.Rows = shownRows(&m, m.Rows)
		}
	}
	return s.renderMatches(c, m, err)
}

// dismissalTab sets up the two views of a list page: the list, and the
// records its owner set aside (label: "Not a fit", "Not for me"), each
// linking to the other with the filters kept.
func dismissalTab(c echo.Context, m *pages.MatchList, path string, sum engine.Summary, tab bool, label string) {
	m.DismissedTab, m.Dismissed, m.DismissedLabel = tab, sum.Dismissed, label
	if tab {
		m.Dismissed = sum.Total
	}
	q := filtersOf(c, "page", "all", "dismissed")
	m.ListURL = path
	if len(q) > 0 {
		m.ListURL += "?" + q.Encode()
	}
	q.Set("dismissed", "1")
	m.DismissedURL = path + "?" + q.Encode()
}

// filtersOf is the request's query (the first value of each parameter
// given) less the parameters named by drop: the filters a link keeps.
func filtersOf(c echo.Context, drop ...string) url.Values {
	q := url.Values{}
	for k, v := range c.QueryParams() {
		if !slices.Contains(drop, k) && len(v) > 0 && v[0] != "" {
			q[k] = v[:1]
		}
	}
	return q
}

// percent shows a score in [0, 1] as a whole percentage, "92 %".
func percent(score float32) string { return fmt.Sprintf("%.0f %%", 100*score) }
