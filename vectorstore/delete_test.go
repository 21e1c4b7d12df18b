package vectorstore

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"jobmatch/internal/half"
)

func TestDeletedPointsNeverReturnAndSlotsAreReused(t *testing.T) {
	fx := newFixture(t, 2000, 16, 4)
	ix := fx.ix
	r := rand.New(rand.NewPCG(8, 8))
	deleted := map[uint64]bool{}
	for id := range fx.vecs {
		if r.IntN(3) == 0 {
			if !ix.Delete(id) {
				t.Fatalf("Delete(%d) = false for a present id", id)
			}
			deleted[id] = true
		}
	}
	for id := range deleted {
		if ix.Delete(id) {
			t.Fatalf("second Delete(%d) = true", id)
		}
		if _, _, ok := ix.Get(id); ok {
			t.Fatalf("Get(%d) found a deleted id", id)
		}
		delete(fx.vecs, id)
		delete(fx.pay, id)
	}
	if ix.Len() != len(fx.vecs) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(fx.vecs))
	}
	check := func(stage string) {
		t.Helper()
		var sum float64
		qs := clusteredVecs(r, 30, 16, 20)
		for _, q := range qs {
			for _, f := range []Filter{{}, {Countries: []string{"DE"}}} {
				got, _, err := ix.Search(q, f, SearchOptions{K: 20})
				if err != nil {
					t.Fatal(err)
				}
				for _, g := range got {
					if deleted[g.ID] {
						t.Fatalf("%s: deleted id %d returned", stage, g.ID)
					}
				}
				if want := fx.bruteForce(q, 20, f); len(got) != len(want) {
					t.Fatalf("%s: %d results, want %d", stage, len(got), len(want))
				} else {
					sum += recallOf(got, want)
				}
			}
		}
		if rec := sum / 60; rec < 0.9 {
			t.Fatalf("%s: recall %.3f after deletes", stage, rec)
		}
		if got, want := ix.Count(Filter{Countries: []string{"DE"}}), fx.countMatching(Filter{Countries: []string{"DE"}}); got != want {
			t.Fatalf("%s: Count = %d, want %d", stage, got, want)
		}
	}
	check("before compaction")
	ix.Compact()
	check("after compaction")

	ix.mu.RLock()
	slotsBefore := ix.nSlots
	ix.mu.RUnlock()
	for i := range 300 {
		id := uint64(1_000_000 + i)
		v := randVec(r, 16)
		p := randPayload(r)
		if err := ix.Upsert(id, v, p); err != nil {
			t.Fatal(err)
		}
		fx.vecs[id], fx.pay[id] = v, p
	}
	ix.mu.RLock()
	slotsAfter := ix.nSlots
	ix.mu.RUnlock()
	if slotsAfter != slotsBefore {
		t.Fatalf("300 inserts after deleting %d points grew slots from %d to %d: freed slots not reused",
			len(deleted), slotsBefore, slotsAfter)
	}
	check("after reuse")
}

func TestUpsertReplacesVectorAndPayload(t *testing.T) {
	ix := New(Config{Dim: 4, CompactAfter: 1})
	a, b := []float32{1, 0, 0, 0}, []float32{0, 1, 0, 0}
	must(t, ix.Upsert(1, a, Payload{Country: "DE"}))
	must(t, ix.Upsert(2, []float32{0.9, 0.1, 0, 0}, Payload{Country: "DE"}))
	must(t, ix.Upsert(1, b, Payload{Country: "FR"}))
	if ix.Len() != 2 {
		t.Fatalf("Len = %d after replacing, want 2", ix.Len())
	}
	got, _, _ := ix.Search(b, Filter{}, SearchOptions{K: 1})
	if len(got) != 1 || got[0].ID != 1 {
		t.Fatalf("search for the new vector = %v", got)
	}
	if n := ix.Count(Filter{Countries: []string{"DE"}}); n != 1 {
		t.Fatalf("Count(DE) = %d after moving id 1 to FR", n)
	}
	must(t, ix.Upsert(1, b, Payload{Country: "PL", Tags: []string{"x"}}))
	_, p, ok := ix.Get(1)
	if !ok || p.Country != "PL" || len(p.Tags) != 1 || ix.Count(Filter{Countries: []string{"FR"}}) != 0 {
		t.Fatalf("payload-only update: Get = %+v", p)
	}
}

func TestGetReturnsWhatWasStored(t *testing.T) {
	ix := New(Config{Dim: 3})
	p := Payload{Country: "DE", City: "Berlin", Lat: 52.5, Lon: 13.4, Remote: true,
		Languages: []Language{{"de", C2}, {"en", B2}, {"en", A1}, {"fr", 9}}, Tags: []string{"a", "b"}}
	must(t, ix.Upsert(7, []float32{3, 0, 4}, p))
	v, got, ok := ix.Get(7)
	if !ok || v[0] != half.ToFloat32(half.FromFloat32(0.6)) || v[1] != 0 || v[2] != half.ToFloat32(half.FromFloat32(0.8)) || math.Abs(float64(v[0])-0.6) > 3e-4 {
		t.Fatalf("Get vector = %v (want normalised 0.6, 0, 0.8 rounded to float16)", v)
	}
	if got.City != "Berlin" || got.Lat != 52.5 || !got.Remote || len(got.Languages) != 2 ||
		got.Languages[1] != (Language{"en", B2}) || len(got.Tags) != 2 {
		t.Fatalf("Get payload = %+v", got)
	}
}

