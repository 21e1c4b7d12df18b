package postgres_test

import (
	"context"
	"errors"
	"testing"

	"jobmatch/matching"
)

var actorSystem = matching.System

func TestCandidateRoundTripsWithLanguages(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	c := candidateFixture(t, "ann", "Sr. Golang Dev", "München", "de", true, lang("de", "native"), lang("EN", "b2"))
	if err := db.CreateCandidate(ctx, actorSystem, c); err != nil {
		t.Fatal(err)
	}
	got, err := db.Candidate(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DesiredTitle != "Sr. Golang Dev" || got.Location.City != "Munich" || got.Location.Country != "DE" {
		t.Errorf("got %+v", got)
	}
	if len(got.Languages) != 2 || got.Languages[0] != (matching.LanguageSkill{Code: "de", Level: matching.C2}) ||
		got.Languages[1] != (matching.LanguageSkill{Code: "en", Level: matching.B2}) {
		t.Errorf("languages = %v, want de C2, en B2", got.Languages)
	}
	if got.CreatedAt.IsZero() || !got.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("created_at = %v, want %v", got.CreatedAt, c.CreatedAt)
	}
}

func TestCandidateUpdateReplacesLanguagesAndIsAudited(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	c := candidateFixture(t, "bob", "Nurse", "Paris", "FR", false, lang("fr", "C2"))
	if err := db.CreateCandidate(ctx, actorSystem, c); err != nil {
		t.Fatal(err)
	}
	c.DesiredTitle = "Head Nurse"
	c.Languages = []matching.LanguageSkill{{Code: "en", Level: matching.B1}}
	editor := matching.Actor{Label: "editor@example.com"}
	if err := db.UpdateCandidate(ctx, editor, c); err != nil {
		t.Fatal(err)
	}
	got, err := db.Candidate(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DesiredTitle != "Head Nurse" || len(got.Languages) != 1 || got.Languages[0].Code != "en" {
		t.Errorf("after update: %+v", got)
	}
	log, err := db.AuditLog(ctx, "candidate", c.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Action != "update" || log[0].Actor.Label != "editor@example.com" || log[1].Action != "create" {
		t.Errorf("audit log = %+v, want update by editor then create", log)
	}
}

func TestMissingCandidateIsNotFound(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	if _, err := db.Candidate(ctx, 999); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("get: err = %v, want ErrNotFound", err)
	}
	if err := db.DeleteCandidate(ctx, actorSystem, 999); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("delete: err = %v, want ErrNotFound", err)
	}
	c := candidateFixture(t, "x", "Baker", "Rome", "IT", true)
	c.ID = 999
	if err := db.UpdateCandidate(ctx, actorSystem, c); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("update: err = %v, want ErrNotFound", err)
	}
}

func TestDeleteCandidateRemovesIt(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	c := candidateFixture(t, "del", "Baker", "Rome", "IT", true, lang("it", "C2"))
	if err := db.CreateCandidate(ctx, actorSystem, c); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteCandidate(ctx, actorSystem, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Candidate(ctx, c.ID); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("after delete: err = %v, want ErrNotFound", err)
	}
}

