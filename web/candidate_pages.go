package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/forms"
	"jobmatch/views/pages"
)

// Candidate pages are for recruiters and admins. Recruiters see only profiles
// whose owners opted in to being found; a candidate edits their own profile
// at /profile and never sees anyone else's.

func (s *Server) candidateList(c echo.Context) error {
	u, _ := currentUser(c)
	in := listFilterInput(c)
	f, err := in.Filter()
	m := pages.CandidateList{
		Layout:  s.layout(c, "Candidates", "candidates"),
		Filters: filterForm("/candidates", "Desired title contains", in, err),
		IsAdmin: u.Role == matching.RoleAdmin,
	}
	status := http.StatusOK
	if err != nil {
		if _, ok := matching.AsValidation(err); !ok {
			return err
		}
		status, m.Problem = http.StatusBadRequest, "Some filters are not valid: "+err.Error()
	} else {
		list, total, err := s.store.ListCandidates(c.Request().Context(),
			matching.CandidateFilter{ListFilter: f, SearchableOnly: u.Role != matching.RoleAdmin})
		if err != nil {
			return err
		}
		if f.Page > f.Pages(total) {
			return pastLastPage(c, "/candidates", f.Page, f.Pages(total))
		}
		for _, cand := range list {
			m.Rows = append(m.Rows, candidateRow(cand))
		}
		m.Total = total
		m.Pager = pager(c, "/candidates", f.Page, f.Pages(total))
	}
	if wantsFragment(c, "results") {
		return render(c, status, pages.CandidateResults(m))
	}
	return render(c, status, pages.CandidateListPage(m))
}

// visibleCandidate loads the :id candidate if the signed-in user may see it.
// Profiles they may not see are reported as not found, not as forbidden, so
// their existence is not revealed.
func (s *Server) visibleCandidate(c echo.Context) (matching.Candidate, error) {
	u, _ := currentUser(c)
	id, err := pathID(c)
	if err != nil {
		return matching.Candidate{}, err
	}
	cand, err := s.store.Candidate(c.Request().Context(), id)
	if err != nil {
		return matching.Candidate{}, err
	}
	if !u.CanSeeCandidate(cand) {
		return matching.Candidate{}, matching.ErrNotFound
	}
	return cand, nil
}

func (s *Server) candidateShow(c echo.Context) error {
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	erase := ""
	if u, _ := currentUser(c); u.Role == matching.RoleAdmin {
		erase = eraseURL(cand.ID)
	}
	return render(c, http.StatusOK, pages.CandidateDetailPage(pages.CandidateDetail{
		EraseURL: erase,
		Layout:   s.layout(c, cand.Name, "candidates"),
		Name:     cand.Name, Email: cand.Email, DesiredTitle: cand.DesiredTitle, Location: cand.Location.String(),
		OpenToRemote: cand.OpenToRemote, Searchable: cand.Searchable, Languages: skills(cand.Languages),
		Created: formatTime(cand.CreatedAt), Updated: formatTime(cand.UpdatedAt),
		BackURL: "/candidates",
	}))
}

// candidateFormMode says which screen the candidate form serves.
type candidateFormMode int

const (
	adminCreateForm candidateFormMode = iota // an admin adds someone's profile
	profileForm                              // a candidate edits their own
)

func (s *Server) candidateNew(c echo.Context) error {
	return s.renderCandidateForm(c, http.StatusOK, adminCreateForm, matching.CandidateInput{}, nil)
}

func (s *Server) candidateCreate(c echo.Context) error {
	u, _ := currentUser(c)
	cand, ok, err := s.candidateFromForm(c, adminCreateForm, func(cand *matching.Candidate) error {
		return s.matcher.SaveCandidate(c.Request().Context(), u.Actor(), cand)
	})
	if !ok || err != nil {
		return err
	}
	return redirectAfterPost(c, candidateURL(cand.ID))
}

// candidateFromForm validates the posted profile and saves it with save.
// When it is refused (by validation or by save, e.g. an unreadable title),
// the form is rendered again with its errors and ok is false.
func (s *Server) candidateFromForm(c echo.Context, mode candidateFormMode, save func(*matching.Candidate) error) (cand matching.Candidate, ok bool, err error) {
	var bad []*matching.FieldError
	langs, rows := formLanguages(c)
	in := matching.CandidateInput{
		Name: c.FormValue("name"), Email: c.FormValue("email"), DesiredTitle: c.FormValue("desired_title"),
		OpenToRemote: c.FormValue("open_to_remote") == "true", Searchable: c.FormValue("searchable") == "true",
		Languages: langs,
		Location: matching.LocationInput{City: c.FormValue("city"), Country: c.FormValue("country"),
			Latitude: formCoordinate(c, "latitude", &bad), Longitude: formCoordinate(c, "longitude", &bad)},
	}
	cand, verr := in.Candidate()
	errs := formErrors(verr, bad, rows)
	if len(errs) == 0 {
		err := save(&cand)
		if _, refused := matching.AsValidation(err); !refused && err != nil {
			return cand, false, err
		}
		errs = formErrors(err, nil, rows)
	}
	if len(errs) > 0 {
		in.Languages = formLanguagesByRow(langs, rows)
		return cand, false, s.renderCandidateForm(c, http.StatusUnprocessableEntity, mode, in, errs)
	}
	return cand, true, nil
}

func (s *Server) renderCandidateForm(c echo.Context, status int, mode candidateFormMode, in matching.CandidateInput, errs map[string]string) error {
	f := forms.Candidate{
		Common: forms.Common{
			Layout:  s.layout(c, "New candidate", "candidates"),
			Heading: "New candidate profile", Action: "/candidates", Submit: "Create profile", CancelURL: "/candidates",
			Summary: summaryFor(errs), Errors: errs,
			LanguageOptions: languageOptions("—"), LevelOptions: levelOptions("—", true),
			Languages: languageRows(in.Languages, errs),
		},
		Name: in.Name, Email: in.Email, DesiredTitle: in.DesiredTitle,
		OpenToRemote: in.OpenToRemote, Searchable: in.Searchable,
		City: in.Location.City, Country: in.Location.Country,
		Latitude:  coordString(in.Location.Latitude, rawIfInvalid(c, errs, "latitude")),
		Longitude: coordString(in.Location.Longitude, rawIfInvalid(c, errs, "longitude")),
	}
	if mode == profileForm {
		f.Layout = s.layout(c, "My profile", "profile")
		f.Heading, f.Action, f.Submit, f.CancelURL = "My profile", "/profile", "Save profile", "/vacancies"
		if c.QueryParam("saved") == "1" && len(errs) == 0 {
			f.Notice = "Your profile is saved."
		}
	}
	return render(c, status, forms.CandidateForm(f))
}
