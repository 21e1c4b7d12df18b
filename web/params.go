package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/components"
)

// pathID reads the :id path parameter.
func pathID(c echo.Context) (int64, error) { return pathInt(c, "id") }

// pathInt reads the path parameter name, a positive whole number.
func pathInt(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id < 1 {
		return 0, badRequest(name, "the "+name+" in the address must be a positive whole number")
	}
	return id, nil
}

// listFilterInput reads the list filters from the URL query. The same names
// serve pages and the API, so a page URL's query works against the API.
func listFilterInput(c echo.Context) matching.ListFilterInput {
	return matching.ListFilterInput{
		Country: c.QueryParam("country"), City: c.QueryParam("city"), Language: c.QueryParam("language"),
		MinLevel: c.QueryParam("min_level"), Title: c.QueryParam("title"),
		Page: c.QueryParam("page"), PerPage: c.QueryParam("per_page"),
	}
}

// pageLink is path with the request's query, except that it shows page p.
func pageLink(c echo.Context, path string, p int) string {
	q := url.Values{}
	for k, v := range c.QueryParams() {
		if k != "page" && len(v) > 0 && v[0] != "" {
			q[k] = v[:1]
		}
	}
	if p > 1 {
		q.Set("page", strconv.Itoa(p))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// pager builds previous/next links that keep every other query parameter.
func pager(c echo.Context, path string, page, pages int) components.Pager {
	p := components.Pager{Page: page, Pages: pages}
	if page > 1 {
		p.PrevURL = pageLink(c, path, min(page-1, pages))
	}
	if page < pages {
		p.NextURL = pageLink(c, path, page+1)
	}
	return p
}

// pastLastPage answers a request for a page after the last one: a page is
// redirected to the last page (path), the API answers 404 naming page.
func pastLastPage(c echo.Context, path string, page, pages int) error {
	if isAPI(c) {
		return &statusError{status: http.StatusNotFound, field: "page",
			msg: fmt.Sprintf("page %d is past the last page, %d", page, pages)}
	}
	return c.Redirect(http.StatusFound, pageLink(c, path, pages))
}

// filterForm returns the filter form for list pages, with the user's values,
// per-field errors and the choices of the selects.
func filterForm(action, titleLabel string, in matching.ListFilterInput, err error) components.Filters {
	f := components.Filters{
		Action: action, TitleLabel: titleLabel,
		Country: in.Country, City: in.City, Language: in.Language, MinLevel: in.MinLevel, Title: in.Title,
		Countries: countryOptions("Any country"), Languages: languageOptions("Any language"), Levels: levelOptions("Any level", false),
	}
	if ve, ok := matching.AsValidation(err); ok {
		f.Errors = map[string]string{}
		for _, fe := range ve.Fields {
			f.Errors[fe.Field] = fe.Message
		}
	}
	return f
}

func countryOptions(any string) []components.Option {
	opts := []components.Option{{Value: "", Label: any}}
	seen := map[matching.CountryCode]bool{}
	for _, c := range matching.Cities() {
		if !seen[c.Country] {
			seen[c.Country] = true
			opts = append(opts, components.Option{Value: string(c.Country), Label: string(c.Country)})
		}
	}
	return opts
}

func languageOptions(none string) []components.Option {
	opts := []components.Option{{Value: "", Label: none}}
	for _, l := range matching.KnownLanguages() {
		opts = append(opts, components.Option{Value: string(l), Label: l.Name()})
	}
	return opts
}

func levelOptions(none string, native bool) []components.Option {
	opts := []components.Option{{Value: "", Label: none}}
	for _, l := range matching.Levels() {
		opts = append(opts, components.Option{Value: l.String(), Label: l.String()})
	}
	if native {
		opts = append(opts, components.Option{Value: "native", Label: "Native"})
	}
	return opts
}
