package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/auth"
	"jobmatch/matching"
	"jobmatch/views/layouts"
	"jobmatch/views/pages"
)

// layout describes the page frame for the current visitor.
func (s *Server) layout(c echo.Context, title, nav string) layouts.Page {
	p := layouts.Page{Title: title, Nav: nav, CSRF: csrfToken(c)}
	if u, ok := currentUser(c); ok {
		p.Email, p.Role = u.Email, string(u.Role)
	}
	return p
}

func (s *Server) accountPage(c echo.Context) error {
	return s.renderAccount(c, http.StatusOK, "", "")
}

func (s *Server) renderAccount(c echo.Context, status int, newToken, nameErr string) error {
	u, _ := currentUser(c)
	tokens, err := s.store.APITokens(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	m := pages.Account{Layout: s.layout(c, "Your account", "account"), Email: u.Email, Role: string(u.Role),
		NewToken: newToken, NameError: nameErr}
	for _, t := range tokens {
		row := pages.TokenRow{ID: t.ID, Name: t.Name, Created: formatTime(t.CreatedAt), LastUsed: "never",
			Revoked: t.RevokedAt != nil, RevokeURL: "/account/tokens/" + strconv.FormatInt(t.ID, 10) + "/revoke"}
		if t.LastUsedAt != nil {
			row.LastUsed = formatTime(*t.LastUsedAt)
		}
		m.Tokens = append(m.Tokens, row)
	}
	return render(c, status, pages.AccountPage(m))
}

// createToken makes an API token and shows its secret once, in this response
// (never in a URL or a redirect).
func (s *Server) createToken(c echo.Context) error {
	u, _ := currentUser(c)
	name := strings.Join(strings.Fields(c.FormValue("name")), " ")
	if name == "" || len([]rune(name)) > 100 {
		return s.renderAccount(c, http.StatusUnprocessableEntity, "", "give the token a name of 1 to 100 characters")
	}
	secret, err := auth.NewSecret(auth.APITokenPrefix)
	if err != nil {
		return err
	}
	t := matching.APIToken{UserID: u.ID, Name: name}
	if err := s.store.CreateAPIToken(c.Request().Context(), u.Actor(), &t, auth.HashSecret(secret)); err != nil {
		return err
	}
	return s.renderAccount(c, http.StatusCreated, secret, "")
}

func (s *Server) revokeToken(c echo.Context) error {
	u, _ := currentUser(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.store.RevokeAPIToken(c.Request().Context(), u.Actor(), u.ID, id); err != nil {
		return err
	}
	return redirectAfterPost(c, "/account")
}
