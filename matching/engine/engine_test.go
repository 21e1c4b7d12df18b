package engine_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/matching/engine"
)

func TestRebuildEncodesRowsAndStoresTheirVectors(t *testing.T) {
	f := newFixture(t)
	v := f.vacancy("Registered Nurse", "Berlin", "DE", false)
	f.vacancy("Closed Nurse Job", "Berlin", "DE", false)
	closed := f.vacancy("Nurse", "Berlin", "DE", false)
	closed.Status = matching.StatusClosed
	if err := f.db.UpdateVacancy(f.ctx, matching.System, &closed); err != nil {
		t.Fatal(err)
	}
	e := f.engine("", nil)
	rows, err := f.db.IndexVacancies(f.ctx, []int64{v.ID})
	if err != nil || len(rows) != 1 || rows[0].TitleVector.ModelVersion != e.ModelVersion() || len(rows[0].TitleVector.Vector) != testEnc.Dim() {
		t.Fatalf("vector not written back to Postgres: %+v, %v", rows, err)
	}
	res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "registered nurse", Paging: page(10)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || !vacancyIDs(res)[v.ID] || vacancyIDs(res)[closed.ID] {
		t.Errorf("total %d, ids %v: want the two open vacancies, not the closed one", res.Total, vacancyIDs(res))
	}
	if res.Matches[0].Vacancy.ID != v.ID {
		t.Errorf("best match = %q, want the identical title first", res.Matches[0].Vacancy.Title)
	}
}

func TestUnreadableQueryTitleIsAFieldError(t *testing.T) {
	f := newFixture(t)
	e := f.engine("", nil)
	_, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "!!! ???", Paging: page(10)})
	var fe *matching.FieldError
	if !errors.As(err, &fe) || fe.Field != "title" {
		t.Fatalf("err = %v, want a field error on title", err)
	}
}

func TestPositionSearchKeepsOnlyVacanciesWhoseLanguagesTheSearcherMeets(t *testing.T) {
	f := newFixture(t)
	needC1 := f.vacancy("Software Developer", "Munich", "DE", false, "de", "C1")
	needB1 := f.vacancy("Software Developer", "Munich", "DE", false, "de", "B1", "en", "B2")
	none := f.vacancy("Software Developer", "Munich", "DE", false)
	french := f.vacancy("Software Developer", "Munich", "DE", false, "fr", "A2")
	e := f.engine("", nil)
	skills := []matching.LanguageSkill{{Code: "de", Level: matching.B2}, {Code: "en", Level: matching.C1}}
	res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Software Developer", Languages: skills, Paging: page(10)})
	if err != nil {
		t.Fatal(err)
	}
	got := vacancyIDs(res)
	if !got[needB1.ID] || !got[none.ID] || got[needC1.ID] || got[french.ID] || res.Total != 2 {
		t.Errorf("got %v (total %d); want only the B1/B2 and no-requirement vacancies", got, res.Total)
	}
	for _, m := range res.Matches {
		if m.Vacancy.ID == needB1.ID && !reflect.DeepEqual(m.Reasons, []string{"Munich, DE", "German B2 ≥ B1", "English C1 ≥ B2"}) {
			t.Errorf("reasons = %q", m.Reasons)
		}
	}
}

func TestFilteredPagesAreFullAndStable(t *testing.T) {
	f := newFixture(t)
	var inParis []int64
	for i := 0; i < 30; i++ {
		f.vacancy("Cook", "Berlin", "DE", false)
		inParis = append(inParis, f.vacancy("Cook", "Paris", "FR", false).ID)
	}
	e := f.engine("", nil)
	seen := map[int64]bool{}
	for p := 1; p <= 3; p++ {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Cook", Where: engine.Where{Cities: []string{"paris"}},
			Paging: engine.Paging{Page: p, PerPage: 12}})
		if err != nil {
			t.Fatal(err)
		}
		want := min(12, 30-(p-1)*12)
		if len(res.Matches) != want || res.Total != 30 || res.Pages != 3 {
			t.Fatalf("page %d: %d matches (total %d, pages %d), want %d of 30 in 3 pages", p, len(res.Matches), res.Total, res.Pages, want)
		}
		for _, m := range res.Matches {
			if seen[m.Vacancy.ID] || m.Vacancy.Location.City != "Paris" {
				t.Fatalf("page %d: %d repeated or not in Paris", p, m.Vacancy.ID)
			}
			if m.Similarity > 1 || m.Similarity < 0.99 {
				t.Fatalf("page %d: the same title scored %v, want at most 1 and about 1", p, m.Similarity)
			}
			seen[m.Vacancy.ID] = true
		}
	}
	if len(seen) != len(inParis) {
		t.Errorf("saw %d Paris vacancies over 3 pages, want %d", len(seen), len(inParis))
	}
}

