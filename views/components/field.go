package components

import "github.com/a-h/templ"

func inputType(t string) string {
	if t == "" {
		return "text"
	}
	return t
}

// fieldAttrs marks an input invalid and ties it to its error or hint, so
// screen readers read the message with the field; nothing is added otherwise.
func fieldAttrs(f Field) templ.Attributes {
	a := templ.Attributes{}
	if f.List != "" {
		a["list"] = f.List
		a["autocomplete"] = "off"
	}
	switch {
	case f.Error != "":
		a["aria-invalid"] = "true"
		a["aria-describedby"] = f.Name + "-error"
	case f.Hint != "":
		a["aria-describedby"] = f.Name + "-hint"
	}
	return a
}
