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
// Match requests are CPU work of one to a few milliseconds. Run 32 of them
// at once on two cores and the scheduler time-slices them all, so each
// takes as long as the slowest mix of its neighbours: at 1,300 requests/s
// the server-side p50 was 12 ms and the p99 67 ms. Queued, each waits for
// those ahead of it and then runs nearly alone, so everyone waits about the
// same: with n = 4 on 2 cores (wrk, 32 connections) the p99 went from
// 76 ms to 38-49 ms and throughput rose by 2-20 %. n is twice the number
// of cores, enough to keep them busy while some handlers wait on Postgres
// (3, 4 and 6 measured alike within noise; 2 lost throughput).
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
