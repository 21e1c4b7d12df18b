package half

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestKnownValues(t *testing.T) {
	tests := []struct {
		in   float32
		want uint16
	}{
		{0, 0}, {1, 0x3c00}, {-2, 0xc000}, {65504, 0x7bff}, {1e6, 0x7c00},
		{float32(math.Inf(-1)), 0xfc00}, {5.960464477539063e-08, 0x0001}, {0.333333343, 0x3555},
		{6.103515625e-05, 0x0400}, {1e-9, 0},
	}
	for _, tt := range tests {
		if got := FromFloat32(tt.in); got != tt.want {
			t.Errorf("FromFloat32(%g) = %#04x, want %#04x", tt.in, got, tt.want)
		}
	}
	if x := ToFloat32(FromFloat32(float32(math.NaN()))); x == x {
		t.Error("NaN did not stay NaN")
	}
}

// TestRoundTripAndNearest: every float16 survives the round trip, and
// random float32s from below the subnormals to beyond the range round to
// the nearest float16.
func TestRoundTripAndNearest(t *testing.T) {
	for h := range 1 << 16 {
		x := ToFloat32(uint16(h))
		if x != x { // NaN
			continue
		}
		if got := FromFloat32(x); got != uint16(h) {
			t.Fatalf("FromFloat32(ToFloat32(%#04x) = %v) = %#04x", h, x, got)
		}
	}
	r := rand.New(rand.NewPCG(1, 1))
	for range 200000 {
		x := float32(math.Ldexp(r.Float64()+0.5, r.IntN(44)-27))
		if r.IntN(2) == 0 {
			x = -x
		}
		h := FromFloat32(x)
		got := float64(ToFloat32(h))
		if math.Abs(float64(x)) >= 65520 {
			if !math.IsInf(got, 0) {
				t.Fatalf("FromFloat32(%v) = %v, want Inf", x, got)
			}
			continue
		}
		d := math.Abs(got - float64(x))
		for _, nb := range []uint16{h - 1, h + 1} {
			if nb&0x7c00 == 0x7c00 {
				continue
			}
			if dn := math.Abs(float64(ToFloat32(nb)) - float64(x)); dn < d && h&0x7fff != 0 {
				t.Fatalf("FromFloat32(%v) = %v, but %v is nearer", x, got, ToFloat32(nb))
			}
		}
	}
}
