// Package forms holds forms that carry their own values and validation state,
// so a refused submit re-renders with what the user typed and what to fix.
package forms

import (
	"jobmatch/views/components"
	"jobmatch/views/layouts"
)

// LanguageRow is one language line of a form (code and level selects).
type LanguageRow struct {
	CodeName, LevelName   string // input names, e.g. "languages[0].code"
	Code, Level           string
	CodeError, LevelError string
}

// Common is what every form shares.
type Common struct {
	Layout          layouts.Page
	Heading, Action string
	Submit          string
	CancelURL       string
	Summary         string            // shown above the form when the submit was refused
	Notice          string            // confirmation after a successful save
	Errors          map[string]string // field name → what to fix
	LanguageOptions []components.Option
	LevelOptions    []components.Option
	Languages       []LanguageRow
}

// Vacancy is the create/edit vacancy form.
type Vacancy struct {
	Common
	Title, Employer, Description       string
	City, Country, Latitude, Longitude string
	Remote                             bool
	Status                             string
}

// Candidate is the create/edit candidate profile form.
type Candidate struct {
	Common
	Name, Email, DesiredTitle          string
	City, Country, Latitude, Longitude string
	OpenToRemote, Searchable           bool
}
