package vectorstore

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomFilter draws a filter from every condition kind, including values
// no point has, so that the AND / OR-remote algebra is exercised broadly.
func randomFilter(r *rand.Rand) Filter {
	pick := func(from []string, extra string) []string {
		var out []string
		for _, v := range append(from, extra) {
			if r.IntN(4) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	f := Filter{
		Countries:  pick(testCountries, "XX"),
		Cities:     pick(testCities, "Atlantis"),
		OrRemote:   r.IntN(3) == 0,
		RemoteOnly: r.IntN(8) == 0,
		Tags:       pick([]string{"fulltime"}, "none"),
		AnyTags:    pick([]string{"fulltime", "senior"}, "none"),
	}
	if r.IntN(3) == 0 {
		c := cityCoords[r.IntN(len(cityCoords))]
		f.Geo = &GeoRadius{Lat: c[0] + r.NormFloat64(), Lon: c[1] + r.NormFloat64(), RadiusKM: r.Float64() * 300}
	}
	for _, l := range testLangs {
		if r.IntN(4) == 0 {
			f.Languages = append(f.Languages, LanguageAtLeast{Code: l, MinLevel: Level(r.IntN(7))})
		}
	}
	return f
}

func TestRandomFiltersCountAndSearchAgreeWithReference(t *testing.T) {
	fx := newFixture(t, 1200, 8, 15)
	r := rand.New(rand.NewPCG(16, 16))
	q := randVec(r, 8)
	for i := range 300 {
		f := randomFilter(r)
		want := fx.countMatching(f)
		if got := fx.ix.Count(f); got != want {
			t.Fatalf("filter %d %v: Count = %d, want %d", i, f, got, want)
		}
		res, _, err := fx.ix.Search(q, f, SearchOptions{K: 5, Plan: PlanExact})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != min(5, want) {
			t.Fatalf("filter %d %v: %d results, want %d", i, f, len(res), min(5, want))
		}
		for _, x := range res {
			if !matches(fx.pay[x.ID], f) {
				t.Fatalf("filter %d %v: result %d does not match", i, f, x.ID)
			}
		}
	}
}

// BenchmarkSearch tracks search cost on a small in-cache index; the 200k
// numbers come from `jobmatch bench-index` (bench/vectorstore.md).
func BenchmarkSearch(b *testing.B) {
	fx := newFixture(b, 5000, 64, 17)
	r := rand.New(rand.NewPCG(18, 18))
	qs := clusteredVecs(r, 100, 64, 20)
	for _, tc := range []struct {
		name string
		f    Filter
	}{
		{"unfiltered", Filter{}},
		{"country", Filter{Countries: []string{"DE"}}},
		{"language-and-geo-or-remote", Filter{Languages: []LanguageAtLeast{{"en", B2}}, Geo: &GeoRadius{Lat: 52.5, Lon: 13.4, RadiusKM: 100}, OrRemote: true}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			dst := make([]Result, 0, 10)
			i := 0
			for b.Loop() {
				dst, _, _ = fx.ix.Search(qs[i%len(qs)], tc.f, SearchOptions{K: 10, Dst: dst[:0]})
				i++
			}
		})
	}
}

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
