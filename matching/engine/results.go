package engine

import "jobmatch/matching"

// Match is one ranked result with why it is there.
type Match struct {
	Similarity float32 // cosine similarity of the titles
	// Score is the calibrated probability that the two titles name the same
	// occupation (Encoder.Score of Similarity); bands and MinScore cut it.
	Score float32
	Band  matching.Band
	// Reasons lists the filters the result passed, in words ("German C1 ≥
	// B2", "Munich, 12 km", "remote").
	Reasons []string
}

// VacancyMatch is a vacancy found for a title or candidate.
type VacancyMatch struct {
	Vacancy matching.Vacancy
	Match
}

// CandidateMatch is a candidate found for a vacancy.
type CandidateMatch struct {
	Candidate matching.Candidate
	Match
}

// RuleEffect is an exclusion rule the query triggered and what it removed.
type RuleEffect struct {
	Rule       matching.ExclusionRule
	Similarity float32 // of the query to anchor A
	Score      float32 // the match score of that similarity
	Removed    int     // results scoring at least the rule's threshold with anchor B
}

// Summary describes a result list as a whole.
type Summary struct {
	Query           string
	QueryConfidence float32
	Total           int // results passing every filter and rule
	GoodTotal       int // of those, the ones scoring at least MinScore
	Hidden          int // passing the filters but removed by exclusion rules
	Dismissed       int // passing the filters but set aside by the list's owner ("not a fit")
	Rules           []RuleEffect
	Paging
	Pages int
}

// VacancyResults is one page of a position search.
type VacancyResults struct {
	Summary
	Matches []VacancyMatch
}

// CandidateResults is one page of a candidate search for a vacancy.
type CandidateResults struct {
	Summary
	Vacancy matching.Vacancy
	Matches []CandidateMatch
}
