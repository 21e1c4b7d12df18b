package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBenchMatchRunsTheWholeStack: a tiny bench-match seeds an empty
// database, serves real match requests over HTTP and answers every one of
// them with 200 (errors=0), printing one line per client count. This checks
// the tool, not speed.
func TestBenchMatchRunsTheWholeStack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	testDB.Open(t) // empty tables
	out, err := jobmatch(ctx, "bench-match", "-vacancies", "300", "-candidates", "200",
		"-duration", "500ms", "-clients", "1,3", "-index-dir", t.TempDir()).CombinedOutput()
	if err != nil {
		t.Fatalf("bench-match: %v\n%s", err, out)
	}
	line := regexp.MustCompile(`(?m)^bench-match clients=(\d+) requests=(\d+) errors=(\d+) rps=\d+ p50_ms=[\d.]+ p99_ms=[\d.]+$`)
	got := line.FindAllStringSubmatch(string(out), -1)
	if len(got) != 2 || got[0][1] != "1" || got[1][1] != "3" {
		t.Fatalf("want one result line for 1 and for 3 clients:\n%s", out)
	}
	for _, m := range got {
		if m[2] == "0" || m[3] != "0" {
			t.Errorf("clients=%s: %s requests, %s errors; want some, none failing", m[1], m[2], m[3])
		}
	}
	if kinds := regexp.MustCompile(`(?m)^# clients=3 kind=\w+ requests=\d+ p50_ms=`).FindAllString(string(out), -1); len(kinds) != 5 {
		t.Errorf("want a line per kind of request for 3 clients:\n%s", out)
	}
	if !strings.Contains(string(out), "seed vacancies=300 candidates=200") {
		t.Errorf("the empty database was not seeded:\n%s", out)
	}
}

// TestBenchMatchWritesItsRequestsForWrk: -requests-out writes the workload
// (every kind of request, distinct) and needs no database.
func TestBenchMatchWritesItsRequestsForWrk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "requests.txt")
	if out, err := jobmatch(context.Background(), "bench-match", "-requests-out", path).CombinedOutput(); err != nil {
		t.Fatalf("bench-match -requests-out: %v\n%s", err, out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	kinds := map[string]int{}
	seen := map[string]bool{}
	for _, l := range lines {
		kinds[requestKind(l)]++
		seen[l] = true
	}
	if len(lines) < 59900 || len(lines) > 60000 || len(kinds) != 5 || len(seen) < len(lines)*8/10 {
		t.Fatalf("%d requests (%d distinct), kinds %v; want 60,000 less a few unreadable titles, mostly distinct, of 5 kinds", len(lines), len(seen), kinds)
	}
}

// TestBenchMatchNamesItsErrors: a failed request is counted under its
// status code or transport error, with an example to look at.
func TestBenchMatchNamesItsErrors(t *testing.T) {
	resp := &http.Response{StatusCode: http.StatusUnprocessableEntity}
	cause, example := failure("/api/v1/search/vacancies?title=KM", resp, []byte(`{"error":"we cannot read this title"}`), nil)
	if cause != "status 422" || !strings.Contains(example, "title=KM") || !strings.Contains(example, "cannot read") {
		t.Errorf("422: cause %q, example %q", cause, example)
	}
	if cause, _ := failure("/x", nil, nil, errors.New("connection reset by peer")); !strings.HasPrefix(cause, "transport: ") {
		t.Errorf("transport error: cause %q", cause)
	}
	if cause, _ := failure("/x", &http.Response{StatusCode: http.StatusOK}, nil, nil); cause != "" {
		t.Errorf("200: cause %q", cause)
	}
}
