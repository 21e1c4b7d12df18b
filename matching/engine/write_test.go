package engine_test

import (
	"errors"
	"testing"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// TestWritesCommitThenIndex: a saved vacancy is found as soon as SaveVacancy
// returns and is gone as soon as DeleteVacancy returns; a title the encoder
// cannot read is a field error and writes nothing.
func TestWritesCommitThenIndex(t *testing.T) {
	f := newFixture(t)
	e := f.engine("", nil)
	found := func(id int64) bool {
		t.Helper()
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Registered Nurse", Paging: page(20)})
		if err != nil {
			t.Fatal(err)
		}
		return vacancyIDs(res)[id]
	}
	v, err := matching.VacancyInput{Title: "Registered Nurse", Employer: "Acme",
		Location: matching.LocationInput{City: "Berlin", Country: "DE"}}.Vacancy()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.SaveVacancy(f.ctx, matching.System, &v); err != nil {
		t.Fatal(err)
	}
	if v.ID == 0 || !found(v.ID) {
		t.Fatalf("vacancy %d not found right after SaveVacancy", v.ID)
	}
	if err := e.DeleteVacancy(f.ctx, matching.System, v.ID); err != nil {
		t.Fatal(err)
	}
	if found(v.ID) {
		t.Fatalf("vacancy %d still found after DeleteVacancy", v.ID)
	}

	bad := v
	bad.ID, bad.Title = 0, "!!!"
	var fe *matching.FieldError
	if err := e.SaveVacancy(f.ctx, matching.System, &bad); !errors.As(err, &fe) || fe.Field != "title" {
		t.Fatalf("unreadable title: %v, want a field error for title", err)
	}
	if n, _, err := f.db.Counts(f.ctx); err != nil || n != 0 {
		t.Errorf("%d vacancies after an unreadable title (%v), want 0", n, err)
	}
}
