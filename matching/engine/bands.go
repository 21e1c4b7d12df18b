package engine

import "jobmatch/matching"

// Bands turns a result's score (the encoder's calibrated probability that
// the two titles name the same occupation) and the query title's encoder
// confidence into the band shown to users:
//
//	high    score >= High and confidence >= MinConfidence
//	medium  score >= Medium (or >= High with an unsure query)
//	low     otherwise
//
// A high band needs both a likely match and a query the encoder read with
// confidence, because a low-confidence query's nearest titles are right less
// often (docs/matching.md has the calibration and how to redo it).
type Bands struct {
	High, Medium  float32 // score thresholds
	MinConfidence float32 // query confidence needed for "high"
}

// DefaultBands were chosen by `jobmatch calibrate` for the shipped model
// jobmatch-title-v2@a4e1498483b0 on the 15,463 JobBERT validation titles
// against ESCO preferred labels: the best match is right 71.5% of the time in
// the high band (6.9% of queries), 44.8% in the medium band (19.9%) and 17.2%
// in the low band. Scores are the model's calibrated probabilities, so the
// cut-offs move little between models; re-run calibrate after retraining.
var DefaultBands = Bands{High: 0.86, Medium: 0.69, MinConfidence: 0.95}

// Of returns the band of one result.
func (b Bands) Of(score, queryConfidence float32) matching.Band {
	switch {
	case score >= b.High && queryConfidence >= b.MinConfidence:
		return matching.BandHigh
	case score >= b.Medium:
		return matching.BandMedium
	}
	return matching.BandLow
}
