package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"jobmatch/static"
)

func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.RequestID())
	e.Use(s.requestLogger())
	e.Use(s.recoverer())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
	}))
	e.Use(middleware.BodyLimit("1M"))
	e.Use(middleware.CSRFWithConfig(middleware.CSRFConfig{
		// The JSON API is for programs, authenticated with tokens rather than
		// cookies (issue 5), so cookie-riding CSRF does not apply to it.
		Skipper:        func(c echo.Context) bool { return isAPI(c) || strings.HasPrefix(c.Path(), "/static") },
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.cfg.SecureCookies,
		CookieSameSite: http.SameSiteStrictMode,
		ContextKey:     csrfContextKey,
	}))

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.StaticFS("/static", static.FS)

	e.GET("/", s.vacancyList)
	e.GET("/vacancies", s.vacancyList)
	e.GET("/vacancies/new", s.vacancyNew)
	e.POST("/vacancies", s.vacancyCreate)
	e.GET("/vacancies/:id", s.vacancyShow)
	e.GET("/vacancies/:id/edit", s.vacancyEdit)
	e.POST("/vacancies/:id", s.vacancyUpdate)

	e.GET("/candidates", s.candidateList)
	e.GET("/candidates/new", s.candidateNew)
	e.POST("/candidates", s.candidateCreate)
	e.GET("/candidates/:id", s.candidateShow)

	api := e.Group("/api/v1")
	api.GET("/vacancies", s.apiVacancyList)
	api.POST("/vacancies", s.apiVacancyCreate)
	api.GET("/vacancies/:id", s.apiVacancyGet)
	api.PUT("/vacancies/:id", s.apiVacancyUpdate)
	api.DELETE("/vacancies/:id", s.apiVacancyDelete)
	api.GET("/candidates", s.apiCandidateList)
	api.POST("/candidates", s.apiCandidateCreate)
	api.GET("/candidates/:id", s.apiCandidateGet)
	api.PUT("/candidates/:id", s.apiCandidateUpdate)
	api.DELETE("/candidates/:id", s.apiCandidateDelete)
}

// isAPI reports whether the request is for the JSON API, which gets JSON errors.
func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}
