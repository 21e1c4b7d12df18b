package vectorstore

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestHaversineKnownDistance(t *testing.T) {
	// Berlin to Paris is about 878 km.
	if d := haversineKM(52.52, 13.405, 48.857, 2.352); math.Abs(d-878) > 5 {
		t.Fatalf("Berlin-Paris = %.1f km", d)
	}
}

func TestGeoFilterEdgeCases(t *testing.T) {
	ix := New(Config{Dim: 2})
	pts := []Payload{
		{Lat: 0.5, Lon: 179.95},   // 1: just east of the antimeridian
		{Lat: 0.5, Lon: -179.95},  // 2: just west of it, ~11 km from 1
		{Lat: 89.9, Lon: 0},       // 3: near the north pole
		{Lat: 89.9, Lon: 180},     // 4: across the pole from 3, ~22 km away
		{},                        // 5: no coordinates
		{Lat: 52.52, Lon: 13.405}, // 6: Berlin
	}
	for i, p := range pts {
		must(t, ix.Upsert(uint64(i+1), []float32{1, float32(i)}, p))
	}
	for _, tc := range []struct {
		name string
		g    GeoRadius
		want int
	}{
		{"circle across the antimeridian", GeoRadius{Lat: 0.5, Lon: 179.99, RadiusKM: 20}, 2},
		{"circle over the pole", GeoRadius{Lat: 90, Lon: 0, RadiusKM: 20}, 2},
		{"small circle in Berlin", GeoRadius{Lat: 52.5, Lon: 13.4, RadiusKM: 5}, 1},
		{"whole earth", GeoRadius{Lat: 0, Lon: 0, RadiusKM: 30000}, 5},
		{"empty ocean", GeoRadius{Lat: -40, Lon: -120, RadiusKM: 100}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.g
			if n := ix.Count(Filter{Geo: &g}); n != tc.want {
				t.Fatalf("Count = %d, want %d", n, tc.want)
			}
		})
	}
}

func TestPlannerChoosesByCountAndSelectivity(t *testing.T) {
	ix := New(Config{Dim: 2})
	cases := []struct {
		count, live, ef int
		filtered        bool
		want            Plan
	}{
		{100, 200000, 64, true, PlanExact},        // few points: scan
		{2000, 200000, 64, true, PlanExact},       // 1 %: two-hop loses recall
		{20000, 200000, 64, true, PlanExact},      // 10 %: walks lose recall
		{40000, 200000, 64, true, PlanGraph},      // 20 %
		{100000, 200000, 64, true, PlanGraph},     // 50 %
		{200000, 200000, 64, false, PlanGraph},    // unfiltered
		{2000, 2000, 64, false, PlanExact},        // tiny index
		{200000, 200000, 10000, false, PlanExact}, // beam as wide as 1/20 of the index: scan
	}
	for _, c := range cases {
		if got := ix.plan(c.count, c.live, c.ef, c.filtered); got != c.want {
			t.Errorf("plan(count=%d live=%d ef=%d filtered=%v) = %v, want %v", c.count, c.live, c.ef, c.filtered, got, c.want)
		}
	}
}

func TestPlannerUsesTwoHopOnlyWhenEnabled(t *testing.T) {
	ix := New(Config{Dim: 2, TwoHopBelow: 0.25})
	if got := ix.plan(40000, 200000, 64, true); got != PlanTwoHop {
		t.Fatalf("20 %% with TwoHopBelow 0.25: %v", got)
	}
	if got := ix.plan(60000, 200000, 64, true); got != PlanGraph {
		t.Fatalf("30 %% with TwoHopBelow 0.25: %v", got)
	}
}

