package engine

import (
	"strconv"
	"strings"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// Index payloads: what filters test about a point. Cities are lower-cased so
// "berlin" finds "Berlin"; a vacancy's language requirements become tags
// "need:<code>:<level>" so a candidate's search can exclude requirements
// above the candidate's level (see unmetRequirements); exclusion rules tag
// the points near their B anchor "rule:<id>".

func cityKey(city string) string { return strings.ToLower(strings.TrimSpace(city)) }

func needTag(code matching.LanguageCode, level matching.Level) string {
	return "need:" + string(code) + ":" + strconv.Itoa(int(level))
}

func ruleTag(id int64) string { return "rule:" + strconv.FormatInt(id, 10) }

func locationPayload(l matching.Location) vectorstore.Payload {
	if l.IsZero() {
		return vectorstore.Payload{}
	}
	return vectorstore.Payload{Country: string(l.Country), City: cityKey(l.City), Lat: l.Latitude, Lon: l.Longitude}
}

func vacancyPayload(v matching.Vacancy) vectorstore.Payload {
	p := locationPayload(v.Location)
	p.Remote = v.Remote
	for _, l := range v.Languages {
		p.Tags = append(p.Tags, needTag(l.Code, l.Level))
	}
	return p
}

func candidatePayload(c matching.Candidate) vectorstore.Payload {
	p := locationPayload(c.Location)
	p.Remote = c.OpenToRemote
	for _, l := range c.Languages {
		p.Languages = append(p.Languages, vectorstore.Language{Code: string(l.Code), Level: vectorstore.Level(l.Level)})
	}
	return p
}

// vacancyIndexable and candidateIndexable report whether a record belongs
// in the search index: open vacancies and opted-in candidates, encoded with
// g's model.
func (g *generation) vacancyIndexable(v matching.Vacancy) bool {
	return v.Status == matching.StatusOpen && v.TitleVector.ModelVersion == g.enc.Version() && !v.TitleVector.IsZero()
}

func (g *generation) candidateIndexable(c matching.Candidate) bool {
	return c.Searchable && c.TitleVector.ModelVersion == g.enc.Version() && !c.TitleVector.IsZero()
}
