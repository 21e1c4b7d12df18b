package vsbench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jobmatch/vectorstore/fvecs"
)

// TestRunPrintsTheReportFormat runs a tiny benchmark end to end, writes its
// data, and runs again from the written .fvecs files.
func TestRunPrintsTheReportFormat(t *testing.T) {
	dir := t.TempDir()
	o := Options{N: 600, Dim: 16, K: 5, Queries: 20, Seed: 1, M: 8, EfConstruction: 40,
		Ef: []int{16, 32}, Selectivity: []float64{1, 0.1, 0.01}, Threads: 2, Spread: 1, WriteData: dir, Plans: true}
	var out bytes.Buffer
	if err := Run(context.Background(), o, &out); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^bench sel=[0-9.e-]+ ef=\d+ recall=[01]\.\d{4} fill=[01]\.\d{3} qps=\d+ exact_qps=\d+ p99_ms=\d+\.\d{3}$`)
	benches := 0
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "bench ") {
			benches++
			if !line.MatchString(l) {
				t.Errorf("malformed line %q", l)
			}
			if !strings.Contains(l, "fill=1.000") {
				t.Errorf("not every query got a full page: %q", l)
			}
		}
	}
	if benches != 6 || !regexp.MustCompile(`(?m)^build n=600 seconds=[\d.]+ bytes_per_vector=\d+$`).MatchString(out.String()) {
		t.Fatalf("output:\n%s", out.String())
	}
	base, err := fvecs.ReadFile(filepath.Join(dir, "base.fvecs"), 0)
	if err != nil || len(base) != 600 {
		t.Fatalf("base.fvecs: %d vectors, %v", len(base), err)
	}
	ids, _ := os.ReadFile(filepath.Join(dir, "filter_sel0.1.txt"))
	if n := strings.Count(string(ids), "\n"); n != 60 {
		t.Fatalf("filter_sel0.1.txt lists %d points, want 60", n)
	}
	o.DataPath, o.QueryPath, o.WriteData, o.Plans = filepath.Join(dir, "base.fvecs"), filepath.Join(dir, "query.fvecs"), "", false
	out.Reset()
	if err := Run(context.Background(), o, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "build n=600 ") {
		t.Fatalf("output from files:\n%s", out.String())
	}
}