func TestChooseThresholds(t *testing.T) {
	pt := func(sel, exact, gr, gq, hr, hq float64) CalibrationPoint {
		return CalibrationPoint{Selectivity: sel, ExactQPS: exact, GraphRecall: gr, GraphQPS: gq, TwoHopRecall: hr, TwoHopQPS: hq}
	}
	tests := []struct {
		name               string
		points             []CalibrationPoint
		wantExact, wantHop float64
	}{
		{"walks fail below 15 %", []CalibrationPoint{
			pt(0.5, 40, 0.99, 2000, 0.9, 2500), pt(0.15, 110, 0.96, 700, 0.87, 1700), pt(0.1, 200, 0.9, 250, 0.83, 1150),
		}, 0.15, 0},
		{"two-hop best at the low end", []CalibrationPoint{
			pt(0.5, 40, 0.99, 2000, 0.99, 1900), pt(0.1, 200, 0.99, 1600, 0.98, 2400), pt(0.05, 400, 0.99, 360, 0.97, 960), pt(0.02, 2300, 0.99, 86, 0.88, 700),
		}, 0.05, 0.1},
		{"nothing good", []CalibrationPoint{pt(0.5, 40, 0.8, 2000, 0.7, 2500)}, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, h := chooseThresholds(tc.points, 0.95)
			if math.Abs(e-tc.wantExact) > 1e-3 || math.Abs(h-tc.wantHop) > 1e-3 {
				t.Fatalf("chooseThresholds = %v, %v; want %v, %v", e, h, tc.wantExact, tc.wantHop)
			}
		})
	}
}

func TestCalibrateOnCoarseData(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("builds a 6,000-point index")
	}
	ix := New(Config{Dim: 16, M: 8, EfConstruction: 60})
	r := rand.New(rand.NewPCG(14, 14))
	for i, v := range clusteredVecs(r, 6000, 16, 5) {
		must(t, ix.Upsert(uint64(i), v, Payload{}))
	}
	points := ix.Calibrate(CalibrateOptions{Queries: 20})
	if len(points) != len(calibrationSelectivities) {
		t.Fatalf("%d calibration points", len(points))
	}
	c := ix.Config()
	if c.ExactBelow <= 0 || c.ExactBelow > 1 || c.TwoHopBelow < 0 {
		t.Fatalf("thresholds %v %v", c.ExactBelow, c.TwoHopBelow)
	}
	for _, p := range points {
		if p.GraphRecall < 0 || p.GraphRecall > 1 || p.ExactQPS <= 0 {
			t.Fatalf("implausible point %+v", p)
		}
	}
	// The chosen thresholds keep every filtered search exact or at recall.
	q := randVec(r, 16)
	f := Filter{}
	got, _, err := ix.Search(q, f, SearchOptions{K: 10})
	if err != nil || len(got) != 10 {
		t.Fatalf("search after calibration: %v %v", got, err)
	}
}

// TestGeoRadiusTakesWholeCellsOnlyWhenInside: a radius search must count
// exactly the points within the radius, whether their cell lies wholly
// inside the circle (taken whole) or across its edge (checked per point):
// points on a fine grid around several centres, including near the
// antimeridian and a pole, against a brute force.
func TestGeoRadiusTakesWholeCellsOnlyWhenInside(t *testing.T) {
	ix := New(Config{Dim: 2})
	var pts []Payload
	id := uint64(1)
	for _, c := range [][2]float64{{52.52, 13.405}, {0.3, 179.9}, {89.7, 40}, {-33.9, 151.2}} {
		for dlat := -1.5; dlat <= 1.5; dlat += 0.05 {
			for dlon := -2.0; dlon <= 2.0; dlon += 0.07 {
				lat := math.Max(-90, math.Min(90, c[0]+dlat))
				lon := math.Mod(c[1]+dlon+540, 360) - 180
				p := Payload{Lat: lat, Lon: lon}
				must(t, ix.Upsert(id, []float32{1, 0}, p))
				pts = append(pts, p)
				id++
			}
		}
	}
	for _, g := range []GeoRadius{
		{Lat: 52.52, Lon: 13.405, RadiusKM: 50}, {Lat: 52.52, Lon: 13.405, RadiusKM: 120},
		{Lat: 52.3, Lon: 13.2, RadiusKM: 75.5}, {Lat: 0.3, Lon: 179.9, RadiusKM: 80},
		{Lat: 89.7, Lon: 40.2, RadiusKM: 100}, {Lat: -33.9, Lon: 151.2, RadiusKM: 33},
	} {
		want := 0
		for _, p := range pts {
			if haversineKM(g.Lat, g.Lon, p.Lat, p.Lon) <= g.RadiusKM {
				want++
			}
		}
		if got := ix.Count(Filter{Geo: &g}); got != want {
			t.Errorf("radius %+v: Count = %d, want %d", g, got, want)
		}
	}
	whole := 0
	for r := 0; r < geoLatCells; r++ {
		for c := 0; c < geoLonCells; c++ {
			if cellWithin(GeoRadius{Lat: 52.52, Lon: 13.405, RadiusKM: 120}, r, c) {
				whole++
			}
		}
	}
	if whole == 0 {
		t.Fatal("no cell lies wholly within 120 km of Berlin: the whole-cell path is not exercised")
	}
}

