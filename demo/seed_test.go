package demo

import (
	"context"
	"strings"
	"testing"

	"jobmatch/matching"
)

// shortTitlesUnread is an encoder that cannot read titles of three letters
// or fewer, as the real one cannot read "KM".
type shortTitlesUnread struct{}

func (shortTitlesUnread) EncodeTitles(_ context.Context, titles []string) ([]matching.TitleVector, error) {
	out := make([]matching.TitleVector, len(titles))
	for i, t := range titles {
		if len(strings.TrimSpace(t)) > 3 {
			out[i] = matching.TitleVector{Vector: []float32{1}, ModelVersion: "test"}
		}
	}
	return out, nil
}

// memStore keeps what Seed stores.
type memStore struct {
	vacancies  []*matching.Vacancy
	candidates []*matching.Candidate
	decisions  []matching.Decision
}

func (m *memStore) ImportDecisions(_ context.Context, _ matching.Actor, ds []matching.Decision) error {
	m.decisions = append(m.decisions, ds...)
	return nil
}

func (m *memStore) Counts(context.Context) (int, int, error) {
	return len(m.vacancies), len(m.candidates), nil
}
func (m *memStore) CreateUser(_ context.Context, _ matching.Actor, u *matching.User) error {
	u.ID = 1
	return nil
}
func (m *memStore) CreateVacancies(_ context.Context, _ matching.Actor, vs []*matching.Vacancy) error {
	m.vacancies = append(m.vacancies, vs...)
	return nil
}
func (m *memStore) CreateCandidates(_ context.Context, _ matching.Actor, cs []*matching.Candidate) error {
	m.candidates = append(m.candidates, cs...)
	return nil
}

// TestSeedStoresOnlyTitlesTheEncoderReads: a seeded record is one the API
// would have accepted, so a search from it never answers "cannot read this
// title" (the errors bench-match counted under load).
func TestSeedStoresOnlyTitlesTheEncoderReads(t *testing.T) {
	var store memStore
	if _, err := Seed(context.Background(), &store, shortTitlesUnread{}, Options{Seed: 1, Vacancies: 3000, Candidates: 3000}, false); err != nil {
		t.Fatal(err)
	}
	data, _ := Generate(Options{Seed: 1, Vacancies: 3000, Candidates: 3000})
	short := 0
	for _, v := range data.Vacancies {
		if len(strings.TrimSpace(v.Title)) <= 3 {
			short++
		}
	}
	if short == 0 || len(store.vacancies) != len(data.Vacancies)-short {
		t.Fatalf("%d of %d vacancies stored with %d unreadable titles", len(store.vacancies), len(data.Vacancies), short)
	}
	for _, v := range store.vacancies {
		if v.TitleVector.IsZero() {
			t.Fatalf("vacancy %q stored without a vector", v.Title)
		}
	}
	for _, c := range store.candidates {
		if c.TitleVector.IsZero() {
			t.Fatalf("candidate %q stored without a vector", c.DesiredTitle)
		}
	}
}