// TestConcurrentSearchesAndWrites is mostly for the race detector: searches
// run while other goroutines insert, replace and delete.
func TestConcurrentSearchesAndWrites(t *testing.T) {
	const dim = 16
	ix := New(Config{Dim: dim, M: 8, EfConstruction: 40, CompactAfter: 20})
	r := rand.New(rand.NewPCG(9, 9))
	vecs := clusteredVecs(r, 1200, dim, 10)
	for i := range 300 {
		must(t, ix.Upsert(uint64(i), vecs[i], randPayload(r)))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	deleted := map[uint64]bool{}
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := 300 + w; i < len(vecs); i += 3 {
				if err := ix.Upsert(uint64(i), vecs[i], randPayload(r)); err != nil {
					t.Error(err)
					return
				}
				if i%4 == 0 {
					// Replace the vector of an early id: the walk may meet
					// both its old and its new node.
					if err := ix.Upsert(uint64(r.IntN(50)), vecs[r.IntN(len(vecs))], randPayload(r)); err != nil {
						t.Error(err)
						return
					}
				}
				if i%5 == 0 {
					id := uint64(50 + r.IntN(i-50))
					mu.Lock()
					if ix.Delete(id) {
						deleted[id] = true
					}
					mu.Unlock()
				}
			}
		}()
	}
	for s := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var res []Result
			for i := range 300 {
				f := Filter{}
				if i%2 == 1 {
					f = Filter{Countries: []string{testCountries[s]}, OrRemote: true}
				}
				var err error
				res, _, err = ix.Search(vecs[i], f, SearchOptions{K: 10, Dst: res[:0]})
				if err != nil {
					t.Error(err)
					return
				}
				seen := map[uint64]bool{}
				for _, x := range res {
					if seen[x.ID] {
						t.Errorf("id %d returned twice in one result list", x.ID)
					}
					seen[x.ID] = true
				}
				if ix.Count(f) >= 10 && len(res) < 10 && i%2 == 0 {
					// Count and search are separate snapshots, so only an
					// unfiltered shortfall is suspicious enough to log.
					t.Logf("search %d returned %d results", i, len(res))
				}
			}
		}()
	}
	wg.Wait()
	ix.Compact()
	for i := range vecs {
		got, _, _ := ix.Search(vecs[i], Filter{}, SearchOptions{K: 10})
		for _, g := range got {
			if deleted[g.ID] {
				t.Fatalf("deleted id %d returned", g.ID)
			}
		}
		if i > 100 {
			break
		}
	}
	if want := len(vecs) - len(deleted); ix.Len() != want {
		t.Fatalf("Len = %d, want %d", ix.Len(), want)
	}
}

func TestSearchDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool is randomised under the race detector")
	}
	fx := newFixture(t, 500, 16, 5)
	q := fx.vecs[3]
	dst := make([]Result, 0, 10)
	fx.ix.Search(q, Filter{}, SearchOptions{K: 10, Dst: dst}) // warm the pool
	filt := Filter{Countries: []string{"DE", "FR"}, Languages: []LanguageAtLeast{{"en", B1}}}
	for _, tc := range []struct {
		name string
		f    Filter
	}{
		{"unfiltered", Filter{}},
		{"country and language", filt},
		{"city or radius or remote", Filter{Cities: []string{"Paris"}, Geo: &GeoRadius{Lat: 52.5, Lon: 13.4, RadiusKM: 50}, OrRemote: true}},
	} {
		allocs := testing.AllocsPerRun(100, func() {
			dst, _, _ = fx.ix.Search(q, tc.f, SearchOptions{K: 10, Dst: dst[:0]})
		})
		if allocs > 0 {
			t.Errorf("%s: %.1f allocations per search", tc.name, allocs)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeletingEverythingThenInsertingAgain(t *testing.T) {
	ix := New(Config{Dim: 8, M: 4, CompactAfter: 7})
	r := rand.New(rand.NewPCG(13, 13))
	for round := range 3 {
		for i := range 50 {
			must(t, ix.Upsert(uint64(i), randVec(r, 8), Payload{Country: "DE"}))
		}
		if got, _, _ := ix.Search(randVec(r, 8), Filter{}, SearchOptions{K: 50}); len(got) != 50 {
			t.Fatalf("round %d: %d results, want 50", round, len(got))
		}
		for i := range 50 {
			if !ix.Delete(uint64(i)) {
				t.Fatalf("round %d: Delete(%d) = false", round, i)
			}
		}
		ix.Compact()
		if ix.Len() != 0 || ix.Count(Filter{Countries: []string{"DE"}}) != 0 {
			t.Fatalf("round %d: Len %d after deleting everything", round, ix.Len())
		}
		if got, _, _ := ix.Search(randVec(r, 8), Filter{}, SearchOptions{K: 5}); len(got) != 0 {
			t.Fatalf("round %d: empty index returned %v", round, got)
		}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.nSlots > 50 {
		t.Fatalf("three rounds of 50 used %d slots: freed slots not reused", ix.nSlots)
	}
}
