package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// apiVacancy is a vacancy as the API shows it; location is null for a
// remote vacancy without one.
type apiVacancy struct {
	ID          int64                    `json:"id"`
	Title       string                   `json:"title"`
	Description string                   `json:"description"`
	Employer    string                   `json:"employer"`
	Location    *matching.Location       `json:"location"`
	Remote      bool                     `json:"remote"`
	Languages   []matching.LanguageSkill `json:"languages"`
	Status      matching.VacancyStatus   `json:"status"`
	CreatedAt   time.Time                `json:"created_at"`
	UpdatedAt   time.Time                `json:"updated_at"`
}

func toAPIVacancy(v matching.Vacancy) apiVacancy {
	out := apiVacancy{ID: v.ID, Title: v.Title, Description: v.Description, Employer: v.Employer, Remote: v.Remote,
		Languages: v.Languages, Status: v.Status, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
	if !v.Location.IsZero() {
		loc := v.Location
		out.Location = &loc
	}
	if out.Languages == nil {
		out.Languages = []matching.LanguageSkill{}
	}
	return out
}

func (s *Server) apiVacancyList(c echo.Context) error {
	f, err := apiFilter(c)
	if err != nil {
		return err
	}
	status, err := matching.ParseVacancyStatus(c.QueryParam("status"))
	if err != nil {
		return badRequest("status", err.Error())
	}
	if c.QueryParam("status") == "" {
		status = ""
	}
	// Candidates see open vacancies only; closed ones are recruiters' history.
	if u, _ := currentUser(c); u.Role == matching.RoleCandidate {
		if status == matching.StatusClosed {
			return badRequest("status", "only open vacancies are listed for candidates")
		}
		status = matching.StatusOpen
	}
	list, total, err := s.store.ListVacancies(c.Request().Context(), matching.VacancyFilter{ListFilter: f, Status: status})
	if err != nil {
		return err
	}
	if f.Page > f.Pages(total) {
		return pastLastPage(c, "", f.Page, f.Pages(total))
	}
	resp := listResponse[apiVacancy]{Items: make([]apiVacancy, len(list)), Total: total, Page: f.Page, PerPage: f.PerPage}
	for i, v := range list {
		resp.Items[i] = toAPIVacancy(v)
	}
	return c.JSON(http.StatusOK, resp)
}

func (s *Server) apiVacancyGet(c echo.Context) error {
	v, err := s.visibleVacancy(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIVacancy(v))
}

func (s *Server) apiVacancyCreate(c echo.Context) error {
	u, _ := currentUser(c)
	v, err := decodeVacancy(c)
	if err != nil {
		return err
	}
	v.RecruiterID = u.ID
	if err := s.matcher.SaveVacancy(c.Request().Context(), u.Actor(), &v); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1"+vacancyURL(v.ID))
	return c.JSON(http.StatusCreated, toAPIVacancy(v))
}

// apiVacancyUpdate replaces a vacancy with the body (PUT semantics: fields
// left out take their empty value, as in a create).
func (s *Server) apiVacancyUpdate(c echo.Context) error {
	old, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	v, err := decodeVacancy(c)
	if err != nil {
		return err
	}
	v.ID, v.RecruiterID = old.ID, old.RecruiterID
	u, _ := currentUser(c)
	if err := s.matcher.SaveVacancy(c.Request().Context(), u.Actor(), &v); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIVacancy(v))
}

func (s *Server) apiVacancyDelete(c echo.Context) error {
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	u, _ := currentUser(c)
	if err := s.matcher.DeleteVacancy(c.Request().Context(), u.Actor(), v.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func decodeVacancy(c echo.Context) (matching.Vacancy, error) {
	var in matching.VacancyInput
	if err := decodeJSON(c, &in); err != nil {
		return matching.Vacancy{}, err
	}
	v, err := in.Vacancy()
	return v, withJSONPaths(err)
}
