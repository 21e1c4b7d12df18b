package vectorstore

import (
	"math/bits"

	"github.com/RoaringBitmap/roaring/v2"
)

func trailingZeros(w uint64) int { return bits.TrailingZeros64(w) }

// Filter evaluation: a Filter becomes a dense bitset of the matching slots in
// the search's scratch words. Called with metaMu held for reading.

// evalFilter writes the slots matching f into s.filter and returns how many
// there are. words is the number of 64-bit words covering the slot capacity.
func (ix *Index) evalFilter(f *Filter, s *scratch, words int) int {
	x := ix.pidx
	acc, grp, tmp := s.words(0, words), s.words(1, words), s.words(2, words)
	fillWords(acc)
	constrained := false

	if f.hasLocation() {
		fillWords(grp)
		if len(f.Countries) > 0 {
			andAnyOf(grp, tmp, acc, f.Countries, &x.countries, x.byCountry)
		}
		if len(f.Cities) > 0 {
			andAnyOf(grp, tmp, acc, f.Cities, &x.cities, x.byCity)
		}
		if f.Geo != nil {
			ix.andGeo(grp, tmp, s.words(3, words), acc, *f.Geo) // acc is free until the copy below
		}
		if f.OrRemote {
			orDense(grp, tmp, x.remote)
		}
		copy(acc, grp)
		constrained = true
	}
	if f.RemoteOnly {
		andDense(acc, tmp, x.remote)
		constrained = true
	}
	for _, l := range f.Languages {
		constrained = true
		id, ok := x.langs.lookup(l.Code)
		lv := max(l.MinLevel, A1)
		if !ok || lv > C2 || int(id) >= len(x.byLang) {
			clearWords(acc)
			continue
		}
		andDense(acc, tmp, x.byLang[id][lv])
	}
	for _, t := range f.Tags {
		constrained = true
		id, ok := x.tags.lookup(t)
		if !ok || int(id) >= len(x.byTag) {
			clearWords(acc)
			continue
		}
		andDense(acc, tmp, x.byTag[id])
	}
	if len(f.AnyTags) > 0 {
		constrained = true
		andAnyOf(acc, tmp, grp, f.AnyTags, &x.tags, x.byTag)
	}
	if len(f.NoTags) > 0 {
		constrained = true
		andDense(acc, tmp, x.live)
		clearWords(grp)
		for _, t := range f.NoTags {
			if id, ok := x.tags.lookup(t); ok && int(id) < len(x.byTag) {
				orDense(grp, tmp, x.byTag[id])
			}
		}
		andNotWords(acc, grp)
	}
	if len(f.IDs) > 0 || len(f.NoIDs) > 0 {
		constrained = true
		andDense(acc, tmp, x.live)
	}
	if len(f.IDs) > 0 {
		clearWords(grp)
		for _, id := range f.IDs {
			if s, ok := ix.byID[id]; ok {
				grp[s>>6] |= 1 << (s & 63)
			}
		}
		for i := range acc {
			acc[i] &= grp[i]
		}
	}
	for _, id := range f.NoIDs {
		if s, ok := ix.byID[id]; ok {
			acc[s>>6] &^= 1 << (s & 63)
		}
	}
	if !constrained {
		return ix.live
	}
	return popcount(acc)
}

// allowed evaluates f for one operation: the bitset of matching slots (nil
// when f admits every live point), how many match, and how many are live.
// Called with mu held for reading.
func (ix *Index) allowed(f *Filter, sc *scratch) (allowed []uint64, count, live int) {
	ix.metaMu.RLock()
	defer ix.metaMu.RUnlock()
	count, live = ix.live, ix.live
	if !f.isEmpty() {
		count = ix.evalFilter(f, sc, ix.words())
		allowed = sc.dense[0][:ix.words()]
	}
	return allowed, count, live
}

// andAnyOf ANDs into dst the union of the bitmaps named by values; union
// and tmp are scratch.
func andAnyOf(dst, tmp, union []uint64, values []string, d *dict, bms []*roaring.Bitmap) {
	clearWords(union)
	for _, v := range values {
		if id, ok := d.lookup(v); ok && int(id) < len(bms) {
			orDense(union, tmp, bms[id])
		}
	}
	andWords(dst, union)
}

// andGeo ANDs into dst the points within g: the cells overlapping the
// circle's bounding box, refined by exact distance. Refining is cheap where
// it can be: a cell lying wholly inside the circle is taken whole, and in a
// cell whose points sit at a few coordinates (cities) each coordinate is
// tested once; only the remaining cells are checked point by point. cand,
// tmp and inside are scratch words.
func (ix *Index) andGeo(dst, cand, tmp, inside []uint64, g GeoRadius) {
	x := ix.pidx
	row0, row1, col0, col1, allCols := geoBox(g)
	clearWords(cand)
	clearWords(inside)
	add := func(cell uint32, bm *roaring.Bitmap) {
		r, c := int(cell/geoLonCells), int(cell%geoLonCells)
		if cellWithin(g, r, c) {
			orDense(inside, tmp, bm)
			return
		}
		if cp := x.geoPoints[cell]; cp != nil && !cp.overflow {
			for k, pts := range cp.at {
				if haversineKM(g.Lat, g.Lon, k[0], k[1]) <= g.RadiusKM {
					orDense(inside, tmp, pts)
				}
			}
			return
		}
		orDense(cand, tmp, bm)
	}
	// Scan whichever is smaller: the cells of the box or the non-empty cells.
	if boxCells := (row1 - row0 + 1) * (col1 - col0 + 1); boxCells <= len(x.geo) {
		for r := row0; r <= row1; r++ {
			for c := col0; c <= col1; c++ {
				cc := ((c % geoLonCells) + geoLonCells) % geoLonCells
				cell := uint32(r*geoLonCells + cc)
				if bm := x.geo[cell]; bm != nil {
					add(cell, bm)
				}
			}
		}
	} else {
		for cell, bm := range x.geo {
			if cellInBox(cell, row0, row1, col0, col1, allCols) {
				add(cell, bm)
			}
		}
	}
	andWords(cand, dst)
	andWords(inside, dst)
	copy(dst, inside)
	forEachBit(cand, func(s uint32) {
		r := ix.rec(s)
		if haversineKM(g.Lat, g.Lon, r.lat, r.lon) <= g.RadiusKM {
			bitSet(dst, s)
		}
	})
}

// forEachBit calls fn for every set bit, in increasing order.
func forEachBit(b []uint64, fn func(uint32)) {
	for i, w := range b {
		for w != 0 {
			t := w & -w
			fn(uint32(i*64 + trailingZeros(w)))
			w ^= t
		}
	}
}
