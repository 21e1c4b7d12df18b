package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// inFlight lets at most n requests run their handlers at once; the others
// wait in arrival order (Go queues channel waiters first in, first out) or
// until their client gives up.
//
// Match requests are short CPU work. Run many at once on few cores and the
// scheduler time-slices them all, so each takes as long as the slowest mix
// of its neighbours; queued, each waits for those ahead of it and then runs
// nearly alone, which shortens the tail (docs/matching.md, "Requests take
// turns"). n is twice the number of cores, enough to keep them busy while
// some handlers wait on Postgres.
//
// Only reads queue (GET and HEAD: searches and pages, where the CPU goes).
// A write reads its body from the network inside its handler, so a few slow
// uploads holding the slots would stall every search. Health checks and
// static files never queue: a load balancer must see a busy server as alive.
func inFlight(n int) echo.MiddlewareFunc {
	slots := make(chan struct{}, max(n, 1))
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
				r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || strings.HasPrefix(r.URL.Path, "/static/") {
				return next(c)
			}
			ctx := c.Request().Context()
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			defer func() { <-slots }()
			if err := ctx.Err(); err != nil {
				return err // the client left while this request waited
			}
			return next(c)
		}
	}
}
