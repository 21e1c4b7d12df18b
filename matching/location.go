package matching

import (
	"fmt"
	"math"
	"strings"
)

// Location is where a candidate lives or a vacancy is based.
type Location struct {
	City      string      `json:"city"`
	Country   CountryCode `json:"country"`
	Latitude  float64     `json:"latitude"`
	Longitude float64     `json:"longitude"`
}

// String formats the location as "Munich, DE".
func (l Location) String() string {
	if l.City == "" {
		return ""
	}
	return l.City + ", " + string(l.Country)
}

// IsZero reports whether no location is set (a remote-only vacancy).
func (l Location) IsZero() bool { return l.City == "" && l.Country == "" }

// DistanceKM is the great-circle distance between two locations in kilometres.
func (l Location) DistanceKM(o Location) float64 {
	const earthRadiusKM = 6371.0
	rad := math.Pi / 180
	dLat := (o.Latitude - l.Latitude) * rad
	dLon := (o.Longitude - l.Longitude) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(l.Latitude*rad)*math.Cos(o.Latitude*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKM * math.Asin(math.Min(1, math.Sqrt(a)))
}

// LocationInput is a location as typed by a user. Coordinates are optional for
// cities in the built-in gazetteer (Cities) and required for any other city,
// because radius search needs them.
type LocationInput struct {
	City      string   `json:"city"`
	Country   string   `json:"country"`
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
}

// IsEmpty reports whether the user left every location field blank.
func (in LocationInput) IsEmpty() bool {
	return strings.TrimSpace(in.City) == "" && strings.TrimSpace(in.Country) == "" &&
		in.Latitude == nil && in.Longitude == nil
}

const maxCityLen = 100

// MaxCityDistanceKM is how far given coordinates may lie from the centre of
// a city in the gazetteer: farther, they contradict the city, and a record
// stored with them would be found by a search for the city's name but not by
// a radius search around it.
const MaxCityDistanceKM = 50

// parseLocation validates in, reporting problems under the bare field names
// city, country, latitude and longitude. The rule for cities and
// coordinates: a city in the gazetteer takes its name and centre from there,
// and coordinates given with it are kept only when they lie within
// MaxCityDistanceKM of that centre (closer to the office than the centre);
// farther ones are refused. Any other city needs its coordinates.
func parseLocation(p *problems, in LocationInput) Location {
	var loc Location
	if checkText(p, "city", in.City) {
		loc.City = cleanText(in.City)
	}
	switch {
	case loc.City == "":
		p.add("city", "enter a city")
	case len([]rune(loc.City)) > maxCityLen:
		p.add("city", fmt.Sprintf("shorten the city name to at most %d characters", maxCityLen))
	}
	country, err := ParseCountryCode(in.Country)
	p.addErr("country", err)
	loc.Country = country
	given := in.Latitude != nil && in.Longitude != nil
	switch {
	case given:
		loc.Latitude, loc.Longitude = *in.Latitude, *in.Longitude
		if !(loc.Latitude >= -90 && loc.Latitude <= 90) { // also refuses NaN
			p.add("latitude", "latitude must be a number between -90 and 90")
			given = false
		}
		if !(loc.Longitude >= -180 && loc.Longitude <= 180) {
			p.add("longitude", "longitude must be a number between -180 and 180")
			given = false
		}
	case in.Latitude != nil:
		p.add("longitude", "give longitude together with latitude")
	case in.Longitude != nil:
		p.add("latitude", "give latitude together with longitude")
	}
	if loc.City == "" || err != nil || (!given && (in.Latitude != nil || in.Longitude != nil)) {
		return loc
	}
	c, known := LookupCity(loc.City, country)
	switch {
	case known && given:
		loc.City = c.City
		if d := loc.DistanceKM(c.Location()); d > MaxCityDistanceKM {
			p.add("latitude", fmt.Sprintf("these coordinates are %.0f km from %s, %s; correct them, or leave latitude and longitude empty to use the city's centre", d, c.City, country))
		}
	case known:
		loc.City, loc.Latitude, loc.Longitude = c.City, c.Latitude, c.Longitude
	case !given:
		p.add("latitude", fmt.Sprintf("%s, %s is not in our city list; give its latitude and longitude", loc.City, country))
	}
	return loc
}
