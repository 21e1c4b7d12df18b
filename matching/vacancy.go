package matching

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// VacancyStatus says whether a vacancy takes applications; closed vacancies
// are kept for the record but never matched.
type VacancyStatus string

// Vacancy statuses.
const (
	StatusOpen   VacancyStatus = "open"
	StatusClosed VacancyStatus = "closed"
)

// ParseVacancyStatus reads "open" or "closed"; empty means open.
func ParseVacancyStatus(s string) (VacancyStatus, error) {
	switch VacancyStatus(strings.ToLower(strings.TrimSpace(s))) {
	case "", StatusOpen:
		return StatusOpen, nil
	case StatusClosed:
		return StatusClosed, nil
	}
	return "", fmt.Errorf("%q is not a status; use open or closed", s)
}

// Vacancy is a position a recruiter wants to fill. It has a Location, or is
// Remote, or both (remote within a country, say).
type Vacancy struct {
	ID          int64           `json:"id"`
	RecruiterID int64           `json:"-"` // owning recruiter account; 0 when none
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Employer    string          `json:"employer"`
	Location    Location        `json:"location"`
	Remote      bool            `json:"remote"`
	Languages   []LanguageSkill `json:"languages"` // required, each at a minimum level
	Status      VacancyStatus   `json:"status"`
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
	TitleVector TitleVector     `json:"-"` // of Title; set before saving
	ImportKey   string          `json:"-"` // set by CSV imports: a second import of the row is skipped
}

// MaxDescriptionLen bounds vacancy descriptions, in characters.
const MaxDescriptionLen = 20000

// VacancyInput is a vacancy as submitted by a form or the API, before
// validation. A remote vacancy may leave the location empty.
type VacancyInput struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Employer    string          `json:"employer"`
	Location    LocationInput   `json:"location"`
	Remote      bool            `json:"remote"`
	Languages   []LanguageInput `json:"languages"`
	Status      string          `json:"status"`
}

// Vacancy validates the input and returns the vacancy it describes (without
// ID or times), or a *ValidationError listing every field to fix.
func (in VacancyInput) Vacancy() (Vacancy, error) {
	var p problems
	v := Vacancy{
		Title:     requireText(&p, "title", "job title", in.Title, MaxTitleLen),
		Employer:  requireText(&p, "employer", "employer", in.Employer, 200),
		Remote:    in.Remote,
		Languages: parseLanguages(&p, "languages", in.Languages),
	}
	if checkText(&p, "description", in.Description) {
		v.Description = strings.TrimSpace(in.Description)
	}
	if n := utf8.RuneCountInString(v.Description); n > MaxDescriptionLen {
		p.add("description", fmt.Sprintf("shorten the description to at most %d characters (it has %d)", MaxDescriptionLen, n))
	}
	if !(in.Remote && in.Location.IsEmpty()) {
		v.Location = parseLocation(&p, in.Location)
	}
	status, err := ParseVacancyStatus(in.Status)
	p.addErr("status", err)
	v.Status = status
	return v, p.err()
}

// Input returns the vacancy as editable input, for pre-filling an edit form.
func (v Vacancy) Input() VacancyInput {
	return VacancyInput{
		Title: v.Title, Description: v.Description, Employer: v.Employer,
		Location: locationInput(v.Location), Remote: v.Remote,
		Languages: languageInputs(v.Languages), Status: string(v.Status),
	}
}
