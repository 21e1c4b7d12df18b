package engine

import "jobmatch/matching"

// Bands turns a similarity and the query title's encoder confidence into the
// band shown to users:
//
//	high    similarity >= High and confidence >= MinConfidence
//	medium  similarity >= Medium (or >= High with an unsure query)
//	low     otherwise
//
// A high band needs both a close title and a query the encoder read with
// confidence, because a low-confidence query's nearest titles are right less
// often (docs/matching.md has the calibration and how to redo it).
type Bands struct {
	High, Medium  float32 // cosine similarity thresholds
	MinConfidence float32 // query confidence needed for "high"
}

// DefaultBands were chosen on the JobBERT validation titles against ESCO
// preferred labels with the shipped model (see docs/matching.md).
var DefaultBands = Bands{High: 0.75, Medium: 0.55, MinConfidence: 0.3}

// Of returns the band of one result.
func (b Bands) Of(similarity, queryConfidence float32) matching.Band {
	switch {
	case similarity >= b.High && queryConfidence >= b.MinConfidence:
		return matching.BandHigh
	case similarity >= b.Medium:
		return matching.BandMedium
	}
	return matching.BandLow
}
