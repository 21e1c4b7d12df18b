package engine

import (
	"fmt"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// RemoteMode says how remote positions (or people open to remote work) relate
// to a location filter.
type RemoteMode string

// Remote modes.
const (
	RemoteAny     RemoteMode = ""        // the location filter applies to everyone
	RemoteInclude RemoteMode = "include" // in the location, or remote
	RemoteOnly    RemoteMode = "only"    // remote only
)

// ParseRemoteMode reads "", "include" or "only".
func ParseRemoteMode(s string) (RemoteMode, error) {
	switch m := RemoteMode(s); m {
	case RemoteAny, RemoteInclude, RemoteOnly:
		return m, nil
	}
	return "", fmt.Errorf("%q is not a remote option; use include or only", s)
}

// Where narrows a search by place. The zero Where matches everywhere.
type Where struct {
	Countries []matching.CountryCode
	Cities    []string
	// Near with RadiusKM > 0 keeps results within RadiusKM of Near.
	Near     *matching.Location
	RadiusKM float64
	Remote   RemoteMode
}

func (w Where) filter() vectorstore.Filter {
	var f vectorstore.Filter
	for _, c := range w.Countries {
		f.Countries = append(f.Countries, string(c))
	}
	for _, c := range w.Cities {
		f.Cities = append(f.Cities, cityKey(c))
	}
	if w.Near != nil && w.RadiusKM > 0 {
		f.Geo = &vectorstore.GeoRadius{Lat: w.Near.Latitude, Lon: w.Near.Longitude, RadiusKM: w.RadiusKM}
	}
	switch w.Remote {
	case RemoteInclude:
		f.OrRemote = true
	case RemoteOnly:
		f.RemoteOnly = true
	}
	return f
}

// MaxDepth is how deep pagination goes: page × per-page results at most.
const MaxDepth = vectorstore.MaxResults

// Paging is a page of a ranked result list (1-based).
type Paging struct {
	Page, PerPage int
}

func (p Paging) check() error {
	if p.Page < 1 || p.PerPage < 1 {
		return &matching.FieldError{Field: "page", Message: "page and per_page must be at least 1"}
	}
	if p.Page*p.PerPage > MaxDepth {
		return &matching.FieldError{Field: "page", Message: fmt.Sprintf("results go %d deep at most; narrow the filters instead of paging further", MaxDepth)}
	}
	return nil
}

// PositionQuery is a search for open vacancies: by a free-text title, or by
// a stored candidate's vector.
type PositionQuery struct {
	Title  string
	Vector *matching.TitleVector // when set, Title is only shown, not encoded
	Where
	// Languages are the searcher's own; vacancies requiring more of any
	// language are left out. Nil means no language filter.
	Languages []matching.LanguageSkill
	// Candidate, when set, is the candidate searching: the positions they
	// marked "not for me" are left out, or with Dismissed listed alone.
	Candidate int64
	Dismissed bool
	Paging
}

// CandidateQuery is a recruiter's search for candidates for a vacancy.
type CandidateQuery struct {
	VacancyID int64
	// RadiusKM widens "same city" to a radius around the vacancy.
	RadiusKM float64
	// Dismissed lists the candidates marked "not a fit" for the vacancy,
	// which the list otherwise leaves out.
	Dismissed bool
	Paging
}
