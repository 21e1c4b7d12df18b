package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/views/pages"
)

func eraseURL(id int64) string { return "/admin/candidates/" + strconv.FormatInt(id, 10) + "/erase" }

// erasePage asks the admin to type the candidate's email to confirm.
func (s *Server) erasePage(c echo.Context) error {
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, pages.EraseCandidatePage(pages.EraseCandidate{
		Layout: s.layout(c, "Erase "+cand.Name, "candidates"), Name: cand.Name, Email: cand.Email, Action: eraseURL(cand.ID)}))
}

// erase removes the candidate from Postgres and the index, after the typed
// confirmation matches; a mismatch changes nothing.
func (s *Server) erase(c echo.Context) error {
	u, _ := currentUser(c)
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	typed := strings.TrimSpace(c.FormValue("confirm"))
	if !strings.EqualFold(typed, cand.Email) {
		return render(c, http.StatusUnprocessableEntity, pages.EraseCandidatePage(pages.EraseCandidate{
			Layout: s.layout(c, "Erase "+cand.Name, "candidates"), Name: cand.Name, Email: cand.Email, Action: eraseURL(cand.ID),
			Typed: typed, Problem: "The typed email does not match the candidate's; nothing was erased."}))
	}
	defer s.tokens.clear() // the account's API tokens go with it
	if err := s.matcher.EraseCandidate(c.Request().Context(), u.Actor(), cand.ID); err != nil {
		return err
	}
	return redirectAfterPost(c, "/candidates?erased=1")
}
