package encoder

import (
	"context"
	"testing"
)

// TestShippedModelPutsSameJobsTogether is a small quality regression file in
// code: for each query, the first candidate must be closer than the second.
// It needs no data set, only the shipped model.
func TestShippedModelPutsSameJobsTogether(t *testing.T) {
	e := openShipped(t)
	tests := []struct{ query, near, far string }{
		{"Registered Nurse", "nurse responsible for general care", "welder"},
		{"Senior Java Developer", "software developer", "sales assistant"},
		{"HGV Driver", "lorry driver", "pharmacist"},
		{"Chef de partie", "chef", "accountant"},
		{"Primary School Teacher", "primary school teacher", "truck driver"},
		{"Bookkeeper", "accounting assistant", "electrician"},
	}
	for _, tt := range tests {
		t.Run(tt.query+" is nearer "+tt.near+" than "+tt.far, func(t *testing.T) {
			embs, err := e.Encode(context.Background(), []string{tt.query, tt.near, tt.far})
			if err != nil {
				t.Fatal(err)
			}
			near, far := cosine(embs[0].Vector, embs[1].Vector), cosine(embs[0].Vector, embs[2].Vector)
			if near <= far {
				t.Errorf("cos(near) = %.3f ≤ cos(far) = %.3f", near, far)
			}
		})
	}
}

func cosine(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