func TestCandidateSearchAppliesLocationRemoteAndLanguages(t *testing.T) {
	f := newFixture(t)
	v := f.vacancy("Java Developer", "Munich", "DE", true, "de", "B2")
	inCity := f.candidate("city", "Java Developer", "Munich", "DE", false, true, "de", "C1")
	nearby := f.candidate("near", "Java Developer", "Nuremberg", "DE", false, true, "de", "native")
	remote := f.candidate("remote", "Java Developer", "Lisbon", "PT", true, true, "de", "B2")
	weakGerman := f.candidate("weak", "Java Developer", "Munich", "DE", false, true, "de", "B1")
	private := f.candidate("private", "Java Developer", "Munich", "DE", false, false, "de", "C2")
	far := f.candidate("far", "Java Developer", "Hamburg", "DE", false, true, "de", "C2")
	e := f.engine("", nil)

	res, err := e.SearchCandidates(f.ctx, engine.CandidateQuery{VacancyID: v.ID, Paging: page(10)})
	if err != nil {
		t.Fatal(err)
	}
	got := candidateIDs(res)
	if !got[inCity.ID] || !got[remote.ID] || got[nearby.ID] || got[weakGerman.ID] || got[private.ID] || got[far.ID] {
		t.Errorf("same city: got %v", got)
	}
	res, err = e.SearchCandidates(f.ctx, engine.CandidateQuery{VacancyID: v.ID, RadiusKM: 200, Paging: page(10)})
	if err != nil {
		t.Fatal(err)
	}
	got = candidateIDs(res)
	if !got[inCity.ID] || !got[nearby.ID] || !got[remote.ID] || got[far.ID] || res.Total != 3 {
		t.Errorf("200 km: got %v (total %d)", got, res.Total)
	}
	for _, m := range res.Matches {
		if m.Candidate.ID == nearby.ID && !reflect.DeepEqual(m.Reasons, []string{"German C2 ≥ B2", "Nuremberg, 151 km"}) {
			t.Errorf("reasons = %q", m.Reasons)
		}
	}
}

func TestChangesAreSearchableAtOnceAndDeletesDisappear(t *testing.T) {
	f := newFixture(t)
	e := f.engine("", nil)
	v, err := matching.VacancyInput{Title: "Warehouse Worker", Employer: "Acme", Remote: true}.Vacancy()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.PrepareVacancy(f.ctx, &v); err != nil {
		t.Fatal(err)
	}
	if err := f.db.CreateVacancy(f.ctx, matching.System, &v); err != nil {
		t.Fatal(err)
	}
	if err := e.Changed(f.ctx, matching.Change{Entity: matching.EntityVacancy, ID: v.ID}); err != nil {
		t.Fatal(err)
	}
	search := func() engine.VacancyResults {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Warehouse Worker", Paging: page(5)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if !vacancyIDs(search())[v.ID] {
		t.Fatal("a new vacancy is not searchable at once")
	}
	if err := f.db.DeleteVacancy(f.ctx, matching.System, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.Changed(f.ctx, matching.Change{Entity: matching.EntityVacancy, ID: v.ID}); err != nil {
		t.Fatal(err)
	}
	if res := search(); res.Total != 0 {
		t.Errorf("deleted vacancy still found: %+v", res.Summary)
	}
}

func TestChangesByOtherWritersAreCaughtUp(t *testing.T) {
	f := newFixture(t)
	e := f.engine("", nil)
	v := f.vacancy("Truck Driver", "Lyon", "FR", false) // written without telling the engine
	eventually.True(t, func() bool {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Truck Driver", Paging: page(5)})
		if err != nil {
			t.Fatal(err)
		}
		return vacancyIDs(res)[v.ID]
	}, "the catch-up to pick up a vacancy written by another process")
}

// TestShownRowsFollowEditsByOtherWriters: a result row shown once (and so
// cached) shows the new title after another process edits it, once the
// catch-up has applied the change.
func TestShownRowsFollowEditsByOtherWriters(t *testing.T) {
	f := newFixture(t)
	e := f.engine("", nil)
	v := f.vacancy("Truck Driver", "Lyon", "FR", false)
	search := func() map[int64]string {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Truck Driver", Paging: page(5)})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]string{}
		for _, m := range res.Matches {
			out[m.Vacancy.ID] = m.Vacancy.Employer
		}
		return out
	}
	eventually.True(t, func() bool { return search()[v.ID] == "Acme" }, "the new vacancy to be found")
	v.Employer = "Globex"
	if err := f.db.UpdateVacancy(f.ctx, matching.System, &v); err != nil {
		t.Fatal(err)
	}
	eventually.True(t, func() bool { return search()[v.ID] == "Globex" }, "the edited employer to be shown")
}

// countingEncoder counts titles sent to the real encoder.
type countingEncoder struct {
	engine.Encoder
	titles atomic.Int64
}

func (c *countingEncoder) EncodeTitles(ctx context.Context, titles []string) ([]matching.TitleVector, error) {
	c.titles.Add(int64(len(titles)))
	return c.Encoder.EncodeTitles(ctx, titles)
}

// TestRepeatedQueryTitlesAreEncodedOnce: searching a title again uses the
// vector from the first search, with the same results.
func TestRepeatedQueryTitlesAreEncodedOnce(t *testing.T) {
	f := newFixture(t)
	f.vacancy("Truck Driver", "Lyon", "FR", false)
	enc := &countingEncoder{Encoder: testEnc}
	e := f.engine("", enc)
	search := func(title string) engine.VacancyResults {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: title, Paging: page(5)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	before := enc.titles.Load()
	first, again := search("Lorry Driver"), search("Lorry Driver")
	if enc.titles.Load() != before+1 {
		t.Fatalf("two searches for one title encoded %d titles, want 1", enc.titles.Load()-before)
	}
	if len(first.Matches) == 0 || first.Matches[0].Similarity != again.Matches[0].Similarity || first.QueryConfidence != again.QueryConfidence {
		t.Fatalf("the repeated search differs: %+v vs %+v", first.Summary, again.Summary)
	}
	search("Bus Driver")
	if enc.titles.Load() != before+2 {
		t.Fatalf("a new title was not encoded (%d titles)", enc.titles.Load()-before)
	}
	// An unreadable title is refused every time, never cached as a vector.
	for range 2 {
		if _, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "!!!", Paging: page(5)}); err == nil {
			t.Fatal("an unreadable title was searched")
		}
	}
}

