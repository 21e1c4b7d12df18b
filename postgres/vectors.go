package postgres

import "jobmatch/matching"

// vectorArgs returns the columns of a title vector, NULLs when it is not
// encoded, so "no vector" is never confused with an empty one.
func vectorArgs(t matching.TitleVector) (vec []float32, conf *float32, version *string) {
	if t.IsZero() {
		return nil, nil, nil
	}
	c, v := t.Confidence, t.ModelVersion
	return t.Vector, &c, &v
}
