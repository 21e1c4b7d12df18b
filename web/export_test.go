package web

import (
	"time"

	"github.com/labstack/echo/v4"
)

// The names the external tests (package web_test, which starts the whole
// application through package app) use from inside web.

type (
	APIError            = apiError
	APIVacancy          = apiVacancy
	APICandidate        = apiCandidate
	APIVacancyMatch     = apiVacancyMatch
	APICandidateMatch   = apiCandidateMatch
	APIMatchSummary     = apiMatchSummary
	ListResponse[T any] = listResponse[T]
)

const (
	CSRFCookie    = csrfCookie
	CSRFHeader    = csrfHeader
	SessionCookie = sessionCookie
	TokenTTL      = tokenTTL
)

var (
	VacancyURL       = vacancyURL
	CandidateURL     = candidateURL
	RuleURL          = ruleURL
	SafeNext         = safeNext
	NewCSRFToken     = newCSRFToken
	SessionCSRFToken = sessionCSRFToken
)

// Echo is the server's router, for tests that list or add routes.
func (s *Server) Echo() *echo.Echo { return s.echo }

// SetTokenClock makes the API token cache read the time from now.
func (s *Server) SetTokenClock(now func() time.Time) { s.tokens.now = now }
