package postgres_test

import (
	"testing"

	"jobmatch/matching"
)

func candidateFixture(t *testing.T, name, title, city, country string, searchable bool, langs ...matching.LanguageInput) *matching.Candidate {
	t.Helper()
	c, err := matching.CandidateInput{
		Name: name, Email: name + "@example.com", DesiredTitle: title,
		Location:  matching.LocationInput{City: city, Country: country},
		Languages: langs, Searchable: searchable,
	}.Candidate()
	if err != nil {
		t.Fatalf("candidate fixture: %v", err)
	}
	return &c
}

func vacancyFixture(t *testing.T, title, city, country string, remote bool, langs ...matching.LanguageInput) *matching.Vacancy {
	t.Helper()
	v, err := matching.VacancyInput{
		Title: title, Employer: "Acme GmbH", Description: "Build things.",
		Location: matching.LocationInput{City: city, Country: country}, Remote: remote, Languages: langs,
	}.Vacancy()
	if err != nil {
		t.Fatalf("vacancy fixture: %v", err)
	}
	return &v
}

func lang(code, level string) matching.LanguageInput {
	return matching.LanguageInput{Code: code, Level: level}
}
