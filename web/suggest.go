package web

import (
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/components"
)

// suggestTitles fills the title field's datalist while the user types.
func (s *Server) suggestTitles(c echo.Context) error {
	typed := c.QueryParam("desired_title")
	if typed == "" {
		typed = c.QueryParam("title")
	}
	if utf8.RuneCountInString(typed) > matching.MaxTitleLen {
		return badRequest("title", fmt.Sprintf("shorten the title to at most %d characters", matching.MaxTitleLen))
	}
	titles, err := s.matcher.SuggestTitles(c.Request().Context(), typed, 8)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, components.TitleOptions(titles))
}
