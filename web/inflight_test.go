package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestInFlightQueuesRequestsBeyondTheLimit: with room for one, a second
// request waits until the first is done, health checks and writes never
// wait, and a waiting request whose client gives up leaves the queue.
func TestInFlightQueuesRequestsBeyondTheLimit(t *testing.T) {
	e := echo.New()
	e.Use(inFlight(1))
	release := make(chan struct{})
	var running, most, entered atomic.Int32
	e.GET("/work", func(c echo.Context) error {
		entered.Add(1)
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-release
		return c.NoContent(http.StatusOK)
	})
	e.GET("/healthz", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	e.POST("/upload", func(c echo.Context) error { return c.NoContent(http.StatusCreated) })
	srv := httptest.NewServer(e)
	defer srv.Close()

	done := make(chan int, 2)
	get := func(ctx context.Context, path string) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}
	go get(context.Background(), "/work")
	for running.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	go get(context.Background(), "/work")
	// A health check answers while both slots' worth of work is pending.
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("health check while busy: %v %v", resp, err)
	}
	resp.Body.Close()
	// So does a write: only reads queue.
	resp, err = http.Post(srv.URL+"/upload", "text/plain", strings.NewReader("x"))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("write while busy: %v %v", resp, err)
	}
	resp.Body.Close()
	// A request whose client gives up while queued does not run.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	get(ctx, "/work")
	if code := <-done; code != 0 {
		t.Fatalf("a request given up while queued answered %d", code)
	}
	time.Sleep(100 * time.Millisecond) // for the server to see the client leave
	close(release)
	for range 2 {
		if code := <-done; code != http.StatusOK {
			t.Fatalf("queued request = %d", code)
		}
	}
	if m := most.Load(); m != 1 {
		t.Fatalf("%d handlers ran at once, want 1", m)
	}
	time.Sleep(50 * time.Millisecond) // a request left in the queue would run now
	if n := entered.Load(); n != 2 {
		t.Fatalf("%d handlers ran, want 2 (the abandoned request must not run)", n)
	}
}
