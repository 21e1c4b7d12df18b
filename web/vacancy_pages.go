package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/forms"
	"jobmatch/views/pages"
)

func (s *Server) vacancyList(c echo.Context) error {
	in := listFilterInput(c)
	f, err := in.Filter()
	m := pages.VacancyList{
		Layout:  s.layout(c, "Vacancies", "vacancies"),
		Filters: filterForm("/vacancies", "Title contains", in, err),
	}
	u, signedIn := currentUser(c)
	m.CanCreate = signedIn && (u.Role == matching.RoleRecruiter || u.Role == matching.RoleAdmin)
	status := http.StatusOK
	if err != nil {
		if _, ok := matching.AsValidation(err); !ok {
			return err
		}
		status, m.Problem = http.StatusBadRequest, "Some filters are not valid: "+err.Error()
	} else {
		// Closed vacancies are history: only recruiters and admins see them.
		vf := matching.VacancyFilter{ListFilter: f, Status: matching.StatusOpen}
		if m.CanCreate {
			vf.Status = ""
		}
		list, total, err := s.store.ListVacancies(c.Request().Context(), vf)
		if err != nil {
			return err
		}
		if f.Page > f.Pages(total) {
			return pastLastPage(c, "/vacancies", f.Page, f.Pages(total))
		}
		for _, v := range list {
			m.Rows = append(m.Rows, vacancyRow(v))
		}
		m.Total = total
		m.Pager = pager(c, "/vacancies", f.Page, f.Pages(total))
	}
	if wantsFragment(c, "results") {
		return render(c, status, pages.VacancyResults(m))
	}
	return render(c, status, pages.VacancyListPage(m))
}

// visibleVacancy loads the :id vacancy if the caller may see it; others
// get not found, as if it did not exist.
func (s *Server) visibleVacancy(c echo.Context) (matching.Vacancy, error) {
	id, err := pathID(c)
	if err != nil {
		return matching.Vacancy{}, err
	}
	v, err := s.store.Vacancy(c.Request().Context(), id)
	if err != nil {
		return matching.Vacancy{}, err
	}
	if u, _ := currentUser(c); !u.CanSeeVacancy(v) {
		return matching.Vacancy{}, matching.ErrNotFound
	}
	return v, nil
}

func (s *Server) vacancyShow(c echo.Context) error {
	v, err := s.visibleVacancy(c)
	if err != nil {
		return err
	}
	u, _ := currentUser(c)
	editURL := ""
	var shortlist []pages.MatchRow
	if u.CanManageVacancy(v) {
		editURL = vacancyURL(v.ID) + "/edit"
		_, list, err := s.shortlistSet(c, v.ID)
		if err != nil {
			return err
		}
		for _, cand := range list {
			shortlist = append(shortlist, pages.MatchRow{URL: candidateURL(cand.ID), Title: cand.Name,
				Subtitle: cand.DesiredTitle + ", " + cand.Location.String() + " · " + cand.Email})
		}
	}
	return render(c, http.StatusOK, pages.VacancyDetailPage(pages.VacancyDetail{
		Layout: s.layout(c, v.Title, "vacancies"),
		Title:  v.Title, Employer: v.Employer, Location: v.Location.String(), Status: string(v.Status),
		Remote: v.Remote, Closed: v.Status == matching.StatusClosed, Description: v.Description,
		Languages: skills(v.Languages), Created: formatTime(v.CreatedAt), Updated: formatTime(v.UpdatedAt),
		EditURL: editURL, BackURL: "/vacancies", CandidatesURL: vacancyURL(v.ID) + "/candidates", Shortlist: shortlist,
	}))
}

func (s *Server) vacancyNew(c echo.Context) error {
	return s.renderVacancyForm(c, http.StatusOK, 0, matching.VacancyInput{Status: "open"}, nil)
}

