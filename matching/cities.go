package matching

import "strings"

// City is a gazetteer entry: a city with its country and coordinates.
type City struct {
	City      string
	Country   CountryCode
	Latitude  float64
	Longitude float64
}

// Location returns the city as a Location.
func (c City) Location() Location {
	return Location(c)
}

// LookupCity finds a gazetteer city by name (case-insensitive, also accepting
// common local names such as "München") in country.
func LookupCity(name string, country CountryCode) (City, bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	if alias, ok := cityAliases[key]; ok {
		key = alias
	}
	for _, c := range cities {
		if c.Country == country && strings.ToLower(c.City) == key {
			return c, true
		}
	}
	return City{}, false
}

// Cities returns the built-in gazetteer: the cities the demo data uses and
// that forms resolve to coordinates without the user typing them.
func Cities() []City { return append([]City(nil), cities...) }

var cityAliases = map[string]string{
	"münchen": "munich", "muenchen": "munich", "köln": "cologne", "koeln": "cologne",
	"frankfurt": "frankfurt am main", "nürnberg": "nuremberg", "wien": "vienna",
	"zürich": "zurich", "genève": "geneva", "roma": "rome", "milano": "milan",
	"torino": "turin", "napoli": "naples", "firenze": "florence", "lisboa": "lisbon",
	"praha": "prague", "warszawa": "warsaw", "krakow": "kraków", "wroclaw": "wrocław",
	"gdansk": "gdańsk", "poznan": "poznań", "göteborg": "gothenburg", "malmo": "malmö",
	"sevilla": "seville", "malaga": "málaga", "den haag": "the hague", "bruxelles": "brussels",
	"antwerpen": "antwerp", "gent": "ghent", "kobenhavn": "copenhagen", "københavn": "copenhagen",
	"dusseldorf": "düsseldorf", "duesseldorf": "düsseldorf", "nyc": "new york",
}

var cities = []City{
	{"Berlin", "DE", 52.5200, 13.4050},
	{"Munich", "DE", 48.1372, 11.5756},
	{"Hamburg", "DE", 53.5511, 9.9937},
	{"Frankfurt am Main", "DE", 50.1109, 8.6821},
	{"Cologne", "DE", 50.9375, 6.9603},
	{"Stuttgart", "DE", 48.7758, 9.1829},
	{"Düsseldorf", "DE", 51.2277, 6.7735},
	{"Leipzig", "DE", 51.3397, 12.3731},
	{"Dresden", "DE", 51.0504, 13.7373},
	{"Nuremberg", "DE", 49.4521, 11.0767},
	{"Paris", "FR", 48.8566, 2.3522},
	{"Lyon", "FR", 45.7640, 4.8357},
	{"Marseille", "FR", 43.2965, 5.3698},
	{"Toulouse", "FR", 43.6047, 1.4442},
	{"Nice", "FR", 43.7102, 7.2620},
	{"Nantes", "FR", 47.2184, -1.5536},
	{"Bordeaux", "FR", 44.8378, -0.5792},
	{"Lille", "FR", 50.6292, 3.0573},
	{"Madrid", "ES", 40.4168, -3.7038},
	{"Barcelona", "ES", 41.3851, 2.1734},
	{"Valencia", "ES", 39.4699, -0.3763},
	{"Seville", "ES", 37.3891, -5.9845},
	{"Bilbao", "ES", 43.2630, -2.9350},
	{"Málaga", "ES", 36.7213, -4.4214},
	{"Rome", "IT", 41.9028, 12.4964},
	{"Milan", "IT", 45.4642, 9.1900},
	{"Turin", "IT", 45.0703, 7.6869},
	{"Naples", "IT", 40.8518, 14.2681},
	{"Bologna", "IT", 44.4949, 11.3426},
	{"Florence", "IT", 43.7696, 11.2558},
	{"Amsterdam", "NL", 52.3676, 4.9041},
	{"Rotterdam", "NL", 51.9244, 4.4777},
	{"The Hague", "NL", 52.0705, 4.3007},
	{"Utrecht", "NL", 52.0907, 5.1214},
	{"Eindhoven", "NL", 51.4416, 5.4697},
	{"London", "GB", 51.5074, -0.1278},
	{"Manchester", "GB", 53.4808, -2.2426},
	{"Birmingham", "GB", 52.4862, -1.8904},
	{"Edinburgh", "GB", 55.9533, -3.1883},
	{"Glasgow", "GB", 55.8642, -4.2518},
	{"Bristol", "GB", 51.4545, -2.5879},
	{"Leeds", "GB", 53.8008, -1.5491},
	{"Warsaw", "PL", 52.2297, 21.0122},
	{"Kraków", "PL", 50.0647, 19.9450},
	{"Wrocław", "PL", 51.1079, 17.0385},
	{"Gdańsk", "PL", 54.3520, 18.6466},
	{"Poznań", "PL", 52.4064, 16.9252},
	{"Stockholm", "SE", 59.3293, 18.0686},
	{"Gothenburg", "SE", 57.7089, 11.9746},
	{"Malmö", "SE", 55.6050, 13.0038},
	{"Vienna", "AT", 48.2082, 16.3738},
	{"Graz", "AT", 47.0707, 15.4395},
	{"Linz", "AT", 48.3069, 14.2858},
	{"Salzburg", "AT", 47.8095, 13.0550},
	{"Zurich", "CH", 47.3769, 8.5417},
	{"Geneva", "CH", 46.2044, 6.1432},
	{"Basel", "CH", 47.5596, 7.5886},
	{"Bern", "CH", 46.9480, 7.4474},
	{"Lausanne", "CH", 46.5197, 6.6323},
	{"Lisbon", "PT", 38.7223, -9.1393},
	{"Porto", "PT", 41.1579, -8.6291},
	{"Dublin", "IE", 53.3498, -6.2603},
	{"Cork", "IE", 51.8985, -8.4756},
	{"Brussels", "BE", 50.8503, 4.3517},
	{"Antwerp", "BE", 51.2194, 4.4025},
	{"Ghent", "BE", 51.0543, 3.7174},
	{"New York", "US", 40.7128, -74.0060},
	{"San Francisco", "US", 37.7749, -122.4194},
	{"Chicago", "US", 41.8781, -87.6298},
	{"Austin", "US", 30.2672, -97.7431},
	{"Seattle", "US", 47.6062, -122.3321},
	{"Boston", "US", 42.3601, -71.0589},
	{"Prague", "CZ", 50.0755, 14.4378},
	{"Brno", "CZ", 49.1951, 16.6068},
	{"Copenhagen", "DK", 55.6761, 12.5683},
	{"Aarhus", "DK", 56.1629, 10.2039},
}
