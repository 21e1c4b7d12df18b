package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// profilePage shows a candidate their own profile form: empty before they
// have one, filled in after.
func (s *Server) profilePage(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := s.store.CandidateByUser(c.Request().Context(), u.ID)
	switch {
	case errors.Is(err, matching.ErrNotFound):
		return s.renderCandidateForm(c, http.StatusOK, profileForm, matching.CandidateInput{Email: u.Email, Searchable: true}, nil)
	case err != nil:
		return err
	}
	return s.renderCandidateForm(c, http.StatusOK, profileForm, cand.Input(), nil)
}

// profileSave creates or updates the signed-in candidate's own profile.
func (s *Server) profileSave(c echo.Context) error {
	u, _ := currentUser(c)
	ctx := c.Request().Context()
	existing, err := s.store.CandidateByUser(ctx, u.ID)
	if err != nil && !errors.Is(err, matching.ErrNotFound) {
		return err
	}
	_, ok, err := s.candidateFromForm(c, profileForm, func(cand *matching.Candidate) error {
		cand.ID, cand.UserID = existing.ID, u.ID // ID 0 creates the profile
		return s.matcher.SaveCandidate(ctx, u.Actor(), cand)
	})
	if !ok || err != nil {
		return err
	}
	return redirectAfterPost(c, "/profile?saved=1")
}
