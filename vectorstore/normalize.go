package vectorstore

import (
	"math"

	"jobmatch/internal/half"
)

// storedAlready reports whether v is a vector as the index stores it (every
// element a float16 value, unit length within float16 rounding), as Get
// returns them, and if so encodes it into h. Such a vector is kept as it
// is: normalising it again could move an element to the neighbouring
// float16 value, and a copy of a stored point would no longer be the same
// point (an alias, alias.go). Output of the encoder is never float16-exact,
// so it always takes the normalising path.
func storedAlready(v []float32, h []uint16) bool {
	// Exactness first: other input fails at its first element or so, and
	// is then encoded once, after normalising.
	var s float64
	for i, x := range v {
		h[i] = half.FromFloat32(x)
		if f16Table[h[i]] != x {
			return false
		}
		s += float64(x) * float64(x)
	}
	// float16 rounds each element by at most 2^-11 relative, so the
	// squared norm of a rounded unit vector is within 2*2^-11 of 1.
	return math.Abs(s-1) <= 1e-3
}

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
