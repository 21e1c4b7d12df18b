package engine_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"jobmatch/encoder"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/postgres/pgtest"
)

var (
	testDB  *pgtest.Database
	testEnc *encoder.Encoder
)

// The engine is tested with its real parts: the shipped encoder through ONNX
// Runtime, the real vector index and a real Postgres.
func TestMain(m *testing.M) {
	enc, err := encoder.Open(encoder.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "engine tests need the encoder:", err)
		os.Exit(1)
	}
	testEnc = enc
	pgtest.Main(m, "engine", func(db *pgtest.Database) int {
		testDB = db
		code := m.Run()
		enc.Close()
		return code
	})
}

type fixture struct {
	t   *testing.T
	db  *postgres.DB
	ctx context.Context
}

func newFixture(t *testing.T) *fixture {
	return &fixture{t: t, db: testDB.Open(t), ctx: context.Background()}
}

// engine starts an engine on the fixture's database; dir "" disables snapshots.
func (f *fixture) engine(dir string, enc engine.Encoder) *engine.Engine {
	f.t.Helper()
	if enc == nil {
		enc = testEnc
	}
	e := engine.New(engine.Config{IndexDir: dir, SyncEvery: 20 * time.Millisecond, EfSearch: 64},
		slog.New(slog.NewTextHandler(io.Discard, nil)), enc, f.db)
	if err := e.Start(f.ctx); err != nil {
		f.t.Fatalf("start engine: %v", err)
	}
	f.t.Cleanup(func() { e.Close() })
	return e
}

func (f *fixture) vacancy(title, city, country string, remote bool, langs ...string) matching.Vacancy {
	f.t.Helper()
	in := matching.VacancyInput{Title: title, Employer: "Acme", Remote: remote}
	if city != "" {
		in.Location = matching.LocationInput{City: city, Country: country}
	}
	for i := 0; i+1 < len(langs); i += 2 {
		in.Languages = append(in.Languages, matching.LanguageInput{Code: langs[i], Level: langs[i+1]})
	}
	v, err := in.Vacancy()
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.CreateVacancy(f.ctx, matching.System, &v); err != nil {
		f.t.Fatal(err)
	}
	return v
}

func (f *fixture) candidate(name, title, city, country string, remote, searchable bool, langs ...string) matching.Candidate {
	f.t.Helper()
	in := matching.CandidateInput{Name: name, Email: name + "@example.com", DesiredTitle: title,
		Location: matching.LocationInput{City: city, Country: country}, OpenToRemote: remote, Searchable: searchable}
	for i := 0; i+1 < len(langs); i += 2 {
		in.Languages = append(in.Languages, matching.LanguageInput{Code: langs[i], Level: langs[i+1]})
	}
	c, err := in.Candidate()
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.CreateCandidate(f.ctx, matching.System, &c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func page(n int) engine.Paging { return engine.Paging{Page: 1, PerPage: n} }

func vacancyIDs(r engine.VacancyResults) map[int64]bool {
	out := map[int64]bool{}
	for _, m := range r.Matches {
		out[m.Vacancy.ID] = true
	}
	return out
}

func candidateIDs(r engine.CandidateResults) map[int64]bool {
	out := map[int64]bool{}
	for _, m := range r.Matches {
		out[m.Candidate.ID] = true
	}
	return out
}
