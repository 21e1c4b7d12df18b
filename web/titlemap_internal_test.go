package web

import (
	"strconv"
	"testing"
)

// TestMapLabelsNeverOverlapOrLeaveTheMap places many labels on the same
// spot and at the edges: each placed label's box lies inside the map and
// clear of the others, and the placer stops at its maximum.
func TestMapLabelsNeverOverlapOrLeaveTheMap(t *testing.T) {
	lp := labelPlacer{size: 15, max: 12}
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	spots := [][2]float64{{480, 300}, {0, 0}, {mapWidth, mapHeight}, {mapWidth, 10}, {5, mapHeight - 2}}
	for i := range 40 {
		at := spots[i%len(spots)]
		text := "ASSISTANT INDUSTRIAL MECHANIC"[:10+i%19]
		l, ok := lp.place(text, at[0], at[1])
		if !ok {
			continue
		}
		x, _ := strconv.ParseFloat(l.X, 64)
		y, _ := strconv.ParseFloat(l.Y, 64)
		w, h := textWidth(l.Text, lp.size), lp.size*1.2
		b := box{x - w/2, y - h, x + w/2, y}
		if b.x0 < 0 || b.x1 > mapWidth || b.y0 < 0 || b.y1 > mapHeight {
			t.Errorf("label %q at (%v, %v) leaves the map", l.Text, x, y)
		}
		for _, o := range placed {
			if b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 {
				t.Errorf("label %q at (%v, %v) overlaps another", l.Text, x, y)
			}
		}
		placed = append(placed, b)
	}
	if len(placed) == 0 || len(placed) > lp.max {
		t.Errorf("%d labels placed, want between 1 and %d", len(placed), lp.max)
	}
}