// TestGeoRadiusByCityCoordinates: points geocoded to a few city coordinates
// (the common case for job locations) are tested once per coordinate; the
// counts must match a brute force after inserts, deletes and moves, and a
// cell with more than geoPointsMax coordinates falls back to point checks.
func TestGeoRadiusByCityCoordinates(t *testing.T) {
	ix := New(Config{Dim: 2})
	cities := [][2]float64{{52.52, 13.405}, {52.39, 13.065}, {52.75, 13.25}, {51.34, 12.37}, {53.55, 9.99}, {48.14, 11.58}}
	pts := map[uint64]Payload{}
	id := uint64(1)
	put := func(id uint64, p Payload) {
		must(t, ix.Upsert(id, []float32{1, float32(id % 7)}, p))
		pts[id] = p
	}
	for i := 0; i < 600; i++ {
		c := cities[i%len(cities)]
		put(id, Payload{Lat: c[0], Lon: c[1]})
		id++
	}
	// One cell (around 48.1, 11.6) with more distinct coordinates than tracked.
	for i := 0; i < geoPointsMax+30; i++ {
		put(id, Payload{Lat: 48.01 + float64(i)*0.003, Lon: 11.51 + float64(i%9)*0.04})
		id++
	}
	check := func(when string) {
		t.Helper()
		for _, g := range []GeoRadius{
			{Lat: 52.52, Lon: 13.405, RadiusKM: 30}, {Lat: 52.52, Lon: 13.405, RadiusKM: 60},
			{Lat: 52.0, Lon: 12.8, RadiusKM: 90}, {Lat: 48.14, Lon: 11.58, RadiusKM: 12},
			{Lat: 48.2, Lon: 11.7, RadiusKM: 25},
		} {
			want := 0
			for _, p := range pts {
				if haversineKM(g.Lat, g.Lon, p.Lat, p.Lon) <= g.RadiusKM {
					want++
				}
			}
			if got := ix.Count(Filter{Geo: &g}); got != want {
				t.Errorf("%s, radius %+v: Count = %d, want %d", when, g, got, want)
			}
		}
	}
	check("after inserts")
	for del := uint64(1); del < 600; del += 3 {
		ix.Delete(del)
		delete(pts, del)
	}
	check("after deletes")
	for mv := uint64(2); mv < 600; mv += 5 { // moved to another city
		c := cities[(mv+1)%uint64(len(cities))]
		put(mv, Payload{Lat: c[0], Lon: c[1]})
	}
	check("after moves")
	ix.Compact()
	check("after compaction")
	if cp := ix.pidx.geoPoints[geoCell(52.52, 13.405)]; cp == nil || cp.overflow || len(cp.at) == 0 {
		t.Fatalf("Berlin's cell is not tracked by coordinate: %+v", cp)
	}
	if cp := ix.pidx.geoPoints[geoCell(48.14, 11.58)]; cp == nil || !cp.overflow {
		t.Fatal("the crowded cell should have fallen back to point checks")
	}
}
