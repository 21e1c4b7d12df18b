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

// parseLocation validates in, reporting problems under the bare field names
// city, country, latitude and longitude.
func parseLocation(p *problems, in LocationInput) Location {
	var loc Location
	loc.City = strings.Join(strings.Fields(in.City), " ")
	switch {
	case loc.City == "":
		p.add("city", "enter a city")
	case len([]rune(loc.City)) > maxCityLen:
		p.add("city", fmt.Sprintf("shorten the city name to at most %d characters", maxCityLen))
	}
	country, err := ParseCountryCode(in.Country)
	p.addErr("country", err)
	loc.Country = country
	switch {
	case in.Latitude != nil && in.Longitude != nil:
		loc.Latitude, loc.Longitude = *in.Latitude, *in.Longitude
		if math.IsNaN(loc.Latitude) || loc.Latitude < -90 || loc.Latitude > 90 {
			p.add("latitude", "latitude must be between -90 and 90")
		}
		if math.IsNaN(loc.Longitude) || loc.Longitude < -180 || loc.Longitude > 180 {
			p.add("longitude", "longitude must be between -180 and 180")
		}
	case in.Latitude != nil:
		p.add("longitude", "give longitude together with latitude")
	case in.Longitude != nil:
		p.add("latitude", "give latitude together with longitude")
	case loc.City != "" && err == nil:
		c, ok := LookupCity(loc.City, country)
		if !ok {
			p.add("latitude", fmt.Sprintf("%s, %s is not in our city list; give its latitude and longitude", loc.City, country))
			break
		}
		loc.City, loc.Latitude, loc.Longitude = c.City, c.Latitude, c.Longitude
	}
	return loc
}
