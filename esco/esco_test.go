package esco

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadOccupations(t *testing.T) {
	in := "conceptUri,iscoGroup,preferredLabel,altLabels\n" +
		"u1,2221,nurse responsible for general care,\"nurse\nRN\"\n" +
		"u2,9112,cleaner,\n" +
		"u3,0110,,\n"
	occ, err := ReadOccupations(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 2 || occ[0].Label != "nurse responsible for general care" || occ[0].MajorGroup() != 2 || occ[1].MajorGroup() != 9 {
		t.Errorf("occupations = %+v", occ)
	}
	if _, err := ReadOccupations(strings.NewReader("a,b\n1,2\n")); err == nil {
		t.Error("a file without ESCO columns was accepted")
	}
}

// TestLoadsTheSharedESCOFile reads the real ESCO export when it is present
// (../shared/data, not part of the repository).
func TestLoadsTheSharedESCOFile(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "esco_occupations_en.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("ESCO data not found at %s: this test needs ../shared/data", path)
	}
	occ, err := LoadOccupations(path)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[int]int{}
	for _, o := range occ {
		groups[o.MajorGroup()]++
	}
	if len(occ) < 2500 || len(groups) < 9 || groups[-1] > 0 {
		t.Errorf("%d occupations in major groups %v", len(occ), groups)
	}
}
