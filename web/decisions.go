package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// vacancyDecide records a recruiter's decision on a candidate for their
// vacancy from the candidate list's form ("not a fit", with an optional
// reason), or withdraws it (undo=1), and goes back to the list.
func (s *Server) vacancyDecide(c echo.Context) error {
	u, _ := currentUser(c)
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	cand, err := s.formCandidate(c)
	if err != nil {
		return err
	}
	back := safeNext(c.FormValue("next"))
	if !strings.HasPrefix(back, vacancyURL(v.ID)+"/candidates") {
		back = vacancyURL(v.ID) + "/candidates"
	}
	return s.decideFromForm(c, u.Actor(), matching.RecruiterSide, v.ID, cand.ID, back)
}

// positionDecide records a candidate's decision on a position from their
// list of positions ("not for me"), or withdraws it (undo=1).
func (s *Server) positionDecide(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := s.store.CandidateByUser(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.FormValue("vacancy_id"), 10, 64)
	if err != nil || id < 1 {
		return badRequest("vacancy_id", "vacancy_id must be a positive whole number")
	}
	if _, err := s.store.Vacancy(c.Request().Context(), id); err != nil {
		return err
	}
	back := safeNext(c.FormValue("next"))
	if !strings.HasPrefix(back, "/profile/positions") {
		back = "/profile/positions"
	}
	return s.decideFromForm(c, u.Actor(), matching.CandidateSide, id, cand.ID, back)
}

// formCandidate is the candidate named by the form's candidate_id, if the
// signed-in user may see them.
func (s *Server) formCandidate(c echo.Context) (matching.Candidate, error) {
	id, err := strconv.ParseInt(c.FormValue("candidate_id"), 10, 64)
	if err != nil || id < 1 {
		return matching.Candidate{}, badRequest("candidate_id", "candidate_id must be a positive whole number")
	}
	cand, err := s.store.Candidate(c.Request().Context(), id)
	if err != nil {
		return cand, err
	}
	if u, _ := currentUser(c); !u.CanSeeCandidate(cand) {
		return cand, matching.ErrNotFound
	}
	return cand, nil
}

func (s *Server) decideFromForm(c echo.Context, actor matching.Actor, side matching.Side, vacancyID, candidateID int64, back string) error {
	ctx := c.Request().Context()
	if c.FormValue("undo") == "1" {
		if err := s.matcher.Undecide(ctx, actor, side, vacancyID, candidateID); err != nil {
			return err
		}
		return redirectAfterPost(c, back)
	}
	d, err := matching.DecisionInput{Verdict: c.FormValue("decision"), Reason: c.FormValue("reason")}.Decision(side, vacancyID, candidateID)
	if err != nil {
		return asBadRequest(err)
	}
	if err := s.matcher.Decide(ctx, actor, &d); err != nil {
		return err
	}
	return redirectAfterPost(c, back)
}

// apiVacancyDecide records a recruiter's decision on a candidate for one of
// their vacancies: {"candidate_id", "decision": "good_fit" | "not_a_fit",
// "reason"}. A later decision on the same candidate replaces it.
func (s *Server) apiVacancyDecide(c echo.Context) error {
	u, _ := currentUser(c)
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	var in matching.DecisionInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	d, err := in.Decision(matching.RecruiterSide, v.ID, in.CandidateID)
	if err != nil {
		return err
	}
	cand, err := s.store.Candidate(c.Request().Context(), d.CandidateID)
	if err == nil && !u.CanSeeCandidate(cand) {
		err = matching.ErrNotFound
	}
	if err != nil {
		return err
	}
	if err := s.matcher.Decide(c.Request().Context(), u.Actor(), &d); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, d)
}

// apiCandidateDecide records a candidate's decision on a position:
// {"vacancy_id", "decision": "interested" | "not_for_me", "reason"}.
func (s *Server) apiCandidateDecide(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := s.ownedCandidate(c)
	if err != nil {
		return err
	}
	var in matching.DecisionInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	d, err := in.Decision(matching.CandidateSide, in.VacancyID, cand.ID)
	if err != nil {
		return err
	}
	if _, err := s.store.Vacancy(c.Request().Context(), d.VacancyID); err != nil {
		return err
	}
	if err := s.matcher.Decide(c.Request().Context(), u.Actor(), &d); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, d)
}

// apiVacancyUndecide withdraws the recruiter's decision on a candidate.
func (s *Server) apiVacancyUndecide(c echo.Context) error {
	u, _ := currentUser(c)
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	other, err := pathInt(c, "candidate_id")
	if err != nil {
		return err
	}
	if err := s.matcher.Undecide(c.Request().Context(), u.Actor(), matching.RecruiterSide, v.ID, other); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiCandidateUndecide withdraws the candidate's decision on a position.
func (s *Server) apiCandidateUndecide(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := s.ownedCandidate(c)
	if err != nil {
		return err
	}
	other, err := pathInt(c, "vacancy_id")
	if err != nil {
		return err
	}
	if err := s.matcher.Undecide(c.Request().Context(), u.Actor(), matching.CandidateSide, other, cand.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
