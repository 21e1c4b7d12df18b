package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/forms"
	"jobmatch/views/layouts"
	"jobmatch/views/pages"
)

// Candidate pages show only profiles whose owners opted in to being found,
// and never their contact details. Editing a profile is for its owner, so it
// arrives with accounts (the browser issue); until then profiles are created
// here and changed through the API.

func (s *Server) candidateList(c echo.Context) error {
	in := listFilterInput(c)
	f, err := in.Filter()
	m := pages.CandidateList{
		Layout:  layouts.Page{Title: "Candidates", Nav: "candidates", CSRF: csrfToken(c)},
		Filters: filterForm("/candidates", "Desired title contains", in, err),
	}
	status := http.StatusOK
	if err != nil {
		if _, ok := matching.AsValidation(err); !ok {
			return err
		}
		status, m.Problem = http.StatusBadRequest, "Some filters are not valid: "+err.Error()
	} else {
		list, total, err := s.store.ListCandidates(c.Request().Context(), matching.CandidateFilter{ListFilter: f, SearchableOnly: true})
		if err != nil {
			return err
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

// visibleCandidate loads a candidate others may see: one who opted in.
// Profiles that did not opt in are reported as not found, not as forbidden,
// so their existence is not revealed.
func (s *Server) visibleCandidate(c echo.Context) (matching.Candidate, error) {
	id, err := pathID(c)
	if err != nil {
		return matching.Candidate{}, err
	}
	cand, err := s.store.Candidate(c.Request().Context(), id)
	if err != nil {
		return matching.Candidate{}, err
	}
	if !cand.Searchable {
		return matching.Candidate{}, matching.ErrNotFound
	}
	return cand, nil
}

func (s *Server) candidateShow(c echo.Context) error {
	cand, err := s.visibleCandidate(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, pages.CandidateDetailPage(pages.CandidateDetail{
		Layout: layouts.Page{Title: cand.Name, Nav: "candidates", CSRF: csrfToken(c)},
		Name:   cand.Name, DesiredTitle: cand.DesiredTitle, Location: cand.Location.String(),
		OpenToRemote: cand.OpenToRemote, Searchable: cand.Searchable, Languages: skills(cand.Languages),
		Created: formatTime(cand.CreatedAt), Updated: formatTime(cand.UpdatedAt),
		BackURL: "/candidates",
	}))
}

func (s *Server) candidateNew(c echo.Context) error {
	return s.renderCandidateForm(c, http.StatusOK, matching.CandidateInput{Searchable: true}, nil)
}

func (s *Server) candidateCreate(c echo.Context) error {
	var bad []*matching.FieldError
	langs, rows := formLanguages(c)
	in := matching.CandidateInput{
		Name: c.FormValue("name"), Email: c.FormValue("email"), DesiredTitle: c.FormValue("desired_title"),
		OpenToRemote: c.FormValue("open_to_remote") == "true", Searchable: c.FormValue("searchable") == "true",
		Languages: langs,
		Location: matching.LocationInput{City: c.FormValue("city"), Country: c.FormValue("country"),
			Latitude: formCoordinate(c, "latitude", &bad), Longitude: formCoordinate(c, "longitude", &bad)},
	}
	cand, err := in.Candidate()
	if errs := formErrors(err, bad, rows); len(errs) > 0 {
		in.Languages = formLanguagesByRow(langs, rows)
		return s.renderCandidateForm(c, http.StatusUnprocessableEntity, in, errs)
	}
	if err := s.store.CreateCandidate(c.Request().Context(), actor(c), &cand); err != nil {
		return err
	}
	if !cand.Searchable {
		// A private profile's page is not shown to anyone until accounts land.
		return redirectAfterPost(c, "/candidates")
	}
	return redirectAfterPost(c, candidateURL(cand.ID))
}

func (s *Server) renderCandidateForm(c echo.Context, status int, in matching.CandidateInput, errs map[string]string) error {
	f := forms.Candidate{
		Common: forms.Common{
			Layout:  layouts.Page{Title: "New candidate", Nav: "candidates", CSRF: csrfToken(c)},
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
	return render(c, status, forms.CandidateForm(f))
}
