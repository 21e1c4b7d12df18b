package vectorstore

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMinHeapOfferKeepsBestK checks that offering items one by one to a
// bounded result set leaves exactly the k best (ties broken by the lower
// id), whatever the order they arrive in.
func TestMinHeapOfferKeepsBestK(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n, k := r.IntN(300), 1+r.IntN(40)
		items := make([]item, n)
		for i := range items {
			// Few distinct scores, so ties are common.
			items[i] = item{score: float32(r.IntN(20)), slot: uint32(i), id: uint64(r.IntN(1000))}
		}
		var h minHeap
		for _, it := range items {
			h.offer(it, k)
		}
		best := slices.Clone(items)
		slices.SortFunc(best, func(a, b item) int {
			if worse(a, b) {
				return 1
			}
			if worse(b, a) {
				return -1
			}
			return 0
		})
		best = best[:min(k, n)]
		got := slices.Clone([]item(h))
		if len(got) != len(best) {
			t.Fatalf("trial %d: kept %d items, want %d", trial, len(got), len(best))
		}
		// Compare as multisets of (score, id): equal items are interchangeable.
		key := func(a, b item) int {
			if a.score != b.score {
				return int(a.score - b.score)
			}
			return int(a.id) - int(b.id)
		}
		slices.SortFunc(got, key)
		slices.SortFunc(best, key)
		for i := range got {
			if got[i].score != best[i].score || got[i].id != best[i].id {
				t.Fatalf("trial %d: kept %v, want %v", trial, got, best)
			}
		}
		// The worst kept item is on top.
		for _, it := range h {
			if worse(it, h[0]) {
				t.Fatalf("trial %d: %v is worse than the top %v", trial, it, h[0])
			}
		}
	}
}
