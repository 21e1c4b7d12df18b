package engine_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// mirroredModel is the test encoder posing as a genuinely different model:
// every vector is reversed, so titles keep their similarities within the
// model while a vector of one model compared with one of the other scores
// near zero; and its calibration gives lower scores. A search that mixed
// the two models would lose its exact matches or score them by the other
// calibration.
type mirroredModel struct{ engine.Encoder }

func (mirroredModel) Version() string { return "mirrored-model" }

func (m mirroredModel) Score(similarity float32) float32 { return 0.9 * m.Encoder.Score(similarity) }

func (m mirroredModel) EncodeTitles(ctx context.Context, titles []string) ([]matching.TitleVector, error) {
	vecs, err := m.Encoder.EncodeTitles(ctx, titles)
	for i := range vecs {
		if vecs[i].IsZero() {
			continue
		}
		vecs[i].Vector = slices.Clone(vecs[i].Vector)
		slices.Reverse(vecs[i].Vector)
		vecs[i].ModelVersion = "mirrored-model"
	}
	return vecs, err
}

// oneModel returns an error unless every match of a response is scored by one
// model's calibration, and the best match (an identical title) is found.
func oneModel(matches []engine.Match) error {
	if len(matches) == 0 || matches[0].Similarity < 0.99 {
		return fmt.Errorf("the identical title is not the best match: %+v", matches)
	}
	mirrored := matches[0].Score != testEnc.Score(matches[0].Similarity)
	for _, m := range matches {
		want := testEnc.Score(m.Similarity)
		if mirrored {
			want = mirroredModel{testEnc}.Score(m.Similarity)
		}
		if m.Score != want {
			return fmt.Errorf("scores of two models in one response: %+v", matches)
		}
	}
	return nil
}

// hookStore runs during once, the first time a rebuild or promotion pages
// through candidates (after it has read the vacancies).
type hookStore struct {
	engine.Store
	once   sync.Once
	during func()
}

func (s *hookStore) IndexCandidatesAfter(ctx context.Context, afterID int64, limit int) ([]matching.Candidate, error) {
	if s.during != nil {
		s.once.Do(s.during)
	}
	return s.Store.IndexCandidatesAfter(ctx, afterID, limit)
}

func TestPromotionAndRollbackFailNoSearchAndNeverMixModels(t *testing.T) {
	f := newFixture(t)
	nurse := f.vacancy("Registered Nurse", "Berlin", "DE", false)
	for i, title := range []string{"Nurse", "Truck Driver", "Baker", "Software Engineer", "Electrician", "Nursing Assistant"} {
		f.vacancy(title, "Berlin", "DE", false)
		f.candidate(fmt.Sprint("c", i), title, "Berlin", "DE", false, true)
	}
	f.candidate("rn", "Registered Nurse", "Berlin", "DE", false, true)
	e := f.engine(t.TempDir(), nil)

	var stop atomic.Bool
	var searches atomic.Int64
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				var ms []engine.Match
				if w%2 == 0 {
					res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Registered Nurse", Paging: page(5)})
					if err != nil {
						errs <- err
						return
					}
					for _, m := range res.Matches {
						ms = append(ms, m.Match)
					}
				} else {
					res, err := e.SearchCandidates(f.ctx, engine.CandidateQuery{VacancyID: nurse.ID, Paging: page(5)})
					if err != nil {
						errs <- err
						return
					}
					for _, m := range res.Matches {
						ms = append(ms, m.Match)
					}
				}
				if err := oneModel(ms); err != nil {
					errs <- err
					return
				}
				searches.Add(1)
			}
		}()
	}
	for _, enc := range []engine.Encoder{mirroredModel{testEnc}, testEnc, mirroredModel{testEnc}} {
		before := searches.Load()
		if err := e.Promote(f.ctx, enc); err != nil {
			t.Fatalf("promote %s: %v", enc.Version(), err)
		}
		if e.ModelVersion() != enc.Version() {
			t.Fatalf("model after promoting %s = %s", enc.Version(), e.ModelVersion())
		}
		// Let searches run on the new generation before the next swap.
		for searches.Load() < before+20 && len(errs) == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Registered Nurse", Paging: page(5)})
	if err != nil || res.Matches[0].Score != (mirroredModel{testEnc}).Score(res.Matches[0].Similarity) {
		t.Errorf("after the last promotion the search is not scored by the mirrored model: %+v %v", res.Matches, err)
	}
}

