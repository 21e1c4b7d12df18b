package vectorstore

import (
	"math/rand/v2"
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
