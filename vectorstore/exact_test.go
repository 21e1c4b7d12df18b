package vectorstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestScreenedExactEqualsFullScan checks that the exact scan, which reads
// float16 vectors only for points whose int8 score could reach the page,
// returns exactly what scoring every matching point from its float16
// vector returns: the same points, scores and order, ties included. The
// data covers Gaussian vectors, non-negative softmax-group vectors (the
// encoder's kind, where the int8 rows are asymmetric), aliases, pages
// from 1 to 1,000 and filters down to a few points.
func TestScreenedExactEqualsFullScan(t *testing.T) {
	const dim = 64
	// Screen every scan that has more points than 8 pages, however few.
	defer func(m int) { screenMin = m }(screenMin)
	screenMin = 1
	for _, kind := range []string{"gaussian", "softmax"} {
		t.Run(kind, func(t *testing.T) {
			r := rand.New(rand.NewPCG(41, 41))
			ix := New(Config{Dim: dim, M: 8, EfConstruction: 40})
			pays := map[uint64]Payload{}
			var vecs [][]float32
			centres := make([][]float32, 20) // peaky clusters for the softmax kind
			for i := range centres {
				centres[i] = randVec(r, dim)
				for j := range centres[i] {
					centres[i][j] *= 2.5
				}
			}
			for i := range 3000 {
				var v []float32
				if len(vecs) > 0 && r.IntN(4) == 0 {
					v = vecs[r.IntN(len(vecs))] // an alias of an earlier point
				} else if kind == "softmax" {
					v = softmaxGroups(r, dim, 4, centres[r.IntN(len(centres))])
				} else {
					v = randVec(r, dim)
				}
				vecs = append(vecs, v)
				p := randPayload(r)
				pays[uint64(i)] = p
				if err := ix.Upsert(uint64(i), v, p); err != nil {
					t.Fatal(err)
				}
			}
			filters := []Filter{{}, {Countries: []string{"DE"}}, {Cities: []string{"Paris"}, Languages: []LanguageAtLeast{{"en", C1}}}, {Languages: []LanguageAtLeast{{"de", C2}, {"fr", C2}, {"pl", B1}}}}
			screened := 0
			for qi := range 40 {
				q := randVec(r, dim)
				if kind == "softmax" {
					q = softmaxGroups(r, dim, 4, centres[r.IntN(len(centres))])
				}
				if qi%5 == 0 {
					q = vecs[r.IntN(len(vecs))] // ties: a node and all its aliases score the same
				}
				normalize(q)
				for fi, f := range filters {
					for _, k := range []int{1, 10, 100, 1000} {
						got, want, n := exactBothWays(ix, q, f, k)
						if n > 8*k {
							screened++
						}
						if !slices.Equal(got, want) {
							t.Fatalf("query %d, filter %d, k=%d (%d match): screened scan\n%v\nfull scan\n%v", qi, fi, k, n, got, want)
						}
					}
				}
			}
			if screened == 0 {
				t.Fatal("no search was screened")
			}
		})
	}
}

// exactBothWays runs the exact scan and a full float16 scan of the matching
// points, both sorted best first as "id:score" strings.
func exactBothWays(ix *Index, q []float32, f Filter, k int) (got, want []string, matching int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc := ix.getScratch()
	defer ix.pool.Put(sc)
	var allowed []uint64
	if !f.isEmpty() {
		ix.metaMu.RLock()
		ix.evalFilter(&f, sc, ix.words())
		ix.metaMu.RUnlock()
		allowed = append([]uint64(nil), sc.dense[0][:ix.words()]...)
	}
	res := append([]item(nil), ix.exact(q, allowed, k, sc)...)
	matching = len(sc.matched)
	var all []item
	ix.forEachMatching(allowed, func(s uint32) {
		v := ix.vec(ix.nodeOf(s))
		a, _, _, _ := f16Kernel.dot4(q, v, v, v, v)
		all = append(all, item{score: a, slot: s, id: ix.node(s).id})
	})
	str := func(items []item) []string {
		slices.SortFunc(items, func(a, b item) int {
			if worse(b, a) {
				return -1
			}
			if worse(a, b) {
				return 1
			}
			return 0
		})
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = fmt.Sprintf("%d:%.7g", it.id, it.score)
		}
		return out
	}
	want = str(all)
	return str(res), want[:min(k, len(want))], matching
}
