package web

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/forms"
)

// maxLanguageRows bounds how many language rows a form may post.
const maxLanguageRows = 20

// formCoordinate parses an optional number field; blank means "not given".
func formCoordinate(c echo.Context, name string, bad *[]*matching.FieldError) *float64 {
	s := strings.TrimSpace(c.FormValue(name))
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		*bad = append(*bad, &matching.FieldError{Field: name, Message: fmt.Sprintf("%q is not a number; write it like 48.137", s)})
		return nil
	}
	return &v
}

// formLanguages reads the rows languages[i].code / languages[i].level, skipping
// rows left blank. It returns the input and, for each input entry, the form
// row it came from, so errors can be shown on the right row.
func formLanguages(c echo.Context) ([]matching.LanguageInput, []int) {
	var in []matching.LanguageInput
	var rows []int
	for i := 0; i < maxLanguageRows; i++ {
		code := c.FormValue(fmt.Sprintf("languages[%d].code", i))
		level := c.FormValue(fmt.Sprintf("languages[%d].level", i))
		if strings.TrimSpace(code) == "" && strings.TrimSpace(level) == "" {
			continue
		}
		in = append(in, matching.LanguageInput{Code: code, Level: level})
		rows = append(rows, i)
	}
	return in, rows
}

var languageIndex = regexp.MustCompile(`^languages\[(\d+)\]`)

// formErrors merges parse problems and domain validation into field → message,
// renaming languages[j] to the form row it came from.
func formErrors(err error, bad []*matching.FieldError, rows []int) map[string]string {
	out := map[string]string{}
	fields := bad
	if ve, ok := matching.AsValidation(err); ok {
		fields = append(fields, ve.Fields...)
	}
	for _, f := range fields {
		name := f.Field
		if m := languageIndex.FindStringSubmatch(name); m != nil {
			j, _ := strconv.Atoi(m[1])
			if j < len(rows) {
				name = fmt.Sprintf("languages[%d]", rows[j]) + name[len(m[0]):]
			}
		}
		if _, dup := out[name]; !dup {
			out[name] = f.Message
		}
	}
	return out
}

func summaryFor(errs map[string]string) string {
	switch n := len(errs); n {
	case 0:
		return ""
	case 1:
		return "Fix the field marked below and submit again."
	default:
		return fmt.Sprintf("Fix the %d fields marked below and submit again.", n)
	}
}

// languageRows lays out the language inputs: the given ones plus two blank
// rows (at least three rows), with their errors.
func languageRows(langs []matching.LanguageInput, errs map[string]string) []forms.LanguageRow {
	n := min(max(len(langs)+2, 3), maxLanguageRows)
	rows := make([]forms.LanguageRow, n)
	for i := range rows {
		r := forms.LanguageRow{
			CodeName: fmt.Sprintf("languages[%d].code", i), LevelName: fmt.Sprintf("languages[%d].level", i),
		}
		if i < len(langs) {
			r.Code, r.Level = langs[i].Code, strings.ToUpper(langs[i].Level)
			if strings.EqualFold(langs[i].Level, "native") {
				r.Level = "native"
			}
		}
		r.CodeError, r.LevelError = errs[r.CodeName], errs[r.LevelName]
		rows[i] = r
	}
	return rows
}

// formLanguagesByRow returns the posted languages placed at their form rows,
// so a refused form shows each language where the user put it.
func formLanguagesByRow(in []matching.LanguageInput, rows []int) []matching.LanguageInput {
	if len(rows) == 0 {
		return nil
	}
	out := make([]matching.LanguageInput, rows[len(rows)-1]+1)
	for j, r := range rows {
		out[r] = in[j]
	}
	return out
}

func coordString(p *float64, raw string) string {
	if raw != "" {
		return raw
	}
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}
