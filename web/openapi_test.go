package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIDescribesExactlyTheRealRoutes compares the served document with
// the routes echo actually has under /api/v1, both ways.
func TestOpenAPIDescribesExactlyTheRealRoutes(t *testing.T) {
	app := newTestApp(t)
	resp, body := app.get("/api/v1/openapi.json")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET openapi.json = %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not an OpenAPI 3 document: %v", err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method != "parameters" {
				documented[strings.ToUpper(method)+" /api/v1"+path] = true
			}
		}
	}
	param := regexp.MustCompile(`:(\w+)`)
	routed := map[string]bool{}
	for _, r := range app.server.Echo().Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			routed[r.Method+" "+param.ReplaceAllString(r.Path, "{$1}")] = true
		}
	}
	for k := range routed {
		if !documented[k] {
			t.Errorf("route %s is not documented", k)
		}
	}
	for k := range documented {
		if !routed[k] {
			t.Errorf("documented %s has no route", k)
		}
	}
	if t.Failed() {
		keys := make([]string, 0, len(routed))
		for k := range routed {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Logf("routes: %s", strings.Join(keys, "\n"))
	}
}
