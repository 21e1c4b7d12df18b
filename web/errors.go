package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/pages"
)

// requestError is a problem with how the request was made (a malformed id,
// body or query), as opposed to invalid content: it maps to 400.
type requestError struct {
	Field   string
	Message string
}

func (e *requestError) Error() string { return e.Field + ": " + e.Message }

func badRequest(field, msg string) error { return &requestError{Field: field, Message: msg} }

// asBadRequest turns a domain validation error about a request's address or
// query (not its content) into a 400 naming the first field; other errors
// pass unchanged.
func asBadRequest(err error) error {
	if ve, ok := matching.AsValidation(err); ok {
		return badRequest(ve.First().Field, ve.First().Message)
	}
	return err
}

// apiError is the JSON body of every API error: a message saying what to fix
// and the offending field ("" when no single field is at fault).
type apiError struct {
	Error  string       `json:"error"`
	Field  string       `json:"field"`
	Errors []fieldError `json:"errors,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// classify maps an error to a status and a message safe to show anyone.
func classify(err error) (status int, body apiError) {
	var re *requestError
	var he *echo.HTTPError
	if ve, ok := matching.AsValidation(err); ok {
		body = apiError{Error: ve.First().Message, Field: ve.First().Field}
		for _, f := range ve.Fields {
			body.Errors = append(body.Errors, fieldError{f.Field, f.Message})
		}
		return http.StatusUnprocessableEntity, body
	}
	var se *statusError
	switch {
	case errors.As(err, &se):
		return se.status, apiError{Error: se.msg, Field: se.field}
	case errors.Is(err, errSignInRequired):
		return http.StatusUnauthorized, apiError{Error: "sign in first (the API needs an Authorization: Bearer token)"}
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, apiError{Error: "your account may not do this"}
	case errors.As(err, &re):
		return http.StatusBadRequest, apiError{Error: re.Message, Field: re.Field}
	case errors.Is(err, matching.ErrNotFound):
		return http.StatusNotFound, apiError{Error: "no such record; it may have been deleted"}
	case errors.Is(err, matching.ErrConflict):
		return http.StatusConflict, apiError{Error: "this would duplicate an existing record"}
	case errors.Is(err, context.Canceled):
		return 499, apiError{Error: "request cancelled"}
	case errors.As(err, &he):
		return he.Code, apiError{Error: httpMessage(he)}
	}
	return http.StatusInternalServerError, apiError{Error: "something went wrong on our side; try again, and if it keeps happening report the request id"}
}

// httpMessage gives echo's own errors (unknown route, wrong method, body too
// large, missing CSRF token) a message that says what to do.
func httpMessage(he *echo.HTTPError) string {
	switch he.Code {
	case http.StatusNotFound:
		return "there is no page at this address"
	case http.StatusMethodNotAllowed:
		return "this address does not accept that method"
	case http.StatusRequestEntityTooLarge:
		return "the request is too large"
	case http.StatusBadRequest:
		return "the request is malformed; reload the page and try again"
	case http.StatusUnsupportedMediaType:
		return "send the request body as application/json"
	}
	return http.StatusText(he.Code)
}

// handleError is echo's central error handler: JSON for /api/, an HTML page
// otherwise. Internal errors are logged with the request id and never shown.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, body := classify(err)
	if status >= 500 {
		s.log.Error("request failed", "request_id", requestID(c), "method", c.Request().Method,
			"uri", c.Request().RequestURI, "error", err.Error())
	}
	if status == 499 {
		return
	}
	if status == http.StatusUnauthorized {
		challenge(c, errors.Is(err, errBadToken))
	}
	var werr error
	switch {
	case isAPI(c):
		werr = c.JSON(status, body)
	default:
		werr = render(c, status, pages.ErrorView(pages.ErrorPage{
			Layout: s.layout(c, http.StatusText(status), ""),
			Status: status, Heading: errorHeading(status), Message: capitalize(body.Error) + ".",
			RequestID: requestID(c),
		}))
	}
	if werr != nil {
		s.log.Error("write error response", "request_id", requestID(c), "error", werr.Error())
	}
}

func errorHeading(status int) string {
	switch {
	case status == http.StatusNotFound:
		return "Not found"
	case status == http.StatusForbidden:
		return "Not allowed"
	case status == http.StatusUnauthorized:
		return "Please sign in"
	case status == http.StatusTooManyRequests:
		return "Too many attempts"
	case status >= 500:
		return "Something went wrong"
	}
	return "We could not handle this request"
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
