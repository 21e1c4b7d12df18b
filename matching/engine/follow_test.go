package engine_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// plainModel is the test encoder as a model PromoteVersion may open and
// close: closing it must not close the encoder the other tests share.
type plainModel struct{ engine.Encoder }

// modelServer starts an engine that follows model versions, as a server
// of the application does, opening "mirrored" as the mirrored model and ""
// as the shipped one.
func (f *fixture) modelServer() *engine.Engine {
	f.t.Helper()
	open := func(dir string) (engine.Encoder, error) {
		switch dir {
		case "":
			return plainModel{testEnc}, nil
		case "mirrored":
			return mirroredModel{testEnc}, nil
		}
		return nil, fmt.Errorf("no model in %q", dir)
	}
	e := engine.New(engine.Config{SyncEvery: time.Hour, EfSearch: 64, OpenModel: open, FollowModels: true},
		slog.New(slog.NewTextHandler(io.Discard, nil)), testEnc, f.db)
	if err := e.Start(f.ctx); err != nil {
		f.t.Fatalf("start engine: %v", err)
	}
	f.t.Cleanup(func() { e.Close() })
	return e
}

// TestEveryServerFollowsAChangeOfModelVersion: a model version made
// current through one engine, and the one after it, are taken up by
// another engine on the same database without a restart, and its searches
// are then scored by that model alone.
func TestEveryServerFollowsAChangeOfModelVersion(t *testing.T) {
	f := newFixture(t)
	manifest, err := json.Marshal(testEnc.Manifest())
	if err != nil {
		t.Fatal(err)
	}
	// Both versions have been current, so either may be rolled back to
	// without the promotion guard, which wants metrics a test model lacks.
	shipped := testEnc.Version()
	for _, m := range []matching.ModelVersion{{Version: "mirrored-model", Manifest: manifest, Dir: "mirrored"}, {Version: shipped, Manifest: manifest}} {
		if err := f.db.RegisterModel(f.ctx, matching.System, &m); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.db.SetCurrentModel(f.ctx, matching.System, shipped); err != nil {
		t.Fatal(err)
	}
	v := f.vacancy("Registered Nurse", "Berlin", "DE", false)
	a, b := f.modelServer(), f.modelServer()
	runs := func(e *engine.Engine, version string) func() bool {
		return func() bool { return e.ModelVersion() == version }
	}
	if err := a.PromoteVersion(f.ctx, matching.System, "mirrored-model", true); err != nil {
		t.Fatal(err)
	}
	eventually.True(t, runs(b, "mirrored-model"), "the other engine to follow to the mirrored model")
	res, err := b.SearchPositions(f.ctx, engine.PositionQuery{Title: v.Title, Paging: page(5)})
	if err != nil {
		t.Fatal(err)
	}
	if err := oneModel(matchesOf(res)); err != nil || res.Matches[0].Score == testEnc.Score(res.Matches[0].Similarity) {
		t.Errorf("after following: %v, scores %+v; want the mirrored model's", err, matchesOf(res))
	}
	if err := a.PromoteVersion(f.ctx, matching.System, shipped, true); err != nil {
		t.Fatal(err)
	}
	eventually.True(t, runs(b, shipped), "the other engine to follow back")
	if a.ModelVersion() != shipped {
		t.Errorf("the promoting engine runs %s, want %s", a.ModelVersion(), shipped)
	}
}
