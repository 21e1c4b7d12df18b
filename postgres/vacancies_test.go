package postgres_test

import (
	"context"
	"errors"
	"testing"

	"jobmatch/matching"
)

func TestRemoteVacancyWithoutLocationRoundTrips(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	v := vacancyFixture(t, "Remote Go Developer", "", "", true, lang("en", "C1"))
	if err := db.CreateVacancy(ctx, actorSystem, v); err != nil {
		t.Fatal(err)
	}
	got, err := db.Vacancy(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Remote || !got.Location.IsZero() || got.Status != matching.StatusOpen {
		t.Errorf("got %+v, want remote, no location, open", got)
	}
	if len(got.Languages) != 1 || got.Languages[0].Level != matching.C1 {
		t.Errorf("languages = %v, want en C1", got.Languages)
	}
}

func TestVacancyUpdateAndDelete(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	v := vacancyFixture(t, "Nurse", "Vienna", "AT", false, lang("de", "B2"))
	if err := db.CreateVacancy(ctx, actorSystem, v); err != nil {
		t.Fatal(err)
	}
	v.Status = matching.StatusClosed
	v.Location = matching.Location{}
	v.Remote = true
	v.Languages = nil
	if err := db.UpdateVacancy(ctx, actorSystem, v); err != nil {
		t.Fatal(err)
	}
	got, err := db.Vacancy(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != matching.StatusClosed || !got.Location.IsZero() || len(got.Languages) != 0 {
		t.Errorf("after update: %+v", got)
	}
	if err := db.DeleteVacancy(ctx, actorSystem, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Vacancy(ctx, v.ID); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

func TestDatabaseRefusesVacancyWithoutLocationOrRemote(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	v := vacancyFixture(t, "Nurse", "Vienna", "AT", false)
	v.Location = matching.Location{}
	if err := db.CreateVacancy(ctx, actorSystem, v); err == nil {
		t.Fatal("a vacancy with neither location nor remote was stored")
	}
	if _, total, _ := db.ListVacancies(ctx, matching.VacancyFilter{ListFilter: matching.ListFilter{Page: 1, PerPage: 10}}); total != 0 {
		t.Errorf("%d vacancies stored after a refused insert, want 0", total)
	}
}

func TestListVacanciesByStatusAndLanguage(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	open := vacancyFixture(t, "Pflegefachkraft", "Berlin", "DE", false, lang("de", "B2"))
	closed := vacancyFixture(t, "Krankenpfleger", "Berlin", "DE", false, lang("de", "C1"))
	closed.Status = matching.StatusClosed
	remote := vacancyFixture(t, "Go Developer", "", "", true, lang("en", "B2"))
	if err := db.CreateVacancies(ctx, actorSystem, []*matching.Vacancy{open, closed, remote}); err != nil {
		t.Fatal(err)
	}
	page := matching.ListFilter{Page: 1, PerPage: 10}
	check := func(name string, f matching.VacancyFilter, want ...int64) {
		t.Helper()
		got, total, err := db.ListVacancies(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(want) || len(got) != len(want) {
			t.Errorf("%s: got %d (total %d), want %d", name, len(got), total, len(want))
			return
		}
		for i := range want {
			if got[i].ID != want[i] {
				t.Errorf("%s: row %d id = %d, want %d", name, i, got[i].ID, want[i])
			}
		}
	}
	check("open only", matching.VacancyFilter{ListFilter: page, Status: matching.StatusOpen}, remote.ID, open.ID)
	f := page
	f.Language, f.MinLevel = "de", matching.C1
	check("requires German at C1 or more", matching.VacancyFilter{ListFilter: f}, closed.ID)
	f = page
	f.City = "BERLIN"
	check("city", matching.VacancyFilter{ListFilter: f}, closed.ID, open.ID)
}
