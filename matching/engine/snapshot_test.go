package engine_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// results is a comparable view of a search: ids in rank order and counts.
func results(t *testing.T, e *engine.Engine, title string) []int64 {
	t.Helper()
	res, err := e.SearchPositions(context.Background(), engine.PositionQuery{Title: title, Paging: page(50)})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{int64(res.Total)}
	for _, m := range res.Matches {
		ids = append(ids, m.Vacancy.ID)
	}
	return ids
}

func TestRestartLoadsTheSnapshotAndReplaysChangesMadeWhileDown(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	for _, title := range []string{"Nurse", "Head Nurse", "Baker", "Cook", "Nursing Assistant"} {
		f.vacancy(title, "Vienna", "AT", false)
	}
	first := f.engine(dir, nil)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	// While the server is down: one new, one deleted, one closed.
	added := f.vacancy("Staff Nurse", "Vienna", "AT", false)
	list, _, _ := f.db.ListVacancies(f.ctx, matching.VacancyFilter{ListFilter: matching.ListFilter{Page: 1, PerPage: 10}})
	if err := f.db.DeleteVacancy(f.ctx, matching.System, list[1].ID); err != nil {
		t.Fatal(err)
	}
	closed := list[2]
	closed.Status = matching.StatusClosed
	if err := f.db.UpdateVacancy(f.ctx, matching.System, &closed); err != nil {
		t.Fatal(err)
	}

	restarted := f.engine(dir, nil)
	fresh := f.engine("", nil) // rebuilt from Postgres alone
	for _, q := range []string{"Nurse", "Baker", "Staff Nurse"} {
		if got, want := results(t, restarted, q), results(t, fresh, q); !reflect.DeepEqual(got, want) {
			t.Errorf("%q after restart = %v, a fresh rebuild gives %v", q, got, want)
		}
	}
	if ids := results(t, restarted, "Staff Nurse"); !contains(ids[1:], added.ID) {
		t.Errorf("the vacancy added while down is missing: %v", ids)
	}
}

// TestSnapshotOfAnOldFormatIsRebuiltFromPostgres: a vector-index snapshot in
// an older format version is refused; the engine logs why, rebuilds from
// Postgres and answers like a fresh rebuild.
func TestSnapshotOfAnOldFormatIsRebuiltFromPostgres(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	for _, title := range []string{"Nurse", "Baker", "Cook"} {
		f.vacancy(title, "Vienna", "AT", false)
	}
	if err := f.engine(dir, nil).Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "vacancies.idx")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint32(b[8:], 2) // the version after the 8-byte magic
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	e := engine.New(engine.Config{IndexDir: dir, SyncEvery: 20 * time.Millisecond, EfSearch: 64},
		slog.New(slog.NewTextHandler(&logs, nil)), testEnc, f.db)
	if err := e.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	for _, want := range []string{"rebuilding from Postgres", "the file has version 2", "how=\"rebuilt from Postgres\""} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log does not say %q:\n%s", want, logs.String())
		}
	}
	fresh := f.engine("", nil)
	for _, q := range []string{"Nurse", "Baker"} {
		if got, want := results(t, e, q), results(t, fresh, q); !reflect.DeepEqual(got, want) || len(got) < 2 {
			t.Errorf("%q after the rebuild = %v, a fresh rebuild gives %v", q, got, want)
		}
	}
}

// otherModel is the test encoder under another version, as after a model update.
type otherModel struct{ engine.Encoder }

func (otherModel) Version() string { return "other-model" }

func (m otherModel) EncodeTitles(ctx context.Context, titles []string) ([]matching.TitleVector, error) {
	vecs, err := m.Encoder.EncodeTitles(ctx, titles)
	for i := range vecs {
		if !vecs[i].IsZero() {
			vecs[i].ModelVersion = "other-model"
		}
	}
	return vecs, err
}

func TestModelChangeIgnoresTheSnapshotAndReencodesRows(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	v := f.vacancy("Electrician", "Graz", "AT", false)
	if err := f.engine(dir, nil).Close(); err != nil {
		t.Fatal(err)
	}
	e := f.engine(dir, otherModel{testEnc})
	if ids := results(t, e, "Electrician"); !contains(ids[1:], v.ID) {
		t.Fatalf("not found after the model change: %v", ids)
	}
	rows, err := f.db.IndexVacancies(f.ctx, []int64{v.ID})
	if err != nil || rows[0].TitleVector.ModelVersion != "other-model" {
		t.Errorf("row not re-encoded with the new model: %+v %v", rows[0].TitleVector.ModelVersion, err)
	}
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
