// Package half converts between float32 and IEEE 754 half precision
// (float16), which jobmatch uses twice: for the encoder's embedding table in
// the shipped ONNX model (half the size) and for the vectors the vector
// index keeps (1 KB per 512-d vector). Values are uint16 bit patterns.
package half

import "math"

// FromFloat32 rounds x to the nearest float16 (ties to even); values beyond
// the float16 range become infinities, NaN stays NaN.
func FromFloat32(x float32) uint16 {
	b := math.Float32bits(x)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23) & 0xff
	man := b & 0x7fffff
	switch {
	case exp == 0xff: // Inf or NaN
		if man != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	case exp > 127+15: // overflow
		return sign | 0x7c00
	case exp >= 127-14: // normal float16
		e := uint32(exp - 127 + 15)
		// Round the 23-bit mantissa to 10 bits, ties to even; a carry
		// into the exponent is correct (and can produce Inf).
		v := e<<10 | man>>13
		rest := man & 0x1fff
		if rest > 0x1000 || (rest == 0x1000 && v&1 == 1) {
			v++
		}
		return sign | uint16(v)
	case exp >= 127-25: // subnormal float16 (or rounds up into the smallest)
		m := man | 0x800000        // implicit bit
		shift := uint32(126 - exp) // value = m >> shift units of 2^-24
		v := m >> shift
		rest := m & (1<<shift - 1)
		half := uint32(1) << (shift - 1)
		if rest > half || (rest == half && v&1 == 1) {
			v++
		}
		return sign | uint16(v)
	}
	return sign // underflow to zero
}

// ToFloat32 widens a float16 to float32 (exact).
func ToFloat32(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	man := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | man<<13)
	case exp != 0:
		return math.Float32frombits(sign | (exp+127-15)<<23 | man<<13)
	case man == 0:
		return math.Float32frombits(sign)
	}
	v := float32(man) * (1.0 / (1 << 24)) // subnormal: man units of 2^-24
	if sign != 0 {
		v = -v
	}
	return v
}