func TestWritesDuringPromotionAreSearchableAfterTheSwap(t *testing.T) {
	f := newFixture(t)
	kept := f.vacancy("Truck Driver", "Lyon", "FR", false)
	renamed := f.vacancy("Baker", "Lyon", "FR", false)
	deleted := f.vacancy("Electrician", "Lyon", "FR", false)
	f.candidate("a", "Truck Driver", "Lyon", "FR", false, true)
	hidden := f.candidate("b", "Baker", "Lyon", "FR", false, true)
	store := &hookStore{Store: f.db}
	e := engine.New(engine.Config{SyncEvery: 20 * time.Millisecond, EfSearch: 64},
		slog.New(slog.NewTextHandler(io.Discard, nil)), testEnc, store)
	if err := e.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })

	// Another writer changes rows while the promotion reads them.
	var added matching.Vacancy
	store.during = func() {
		added = f.vacancy("Welder", "Lyon", "FR", false)
		renamed.Title = "Pastry Chef"
		if err := f.db.UpdateVacancy(f.ctx, matching.System, &renamed); err != nil {
			t.Error(err)
		}
		if err := f.db.DeleteVacancy(f.ctx, matching.System, deleted.ID); err != nil {
			t.Error(err)
		}
		hidden.Searchable = false
		if err := f.db.UpdateCandidate(f.ctx, matching.System, &hidden); err != nil {
			t.Error(err)
		}
		// Reachable under both calibrations, and only by the anchors' own titles.
		min := 0.9 * between(t, "Truck Driver", "Pastry Chef")
		f.rule(e, "Truck Driver", "Pastry Chef", min, min, true)
	}
	if err := e.Promote(f.ctx, mirroredModel{testEnc}); err != nil {
		t.Fatal(err)
	}
	for title, want := range map[string]int64{"Welder": added.ID, "Pastry Chef": renamed.ID, "Truck Driver": kept.ID} {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: title, Paging: page(10)})
		if err != nil {
			t.Fatal(err)
		}
		if err := oneModel(matchesOf(res)); err != nil {
			t.Errorf("%q: %v", title, err)
		} else if res.Matches[0].Vacancy.ID != want {
			t.Errorf("%q: best match %q, want vacancy %d", title, res.Matches[0].Vacancy.Title, want)
		}
		if title == "Truck Driver" && (len(res.Rules) != 1 || vacancyIDs(res)[renamed.ID]) {
			t.Errorf("the rule saved during the promotion does not hide the pastry chef: %+v", res.Summary)
		}
	}

	// The index holds exactly what Postgres says is searchable.
	vacs, cands := engine.IndexedIDs(e)
	var wantVacs, wantCands []int64
	all, err := f.db.IndexVacanciesAfter(f.ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all {
		if v.Status == matching.StatusOpen {
			wantVacs = append(wantVacs, v.ID)
		}
	}
	allC, err := f.db.IndexCandidatesAfter(f.ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range allC {
		if c.Searchable {
			wantCands = append(wantCands, c.ID)
		}
	}
	if !reflect.DeepEqual(vacs, wantVacs) || !reflect.DeepEqual(cands, wantCands) {
		t.Errorf("index holds vacancies %v and candidates %v; Postgres says %v and %v", vacs, cands, wantVacs, wantCands)
	}
	// The build wrote no vector of the new model while the old one served.
	for _, v := range all {
		if v.ID != added.ID && v.ID != renamed.ID && v.TitleVector.ModelVersion != testEnc.Version() {
			t.Errorf("vacancy %d carries %s: the promotion wrote it before the swap", v.ID, v.TitleVector.ModelVersion)
		}
	}
}

func matchesOf(res engine.VacancyResults) []engine.Match {
	var out []engine.Match
	for _, m := range res.Matches {
		out = append(out, m.Match)
	}
	return out
}

func TestRestartAfterPromotionComesUpOnTheNewModelWithoutReencoding(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	for i, title := range []string{"Nurse", "Truck Driver", "Baker", "Welder"} {
		f.vacancy(title, "Graz", "AT", false)
		f.candidate(fmt.Sprint("c", i), title, "Graz", "AT", false, true)
	}
	e := f.engine(dir, nil)
	mirrored := mirroredModel{testEnc}
	if err := e.Promote(f.ctx, mirrored); err != nil {
		t.Fatal(err)
	}
	want := results(t, e, "Nurse")
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	enc := &countingEncoder{Encoder: mirrored}
	again := f.engine(dir, enc)
	if again.ModelVersion() != mirrored.Version() {
		t.Fatalf("restarted on %s", again.ModelVersion())
	}
	if n := enc.titles.Load(); n != 0 {
		t.Errorf("the restart encoded %d titles; the snapshot saved at the promotion holds them", n)
	}
	if got := results(t, again, "Nurse"); !reflect.DeepEqual(got, want) {
		t.Errorf("after the restart %v, before it %v", got, want)
	}
}
