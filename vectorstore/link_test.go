package vectorstore

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIncrementalRepruneEqualsFullHeuristic checks addLink's shortcut: with
// a verified prefix, the re-pruned list must be exactly what the full
// selection heuristic chooses from the same members plus the new one.
func TestIncrementalRepruneEqualsFullHeuristic(t *testing.T) {
	f := newFixture(t, 3000, 48, 5)
	ix := f.ix
	r := rand.New(rand.NewPCG(8, 9))
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	var shortcuts, trials int
	for trials < 400 {
		n := uint32(r.IntN(ix.nSlots))
		s := uint32(r.IntN(ix.nSlots))
		lst := ix.list(n, 0)
		cnt := loadCount(lst)
		if n == s || cnt < ix.maxLinks(0) || slices.Contains(lst[1:cnt+1], s) {
			continue
		}
		trials++
		if *ix.verified(n) > 0 {
			shortcuts++
		}
		// The full heuristic over members plus s, scored like addLink.
		nb := append(slices.Clone(lst[1:cnt+1]), s)
		scores := ix.scoreStored(n, nb, nil)
		var cands []item
		for i, m := range nb {
			cands = append(cands, item{score: scores[i], slot: m})
		}
		sortDesc(cands)
		var want []uint32
		for _, c := range ix.selectNeighbors(cands, ix.maxLinks(0)) {
			want = append(want, c.slot)
		}

		ix.addLink(n, s, 0, sc)
		lst = ix.list(n, 0)
		got := slices.Clone(lst[1 : loadCount(lst)+1])
		if !slices.Equal(got, want) {
			t.Fatalf("node %d + %d: re-prune kept %v, full heuristic %v", n, s, got, want)
		}
		if int(*ix.verified(n)) != len(got) {
			t.Fatalf("verified prefix %d after a re-prune to %d members", *ix.verified(n), len(got))
		}
	}
	// Building the fixture re-pruned most full lists already, so most trials
	// exercise the shortcut; the rest run the full heuristic.
	if shortcuts < trials/2 {
		t.Fatalf("only %d of %d trials had a verified prefix", shortcuts, trials)
	}
}
