package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/auth"
	"jobmatch/matching"
)

// errSignInRequired and errForbidden are returned by handlers and mapped by
// the central error handler: 401 (or a redirect to sign in for pages) and 403.
var (
	errSignInRequired = errors.New("sign in required")
	errForbidden      = errors.New("forbidden")
)

const (
	sessionCookie   = "jm_session"
	sessionLifetime = 14 * 24 * time.Hour
	userContextKey  = "user"
)

// authenticate identifies the caller: pages by the session cookie, the API by
// an "Authorization: Bearer" token. It never rejects; routes decide with
// requireRole what an anonymous caller may do.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		var secret string
		var lookup func(context.Context, []byte) (matching.User, error)
		if h := c.Request().Header.Get(echo.HeaderAuthorization); isAPI(c) && h != "" {
			scheme, token, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
				return badRequest("Authorization", "use the header Authorization: Bearer <API token>")
			}
			secret, lookup = token, s.store.APITokenUser
		} else if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" && !isAPI(c) {
			secret, lookup = ck.Value, s.store.SessionUser
		}
		if lookup != nil {
			u, err := lookup(ctx, auth.HashSecret(secret))
			switch {
			case err == nil:
				c.Set(userContextKey, u)
				if !isAPI(c) {
					c.Set(sessionSecretKey, secret)
				}
			case errors.Is(err, matching.ErrNotFound):
				if isAPI(c) {
					return errBadToken
				}
				s.clearSessionCookie(c) // expired or signed out elsewhere
			default:
				return err
			}
		}
		return next(c)
	}
}

// errBadToken is an unknown or revoked API token: 401, not anonymous access,
// so a client with a mistyped token learns at once.
var errBadToken = &statusError{status: http.StatusUnauthorized, msg: "the API token is unknown or revoked; create a new one on your account page"}

// challenge says how to authenticate, as every 401 must (RFC 9110): the API
// takes a Bearer token (RFC 6750), pages a session cookie from the sign-in
// form (the "Cookie" scheme of draft-broyer-http-cookie-auth).
func challenge(c echo.Context, badToken bool) {
	h := `Cookie realm="jobmatch", form-action="/signin", cookie-name="` + sessionCookie + `"`
	if isAPI(c) {
		h = `Bearer realm="jobmatch"`
		if badToken {
			h += `, error="invalid_token"`
		}
	}
	c.Response().Header().Set(echo.HeaderWWWAuthenticate, h)
}

// statusError carries a status and a safe message chosen by the handler.
type statusError struct {
	status int
	msg    string
	field  string // the request field at fault, if one is
}

func (e *statusError) Error() string { return e.msg }

// currentUser returns the signed-in user, if any.
func currentUser(c echo.Context) (matching.User, bool) {
	u, ok := c.Get(userContextKey).(matching.User)
	return u, ok
}

// requireRole lets through signed-in users with one of roles. Anonymous page
// visitors are sent to sign in and brought back afterwards.
func requireRole(roles ...matching.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u, ok := currentUser(c)
			if !ok {
				if !isAPI(c) && c.Request().Method == http.MethodGet {
					return c.Redirect(http.StatusSeeOther, "/signin?next="+url.QueryEscape(c.Request().URL.RequestURI()))
				}
				return errSignInRequired
			}
			for _, r := range roles {
				if u.Role == r {
					return next(c)
				}
			}
			return errForbidden
		}
	}
}

// signedIn lets through any signed-in user.
var signedIn = requireRole(matching.RoleCandidate, matching.RoleRecruiter, matching.RoleAdmin)

func (s *Server) setSessionCookie(c echo.Context, secret string) {
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/", MaxAge: int(sessionLifetime / time.Second),
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// safeNext keeps post-sign-in redirects on this site (no open redirect): it
// returns next only when it is a path on this origin, written in plain
// ASCII, and "/" otherwise. Browsers forgive a lot in a Location (they drop
// tabs and newlines, read a backslash as "/", and "//host" names another
// site), so anything that could be read as another origin is refused, also
// once percent-decoded.
func safeNext(next string) string {
	bad := func(s string) bool {
		return !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") ||
			strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == '\\' })
	}
	if len(next) > 2048 || bad(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	if p, err := url.PathUnescape(u.EscapedPath()); err != nil || bad(p) {
		return "/"
	}
	return next
}
