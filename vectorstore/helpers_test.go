package vectorstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"jobmatch/internal/vecmath"
)

// fixture is a small index plus the plain data it was built from, so tests
// can compute ground truth by brute force.
type fixture struct {
	ix   *Index
	vecs map[uint64][]float32
	pay  map[uint64]Payload
}

var (
	testCountries = []string{"DE", "FR", "NL", "PL", "ES"}
	testCities    = []string{"Berlin", "Paris", "Amsterdam", "Warsaw", "Madrid", "Hamburg"}
	cityCoords    = [][2]float64{{52.52, 13.405}, {48.857, 2.352}, {52.37, 4.89}, {52.23, 21.01}, {40.417, -3.704}, {53.551, 9.994}}
	testLangs     = []string{"en", "de", "fr", "pl"}
)

func clusteredVecs(r *rand.Rand, n, dim, clusters int) [][]float32 {
	centres := make([][]float32, clusters)
	for i := range centres {
		centres[i] = randVec(r, dim)
	}
	out := make([][]float32, n)
	for i := range out {
		c := centres[r.IntN(clusters)]
		v := make([]float32, dim)
		for j := range v {
			v[j] = c[j] + float32(r.NormFloat64()*0.06)
		}
		normalize(v)
		out[i] = v
	}
	return out
}

func randPayload(r *rand.Rand) Payload {
	ci := r.IntN(len(testCities))
	p := Payload{
		Country: testCountries[ci%len(testCountries)],
		City:    testCities[ci],
		Lat:     cityCoords[ci][0] + r.NormFloat64()*0.3,
		Lon:     cityCoords[ci][1] + r.NormFloat64()*0.3,
		Remote:  r.IntN(4) == 0,
	}
	for _, l := range testLangs {
		if r.IntN(2) == 0 {
			p.Languages = append(p.Languages, Language{Code: l, Level: Level(1 + r.IntN(6))})
		}
	}
	if r.IntN(3) == 0 {
		p.Tags = append(p.Tags, "fulltime")
	}
	if r.IntN(5) == 0 {
		p.Tags = append(p.Tags, "senior")
	}
	return p
}

func newFixture(t testing.TB, n, dim int, seed uint64) *fixture {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 99))
	f := &fixture{
		ix:   New(Config{Dim: dim, M: 12, EfConstruction: 80, Seed: int64(seed)}),
		vecs: make(map[uint64][]float32),
		pay:  make(map[uint64]Payload),
	}
	for i, v := range clusteredVecs(r, n, dim, 20) {
		id := uint64(i)*7 + 3
		p := randPayload(r)
		if err := f.ix.Upsert(id, v, p); err != nil {
			t.Fatal(err)
		}
		f.vecs[id], f.pay[id] = v, p
	}
	return f
}

// matches is the reference implementation of Filter semantics.
func matches(p Payload, f Filter) bool {
	loc := true
	if len(f.Countries) > 0 && !slices.Contains(f.Countries, p.Country) {
		loc = false
	}
	if len(f.Cities) > 0 && !slices.Contains(f.Cities, p.City) {
		loc = false
	}
	if f.Geo != nil && ((p.Lat == 0 && p.Lon == 0) || haversineKM(f.Geo.Lat, f.Geo.Lon, p.Lat, p.Lon) > f.Geo.RadiusKM) {
		loc = false
	}
	if f.hasLocation() && f.OrRemote && p.Remote {
		loc = true
	}
	if !loc || (f.RemoteOnly && !p.Remote) {
		return false
	}
	for _, c := range f.Languages {
		ok := false
		for _, l := range p.Languages {
			if l.Code == c.Code && l.Level >= max(c.MinLevel, A1) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	for _, t := range f.Tags {
		if !slices.Contains(p.Tags, t) {
			return false
		}
	}
	if len(f.AnyTags) > 0 {
		ok := false
		for _, t := range f.AnyTags {
			ok = ok || slices.Contains(p.Tags, t)
		}
		if !ok {
			return false
		}
	}
	for _, t := range f.NoTags {
		if slices.Contains(p.Tags, t) {
			return false
		}
	}
	return true
}

// bruteForce returns the exact top k among matching points, ties by id.
func (f *fixture) bruteForce(q []float32, k int, flt Filter) []Result {
	var all []Result
	for id, v := range f.vecs {
		if matches(f.pay[id], flt) {
			all = append(all, Result{ID: id, Score: vecmath.DotPortable(q, stored(v))})
		}
	}
	slices.SortFunc(all, func(a, b Result) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return int(a.ID) - int(b.ID)
	})
	return all[:min(k, len(all))]
}

func (f *fixture) countMatching(flt Filter) int {
	n := 0
	for id := range f.vecs {
		if matches(f.pay[id], flt) {
			n++
		}
	}
	return n
}

func recallOf(got, want []Result) float64 {
	if len(want) == 0 {
		return 1
	}
	set := make(map[uint64]bool, len(want))
	for _, w := range want {
		set[w.ID] = true
	}
	hit := 0
	for _, g := range got {
		if set[g.ID] {
			hit++
		}
	}
	return float64(hit) / float64(len(want))
}

func (f Filter) String() string { return fmt.Sprintf("%+v", struct{ F Filter }{f}) }

// stored is v as the index stores it: normalised and rounded to float16.
func stored(v []float32) []float32 {
	w := append([]float32(nil), v...)
	normalize(w)
	h := make([]uint16, len(w))
	encodeF16(h, w)
	decodeF16(w, h)
	return w
}

func equalF32(a, b []float32) bool { return slices.Equal(a, b) }

// wireList sets slot s's layer-0 neighbours by hand, for tests that need a
// graph of a known shape.
func wireList(ix *Index, s uint32, nb ...uint32) {
	lst := ix.list(s, 0)
	copy(lst[1:], nb)
	lst[0] = uint32(len(nb))
}
