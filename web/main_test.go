package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"

	"jobmatch/app"
	"jobmatch/auth"
	"jobmatch/encoder"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/postgres/pgtest"
	"jobmatch/web"
)

var (
	testDB  *pgtest.Database
	testEnc *encoder.Encoder
)

// Handler tests run the real application as package app builds it:
// Postgres, the shipped encoder through ONNX Runtime, the matching engine
// with its vector indexes, and the web server.
func TestMain(m *testing.M) {
	enc, err := encoder.Open(encoder.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "web tests need the encoder:", err)
		os.Exit(1)
	}
	testEnc = enc
	pgtest.Main(m, "web", func(db *pgtest.Database) int {
		testDB = db
		defer enc.Close()
		return m.Run()
	})
}

// testApp is a running server on a fresh database, with a browser-like client
// (cookie jar, no automatic redirects so tests see 303s).
type testApp struct {
	t      *testing.T
	db     *postgres.DB
	engine *engine.Engine
	server *web.Server
	srv    *httptest.Server
	client *http.Client
	conn   *pgx.Conn // for dbState
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	return newTestAppConfig(t, web.Config{Addr: "localhost:0", ShutdownTimeout: 1})
}

// newTestAppConfig is newTestApp with the server configured by cfg.
func newTestAppConfig(t *testing.T, cfg web.Config) *testApp {
	t.Helper()
	db := testDB.Open(t) // empties every table; the tests' own connection for fixtures
	a, err := app.Open(context.Background(), app.Config{DatabaseURL: testDB.URL,
		Engine: engine.Config{SyncEvery: 50 * time.Millisecond}, Web: cfg}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	srv := httptest.NewServer(a.Server.Handler())
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	conn, err := pgx.Connect(context.Background(), testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return &testApp{t: t, db: db, engine: a.Engine, server: a.Server, srv: srv, client: client, conn: conn}
}

// startEngine starts an engine on store, closed when t ends: for tests
// that make the database fail.
func startEngine(t *testing.T, log *slog.Logger, store engine.Store) *engine.Engine {
	t.Helper()
	eng := engine.New(engine.Config{SyncEvery: 50 * time.Millisecond}, log, testEnc, store)
	if err := eng.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

func (a *testApp) do(req *http.Request) (*http.Response, string) {
	a.t.Helper()
	resp, err := a.client.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (a *testApp) get(path string, header ...string) (*http.Response, string) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return a.do(req)
}

// page GETs path, expects status, and returns the parsed document.
func (a *testApp) page(path string, status int) *goquery.Document {
	a.t.Helper()
	resp, body := a.get(path)
	if resp.StatusCode != status {
		a.t.Fatalf("GET %s = %d, want %d\n%s", path, resp.StatusCode, status, body)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	return doc
}

// postForm submits form values to path with the CSRF token from formPage.
func (a *testApp) postForm(formPage, path string, values url.Values) (*http.Response, *goquery.Document) {
	a.t.Helper()
	doc := a.page(formPage, http.StatusOK)
	token, ok := doc.Find(`input[name="_csrf"]`).Attr("value")
	if !ok || token == "" {
		a.t.Fatalf("no CSRF token on %s", formPage)
	}
	values.Set("_csrf", token)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+path, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, body := a.do(req)
	out, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	return resp, out
}

// csrf returns the CSRF token the browser's page at path carries.
func (a *testApp) csrf(path string) string {
	a.t.Helper()
	token, ok := a.page(path, http.StatusOK).Find(`input[name="_csrf"]`).Attr("value")
	if !ok || token == "" {
		a.t.Fatalf("no CSRF token on %s", path)
	}
	return token
}

// post submits values (with whatever _csrf they hold) to path, with extra
// header name/value pairs, and returns the response and its body.
func (a *testApp) post(path string, values url.Values, header ...string) (*http.Response, string) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+path, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return a.do(req)
}

// sendJSON calls the API with token (none when "").
func (a *testApp) sendJSON(token, method, path, body string) (*http.Response, string) {
	a.t.Helper()
	req, _ := http.NewRequest(method, a.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return a.do(req)
}

var userSeq int

// user creates an account with role and a known password.
func (a *testApp) user(role matching.Role) matching.User {
	a.t.Helper()
	userSeq++
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		a.t.Fatal(err)
	}
	u := matching.User{Email: fmt.Sprintf("%s%d@example.com", role, userSeq), Role: role, PasswordHash: hash}
	if err := a.db.CreateUser(context.Background(), matching.System, &u); err != nil {
		a.t.Fatal(err)
	}
	return u
}

const testPassword = "correct horse battery"

// signIn creates an account with role and signs this app's browser in to it
// through the sign-in form.
func (a *testApp) signIn(role matching.Role) matching.User {
	a.t.Helper()
	u := a.user(role)
	resp, _ := a.postForm("/signin", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("sign in as %s: status %d", role, resp.StatusCode)
	}
	return u
}

// apiToken creates an account with role and an API token for it.
func (a *testApp) apiToken(role matching.Role) (matching.User, string) {
	a.t.Helper()
	u := a.user(role)
	secret, _ := auth.NewSecret(auth.APITokenPrefix)
	tok := matching.APIToken{UserID: u.ID, Name: "test"}
	if err := a.db.CreateAPIToken(context.Background(), u.Actor(), &tok, auth.HashSecret(secret)); err != nil {
		a.t.Fatal(err)
	}
	return u, secret
}

func (a *testApp) counts() (vacancies, candidates int) {
	a.t.Helper()
	v, c, err := a.db.Counts(context.Background())
	if err != nil {
		a.t.Fatal(err)
	}
	return v, c
}

func (a *testApp) addVacancy(title, city, country string, langs ...matching.LanguageInput) matching.Vacancy {
	a.t.Helper()
	return a.addVacancyFor(0, title, city, country, langs...)
}

// addVacancyFor stores a vacancy owned by recruiter (0: nobody).
func (a *testApp) addVacancyFor(recruiter int64, title, city, country string, langs ...matching.LanguageInput) matching.Vacancy {
	a.t.Helper()
	v, err := matching.VacancyInput{Title: title, Employer: "Acme", Location: matching.LocationInput{City: city, Country: country}, Languages: langs}.Vacancy()
	if err != nil {
		a.t.Fatal(err)
	}
	v.RecruiterID = recruiter
	if err := a.db.CreateVacancy(context.Background(), matching.System, &v); err != nil {
		a.t.Fatal(err)
	}
	return v
}

func (a *testApp) addCandidate(name, title string, searchable bool) matching.Candidate {
	a.t.Helper()
	c, err := matching.CandidateInput{Name: name, Email: strings.ToLower(name) + "@example.com", DesiredTitle: title,
		Location: matching.LocationInput{City: "Berlin", Country: "DE"}, Searchable: searchable,
		Languages: []matching.LanguageInput{{Code: "de", Level: "C2"}}}.Candidate()
	if err != nil {
		a.t.Fatal(err)
	}
	if err := a.db.CreateCandidate(context.Background(), matching.System, &c); err != nil {
		a.t.Fatal(err)
	}
	return c
}

// newTestAppOn is a second browser (own cookies) on the same server.
func newTestAppOn(t *testing.T, a *testApp) *testApp {
	jar, _ := cookiejar.New(nil)
	b := *a
	b.t = t
	b.client = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &b
}

// engineQueryFor is a candidate search for a fresh Berlin nurse vacancy.
func engineQueryFor(t *testing.T, a *testApp) engine.CandidateQuery {
	t.Helper()
	v := a.addVacancy("Nurse", "Berlin", "DE")
	if err := a.engine.Changed(t.Context(), matching.Change{Entity: matching.EntityVacancy, ID: v.ID}); err != nil {
		t.Fatal(err)
	}
	return engine.CandidateQuery{VacancyID: v.ID, Paging: engine.Paging{Page: 1, PerPage: 50}}
}
