package web

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// render renders a component into a buffer first, so a template error becomes
// a clean 500 instead of half a page, then writes it with status.
func render(c echo.Context, status int, comp templ.Component) error {
	var buf bytes.Buffer
	if err := comp.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// wantsFragment reports whether htmx asked to replace only the element with
// id target; the full page is rendered for everything else (and without JS).
func wantsFragment(c echo.Context, target string) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Target") == target && h.Get("HX-History-Restore-Request") != "true"
}

// redirectAfterPost sends the browser to url with 303 See Other, so a reload
// does not resubmit the form.
func redirectAfterPost(c echo.Context, url string) error {
	return c.Redirect(http.StatusSeeOther, url)
}
