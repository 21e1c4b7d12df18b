package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// apiCandidate is a candidate as the API shows it. Contact details (email)
// are left out until per-role access arrives with API tokens (matching
// issue); only profiles that opted in are visible at all.
type apiCandidate struct {
	ID           int64                    `json:"id"`
	Name         string                   `json:"name"`
	DesiredTitle string                   `json:"desired_title"`
	Location     matching.Location        `json:"location"`
	OpenToRemote bool                     `json:"open_to_remote"`
	Languages    []matching.LanguageSkill `json:"languages"`
	Searchable   bool                     `json:"searchable"`
	CreatedAt    time.Time                `json:"created_at"`
	UpdatedAt    time.Time                `json:"updated_at"`
}

func toAPICandidate(c matching.Candidate) apiCandidate {
	out := apiCandidate{ID: c.ID, Name: c.Name, DesiredTitle: c.DesiredTitle, Location: c.Location,
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
	list, total, err := s.store.ListCandidates(c.Request().Context(), matching.CandidateFilter{ListFilter: f, SearchableOnly: true})
	if err != nil {
		return err
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

func (s *Server) apiCandidateCreate(c echo.Context) error {
	cand, err := decodeCandidate(c)
	if err != nil {
		return err
	}
	if err := s.store.CreateCandidate(c.Request().Context(), actor(c), &cand); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1"+candidateURL(cand.ID))
	return c.JSON(http.StatusCreated, toAPICandidate(cand))
}

// apiCandidateUpdate replaces a visible candidate's profile (PUT semantics).
func (s *Server) apiCandidateUpdate(c echo.Context) error {
	existing, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	cand, err := decodeCandidate(c)
	if err != nil {
		return err
	}
	cand.ID, cand.UserID = existing.ID, existing.UserID
	if err := s.store.UpdateCandidate(c.Request().Context(), actor(c), &cand); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICandidate(cand))
}

func (s *Server) apiCandidateDelete(c echo.Context) error {
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteCandidate(c.Request().Context(), actor(c), cand.ID); err != nil {
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