func TestListCandidatesFiltersAndPages(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	fixtures := []*matching.Candidate{
		candidateFixture(t, "a", "Java Developer", "Berlin", "DE", true, lang("de", "C1"), lang("en", "B2")),
		candidateFixture(t, "b", "Senior Java Dev", "Munich", "DE", true, lang("de", "B1")),
		candidateFixture(t, "c", "Nurse", "Berlin", "DE", true, lang("de", "C2")),
		candidateFixture(t, "d", "Java Engineer", "Paris", "FR", true, lang("fr", "C2"), lang("de", "B2")),
		candidateFixture(t, "e", "Java 100%_ Dev", "Berlin", "DE", false, lang("de", "C2")),
	}
	if err := db.CreateCandidates(ctx, actorSystem, fixtures); err != nil {
		t.Fatal(err)
	}
	names := func(cs []matching.Candidate) map[string]bool {
		m := map[string]bool{}
		for _, c := range cs {
			m[c.Name] = true
		}
		return m
	}
	tests := []struct {
		name   string
		filter matching.ListFilter
		only   bool
		want   []string
	}{
		{"no filter lists everyone", matching.ListFilter{}, false, []string{"a", "b", "c", "d", "e"}},
		{"searchable only hides those who did not opt in", matching.ListFilter{}, true, []string{"a", "b", "c", "d"}},
		{"country", matching.ListFilter{Country: "FR"}, false, []string{"d"}},
		{"city ignores case", matching.ListFilter{City: "berlin"}, false, []string{"a", "c", "e"}},
		{"language at least B2", matching.ListFilter{Language: "de", MinLevel: matching.B2}, false, []string{"a", "c", "d", "e"}},
		{"title contains, case-insensitive", matching.ListFilter{TitleContains: "java"}, false, []string{"a", "b", "d", "e"}},
		{"title wildcards are literal", matching.ListFilter{TitleContains: "100%_"}, false, []string{"e"}},
		{"combined", matching.ListFilter{Country: "DE", Language: "de", MinLevel: matching.C1, TitleContains: "java"}, true, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.filter
			f.Page, f.PerPage = 1, 10
			got, total, err := db.ListCandidates(ctx, matching.CandidateFilter{ListFilter: f, SearchableOnly: tt.only})
			if err != nil {
				t.Fatal(err)
			}
			if total != len(tt.want) || len(got) != len(tt.want) {
				t.Fatalf("got %d rows, total %d; want %d", len(got), total, len(tt.want))
			}
			n := names(got)
			for _, w := range tt.want {
				if !n[w] {
					t.Errorf("missing %s in %v", w, n)
				}
			}
		})
	}

	t.Run("pages are disjoint, newest first, and keep the total", func(t *testing.T) {
		seen := map[int64]bool{}
		var prev int64 = 1 << 62
		for page := 1; page <= 3; page++ {
			got, total, err := db.ListCandidates(ctx, matching.CandidateFilter{ListFilter: matching.ListFilter{Page: page, PerPage: 2}})
			if err != nil {
				t.Fatal(err)
			}
			if total != 5 {
				t.Errorf("page %d total = %d, want 5", page, total)
			}
			for _, c := range got {
				if seen[c.ID] || c.ID >= prev {
					t.Errorf("page %d: id %d repeated or out of order", page, c.ID)
				}
				seen[c.ID], prev = true, c.ID
			}
		}
		if len(seen) != 5 {
			t.Errorf("saw %d candidates over 3 pages, want 5", len(seen))
		}
		got, total, err := db.ListCandidates(ctx, matching.CandidateFilter{ListFilter: matching.ListFilter{Page: 9, PerPage: 2}})
		if err != nil || len(got) != 0 || total != 5 {
			t.Errorf("past the end: %d rows, total %d, err %v; want 0, 5, nil", len(got), total, err)
		}
	})
}

func TestEraseCandidateRemovesProfileAccountAndPersonalAuditDetails(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	u := &matching.User{Email: "erase.me@example.com", Role: matching.RoleCandidate, PasswordHash: "x"}
	if err := db.CreateUser(ctx, matching.System, u); err != nil {
		t.Fatal(err)
	}
	c := candidateFixture(t, "eraseme", "Secret Agent", "Rome", "IT", true)
	c.UserID = u.ID
	if err := db.CreateCandidate(ctx, u.Actor(), c); err != nil {
		t.Fatal(err)
	}
	admin := matching.Actor{Label: "admin@example.com"}
	if err := db.EraseCandidate(ctx, admin, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Candidate(ctx, c.ID); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("profile still there: %v", err)
	}
	if _, err := db.UserByEmail(ctx, u.Email); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("account still there: %v", err)
	}
	log, err := db.AuditLog(ctx, "candidate", c.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Action != "erase" || log[1].Actor.Label != "erased user" || len(log[1].Detail) != 0 {
		t.Errorf("audit after erasure = %+v", log)
	}
	for _, e := range log {
		for _, v := range e.Detail {
			if s, ok := v.(string); ok && (s == "Secret Agent" || s == u.Email) {
				t.Errorf("personal data left in the audit log: %+v", e)
			}
		}
	}
	if err := db.EraseCandidate(ctx, admin, c.ID); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("second erasure: %v, want ErrNotFound", err)
	}
}