// TestSearchFromAVacancyAgreesWhereverItsVectorComesFrom: an open vacancy's
// title vector comes from the index (float16) with the confidence of its
// row; a closed one's from Postgres. Both rank the same candidates in the
// same order, with the same confidence.
func TestSearchFromAVacancyAgreesWhereverItsVectorComesFrom(t *testing.T) {
	f := newFixture(t)
	v := f.vacancy("Backend Developer", "Munich", "DE", false)
	for i, title := range []string{"Go Developer", "Java Developer", "Software Engineer", "Nurse", "Truck Driver", "Data Engineer"} {
		f.candidate(fmt.Sprint("c", i), title, "Munich", "DE", false, true)
	}
	store := &vectorReadCounter{Store: f.db}
	e := engine.New(engine.Config{SyncEvery: 20 * time.Millisecond}, slog.New(slog.NewTextHandler(io.Discard, nil)), testEnc, store)
	if err := e.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	search := func() engine.CandidateResults {
		res, err := e.SearchCandidates(f.ctx, engine.CandidateQuery{VacancyID: v.ID, Paging: page(10)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	before := store.reads.Load()
	fromIndex := search()
	if n := store.reads.Load() - before; n != 0 {
		t.Errorf("the search of an open vacancy read %d vectors from Postgres", n)
	}
	v.Status = matching.StatusClosed
	if err := f.db.UpdateVacancy(f.ctx, matching.System, &v); err != nil {
		t.Fatal(err)
	}
	eventually.True(t, func() bool {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Backend Developer", Paging: page(5)})
		return err == nil && len(res.Matches) == 0
	}, "the closed vacancy to leave the index")
	fromPostgres := search()

	if len(fromIndex.Matches) != 6 || len(fromPostgres.Matches) != 6 {
		t.Fatalf("%d and %d matches, want 6", len(fromIndex.Matches), len(fromPostgres.Matches))
	}
	if fromIndex.QueryConfidence != fromPostgres.QueryConfidence || fromIndex.QueryConfidence <= 0 {
		t.Errorf("confidence %v from the index path, %v from Postgres", fromIndex.QueryConfidence, fromPostgres.QueryConfidence)
	}
	for i := range fromIndex.Matches {
		a, b := fromIndex.Matches[i], fromPostgres.Matches[i]
		if a.Candidate.ID != b.Candidate.ID || math.Abs(float64(a.Similarity-b.Similarity)) > 1e-3 {
			t.Errorf("rank %d: %s %.4f from the index path, %s %.4f from Postgres",
				i+1, a.Candidate.DesiredTitle, a.Similarity, b.Candidate.DesiredTitle, b.Similarity)
		}
	}
}

// vectorReadCounter counts reads of rows with their vectors by id.
type vectorReadCounter struct {
	engine.Store
	reads atomic.Int64
}

func (c *vectorReadCounter) IndexVacancies(ctx context.Context, ids []int64) ([]matching.Vacancy, error) {
	c.reads.Add(1)
	return c.Store.IndexVacancies(ctx, ids)
}
