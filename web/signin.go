package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/auth"
	"jobmatch/matching"
	"jobmatch/views/forms"
)

func (s *Server) signinPage(c echo.Context) error {
	return s.renderSignin(c, http.StatusOK, forms.SignIn{Next: safeNext(c.QueryParam("next"))})
}

func (s *Server) renderSignin(c echo.Context, status int, f forms.SignIn) error {
	f.Layout = s.layout(c, "Sign in", "signin")
	if status == http.StatusUnauthorized {
		challenge(c, false)
	}
	return render(c, status, forms.SignInForm(f))
}

// signin checks the password and starts a session. Unknown emails and wrong
// passwords get the same answer and take the same time, so the form does not
// reveal who has an account.
func (s *Server) signin(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	pw := c.FormValue("password")
	f := forms.SignIn{Email: email, Next: safeNext(c.FormValue("next"))}
	addr := c.RealIP()
	device, _ := c.Cookie(deviceCookie)
	signins, err := s.signinLimiter(c.Request().Context())
	if err != nil {
		return err
	}
	known := device != nil && signins.KnownDevice(email, device.Value)
	if ok, err := signins.Allow(c.Request().Context(), addr, email, known); err != nil {
		return err
	} else if !ok {
		f.Problem = "Too many sign-in attempts. Wait a minute and try again."
		return s.renderSignin(c, http.StatusTooManyRequests, f)
	}
	u, err := s.store.UserByEmail(c.Request().Context(), email)
	switch {
	case errors.Is(err, matching.ErrNotFound):
		auth.SpendPasswordCheck(pw)
		err = auth.ErrWrongPassword
	case err != nil:
		return err
	default:
		err = auth.CheckPassword(u.PasswordHash, pw)
	}
	if err != nil {
		f.Problem = "The email or password is wrong. Check both and try again."
		return s.renderSignin(c, http.StatusUnauthorized, f)
	}
	if err := signins.Succeeded(c.Request().Context(), addr, email); err != nil {
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: deviceCookie, Value: signins.DeviceToken(email), Path: "/signin",
		MaxAge: int(deviceLifetime / time.Second), HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
	return redirectAfterPost(c, f.Next)
}

// signinLimiter returns the sign-in limiter. Its counts are in Postgres and
// its device key is shared there, so every replica enforces the same limits
// and knows the same devices; the key is read at the first sign-in.
func (s *Server) signinLimiter(ctx context.Context) (*auth.SignInLimiter, error) {
	s.signinMu.Lock()
	defer s.signinMu.Unlock()
	if s.signins == nil {
		key, err := s.store.SharedKey(ctx, deviceKeyName)
		if err != nil {
			return nil, err
		}
		s.signins = auth.NewSignInLimiter(s.store, key)
	}
	return s.signins, nil
}

// deviceKeyName names the shared key that signs device tokens.
const deviceKeyName = "signin_device"

// deviceCookie marks a browser that has signed in to an account, so that
// others' failed guesses do not lock it out (auth.SignInLimiter).
const (
	deviceCookie   = "jm_device"
	deviceLifetime = 365 * 24 * time.Hour
)

func (s *Server) startSession(c echo.Context, u matching.User) error {
	secret, err := auth.NewSecret(auth.SessionPrefix)
	if err != nil {
		return err
	}
	if err := s.store.CreateSession(c.Request().Context(), u.ID, auth.HashSecret(secret), time.Now().Add(sessionLifetime)); err != nil {
		return err
	}
	s.setSessionCookie(c, secret)
	s.clearCSRFCookie(c)
	return nil
}

func (s *Server) signout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.store.DeleteSession(c.Request().Context(), auth.HashSecret(ck.Value)); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	s.clearCSRFCookie(c)
	return redirectAfterPost(c, "/")
}

func (s *Server) signupPage(c echo.Context) error {
	return s.renderSignup(c, http.StatusOK, forms.SignUp{Role: string(matching.RoleCandidate)})
}

func (s *Server) renderSignup(c echo.Context, status int, f forms.SignUp) error {
	f.Layout = s.layout(c, "Create an account", "signup")
	f.Summary = summaryFor(f.Errors)
	return render(c, status, forms.SignUpForm(f))
}

// signup creates a candidate or recruiter account and signs it in. Admin
// accounts are never self-service.
func (s *Server) signup(c echo.Context) error {
	f := forms.SignUp{Email: strings.TrimSpace(c.FormValue("email")), Role: c.FormValue("role"), Errors: map[string]string{}}
	pw := c.FormValue("password")
	role, err := matching.ParseRole(f.Role)
	if err != nil || role == matching.RoleAdmin {
		f.Errors["role"] = "choose candidate or recruiter"
	}
	email, err := matching.ParseEmail(f.Email)
	if err != nil {
		f.Errors["email"] = err.Error()
	}
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		f.Errors["password"] = err.Error()
	} else if pw != c.FormValue("password_again") {
		f.Errors["password_again"] = "the two passwords differ; type the same password twice"
	}
	if len(f.Errors) > 0 {
		return s.renderSignup(c, http.StatusUnprocessableEntity, f)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u := matching.User{Email: email, Role: role, PasswordHash: hash}
	err = s.store.CreateUser(c.Request().Context(), matching.Actor{Label: email}, &u)
	if errors.Is(err, matching.ErrConflict) {
		f.Errors["email"] = "an account with this email exists; sign in instead"
		return s.renderSignup(c, http.StatusConflict, f)
	}
	if err != nil {
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	if role == matching.RoleCandidate {
		return redirectAfterPost(c, "/profile")
	}
	return redirectAfterPost(c, "/vacancies/new")
}
