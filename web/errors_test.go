package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"jobmatch/web"
)

func TestUnknownPageIsAFriendly404(t *testing.T) {
	app := newTestApp(t)
	doc := app.page("/no/such/page", http.StatusNotFound)
	if got := doc.Find(`[data-testid="error-heading"]`).Text(); got != "Not found" {
		t.Errorf("heading = %q", got)
	}
}

func TestUnknownAPIRouteIsJSON(t *testing.T) {
	app := newTestApp(t)
	resp, body := app.get("/api/v1/nothing")
	var e web.APIError
	if resp.StatusCode != http.StatusNotFound || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
		t.Errorf("got %d %s, want a JSON 404", resp.StatusCode, body)
	}
}

func TestPanicsBecomeA500WithoutInternals(t *testing.T) {
	app := newTestApp(t)
	app.server.Echo().GET("/boom", func(echo.Context) error { panic("secret internal detail") })
	app.server.Echo().GET("/api/v1/boom", func(echo.Context) error { panic("secret internal detail") })
	resp, body := app.get("/boom")
	if resp.StatusCode != http.StatusInternalServerError || strings.Contains(body, "secret") {
		t.Errorf("page: %d, leaks internals: %v", resp.StatusCode, strings.Contains(body, "secret"))
	}
	if !strings.Contains(body, resp.Header.Get(echo.HeaderXRequestID)) {
		t.Error("the error page does not show the request id")
	}
	resp, body = app.get("/api/v1/boom")
	if resp.StatusCode != http.StatusInternalServerError || strings.Contains(body, "secret") || !strings.Contains(body, `"error"`) {
		t.Errorf("api: %d %s", resp.StatusCode, body)
	}
	// The server keeps serving after a panic.
	if resp, _ := app.get("/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("after panic /healthz = %d", resp.StatusCode)
	}
}
