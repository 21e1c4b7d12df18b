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
	c := Config{Buckets: 1 << 16, Words: true, MinN: 3, MaxN: 3}
	v, err := BuildVocab(c, 2, 0, []string{"nurse", "staff nurse", "nurse"})
	if err != nil {
		t.Fatal(err)
	}
	const fallback = 16
	var s Scratch
	a := v.TitleRows(nil, c, "golang nurse", fallback, &s)
	b := v.TitleRows(nil, c, "golang", fallback, &s)
	n, fw := int32(v.Len()), int32(WordFallbackRows(fallback))
	// "golang" is a word then five 3-grams, all unseen; "nurse" is known.
	if len(a) != len(b)+6 || a[0] < n || a[0] >= n+fw {
		t.Fatalf("rows = %v: want the unseen word in the word fallback rows [%d,%d)", a, n, n+fw)
	}
	for i, r := range b {
		if r != a[i] {
			t.Errorf("the unseen word read rows %v alone and %v in a title", b, a)
		}
		if i > 0 && (r < n+fw || r >= n+fallback) {
			t.Errorf("n-gram %d read row %d, outside the n-gram fallback rows", i, r)
		}
	}
	if got := v.TitleRows(nil, c, "golang", 0, &s); len(got) != 0 {
		t.Errorf("fallback 0 kept %v", got)
	}
	bucket := c.WordBucket("nurse")
	row := v.Rows(nil, []uint32{bucket})[0]
	if got, want := v.FallbackOf(row, true, fallback), n+int32(bucket%uint32(fw)); got != want {
		t.Errorf("FallbackOf(nurse) = %d, want %d", got, want)
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
