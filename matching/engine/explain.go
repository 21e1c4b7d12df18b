package engine

import (
	"fmt"

	"jobmatch/matching"
)

// vacancyReasons says which filters vacancy v passed for query q.
func vacancyReasons(v matching.Vacancy, q PositionQuery) []string {
	var out []string
	switch {
	case q.Near != nil && q.RadiusKM > 0 && !v.Location.IsZero():
		out = append(out, fmt.Sprintf("%s, %.0f km", v.Location.City, q.Near.DistanceKM(v.Location)))
	case !v.Location.IsZero():
		out = append(out, v.Location.String())
	}
	if v.Remote {
		out = append(out, "remote")
	}
	if q.Languages != nil {
		if len(v.Languages) == 0 {
			out = append(out, "no language requirements")
		}
		for _, req := range v.Languages {
			have := matching.LevelOf(q.Languages, req.Code)
			out = append(out, fmt.Sprintf("%s %s ≥ %s", req.Code.Name(), have, req.Level))
		}
	}
	return out
}

// candidateReasons says which filters candidate c passed for vacancy v.
func candidateReasons(c matching.Candidate, v matching.Vacancy, radiusKM float64) []string {
	var out []string
	for _, req := range v.Languages {
		out = append(out, fmt.Sprintf("%s %s ≥ %s", req.Code.Name(), matching.LevelOf(c.Languages, req.Code), req.Level))
	}
	switch {
	case v.Location.IsZero():
		out = append(out, "open to remote work")
	case c.Location.Country == v.Location.Country && cityKey(c.Location.City) == cityKey(v.Location.City):
		out = append(out, c.Location.City)
	case radiusKM > 0 && v.Location.DistanceKM(c.Location) <= radiusKM:
		out = append(out, fmt.Sprintf("%s, %.0f km", c.Location.City, v.Location.DistanceKM(c.Location)))
	case c.OpenToRemote:
		out = append(out, fmt.Sprintf("%s, open to remote work", c.Location.City))
	}
	return out
}
