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

// TestSetListKeepsConcurrentBackLinks: while a node is being linked, other
// inserts can already add back-links to its lists. Setting the node's own
// neighbours must keep them (they may be another node's only way in), and
// re-prune only when the union exceeds the list's capacity.
func TestSetListKeepsConcurrentBackLinks(t *testing.T) {
	fx := newFixture(t, 200, 8, 11)
	ix := fx.ix
	sc := ix.getScratch()
	s := ix.byID[3] // fixture ids are 7i+3
	lst := ix.list(s, 0)
	others := make([]uint32, 0, 2*ix.m0)
	for id := uint64(10); len(others) < cap(others); id += 7 {
		others = append(others, ix.byID[id])
	}
	// A back-link added by a concurrent insert, then the node's own choice.
	lst[1], lst[0] = others[0], 1
	chosen := []item{{slot: others[1]}, {slot: others[2]}}
	ix.setList(s, 0, chosen, sc)
	got := slices.Clone(lst[1 : lst[0]+1])
	slices.Sort(got)
	want := []uint32{others[0], others[1], others[2]}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("list %v, want the chosen neighbours and the back-link %v", got, want)
	}
	// A full list of back-links plus new choices is re-pruned to capacity.
	copy(lst[1:], others[:ix.m0])
	lst[0] = uint32(ix.m0)
	chosen = chosen[:0]
	for _, o := range others[ix.m0:] {
		chosen = append(chosen, item{slot: o})
	}
	ix.setList(s, 0, chosen, sc)
	n := int(lst[0])
	if n == 0 || n > ix.maxLinks(0) {
		t.Fatalf("re-pruned list has %d members, capacity %d", n, ix.maxLinks(0))
	}
	seen := map[uint32]bool{}
	for _, x := range lst[1 : n+1] {
		if x == s || seen[x] || !slices.Contains(others, x) {
			t.Fatalf("re-pruned list %v: member %d is the node itself, repeated or unknown", lst[1:n+1], x)
		}
		seen[x] = true
	}
}
