package vectorstore

import "math"

// normalize scales v to unit L2 norm in place and reports whether that was
// possible (false for a zero vector or one holding NaN or Inf). Stored
// vectors are normalised so that a dot product is a cosine similarity.
func normalize(v []float32) bool {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return false
	}
	inv := 1 / math.Sqrt(s)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
	return true
}
