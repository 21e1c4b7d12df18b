package vectorstore

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIDFilters: IDs admits only the listed points and NoIDs leaves the
// listed ones out, combined with the other conditions, in Count and in
// every search plan; pages stay full.
func TestIDFilters(t *testing.T) {
	fx := newFixture(t, 3000, 16, 4)
	r := rand.New(rand.NewPCG(8, 8))
	ids := fx.ix.IDs()
	slices.Sort(ids)
	pick := func(n int) []uint64 {
		out := make([]uint64, n)
		for i := range out {
			out[i] = ids[r.IntN(len(ids))]
		}
		return append(out, 999_999_999) // an id the index does not have
	}
	only, without := pick(200), pick(400)
	for name, f := range map[string]Filter{
		"only these":             {IDs: only},
		"without these":          {NoIDs: without},
		"without these, in DE":   {NoIDs: without, Countries: []string{"DE"}},
		"only these, not others": {IDs: only, NoIDs: without[:100]},
	} {
		want := map[uint64]bool{}
		for id, p := range fx.pay {
			if (len(f.IDs) == 0 || slices.Contains(f.IDs, id)) && !slices.Contains(f.NoIDs, id) && matches(p, Filter{Countries: f.Countries}) {
				want[id] = true
			}
		}
		if got := fx.ix.Count(f); got != len(want) {
			t.Errorf("%s: Count = %d, want %d", name, got, len(want))
		}
		for _, plan := range []Plan{PlanExact, PlanGraph} {
			q, _, _ := fx.ix.Get(ids[r.IntN(len(ids))])
			res, _, err := fx.ix.Search(q, f, SearchOptions{K: 20, Plan: plan})
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != min(20, len(want)) {
				t.Errorf("%s, plan %v: %d results, want a full page of %d", name, plan, len(res), min(20, len(want)))
			}
			for _, h := range res {
				if !want[h.ID] {
					t.Errorf("%s, plan %v: id %d should have been filtered out", name, plan, h.ID)
				}
			}
		}
	}
}
