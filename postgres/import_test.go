package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"jobmatch/matching"
)

// TestImportIsAllOrNothing: when the database refuses one row of a file,
// none of the file's rows are written, nor its audit entry, and a second
// run of the repaired file writes them all once.
func TestImportIsAllOrNothing(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	var vs []*matching.Vacancy
	for i := range 450 {
		v := vacancyFixture(t, "Nurse", "Berlin", "DE", false)
		v.ImportKey = fmt.Sprintf("vacancies:%d", i)
		vs = append(vs, v)
	}
	vs[420].Status = "bogus" // past two progress reports; the database's CHECK refuses it
	var reports []int
	if _, err := db.ImportVacancies(ctx, matching.System, vs, nil, func(done int) { reports = append(reports, done) }); err == nil {
		t.Fatal("the refused row did not fail the import")
	}
	if n, _, _ := db.Counts(ctx); n != 0 {
		t.Errorf("%d vacancies written by a failed import, want 0", n)
	}
	if audit, _ := db.RecentAudit(ctx, "vacancy", 10); len(audit) != 0 {
		t.Errorf("a failed import left audit entries: %v", audit)
	}
	if len(reports) != 2 || reports[0] != 200 || reports[1] != 400 {
		t.Errorf("progress reports %v, want [200 400]", reports)
	}
	vs[420].Status = matching.StatusOpen
	for _, v := range vs {
		v.ID = 0
	}
	ids, err := db.ImportVacancies(ctx, matching.System, vs, nil, nil)
	if err != nil || len(ids) != 450 {
		t.Fatalf("repaired import: %d created, %v", len(ids), err)
	}
}
