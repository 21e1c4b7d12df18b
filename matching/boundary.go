package matching

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// MaxTextLen bounds any one text that enters jobmatch, in characters: the
// longest field (a vacancy description). Fields have their own, lower limits.
const MaxTextLen = MaxDescriptionLen

// CheckText is the input boundary: every text that enters jobmatch (form
// fields, query parameters, JSON strings, CSV cells, headers it reads) passes
// it before it is used. It refuses invalid UTF-8, NUL and every other control
// character except tab, line feed and carriage return (whitespace that one-line
// fields collapse and descriptions keep), and texts over MaxTextLen
// characters, with a *FieldError naming field. Postgres refuses the first two
// outright; the rest would be stored invisibly or break exports.
func CheckText(field, s string) error {
	n := 0
	for i, r := range s {
		n++
		switch {
		case r == utf8.RuneError && !isEncodedRuneError(s[i:]):
			return &FieldError{Field: field, Message: fmt.Sprintf("%s is not valid UTF-8 text (byte %d); send it UTF-8 encoded", FieldLabel(field), i+1)}
		case unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r':
			return &FieldError{Field: field, Message: fmt.Sprintf("%s contains the control character %U at character %d; remove it", FieldLabel(field), r, n)}
		}
	}
	if n > MaxTextLen {
		return &FieldError{Field: field, Message: fmt.Sprintf("%s has %d characters; send at most %d", FieldLabel(field), n, MaxTextLen)}
	}
	return nil
}

// isEncodedRuneError reports whether s starts with U+FFFD written out in
// UTF-8, which is valid text, rather than a byte that is not UTF-8.
func isEncodedRuneError(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size == 3
}

// CheckValues runs CheckText over every name and value of a form or URL
// query and returns the first problem.
func CheckValues(values map[string][]string) error {
	for _, name := range slices.Sorted(maps.Keys(values)) {
		vs := values[name]
		if err := CheckText("a field name", name); err != nil {
			return &FieldError{Field: FieldLabel(name), Message: err.(*FieldError).Message}
		}
		for _, v := range vs {
			if err := CheckText(name, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// FieldLabel names a field in a message: as it was sent when that is plain
// text, quoted with escapes otherwise, so a message never carries the bytes
// it refuses.
func FieldLabel(field string) string {
	for _, r := range field {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return strconv.QuoteToASCII(field)
		}
	}
	if len(field) > 100 {
		return strconv.QuoteToASCII(field[:100]) + "…"
	}
	return field
}
