package onnx

import (
	"math"
	"testing"
)

func TestFloat16RoundTrip(t *testing.T) {
	tests := []struct {
		in   float32
		want uint16
	}{
		{0, 0}, {1, 0x3c00}, {-2, 0xc000}, {65504, 0x7bff}, {1e6, 0x7c00},
		{float32(math.Inf(-1)), 0xfc00}, {5.960464477539063e-08, 0x0001}, {0.333333343, 0x3555},
		{6.103515625e-05, 0x0400}, {1e-9, 0},
	}
	for _, tt := range tests {
		if got := ToFloat16(tt.in); got != tt.want {
			t.Errorf("ToFloat16(%g) = %#04x, want %#04x", tt.in, got, tt.want)
		}
	}
	// Every finite half survives the round trip through float32.
	for h := range uint32(0x10000) {
		if h&0x7c00 == 0x7c00 {
			continue
		}
		if got := ToFloat16(FromFloat16(uint16(h))); got != uint16(h) {
			t.Fatalf("round trip of %#04x gave %#04x", h, got)
		}
	}
}
