package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
)

// listResponse is the envelope of every API list.
type listResponse[T any] struct {
	Items   []T `json:"items"`
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}

// decodeJSON reads exactly one JSON object into dst, refusing unknown fields
// (a typo such as "titel" should not be silently ignored) and trailing data.
func decodeJSON(c echo.Context, dst any) error {
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if ct != echo.MIMEApplicationJSON {
		return badRequest("", "send the body as JSON with Content-Type: application/json")
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return badRequest("", "the body must hold a single JSON object")
	}
	return nil
}

// jsonError explains a decoding failure and names the field when it can.
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(err, &syn):
		return badRequest("", fmt.Sprintf("the body is not valid JSON (at byte %d)", syn.Offset))
	case errors.As(err, &typ):
		return badRequest(typ.Field, fmt.Sprintf("%s must be a JSON %s, not %s", typ.Field, typ.Type.Kind(), typ.Value))
	case errors.Is(err, io.EOF):
		return badRequest("", "the body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("", "the body ends in the middle of the JSON")
	case errors.As(err, &maxBytes):
		return &statusError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("the body is too large; send at most %d MB", maxBodyMB)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest(field, fmt.Sprintf("unknown field %q; check its spelling", field))
	}
	return badRequest("", "the body could not be read as JSON: "+err.Error())
}

// apiFilter parses list filters from the query; bad filters are a 400.
func apiFilter(c echo.Context) (matching.ListFilter, error) {
	f, err := listFilterInput(c).Filter()
	return f, asBadRequest(err)
}

// locationFields are reported by the domain under their form names; in JSON
// they sit inside "location", so the API names them by their JSON path.
var locationFields = map[string]bool{"city": true, "country": true, "latitude": true, "longitude": true}

func withJSONPaths(err error) error {
	ve, ok := matching.AsValidation(err)
	if !ok {
		return err
	}
	out := &matching.ValidationError{}
	for _, f := range ve.Fields {
		name := f.Field
		if locationFields[name] {
			name = "location." + name
		}
		out.Fields = append(out.Fields, &matching.FieldError{Field: name, Message: f.Message})
	}
	return out
}
