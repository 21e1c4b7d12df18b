package vectorstore

import (
	"math"
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
