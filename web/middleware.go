package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// requestLogger logs one structured line per request, with the request id
// that error pages show, so a user's report can be found in the log.
func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRequestID: true, LogError: true,
		HandleError: true, // run the central error handler first so the logged status is the one sent
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return p == "/healthz" || p == "/readyz"
		},
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			attrs := []slog.Attr{
				slog.String("method", v.Method), slog.String("uri", v.URI), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.String("request_id", v.RequestID),
			}
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
				if v.Error != nil {
					attrs = append(attrs, slog.String("error", v.Error.Error()))
				}
			}
			s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
			return nil
		},
	})
}

// recoverer turns a panic into a 500 through the central error handler and
// logs the stack; the user sees a request id, never the panic text.
func (s *Server) recoverer() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				r := recover()
				if r == nil || r == http.ErrAbortHandler {
					if r != nil {
						panic(r)
					}
					return
				}
				buf := make([]byte, 8<<10)
				buf = buf[:runtime.Stack(buf, false)]
				s.log.Error("panic", "request_id", requestID(c), "panic", fmt.Sprint(r), "stack", string(buf))
				err = fmt.Errorf("panic: %v", r)
			}()
			return next(c)
		}
	}
}

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// Request body limits, in megabytes: every request, and CSV imports.
const (
	maxBodyMB   = 1
	maxImportMB = 32
)

// bodyLimit refuses request bodies over limitMB megabytes with a 413 that
// names the limit, except for requests skip lets through.
func bodyLimit(limitMB int, skip middleware.Skipper) echo.MiddlewareFunc {
	limit := middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: fmt.Sprintf("%dM", limitMB), Skipper: skip})
	tooLarge := &statusError{status: http.StatusRequestEntityTooLarge,
		msg: fmt.Sprintf("the request is too large; send at most %d MB", limitMB)}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := limit(next)
		return func(c echo.Context) error {
			err := h(c)
			if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) && !skip(c) {
				return tooLarge
			}
			return err
		}
	}
}

// noStore keeps browsers and proxies from storing any page or API answer:
// they carry personal data or a CSRF token. Static files may be cached.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !strings.HasPrefix(c.Path(), "/static") {
			c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
		}
		return next(c)
	}
}

// requestIDs gives every request an id for logs and error pages. A client's
// (or proxy's) X-Request-ID is kept only when it is a short plain token, so
// it can neither forge log lines nor carry hostile text into pages.
func requestIDs() echo.MiddlewareFunc {
	ids := middleware.RequestID()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := ids(next)
		return func(c echo.Context) error {
			if id := c.Request().Header.Get(echo.HeaderXRequestID); id != "" && !plainToken.MatchString(id) {
				c.Request().Header.Del(echo.HeaderXRequestID)
			}
			return h(c)
		}
	}
}

var plainToken = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
