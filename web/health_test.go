package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"jobmatch/postgres"
	"jobmatch/web"
)

func TestHealthAndReadiness(t *testing.T) {
	app := newTestApp(t)
	if resp, _ := app.get("/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz = %d", resp.StatusCode)
	}
	if resp, _ := app.get("/readyz"); resp.StatusCode != http.StatusOK {
		t.Errorf("/readyz = %d", resp.StatusCode)
	}
}

func TestReadinessFailsWhenTheDatabaseIsGone(t *testing.T) {
	db, err := postgres.Open(context.Background(), testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := web.New(web.Config{Addr: "localhost:0", ShutdownTimeout: 1}, slog.New(slog.NewTextHandler(io.Discard, nil)), db, nil)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for path, want := range map[string]int{"/healthz": http.StatusOK, "/readyz": http.StatusServiceUnavailable} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}
