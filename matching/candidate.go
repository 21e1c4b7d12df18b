package matching

import "time"

// Candidate is a job seeker's profile. Only candidates who opted in
// (Searchable) may be shown to recruiters or returned by candidate searches.
type Candidate struct {
	ID           int64           `json:"id"`
	UserID       int64           `json:"-"` // owning candidate account; 0 when none
	Name         string          `json:"name"`
	Email        string          `json:"email"`
	DesiredTitle string          `json:"desired_title"`
	Location     Location        `json:"location"`
	OpenToRemote bool            `json:"open_to_remote"`
	Languages    []LanguageSkill `json:"languages"`
	Searchable   bool            `json:"searchable"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
	TitleVector  TitleVector     `json:"-"` // of DesiredTitle; set before saving
	ImportKey    string          `json:"-"` // set by CSV imports: a second import of the row is skipped
}

// CandidateInput is a candidate profile as submitted by a form or the API,
// before validation. Field names in errors match its JSON names.
type CandidateInput struct {
	Name         string          `json:"name"`
	Email        string          `json:"email"`
	DesiredTitle string          `json:"desired_title"`
	Location     LocationInput   `json:"location"`
	OpenToRemote bool            `json:"open_to_remote"`
	Languages    []LanguageInput `json:"languages"`
	Searchable   bool            `json:"searchable"`
}

// Candidate validates the input and returns the profile it describes (without
// ID or times), or a *ValidationError listing every field to fix.
func (in CandidateInput) Candidate() (Candidate, error) {
	var p problems
	c := Candidate{
		Name:         requireText(&p, "name", "name", in.Name, 200),
		Email:        parseEmail(&p, "email", in.Email),
		DesiredTitle: requireText(&p, "desired_title", "desired job title", in.DesiredTitle, MaxTitleLen),
		Location:     parseLocation(&p, in.Location),
		OpenToRemote: in.OpenToRemote,
		Languages:    parseLanguages(&p, "languages", in.Languages),
		Searchable:   in.Searchable,
	}
	return c, p.err()
}

// Input returns the profile as editable input, for pre-filling an edit form.
func (c Candidate) Input() CandidateInput {
	return CandidateInput{
		Name: c.Name, Email: c.Email, DesiredTitle: c.DesiredTitle,
		Location:     locationInput(c.Location),
		OpenToRemote: c.OpenToRemote, Languages: languageInputs(c.Languages), Searchable: c.Searchable,
	}
}

// locationInput leaves the coordinates of a gazetteer city's centre out, so
// that an edit form changing only the city does not send the old city's
// coordinates with the new one.
func locationInput(l Location) LocationInput {
	if l.IsZero() {
		return LocationInput{}
	}
	if c, ok := LookupCity(l.City, l.Country); ok && c.Latitude == l.Latitude && c.Longitude == l.Longitude {
		return LocationInput{City: l.City, Country: string(l.Country)}
	}
	lat, lon := l.Latitude, l.Longitude
	return LocationInput{City: l.City, Country: string(l.Country), Latitude: &lat, Longitude: &lon}
}

func languageInputs(skills []LanguageSkill) []LanguageInput {
	out := make([]LanguageInput, len(skills))
	for i, s := range skills {
		out[i] = LanguageInput{Code: string(s.Code), Level: s.Level.String()}
	}
	return out
}
