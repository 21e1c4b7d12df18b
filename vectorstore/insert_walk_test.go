package vectorstore

import (
	"math"
	"testing"
)

// TestInsertWalkReadsListPrefix: an insert's walk reads only the first
// insertDegree members of a layer-0 list, a search's walk reads them all.
// The graph is wired by hand so that the query's own point T is reachable
// from the entry E only as the last member of E's full list.
func TestInsertWalkReadsListPrefix(t *testing.T) {
	const dim = 4
	ix := New(Config{Dim: dim, Seed: 1})
	fillers := ix.m0 - 1
	// E scores 0.5 against the query, the fillers about 0.1: none of them
	// leads anywhere but back to E.
	vec := func(a, b, c float64) []float32 {
		return []float32{float32(a), float32(b), float32(c), float32(math.Sqrt(1 - a*a - b*b - c*c))}
	}
	vT := vec(1, 0, 0)
	must(t, ix.Upsert(1, vec(0.5, 0.5, 0), Payload{}))
	must(t, ix.Upsert(2, vT, Payload{}))
	for i := range fillers {
		f := float64(i) / float64(fillers)
		must(t, ix.Upsert(uint64(10+i), vec(0.1, 0.3*f, 0.6-0.3*f), Payload{}))
	}
	slot := func(id uint64) uint32 { return ix.byID[id] }
	e, tt := slot(1), slot(2)
	var eList []uint32
	for i := range fillers {
		f := slot(uint64(10 + i))
		eList = append(eList, f)
		wireList(ix, f, e)
	}
	eList = append(eList, tt) // position m0: past insertDegree
	wireList(ix, e, eList...)
	wireList(ix, tt, e)
	if ix.insertDegree() >= len(eList) {
		t.Fatalf("insertDegree %d does not cut a full list of %d", ix.insertDegree(), len(eList))
	}

	reaches := func(insert bool) bool {
		sc := ix.getScratch()
		defer ix.pool.Put(sc)
		sc.qq.prepare(vT, ix.qdim)
		sc.resetVisited(ix.cap)
		sc.nbuf = append(sc.nbuf[:0], e)
		sc.scores = ix.scoreNibbles(&sc.qq, sc.nbuf, sc.scores)
		ix.searchLayer(&walk{qq: &sc.qq, insert: insert}, item{score: sc.scores[0], slot: e}, 64, 0, sc)
		for _, it := range sc.res {
			if it.slot == tt {
				return true
			}
		}
		return false
	}
	if !reaches(false) {
		t.Error("a search walk did not reach the last member of a full list")
	}
	if reaches(true) {
		t.Error("an insert walk read past the first insertDegree members of a list")
	}
}
