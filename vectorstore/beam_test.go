package vectorstore

import (
	"math"
	"testing"
)

// TestAliasesDoNotCloseTheBeam: a walk's beam counts graph nodes, not
// results. The graph below is wired by hand so that the query's own point
// T is reachable from the entry G only through M, which scores lower than
// G. G has more copies (aliases) than the beam is wide: counted as results,
// they filled the beam at G's score, the walk never expanded M, and the
// search returned G's copies instead of T.
func TestAliasesDoNotCloseTheBeam(t *testing.T) {
	const dim, copies = 4, 100
	unit := func(v ...float64) []float32 {
		out := make([]float32, dim)
		for i, x := range v {
			out[i] = float32(x)
		}
		return out
	}
	s60, c60 := math.Sin(math.Pi/3), math.Cos(math.Pi/3)
	vT := unit(1, 0, 0, 0)
	vG := unit(c60, s60, 0, 0)               // 0.5 to the query
	vM := unit(0.3, 0, math.Sqrt(1-0.09), 0) // 0.3 to the query
	ix := New(Config{Dim: dim, Seed: 1})
	for id := range uint64(copies) {
		must(t, ix.Upsert(id, vG, Payload{}))
	}
	must(t, ix.Upsert(1000, vM, Payload{}))
	must(t, ix.Upsert(2000, vT, Payload{}))
	slot := func(id uint64) uint32 { return ix.byID[id] }
	g, m, tt := slot(0), slot(1000), slot(2000)
	if !ix.hasAliases(g) {
		t.Fatal("the copies of G are not aliases of one node")
	}
	wireList(ix, g, m)
	wireList(ix, m, g, tt)
	wireList(ix, tt, m)
	ix.entry.Store(packEntry(g, 0))

	res, _, err := ix.Search(vT, Filter{}, SearchOptions{K: 5, Ef: 20, Plan: PlanGraph})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 5 || res[0].ID != 2000 || res[0].Score < 0.999 {
		t.Fatalf("results %+v, want the query's own point 2000 first", res)
	}
}
