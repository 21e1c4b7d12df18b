package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"jobmatch/matching"
	"jobmatch/static"
)

func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(requestIDs())
	e.Use(s.requestLogger())
	e.Use(s.recoverer())
	e.Use(inFlight(s.cfg.maxInFlight()))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
	}))
	e.Use(noStore)
	isImport := func(c echo.Context) bool { return c.Path() == "/admin/import" && c.Request().Method == http.MethodPost }
	e.Use(bodyLimit(maxBodyMB, isImport))
	e.Use(bodyLimit(maxImportMB, func(c echo.Context) bool { return !isImport(c) }))
	e.Use(s.authenticate)
	e.Use(checkInput)
	e.Use(s.csrf)

	recruiters := requireRole(matching.RoleRecruiter, matching.RoleAdmin)
	admins := requireRole(matching.RoleAdmin)
	candidates := requireRole(matching.RoleCandidate)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.StaticFS("/static", static.FS)

	e.GET("/signin", s.signinPage)
	e.POST("/signin", s.signin)
	e.POST("/signout", s.signout)
	e.GET("/signup", s.signupPage)
	e.POST("/signup", s.signup)
	e.GET("/account", s.accountPage, signedIn)
	e.POST("/account/tokens", s.createToken, signedIn)
	e.POST("/account/tokens/:id/revoke", s.revokeToken, signedIn)
	e.GET("/profile", s.profilePage, candidates)
	e.POST("/profile", s.profileSave, candidates)

	// Open vacancies are public job ads; changing them is for their recruiter.
	e.GET("/", s.vacancyList)
	e.GET("/vacancies", s.vacancyList)
	e.GET("/vacancies/new", s.vacancyNew, recruiters)
	e.POST("/vacancies", s.vacancyCreate, recruiters)
	e.GET("/vacancies/:id", s.vacancyShow)
	e.GET("/vacancies/:id/edit", s.vacancyEdit, recruiters)
	e.POST("/vacancies/:id", s.vacancyUpdate, recruiters)

	e.GET("/positions", s.positionsPage)
	e.GET("/suggest/titles", s.suggestTitles)
	e.GET("/profile/positions", s.profilePositions, candidates)
	e.GET("/vacancies/:id/candidates", s.vacancyCandidatesPage, recruiters)
	e.GET("/vacancies/:id/candidates.csv", s.exportCandidates, recruiters)
	e.POST("/vacancies/:id/shortlist", s.shortlistToggle, recruiters)
	e.POST("/vacancies/:id/decisions", s.vacancyDecide, recruiters)
	e.POST("/profile/positions/decisions", s.positionDecide, candidates)

	e.GET("/admin/rules", s.rulesPage, admins)
	e.POST("/admin/rules", s.ruleCreate, admins)
	e.GET("/admin/rules/preview", s.rulePreview, admins)
	e.GET("/admin/rules/draft", s.ruleDraftPreview, admins)
	e.GET("/admin/rules/reach", s.ruleReach, admins)
	e.POST("/admin/rules/:id/toggle", s.ruleToggle, admins)
	e.GET("/admin/rules/:id/edit", s.ruleEdit, admins)
	e.POST("/admin/rules/:id", s.ruleUpdate, admins)
	e.GET("/admin/rules/:id/audit", s.ruleAudit, admins)

	e.GET("/admin/map", s.titleMap, admins)
	e.GET("/admin/models", s.modelsPage, admins)
	e.POST("/admin/models/promote", s.modelPromote, admins)
	e.POST("/admin/models/train", s.modelTrain, admins)
	e.GET("/admin/models/runs/:id", s.modelRun, admins)
	e.GET("/admin/users", s.usersPage, admins)
	e.GET("/admin/audit", s.auditPage, admins)
	e.GET("/admin/import", s.importPage, admins)
	e.POST("/admin/import", s.importCheck, admins)
	e.POST("/admin/import/:job/start", s.importStart, admins)
	e.GET("/admin/import/:job", s.importProgress, admins)
	e.GET("/admin/candidates/:id/erase", s.erasePage, admins)
	e.POST("/admin/candidates/:id/erase", s.erase, admins)

	e.GET("/candidates", s.candidateList, recruiters)
	e.GET("/candidates/new", s.candidateNew, admins)
	e.POST("/candidates", s.candidateCreate, admins)
	e.GET("/candidates/:id", s.candidateShow, recruiters)

	// Every API call needs a token; roles are checked per route and, for
	// records, per owner inside the handler.
	api := e.Group("/api/v1")
	api.GET("/vacancies", s.apiVacancyList, signedIn)
	api.POST("/vacancies", s.apiVacancyCreate, recruiters)
	api.GET("/vacancies/:id", s.apiVacancyGet, signedIn)
	api.PUT("/vacancies/:id", s.apiVacancyUpdate, recruiters)
	api.DELETE("/vacancies/:id", s.apiVacancyDelete, recruiters)
	api.GET("/candidates", s.apiCandidateList, recruiters)
	api.POST("/candidates", s.apiCandidateCreate, requireRole(matching.RoleCandidate, matching.RoleAdmin))
	api.GET("/candidates/:id", s.apiCandidateGet, signedIn)
	api.PUT("/candidates/:id", s.apiCandidateUpdate, requireRole(matching.RoleCandidate, matching.RoleAdmin))
	api.DELETE("/candidates/:id", s.apiCandidateDelete, requireRole(matching.RoleCandidate, matching.RoleAdmin))

	api.GET("/search/vacancies", s.apiSearchVacancies, signedIn)
	api.GET("/vacancies/:id/candidates", s.apiVacancyCandidates, recruiters)
	api.GET("/candidates/:id/vacancies", s.apiCandidateVacancies, requireRole(matching.RoleCandidate, matching.RoleAdmin))
	api.POST("/vacancies/:id/decisions", s.apiVacancyDecide, recruiters)
	api.DELETE("/vacancies/:id/decisions/:candidate_id", s.apiVacancyUndecide, recruiters)
	api.POST("/candidates/:id/decisions", s.apiCandidateDecide, requireRole(matching.RoleCandidate, matching.RoleAdmin))
	api.DELETE("/candidates/:id/decisions/:vacancy_id", s.apiCandidateUndecide, requireRole(matching.RoleCandidate, matching.RoleAdmin))

	api.GET("/rules", s.apiRuleList, admins)
	api.POST("/rules", s.apiRuleCreate, admins)
	api.GET("/rules/preview", s.apiRulePreview, admins)
	api.GET("/rules/reach", s.apiRuleReach, admins)
	api.GET("/rules/:id", s.apiRuleGet, admins)
	api.PUT("/rules/:id", s.apiRuleUpdate, admins)
	api.DELETE("/rules/:id", s.apiRuleDelete, admins)
	api.GET("/openapi.json", s.openAPI) // public: it describes, it reveals nothing
}

// isAPI reports whether the request is for the JSON API, which gets JSON errors.
func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}
