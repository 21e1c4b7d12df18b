package vectorstore

// Filter restricts a search or a Count to points whose payload matches. The
// zero Filter matches every point.
//
// Conditions combine with AND, with one exception made for recruiter
// searches ("in Berlin, or within 30 km, or open to remote"): the location
// conditions (Countries, Cities, Geo) are ANDed with each other into one
// location condition, and OrRemote turns that into
//
//	(location condition) OR Remote
//
// before it is ANDed with the rest. OrRemote without any location condition
// changes nothing (the location condition already matches everything).
type Filter struct {
	// Countries matches points whose Country is any of these codes.
	Countries []string
	// Cities matches points whose City is any of these names.
	Cities []string
	// Geo matches points within RadiusKM (great-circle) of a centre.
	Geo *GeoRadius
	// OrRemote lets remote points pass the location condition.
	OrRemote bool
	// RemoteOnly requires Remote (ANDed like any other condition).
	RemoteOnly bool
	// Languages requires every listed language at its minimum level or
	// higher.
	Languages []LanguageAtLeast
	// Tags requires every listed tag.
	Tags []string
	// AnyTags requires at least one of the listed tags.
	AnyTags []string
	// NoTags excludes points that carry any of the listed tags. Callers use
	// it for exclusions that must not cost a page its fill, e.g. "not near
	// an excluded title" or "no requirement above my level".
	NoTags []string
	// IDs, when not empty, admits only these points.
	IDs []uint64
	// NoIDs excludes these points: a user's own "not for me" list, applied
	// inside the search so that pages stay full and counts exact.
	NoIDs []uint64
}

// GeoRadius is a circle on the earth's surface.
type GeoRadius struct {
	Lat, Lon float64
	RadiusKM float64
}

// LanguageAtLeast is the condition "speaks Code at MinLevel or above".
type LanguageAtLeast struct {
	Code     string
	MinLevel Level
}

func (f *Filter) hasLocation() bool {
	return len(f.Countries) > 0 || len(f.Cities) > 0 || f.Geo != nil
}

// isEmpty reports whether f matches every point, which lets the planner skip
// building a bitmap at all.
func (f *Filter) isEmpty() bool {
	return !f.hasLocation() && !f.RemoteOnly && len(f.Languages) == 0 &&
		len(f.Tags) == 0 && len(f.AnyTags) == 0 && len(f.NoTags) == 0 && len(f.IDs) == 0 && len(f.NoIDs) == 0
}
