package features

import (
	"slices"
	"testing"
)

func TestVocabKeepsFrequentBucketsAndRoundTrips(t *testing.T) {
	c := Config{Buckets: 1 << 16, Words: true}
	v, err := BuildVocab(c, []string{"nurse", "staff nurse", "nurse nurse", "welder"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if v.Len() != 1 {
		t.Fatalf("want only 'nurse' kept, got %d rows", v.Len())
	}
	rows := v.Rows(nil, c.Featurize(nil, "Nurse Welder"))
	if !slices.Equal(rows, []int32{0}) {
		t.Errorf("rows = %v, want [0]", rows)
	}
	data, _ := v.MarshalBinary()
	w, err := ParseVocab(data, c.Buckets)
	if err != nil || !slices.Equal(w.buckets, v.buckets) {
		t.Fatalf("round trip: %v, %v vs %v", err, w, v)
	}
	if _, err := ParseVocab([]byte{1, 2, 3}, c.Buckets); err == nil {
		t.Error("ParseVocab accepted a truncated file")
	}
}
