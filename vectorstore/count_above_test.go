package vectorstore

import (
	"math/rand/v2"
	"testing"
)

// countAbove is a range count through Search, with a page of k.
func countAbove(ix *Index, q []float32, f Filter, threshold float32, limit, k int) (int, error) {
	c := RangeCount{Threshold: threshold, Limit: limit}
	_, _, err := ix.Search(q, f, SearchOptions{K: k, Count: &c})
	return c.N, err
}

// TestCountAboveAgreesWithRanking compares the range count with the exact
// ranking (RankAll) for thresholds that leave from ten to thousands of
// points above them, with and without filters, over data where many points
// share a vector. Scans must agree exactly; the graph flood may miss a few
// points, never count one too many, and must find nearly all of them.
func TestCountAboveAgreesWithRanking(t *testing.T) {
	fx := newFixture(t, 8000, 32, 3)
	r := rand.New(rand.NewPCG(5, 5))
	id := uint64(1_000_000)
	for src, v := range fx.vecs { // copies: alias groups of up to five
		if src%5 == 3 {
			for range 1 + r.IntN(4) {
				must(t, fx.ix.Upsert(id, v, randPayload(r)))
				id++
			}
		}
	}
	ids := fx.ix.IDs()
	var found, want int
	for _, tc := range testFilters {
		for qi := range 8 {
			q, _, _ := fx.ix.Get(ids[r.IntN(len(ids))])
			ranked, err := fx.ix.RankAll(q, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			plan, _ := fx.ix.PlanFor(tc.f, SearchOptions{})
			for _, rank := range []int{10, 100, 500, 2000} {
				if rank >= len(ranked) {
					continue
				}
				th := ranked[rank].Score
				exact := 0
				for _, h := range ranked {
					if h.Score >= th {
						exact++
					}
				}
				k := 1 + qi%3*10 // pages of 1, 11 and 21
				got, err := countAbove(fx.ix, q, tc.f, th, 1_000_000, k)
				if err != nil {
					t.Fatal(err)
				}
				if got > exact || (plan == PlanExact && got != exact) {
					t.Errorf("%s, query %d, plan %v, threshold %.4f: count = %d, exact count %d", tc.name, qi, plan, th, got, exact)
				}
				found += got
				want += exact
				if capped, _ := countAbove(fx.ix, q, tc.f, th, 7, k); capped != min(got, 7) {
					t.Errorf("%s: with limit 7 count = %d, want %d", tc.name, capped, min(got, 7))
				}
			}
		}
	}
	if recall := float64(found) / float64(want); recall < 0.99 {
		t.Fatalf("the range count found %d of %d points above their thresholds (%.4f), want at least 0.99", found, want, recall)
	} else {
		t.Logf("the range count found %d of %d points (%.4f)", found, want, recall)
	}
}

func TestCountAboveEdgeCases(t *testing.T) {
	ix := New(Config{Dim: 4})
	if n, err := countAbove(ix, []float32{1, 0, 0, 0}, Filter{}, 0.5, 10, 1); err != nil || n != 0 {
		t.Fatalf("empty index: %d, %v", n, err)
	}
	if _, err := countAbove(ix, []float32{1, 0}, Filter{}, 0.5, 10, 1); err == nil {
		t.Fatal("a query of the wrong dimension was accepted")
	}
	must(t, ix.Upsert(1, []float32{1, 0, 0, 0}, Payload{Country: "DE"}))
	must(t, ix.Upsert(2, []float32{0, 1, 0, 0}, Payload{Country: "DE"}))
	if n, _ := countAbove(ix, []float32{1, 0, 0, 0}, Filter{}, 0.5, 10, 1); n != 1 {
		t.Fatalf("count = %d, want 1", n)
	}
	if n, _ := countAbove(ix, []float32{1, 0, 0, 0}, Filter{}, -1, 10, 1); n != 2 {
		t.Fatalf("count at -1 = %d, want 2", n)
	}
	if n, _ := countAbove(ix, []float32{1, 0, 0, 0}, Filter{Countries: []string{"FR"}}, -1, 10, 1); n != 0 {
		t.Fatalf("CountAbove for FR = %d, want 0", n)
	}
}
