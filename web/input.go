package web

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// inputHeaders are the request headers jobmatch reads as text.
var inputHeaders = []string{echo.HeaderAuthorization, echo.HeaderXForwardedFor, echo.HeaderXRealIP,
	"X-CSRF-Token", "HX-Request", "HX-Target", "HX-History-Restore-Request"}

// checkInput passes every text of a request through the domain's input
// boundary before any handler sees it: the path, the query, the headers
// jobmatch reads, form fields and JSON bodies (matching.CheckText and
// CheckJSON). A refused request gets a 400 naming the field, and nothing is
// written. Uploaded files are checked cell by cell by the importer.
func checkInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if err := matching.CheckText("path", r.URL.Path); err != nil {
			return asBadRequest(err)
		}
		if err := matching.CheckValues(c.QueryParams()); err != nil {
			return asBadRequest(err)
		}
		for _, h := range inputHeaders {
			for _, v := range r.Header.Values(h) {
				if err := matching.CheckText(h, v); err != nil {
					return asBadRequest(err)
				}
			}
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Body == nil || r.Body == http.NoBody {
			return next(c)
		}
		ct, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
		switch {
		case ct == echo.MIMEApplicationJSON:
			raw, err := io.ReadAll(r.Body)
			if err != nil {
				return bodyReadError(err)
			}
			r.Body = io.NopCloser(bytes.NewReader(raw))
			if err := matching.CheckJSON(raw); err != nil {
				return asBadRequest(err)
			}
		case ct == echo.MIMEApplicationForm || strings.HasPrefix(ct, "multipart/"):
			form, err := c.FormParams()
			if err != nil {
				return bodyReadError(err)
			}
			if err := matching.CheckValues(form); err != nil {
				return asBadRequest(err)
			}
		}
		return next(c)
	}
}

// bodyReadError reports a body that could not be read: too large (the body
// limit's 413), or malformed.
func bodyReadError(err error) error {
	var maxBytes *http.MaxBytesError
	if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) || errors.As(err, &maxBytes) {
		return echo.ErrStatusRequestEntityTooLarge
	}
	return badRequest("", "the request body could not be read; send a valid form or JSON object")
}
