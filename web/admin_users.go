package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/views/components"
	"jobmatch/views/pages"
)

func (s *Server) usersPage(c echo.Context) error {
	f, err := matching.ListFilterInput{Page: c.QueryParam("page"), PerPage: "50"}.Filter()
	if err != nil {
		return badRequest("page", "page must be a whole number from 1")
	}
	users, total, err := s.store.Users(c.Request().Context(), f.PerPage, f.Offset())
	if err != nil {
		return err
	}
	if f.Page > f.Pages(total) {
		return pastLastPage(c, "/admin/users", f.Page, f.Pages(total))
	}
	m := pages.UserList{Layout: s.layout(c, "Users", "users"), Total: total, Pager: pager(c, "/admin/users", f.Page, f.Pages(total))}
	for _, u := range users {
		m.Rows = append(m.Rows, pages.UserRow{Email: u.Email, Role: string(u.Role), Created: u.CreatedAt.Format(dateFormat)})
	}
	return render(c, http.StatusOK, pages.UserListPage(m))
}

var auditEntities = []string{"", "candidate", "vacancy", "exclusion_rule", "user", "api_token"}

func (s *Server) auditPage(c echo.Context) error {
	entity := c.QueryParam("entity")
	m := pages.AuditList{Layout: s.layout(c, "Audit log", "audit"), Entity: entity}
	valid := false
	for _, e := range auditEntities {
		label := e
		if e == "" {
			label = "All"
		}
		m.Entities = append(m.Entities, components.Option{Value: e, Label: label})
		valid = valid || e == entity
	}
	if !valid {
		return badRequest("entity", fmt.Sprintf("%q is not a record kind", entity))
	}
	entries, err := s.store.RecentAudit(c.Request().Context(), entity, 200)
	if err != nil {
		return err
	}
	changes := auditChanges(entries)
	for i, e := range entries {
		what := e.Action + " " + e.Entity
		if e.EntityID != 0 {
			what += fmt.Sprintf(" %d", e.EntityID)
		}
		m.Rows = append(m.Rows, pages.AuditRow{At: formatTime(e.At), Actor: e.Actor.Label, Action: what, Changes: changes[i]})
	}
	return render(c, http.StatusOK, pages.AuditListPage(m))
}
