package engine_test

import (
	"flag"
	"io"
	"log/slog"
	"testing"
	"time"

	"jobmatch/demo"
	"jobmatch/matching/engine"
)

var promoteVacancies = flag.Int("promote-vacancies", 2000, "vacancies BenchmarkPromote seeds (and half as many candidates)")

// BenchmarkPromote measures Engine.Promote over demo data: a promotion to
// another model (every title encoded, both indexes built) and the rollback
// (rows still carry the previous model's vectors, so nothing is encoded).
// docs/matching.md has the numbers at bench scale.
func BenchmarkPromote(b *testing.B) {
	db := testDB.Open(b)
	ctx := b.Context()
	if _, err := demo.Seed(ctx, db, testEnc, demo.Options{Seed: 1, Vacancies: *promoteVacancies, Candidates: *promoteVacancies / 2}, false); err != nil {
		b.Fatal(err)
	}
	e := engine.New(engine.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil)), testEnc, db)
	if err := e.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	var promote, rollback time.Duration
	for b.Loop() {
		start := time.Now()
		if err := e.Promote(ctx, mirroredModel{testEnc}); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := e.Promote(ctx, testEnc); err != nil {
			b.Fatal(err)
		}
		promote, rollback = promote+mid.Sub(start), rollback+time.Since(mid)
	}
	b.ReportMetric(promote.Seconds()/float64(b.N), "promote-s")
	b.ReportMetric(rollback.Seconds()/float64(b.N), "rollback-s")
}