// managedVacancy loads the :id vacancy if the signed-in user may change it.
func (s *Server) managedVacancy(c echo.Context) (matching.Vacancy, error) {
	id, err := pathID(c)
	if err != nil {
		return matching.Vacancy{}, err
	}
	v, err := s.store.Vacancy(c.Request().Context(), id)
	if err != nil {
		return matching.Vacancy{}, err
	}
	if u, _ := currentUser(c); !u.CanManageVacancy(v) {
		return matching.Vacancy{}, errForbidden
	}
	return v, nil
}

func (s *Server) vacancyEdit(c echo.Context) error {
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	return s.renderVacancyForm(c, http.StatusOK, v.ID, v.Input(), nil)
}

func (s *Server) vacancyCreate(c echo.Context) error { return s.vacancySave(c, matching.Vacancy{}) }

func (s *Server) vacancyUpdate(c echo.Context) error {
	v, err := s.managedVacancy(c)
	if err != nil {
		return err
	}
	return s.vacancySave(c, v)
}

// vacancySave validates the posted form and creates (old.ID 0) or updates the
// vacancy; a refused form is shown again with its errors and nothing is written.
func (s *Server) vacancySave(c echo.Context, old matching.Vacancy) error {
	id := old.ID
	u, _ := currentUser(c)
	var bad []*matching.FieldError
	langs, rows := formLanguages(c)
	in := matching.VacancyInput{
		Title: c.FormValue("title"), Employer: c.FormValue("employer"), Description: c.FormValue("description"),
		Remote: c.FormValue("remote") == "true", Status: c.FormValue("status"), Languages: langs,
		Location: matching.LocationInput{City: c.FormValue("city"), Country: c.FormValue("country"),
			Latitude: formCoordinate(c, "latitude", &bad), Longitude: formCoordinate(c, "longitude", &bad)},
	}
	v, err := in.Vacancy()
	errs := formErrors(err, bad, rows)
	if len(errs) == 0 {
		v.ID, v.RecruiterID = id, old.RecruiterID
		if id == 0 {
			v.RecruiterID = u.ID
		}
		err = s.matcher.SaveVacancy(c.Request().Context(), u.Actor(), &v)
		if _, refused := matching.AsValidation(err); !refused && err != nil {
			return err
		}
		errs = formErrors(err, nil, rows)
	}
	if len(errs) > 0 {
		in.Languages = formLanguagesByRow(langs, rows)
		return s.renderVacancyForm(c, http.StatusUnprocessableEntity, id, in, errs)
	}
	return redirectAfterPost(c, vacancyURL(v.ID))
}

func (s *Server) renderVacancyForm(c echo.Context, status int, id int64, in matching.VacancyInput, errs map[string]string) error {
	f := forms.Vacancy{
		Common: forms.Common{
			Layout:  s.layout(c, "New vacancy", "vacancies"),
			Heading: "New vacancy", Action: "/vacancies", Submit: "Create vacancy", CancelURL: "/vacancies",
			Summary: summaryFor(errs), Errors: errs,
			LanguageOptions: languageOptions("—"), LevelOptions: levelOptions("—", false),
			Languages: languageRows(in.Languages, errs),
		},
		Title: in.Title, Employer: in.Employer, Description: in.Description, Remote: in.Remote, Status: in.Status,
		City: in.Location.City, Country: in.Location.Country,
		Latitude:  coordString(in.Location.Latitude, rawIfInvalid(c, errs, "latitude")),
		Longitude: coordString(in.Location.Longitude, rawIfInvalid(c, errs, "longitude")),
	}
	if id != 0 {
		f.Layout.Title, f.Heading, f.Submit = "Edit vacancy", "Edit vacancy", "Save changes"
		f.Action, f.CancelURL = vacancyURL(id), vacancyURL(id)
	}
	return render(c, status, forms.VacancyForm(f))
}

// rawIfInvalid returns what the user typed into field when it was refused, so
// the form shows their text rather than clearing it.
func rawIfInvalid(c echo.Context, errs map[string]string, field string) string {
	if errs[field] != "" {
		return c.FormValue(field)
	}
	return ""
}
