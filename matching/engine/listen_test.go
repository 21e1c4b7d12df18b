package engine_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// replica starts an engine on the fixture's database that polls only once
// an hour, so whatever it picks up sooner came by notification.
func (f *fixture) replica() *engine.Engine {
	f.t.Helper()
	e := engine.New(engine.Config{SyncEvery: time.Hour, EfSearch: 64},
		slog.New(slog.NewTextHandler(io.Discard, nil)), testEnc, f.db)
	if err := e.Start(f.ctx); err != nil {
		f.t.Fatalf("start engine: %v", err)
	}
	f.t.Cleanup(func() { e.Close() })
	return e
}

// seesVacancy waits until e finds v by its title.
func (f *fixture) seesVacancy(e *engine.Engine, v matching.Vacancy, what string) {
	f.t.Helper()
	eventually.True(f.t, func() bool {
		res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: v.Title, Paging: page(5)})
		if err != nil {
			f.t.Fatal(err)
		}
		return vacancyIDs(res)[v.ID]
	}, what)
}

func TestAWriteThroughOneEngineReachesAnotherByNotification(t *testing.T) {
	f := newFixture(t)
	a, b := f.replica(), f.replica()
	in := matching.VacancyInput{Title: "Bus Driver", Employer: "Acme", Location: matching.LocationInput{City: "Lyon", Country: "FR"}}
	v, err := in.Vacancy()
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SaveVacancy(f.ctx, matching.System, &v); err != nil {
		t.Fatal(err)
	}
	f.seesVacancy(b, v, "the other engine to be notified of the new vacancy")
}

func TestALostListeningConnectionIsReopenedAndCaughtUp(t *testing.T) {
	f := newFixture(t)
	e := f.replica()
	conn, err := pgx.Connect(f.ctx, testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(f.ctx)
	var killed int
	err = conn.QueryRow(f.ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = 'jobmatch-listen'`).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("terminated %d listening connections (%v), want the engine's one", killed, err)
	}
	// Written while the engine may not listen yet: the catch-up after the
	// reconnect, or the notification on the new connection, brings it.
	f.seesVacancy(e, f.vacancy("Crane Operator", "Lyon", "FR", false), "the engine to reconnect and catch up")
	eventually.True(t, func() bool {
		var n int
		err := conn.QueryRow(f.ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND application_name = 'jobmatch-listen'`).Scan(&n)
		return err == nil && n == 1
	}, "the engine to listen again")
}
