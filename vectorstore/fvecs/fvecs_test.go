package fvecs

import (
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := [][]float32{{1, 2, 3}, {-1.5, 0, 7e-9}}
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 2*(4+12) {
		t.Fatalf("wrote %d bytes", b.Len())
	}
	out, err := Read(bytes.NewReader(b.Bytes()), 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		for j := range in[i] {
			if in[i][j] != out[i][j] {
				t.Fatalf("vector %d differs: %v vs %v", i, in[i], out[i])
			}
		}
	}
	if _, err := Read(bytes.NewReader(b.Bytes()[:b.Len()-1]), 0); err == nil {
		t.Fatal("truncated file read without error")
	}
	if one, _ := Read(bytes.NewReader(b.Bytes()), 1); len(one) != 1 {
		t.Fatalf("limit 1 read %d vectors", len(one))
	}
}
