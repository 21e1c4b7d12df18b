package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// apiCandidate is a candidate as the API shows it to those who may see it:
// the candidate themself, recruiters (opted-in profiles only) and admins.
type apiCandidate struct {
	ID           int64                    `json:"id"`
	Name         string                   `json:"name"`
	Email        string                   `json:"email"`
	DesiredTitle string                   `json:"desired_title"`
	Location     matching.Location        `json:"location"`
	OpenToRemote bool                     `json:"open_to_remote"`
	Languages    []matching.LanguageSkill `json:"languages"`
	Searchable   bool                     `json:"searchable"`
	CreatedAt    time.Time                `json:"created_at"`
	UpdatedAt    time.Time                `json:"updated_at"`
}

func toAPICandidate(c matching.Candidate) apiCandidate {
	out := apiCandidate{ID: c.ID, Name: c.Name, Email: c.Email, DesiredTitle: c.DesiredTitle, Location: c.Location,
		OpenToRemote: c.OpenToRemote, Languages: c.Languages, Searchable: c.Searchable,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	if out.Languages == nil {
		out.Languages = []matching.LanguageSkill{}
	}
	return out
}

func (s *Server) apiCandidateList(c echo.Context) error {
	f, err := apiFilter(c)
	if err != nil {
		return err
	}
	u, _ := currentUser(c)
	list, total, err := s.store.ListCandidates(c.Request().Context(),
		matching.CandidateFilter{ListFilter: f, SearchableOnly: u.Role != matching.RoleAdmin})
	if err != nil {
		return err
	}
	if f.Page > f.Pages(total) {
		return pastLastPage(c, "", f.Page, f.Pages(total))
	}
	resp := listResponse[apiCandidate]{Items: make([]apiCandidate, len(list)), Total: total, Page: f.Page, PerPage: f.PerPage}
	for i, cand := range list {
		resp.Items[i] = toAPICandidate(cand)
	}
	return c.JSON(http.StatusOK, resp)
}

func (s *Server) apiCandidateGet(c echo.Context) error {
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICandidate(cand))
}

// apiCandidateCreate creates a profile: a candidate's own (one per account)
// or, for an admin, anyone's.
func (s *Server) apiCandidateCreate(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := decodeCandidate(c)
	if err != nil {
		return err
	}
	if u.Role == matching.RoleCandidate {
		if _, err := s.store.CandidateByUser(c.Request().Context(), u.ID); err == nil {
			return &statusError{status: http.StatusConflict, msg: "you already have a profile; update it with PUT"}
		}
		cand.UserID = u.ID
	}
	if err := s.matcher.SaveCandidate(c.Request().Context(), u.Actor(), &cand); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1"+candidateURL(cand.ID))
	return c.JSON(http.StatusCreated, toAPICandidate(cand))
}

// ownedCandidate loads the :id candidate if the signed-in user may change
// it: its owner or an admin. Recruiters may look but not touch.
func (s *Server) ownedCandidate(c echo.Context) (matching.Candidate, error) {
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return cand, err
	}
	if u, _ := currentUser(c); u.Role != matching.RoleAdmin && cand.UserID != u.ID {
		return cand, errForbidden
	}
	return cand, nil
}

// apiCandidateUpdate replaces a profile (PUT semantics).
func (s *Server) apiCandidateUpdate(c echo.Context) error {
	existing, err := s.ownedCandidate(c)
	if err != nil {
		return err
	}
	cand, err := decodeCandidate(c)
	if err != nil {
		return err
	}
	cand.ID, cand.UserID = existing.ID, existing.UserID
	u, _ := currentUser(c)
	if err := s.matcher.SaveCandidate(c.Request().Context(), u.Actor(), &cand); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICandidate(cand))
}

func (s *Server) apiCandidateDelete(c echo.Context) error {
	cand, err := s.ownedCandidate(c)
	if err != nil {
		return err
	}
	u, _ := currentUser(c)
	if err := s.matcher.DeleteCandidate(c.Request().Context(), u.Actor(), cand.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func decodeCandidate(c echo.Context) (matching.Candidate, error) {
	var in matching.CandidateInput
	if err := decodeJSON(c, &in); err != nil {
		return matching.Candidate{}, err
	}
	cand, err := in.Candidate()
	return cand, withJSONPaths(err)
}
