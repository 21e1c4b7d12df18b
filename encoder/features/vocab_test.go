package features

import (
	"slices"
	"testing"
)

func TestVocabKeepsFrequentBucketsAndRoundTrips(t *testing.T) {
	c := Config{Buckets: 1 << 16, Words: true}
	v, err := BuildVocab(c, 2, 0, []string{"nurse", "staff nurse", "nurse nurse", "welder"})
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

func TestUnseenBucketsReadFallbackRows(t *testing.T) {
	c := Config{Buckets: 1 << 16, Words: true}
	v, err := BuildVocab(c, 2, 0, []string{"nurse", "staff nurse", "nurse"})
	if err != nil {
		t.Fatal(err)
	}
	const fallback = 8
	a := v.RowsWithFallback(nil, c.Featurize(nil, "golang nurse"), fallback)
	b := v.RowsWithFallback(nil, c.Featurize(nil, "golang"), fallback)
	if len(a) != 2 || a[1] != 0 || a[0] < int32(v.Len()) || a[0] >= int32(v.Len()+fallback) {
		t.Fatalf("rows = %v, want a fallback row then nurse's row 0", a)
	}
	if len(b) != 1 || b[0] != a[0] {
		t.Errorf("the unseen word read rows %v and %v: not the same fallback row", a, b)
	}
	if got := v.RowsWithFallback(nil, c.Featurize(nil, "golang"), 0); len(got) != 0 {
		t.Errorf("fallback 0 kept %v", got)
	}
	bucket := c.Featurize(nil, "nurse")[0]
	if got, want := v.FallbackOf(0, fallback), int32(v.Len())+int32(bucket%fallback); got != want {
		t.Errorf("FallbackOf(0) = %d, want %d", got, want)
	}
}

func TestBuildVocabCapKeepsTheMostFrequent(t *testing.T) {
	c := Config{Buckets: 1 << 16, Words: true}
	v, err := BuildVocab(c, 2, 1, []string{"nurse", "nurse", "nurse", "welder", "welder"})
	if err != nil {
		t.Fatal(err)
	}
	if rows := v.Rows(nil, c.Featurize(nil, "nurse welder")); !slices.Equal(rows, []int32{0}) || v.Len() != 1 {
		t.Errorf("rows = %v of %d, want nurse only", rows, v.Len())
	}
}

func TestBuildVocabCountsTitleSetsApart(t *testing.T) {
	c := Config{Buckets: 1 << 16, Words: true}
	// "welder" occurs once in each set: twice in all, but never twice in one.
	v, err := BuildVocab(c, 2, 0, []string{"welder", "nurse"}, []string{"welder urgent", "nurse urgent"})
	if err != nil {
		t.Fatal(err)
	}
	if rows := v.Rows(nil, c.Featurize(nil, "welder urgent nurse")); len(rows) != 1 {
		t.Errorf("kept %d of welder, urgent, nurse; want urgent only", len(rows))
	}
}
