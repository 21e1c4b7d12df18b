package vectorstore

import (
	"math/rand/v2"
	"testing"
)

func TestRankAllReturnsEveryMatchingPointInOrder(t *testing.T) {
	const n, dim = 2500, 8
	ix := New(Config{Dim: dim, Seed: 1})
	r := rand.New(rand.NewPCG(5, 6))
	want := 0
	for id := uint64(1); id <= n; id++ {
		v := make([]float32, dim)
		for i := range v {
			v[i] = float32(r.NormFloat64())
		}
		p := Payload{Country: "DE"}
		if id%3 == 0 {
			p.Country = "FR"
		} else {
			want++
		}
		if err := ix.Upsert(id, v, p); err != nil {
			t.Fatal(err)
		}
	}
	ix.Delete(1)
	want--
	q := []float32{1, 0, 0, 0, 0, 0, 0, 0}
	res, err := ix.RankAll(q, Filter{Countries: []string{"DE"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != want {
		t.Fatalf("%d results, want all %d matching points (more than MaxResults)", len(res), want)
	}
	for i, h := range res {
		if h.ID == 1 || h.ID%3 == 0 {
			t.Fatalf("result %d is deleted or filtered out", h.ID)
		}
		if i > 0 && res[i-1].Score < h.Score {
			t.Fatal("not sorted best first")
		}
	}
	all, _ := ix.RankAll(q, Filter{})
	if len(all) != n-1 {
		t.Errorf("unfiltered: %d, want %d", len(all), n-1)
	}
}

func TestSearchTotalAgreesWithCount(t *testing.T) {
	ix := New(Config{Dim: 4, Seed: 1})
	for id := uint64(1); id <= 300; id++ {
		c := "DE"
		if id%4 == 0 {
			c = "FR"
		}
		if err := ix.Upsert(id, []float32{float32(id), 1, 0, 0}, Payload{Country: c}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []Filter{{}, {Countries: []string{"FR"}}, {Countries: []string{"XX"}}} {
		res, n, err := ix.Search([]float32{1, 1, 0, 0}, f, SearchOptions{K: 10})
		if err != nil {
			t.Fatal(err)
		}
		if n != ix.Count(f) || len(res) != min(10, n) {
			t.Errorf("filter %+v: count %d, Count %d, %d results", f, n, ix.Count(f), len(res))
		}
	}
}
