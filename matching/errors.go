package matching

import (
	"errors"
	"strings"
)

// ErrNotFound is returned when a record does not exist (or the caller may not
// see it). Adapters map it to 404; it is never replaced by a (nil, nil) result.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule, such as a
// second account with the same email.
var ErrConflict = errors.New("conflict")

// FieldError says which input field is wrong and how to fix it. Adapters show
// Message next to the field (forms) or return it with the field name (API).
type FieldError struct {
	Field   string // input name, e.g. "title" or "languages[1].level"
	Message string // what to fix, written for the user
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError collects every FieldError of one input, so a form can show
// all problems at once instead of one per submit.
type ValidationError struct {
	Fields []*FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Error()
	}
	return "invalid input: " + strings.Join(msgs, "; ")
}

// First returns the first field error; APIs report one field per response.
func (e *ValidationError) First() *FieldError { return e.Fields[0] }

// For returns the message for field, or "" when that field is fine.
func (e *ValidationError) For(field string) string {
	if e == nil {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// problems accumulates field errors during validation.
type problems struct{ fields []*FieldError }

func (p *problems) add(field, msg string) { p.fields = append(p.fields, &FieldError{field, msg}) }

// addErr records err under field when it is non-nil, keeping its message.
func (p *problems) addErr(field string, err error) {
	if err != nil {
		p.add(field, err.Error())
	}
}

func (p *problems) err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: p.fields}
}

// AsValidation returns err as a *ValidationError, wrapping a lone *FieldError.
func AsValidation(err error) (*ValidationError, bool) {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve, true
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return &ValidationError{Fields: []*FieldError{fe}}, true
	}
	return nil, false
}
