package vectorstore

// Payload is what a filter can test about a point. The index copies it; the
// caller may reuse its slices after Upsert returns. Strings are compared
// exactly, so callers normalise them first (upper-case ISO codes, one
// spelling per city).
type Payload struct {
	// Country is an ISO 3166-1 alpha-2 code such as "DE".
	Country string
	// City is a display name; cities are matched by exact string, so a
	// caller that needs "Paris, FR" vs "Paris, US" combines it with Country
	// or uses a Geo filter.
	City string
	// Lat and Lon are WGS84 degrees. Both zero means "unknown": such a point
	// never matches a Geo filter (0°N 0°E is open sea).
	Lat, Lon float64
	// Remote marks a point open to remote work (see Filter.OrRemote).
	Remote bool
	// Languages lists spoken languages with a CEFR level; a code appears at
	// most once (the highest level wins).
	Languages []Language
	// Tags are free keywords (e.g. contract type) matched exactly.
	Tags []string
}

// Level is a CEFR language level; the numeric order is the skill order, so
// "at least B2" is level >= B2.
type Level uint8

// CEFR levels, A1 (lowest) to C2 (highest). Zero is "no level" and is not
// valid in a Payload.
const (
	A1 Level = iota + 1
	A2
	B1
	B2
	C1
	C2
)

// Language is one spoken language of a point: an ISO 639-1 code such as "en"
// and the level reached.
type Language struct {
	Code  string
	Level Level
}

// payloadRec is the compact stored form of a Payload: dictionary indexes
// instead of strings, languages and tags packed into one small slice. It is
// about 48 bytes plus 4 per language or tag, against ~100 for a Payload.
type payloadRec struct {
	lat, lon float64
	city     uint32 // dictionary index + 1; 0 = none
	country  uint32 // dictionary index + 1; 0 = none
	remote   bool
	// extra holds languages as lang<<3|level and tags as tagFlag|tag.
	extra []uint32
}

const tagFlag = 1 << 31

func (r *payloadRec) hasGeo() bool { return r.lat != 0 || r.lon != 0 }

// dict interns strings to dense indexes so bitmaps can be kept in slices.
// Entries are never removed: the number of distinct countries, cities,
// languages and tags is small next to the number of points.
type dict struct {
	ids   map[string]uint32
	names []string
}

func (d *dict) lookup(s string) (uint32, bool) {
	i, ok := d.ids[s]
	return i, ok
}

func (d *dict) intern(s string) uint32 {
	if i, ok := d.ids[s]; ok {
		return i
	}
	if d.ids == nil {
		d.ids = make(map[string]uint32)
	}
	i := uint32(len(d.names))
	d.ids[s] = i
	d.names = append(d.names, s)
	return i
}
