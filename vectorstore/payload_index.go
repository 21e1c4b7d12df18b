package vectorstore

import (
	"github.com/RoaringBitmap/roaring/v2"
)

// payloadIndex holds one roaring bitmap of slot numbers per country, city,
// (language, minimum level), tag and geo cell, plus the remote points.
// Bitmaps contain live points only, so a filter evaluated from them yields
// the exact set of matching points and Count is exact. Guarded by
// Index.metaMu.
type payloadIndex struct {
	countries, cities, langs, tags dict

	byCountry []*roaring.Bitmap
	byCity    []*roaring.Bitmap
	// byLang[lang][level] holds points at level or above, so "at least B2"
	// is one bitmap rather than an OR of four.
	byLang [][C2 + 1]*roaring.Bitmap
	byTag  []*roaring.Bitmap
	remote *roaring.Bitmap
	geo    map[uint32]*roaring.Bitmap
	// geoPoints[cell] holds the cell's points by exact coordinate while the
	// cell has at most geoPointsMax distinct ones. Job locations are mostly
	// geocoded to a city, so a radius search tests one distance per city
	// rather than one per point (geo.go).
	geoPoints map[uint32]*cellPoints
	// live holds every point with a payload, so exclusions (NoTags) can
	// start from "all points" without scanning node states.
	live *roaring.Bitmap
}

func newPayloadIndex() *payloadIndex {
	return &payloadIndex{remote: roaring.New(), geo: make(map[uint32]*roaring.Bitmap),
		geoPoints: make(map[uint32]*cellPoints), live: roaring.New()}
}

func bitmapAt(s *[]*roaring.Bitmap, i uint32) *roaring.Bitmap {
	for uint32(len(*s)) <= i {
		*s = append(*s, roaring.New())
	}
	return (*s)[i]
}

// encode interns p's strings and returns its compact record.
func (x *payloadIndex) encode(p *Payload) payloadRec {
	r := payloadRec{lat: p.Lat, lon: p.Lon, remote: p.Remote}
	if p.Country != "" {
		r.country = x.countries.intern(p.Country) + 1
	}
	if p.City != "" {
		r.city = x.cities.intern(p.City) + 1
	}
	n := len(p.Languages) + len(p.Tags)
	if n > 0 {
		r.extra = make([]uint32, 0, n)
	}
	for _, l := range p.Languages {
		r.extra = append(r.extra, x.langs.intern(l.Code)<<3|uint32(l.Level))
	}
	for _, t := range p.Tags {
		r.extra = append(r.extra, tagFlag|x.tags.intern(t))
	}
	return r
}

// decode rebuilds the Payload a record was made from.
func (x *payloadIndex) decode(r *payloadRec) Payload {
	p := Payload{Lat: r.lat, Lon: r.lon, Remote: r.remote}
	if r.country > 0 {
		p.Country = x.countries.names[r.country-1]
	}
	if r.city > 0 {
		p.City = x.cities.names[r.city-1]
	}
	for _, e := range r.extra {
		if e&tagFlag != 0 {
			p.Tags = append(p.Tags, x.tags.names[e&^tagFlag])
		} else {
			p.Languages = append(p.Languages, Language{Code: x.langs.names[e>>3], Level: Level(e & 7)})
		}
	}
	return p
}

// add (or remove, with on=false) slot s in every bitmap its record names.
func (x *payloadIndex) update(s uint32, r *payloadRec, on bool) {
	put := func(bm *roaring.Bitmap) {
		if on {
			bm.Add(s)
		} else {
			bm.Remove(s)
		}
	}
	put(x.live)
	if r.country > 0 {
		put(bitmapAt(&x.byCountry, r.country-1))
	}
	if r.city > 0 {
		put(bitmapAt(&x.byCity, r.city-1))
	}
	if r.remote {
		put(x.remote)
	}
	if r.hasGeo() {
		c := geoCell(r.lat, r.lon)
		bm := x.geo[c]
		if bm == nil {
			bm = roaring.New()
			x.geo[c] = bm
		}
		put(bm)
		x.updatePoint(c, r.lat, r.lon, s, on)
		if !on && bm.IsEmpty() {
			delete(x.geo, c)
			delete(x.geoPoints, c)
		}
	}
	for _, e := range r.extra {
		if e&tagFlag != 0 {
			put(bitmapAt(&x.byTag, e&^tagFlag))
			continue
		}
		lang := e >> 3
		for uint32(len(x.byLang)) <= lang {
			x.byLang = append(x.byLang, [C2 + 1]*roaring.Bitmap{})
		}
		for lv := A1; lv <= Level(e&7) && lv <= C2; lv++ {
			if x.byLang[lang][lv] == nil {
				x.byLang[lang][lv] = roaring.New()
			}
			put(x.byLang[lang][lv])
		}
	}
}

// validLanguages drops languages with an invalid level and keeps the highest
// level of a repeated code, so a record never holds contradictions.
func validLanguages(in []Language) []Language {
	out := make([]Language, 0, len(in))
next:
	for _, l := range in {
		if l.Level < A1 || l.Level > C2 || l.Code == "" {
			continue
		}
		for i := range out {
			if out[i].Code == l.Code {
				out[i].Level = max(out[i].Level, l.Level)
				continue next
			}
		}
		out = append(out, l)
	}
	return out
}
