package vectorstore

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNoTagsExcludesTaggedPointsAndKeepsPagesFull(t *testing.T) {
	const n, dim, k = 600, 16, 10
	ix := New(Config{Dim: dim, Seed: 1})
	r := rand.New(rand.NewPCG(3, 4))
	tagged := map[uint64]bool{}
	vecs := map[uint64][]float32{}
	for id := uint64(1); id <= n; id++ {
		v := make([]float32, dim)
		for i := range v {
			v[i] = float32(r.NormFloat64())
		}
		var p Payload
		if r.IntN(3) == 0 {
			p.Tags = []string{"rule:7"}
			tagged[id] = true
		} else if r.IntN(4) == 0 {
			p.Tags = []string{"need:de:5"}
			tagged[id] = true
		}
		if err := ix.Upsert(id, v, p); err != nil {
			t.Fatal(err)
		}
		vecs[id] = v
	}
	f := Filter{NoTags: []string{"rule:7", "need:de:5", "unknown-tag"}}
	if got, want := ix.Count(f), n-len(tagged); got != want {
		t.Fatalf("Count = %d, want %d", got, want)
	}
	for q := uint64(1); q <= 20; q++ {
		res, _, err := ix.Search(vecs[q], f, SearchOptions{K: k})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != k {
			t.Fatalf("query %d: %d results, want a full page of %d", q, len(res), k)
		}
		for _, h := range res {
			if tagged[h.ID] {
				t.Fatalf("query %d returned excluded point %d", q, h.ID)
			}
		}
	}
	if !slices.Equal(f.NoTags, []string{"rule:7", "need:de:5", "unknown-tag"}) {
		t.Fatal("the filter was modified")
	}
}
