package matching

// TitleVector is where the encoder put a title in the title space: a unit
// vector, the encoder's confidence in [0, 1], and the model version that
// made it. Vectors of different model versions are not comparable, so the
// version is stored with every vector and a model change re-encodes them.
type TitleVector struct {
	Vector       []float32
	Confidence   float32
	ModelVersion string
}

// IsZero reports whether the title has not been encoded.
func (t TitleVector) IsZero() bool { return len(t.Vector) == 0 }

// Change says that a record changed in Postgres and the vector index must
// re-read it; Entity is one of the Entity constants.
type Change struct {
	Entity string
	ID     int64
}

// Entities whose changes the index follows.
const (
	EntityCandidate = "candidate"
	EntityVacancy   = "vacancy"
	EntityRule      = "exclusion_rule"
	// The decisions about a vacancy's candidates, or a candidate's
	// positions, changed (decisions.go): whom their lists leave out.
	EntityVacancyDecisions   = "vacancy_decisions"
	EntityCandidateDecisions = "candidate_decisions"
)

// Band is how good a match is, in words users act on.
type Band string

// Bands, best first.
const (
	BandHigh   Band = "high"
	BandMedium Band = "medium"
	BandLow    Band = "low"
)
