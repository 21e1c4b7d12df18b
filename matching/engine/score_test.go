package engine_test

import (
	"testing"

	"jobmatch/matching/engine"
)

// TestGoodTotalIsTheSameOnEveryPage counts the results at or above the
// cut-off in one full listing and checks that every page of every size
// reports that count, whether the page holds the boundary, lies before it
// (all good) or after it (none good).
func TestGoodTotalIsTheSameOnEveryPage(t *testing.T) {
	f := newFixture(t)
	titles := []string{"Registered Nurse", "Nurse", "Staff Nurse", "Nursing Assistant", "Baker", "Pastry Chef",
		"Truck Driver", "Accountant", "Software Developer", "Bricklayer", "Gardener", "Teacher"}
	for i := range 3 {
		for _, title := range titles {
			f.vacancy(title, "Berlin", "DE", i == 0)
		}
	}
	e := f.engine("", nil)
	for _, query := range []string{"Registered Nurse", "Baker", "asdfghjkl"} {
		full, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: query, Paging: page(100)})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for i, m := range full.Matches {
			if m.Score < 0 || m.Score > 1 {
				t.Errorf("%q: score %v", query, m.Score)
			}
			if m.Score >= engine.MinScore {
				if i != want {
					t.Errorf("%q: good result %d after a weaker one", query, i)
				}
				want++
			}
		}
		if full.GoodTotal != want || full.Total != len(titles)*3 {
			t.Errorf("%q: good_total %d, want %d (total %d)", query, full.GoodTotal, want, full.Total)
		}
		t.Logf("%q: %d of %d good", query, want, full.Total)
		if query == "asdfghjkl" && want != 0 {
			t.Errorf("gibberish has %d good results", want)
		}
		for _, per := range []int{1, 2, 5} {
			for p := 1; p <= full.Total/per; p++ {
				res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: query, Paging: engine.Paging{Page: p, PerPage: per}})
				if err != nil {
					t.Fatal(err)
				}
				if res.GoodTotal != want {
					t.Errorf("%q page %d of %d: good_total %d, want %d", query, p, per, res.GoodTotal, want)
				}
			}
		}
	}
}
