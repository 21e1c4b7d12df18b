package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/pages"
)

// shortlistSet returns the ids on a vacancy's shortlist.
func (s *Server) shortlistSet(c echo.Context, vacancyID int64) (map[int64]bool, []matching.Candidate, error) {
	list, err := s.store.ShortlistedCandidates(c.Request().Context(), vacancyID)
	if err != nil {
		return nil, nil, err
	}
	set := make(map[int64]bool, len(list))
	for _, cand := range list {
		set[cand.ID] = true
	}
	return set, list, nil
}

// shortlistToggle adds or removes a candidate on the recruiter's vacancy.
// Only candidates the recruiter may see can be added.
func (s *Server) shortlistToggle(c echo.Context) error {
	u, _ := currentUser(c)
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	candID, err := strconv.ParseInt(c.FormValue("candidate_id"), 10, 64)
	if err != nil || candID < 1 {
		return badRequest("candidate_id", "candidate_id must be a positive whole number")
	}
	cand, err := s.store.Candidate(c.Request().Context(), candID)
	if err != nil {
		return err
	}
	if !u.CanSeeCandidate(cand) {
		return matching.ErrNotFound
	}
	var on bool
	switch c.FormValue("action") {
	case "add":
		on = true
	case "remove":
	default:
		return badRequest("action", "action must be add or remove")
	}
	if err := s.store.Shortlist(c.Request().Context(), u.Actor(), v.ID, cand.ID, on); err != nil {
		return err
	}
	row := pages.MatchRow{ShortlistURL: shortlistURL(v.ID), CandidateID: cand.ID, Shortlisted: on}
	if c.Request().Header.Get("HX-Request") == "true" {
		return render(c, http.StatusOK, pages.ShortlistButton(row, csrfToken(c)))
	}
	return redirectAfterPost(c, vacancyURL(v.ID)+"/candidates")
}

func shortlistURL(vacancyID int64) string { return vacancyURL(vacancyID) + "/shortlist" }

// exportCandidates sends the whole ranked candidate list of a vacancy as CSV
// (every page, same filters and rules) and records the export in the audit
// log, because it hands personal data out of the system.
func (s *Server) exportCandidates(c echo.Context) error {
	u, _ := currentUser(c)
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	radius, err := radiusParam(c)
	if err != nil {
		return err
	}
	res, err := s.matcher.ExportCandidates(c.Request().Context(), v.ID, radius)
	if err != nil {
		return err
	}
	if err := s.store.RecordAudit(c.Request().Context(), u.Actor(), "export_candidates", matching.EntityVacancy, v.ID,
		map[string]any{"rows": len(res.Matches), "radius_km": radius}); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="vacancy-%d-candidates.csv"`, v.ID))
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	_ = w.Write([]string{"rank", "candidate_id", "name", "email", "desired_title", "city", "country", "open_to_remote", "languages", "similarity", "score", "band", "explanation"})
	for i, m := range res.Matches {
		var langs []string
		for _, l := range m.Candidate.Languages {
			langs = append(langs, string(l.Code)+":"+l.Level.String())
		}
		_ = w.Write([]string{strconv.Itoa(i + 1), strconv.FormatInt(m.Candidate.ID, 10), csvSafe(m.Candidate.Name), m.Candidate.Email,
			csvSafe(m.Candidate.DesiredTitle), csvSafe(m.Candidate.Location.City), string(m.Candidate.Location.Country),
			strconv.FormatBool(m.Candidate.OpenToRemote), strings.Join(langs, " "), fmt.Sprintf("%.4f", m.Similarity),
			fmt.Sprintf("%.4f", m.Score), string(m.Band), explanation(m.Match)})
	}
	w.Flush()
	return w.Error()
}

// csvSafe defuses spreadsheet formulas in user-typed text (a cell starting
// with =, +, - or @ would run in Excel), per OWASP's CSV injection advice.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
