package dataset

import (
	"testing"
)

// TestLoadSharedData reads the real files and prints the class statistics
// that docs/encoder.md quotes.
func TestLoadSharedData(t *testing.T) {
	dir := Dir()
	if m := Missing(dir, ESCOOccupationsFile, ONETOccupationsFile, ONETAlternateFile, ONETReportedFile, JobBERTValFile); len(m) > 0 {
		t.Skipf("data dir %s lacks %v (set JOBMATCH_DATA_DIR)", dir, m)
	}
	src, err := Load(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.ESCO) < 2900 || len(src.ONET) < 1000 || len(src.Val) < 15000 {
		t.Fatalf("unexpected sizes: %d ESCO, %d O*NET codes, %d val titles", len(src.ESCO), len(src.ONET), len(src.Val))
	}
	for _, mode := range []LinkMode{LinkNone, LinkConstrained} {
		_, st, err := BuildClasses(Options{ESCO: src.ESCO, ONET: src.ONET, Link: mode})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("link=%s: %+v", mode, st)
		if st.LargestClass > st.Titles/20 {
			t.Errorf("link=%s: one class holds %d of %d titles", mode, st.LargestClass, st.Titles)
		}
	}
}
