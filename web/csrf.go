package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

const (
	csrfContextKey = "csrf"
	csrfCookie     = "_csrf"
	csrfField      = "_csrf"
	csrfHeader     = "X-CSRF-Token"
	// sessionSecretKey holds the signed-in browser's session secret, set by
	// authenticate for csrf.
	sessionSecretKey = "session_secret"
)

var (
	errCSRFMissing = &statusError{status: http.StatusBadRequest, msg: "the form is missing its security token; reload the page and submit again"}
	errCSRFInvalid = &statusError{status: http.StatusForbidden, msg: "the form expired or was sent from another site; reload the page and submit again"}
)

// csrf requires a token with every state-changing page request (the JSON
// API authenticates with tokens, not cookies, and needs none). A signed-in
// browser's token is derived from its session secret: it changes at sign-in
// and sign-out, and no other session's token fits. Before sign-in the token
// is a random value also kept in a cookie (double submit); sign-in and
// sign-out drop that cookie, so a planted one does not outlive them.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if isAPI(c) || strings.HasPrefix(c.Path(), "/static") {
			return next(c)
		}
		want := ""
		if secret, ok := c.Get(sessionSecretKey).(string); ok {
			want = sessionCSRFToken(secret)
		} else if ck, err := c.Cookie(csrfCookie); err == nil && validCSRFToken(ck.Value) {
			want = ck.Value
		}
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		default:
			got := c.Request().Header.Get(csrfHeader)
			if got == "" {
				got = c.FormValue(csrfField)
			}
			switch {
			case got == "":
				return errCSRFMissing
			case want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1:
				return errCSRFInvalid
			}
		}
		if want == "" {
			want = newCSRFToken()
			s.setCSRFCookie(c, want)
		}
		c.Set(csrfContextKey, want)
		return next(c)
	}
}

// sessionCSRFToken derives a session's CSRF token from its secret. It differs
// from the hash the database keeps, so a copy of the sessions table yields no
// tokens.
func sessionCSRFToken(secret string) string {
	h := sha256.Sum256([]byte("jobmatch csrf\x00" + secret))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

func newCSRFToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails on Linux
	return base64.RawURLEncoding.EncodeToString(b)
}

// validCSRFToken accepts only tokens of the form newCSRFToken makes.
func validCSRFToken(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(b) == 32
}

func (s *Server) setCSRFCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

// clearCSRFCookie drops the pre-sign-in token at sign-in and sign-out.
func (s *Server) clearCSRFCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

func csrfToken(c echo.Context) string {
	t, _ := c.Get(csrfContextKey).(string)
	return t
}
