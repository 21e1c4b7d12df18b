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
// jobmatch-title-v1@ccd2a0948c7a on the 15,462 readable JobBERT validation
// titles against ESCO preferred labels: the best match is right 76.9% of
// the time in the high band (4.3% of queries), 46.3% in the medium band
// (17.8%) and 16.1% in the low band. The model's softmax-group vectors are
// all positive, so similarities sit high; only their order and these
// calibrated cut-offs mean something. Re-run calibrate after retraining.
var DefaultBands = Bands{High: 0.98, Medium: 0.95, MinConfidence: 0.04}

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
