package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/auth"
	"jobmatch/matching"
	"jobmatch/web"
)

// hostile is a value an attacker or a careless client sends. A bad value is
// one no field may hold: every request carrying one must be a 400 or 422
// that writes nothing. Any other value may be fine in some field; it must
// never cause a 5xx, and a 4xx must write nothing.
type hostile struct {
	name, value string
	bad         bool
}

var hostileValues = []hostile{
	{"NUL", "Nul\x00Dev", true},
	{"invalid UTF-8", "Go\xff\xfeDev", true},
	{"a C0 control character", "bell\x07", true},
	{"a C1 control character", "next\u0085line", true},
	{"a terminal escape", "\x1b[31mred", true},
	{"10,000 characters", strings.Repeat("x", 10000), false},
	{"NaN", "NaN", false},
	{"infinity", "-Inf", false},
	{"a negative number", "-1", false},
	{"a huge number", "99999999999999999999999", false},
	{"HTML", `<script>alert(1)</script><img src=x onerror=alert(1)>`, false},
	{"SQL metacharacters", `' OR 1=1; DROP TABLE vacancies; --`, false},
	{"percent signs and wildcards", `%_%\`, false},
	{"an empty value", "", false},
	{"non-Latin text", "Krankenpfleger 看護師 🏥", false},
}

// paramValues are the hostile values also sent one query parameter at a
// time, beside a title, so that searches run with them.
var paramValues = map[string]bool{"10,000 characters": true, "NaN": true, "a negative number": true, "a huge number": true, "HTML": true}

// attackQueryNames are the query parameters jobmatch reads, and one it does not.
var attackQueryNames = []string{"title", "city", "country", "language", "min_level", "page", "per_page", "status",
	"radius_km", "remote", "languages", "mine", "next", "desired_title", "query", "entity", "saved", "pretty",
	"anchor_a", "min_score_a", "enabled", "unknown"}

// attackForm is a valid value for every field of every form; a form handler
// reads its own fields and ignores the rest.
var attackForm = url.Values{
	"title": {"Nurse"}, "employer": {"Acme"}, "description": {"Care."}, "city": {"Berlin"}, "country": {"DE"},
	"latitude": {"52.52"}, "longitude": {"13.40"}, "remote": {"true"}, "status": {"open"},
	"languages[0].code": {"de"}, "languages[0].level": {"B2"},
	"name": {"Zoë Test"}, "email": {"zoe.attack@example.com"}, "desired_title": {"Nurse"}, "open_to_remote": {"true"}, "searchable": {"true"},
	"anchor_a": {"Java Developer"}, "anchor_b": {"JavaScript Developer"}, "min_score_a": {"86"}, "min_score_b": {"86"},
	"reason": {"different skills"}, "expires_at": {"2099-01-31"}, "enabled": {"true"},
	"password": {"correct horse battery"}, "password_again": {"correct horse battery"}, "role": {"candidate"},
	"kind": {"vacancies"}, "next": {"/vacancies"}, "confirm": {"ERASE"}, "candidate_id": {"1"}, "action": {"add"},
}

// attackJSON is a valid body for the API routes under a path prefix.
func attackJSON(path string) map[string]any {
	switch {
	case strings.HasPrefix(path, "/api/v1/vacancies"):
		return map[string]any{"title": "Nurse", "employer": "Acme", "description": "Care.",
			"location": map[string]any{"city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.40},
			"remote":   false, "languages": []any{map[string]any{"code": "de", "level": "B2"}}, "status": "open"}
	case strings.HasPrefix(path, "/api/v1/candidates"):
		return map[string]any{"name": "Zoë", "email": "zoe@example.com", "desired_title": "Nurse",
			"location": map[string]any{"city": "Berlin", "country": "DE"}, "open_to_remote": true,
			"languages": []any{map[string]any{"code": "de", "level": "C2"}}, "searchable": true}
	case strings.HasPrefix(path, "/api/v1/rules"):
		return map[string]any{"anchor_a": "Java Developer", "anchor_b": "JavaScript Developer", "min_score_a": 0.86,
			"min_score_b": 0.86, "reason": "different skills", "enabled": true}
	}
	return map[string]any{}
}

// withLeaves marshals v with every string (numbers: every number) replaced
// by raw, written into the JSON text as it is.
func withLeaves(v any, numbers bool, raw string) []byte {
	const marker = "__HOSTILE__"
	var walk func(any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			out := map[string]any{}
			for k, e := range v {
				out[k] = walk(e)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, e := range v {
				out[i] = walk(e)
			}
			return out
		case string:
			if !numbers {
				return marker
			}
		case float64:
			if numbers {
				return marker
			}
		}
		return v
	}
	b, _ := json.Marshal(walk(v))
	return bytes.ReplaceAll(b, []byte(`"`+marker+`"`), []byte(raw))
}

// jsonText writes s as a JSON string, escaping only what JSON requires, so
// invalid UTF-8 and C1 controls reach the server as raw bytes.
func jsonText(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// attacker is the suite's set of identities and fixtures, made fresh for
// each route because a route may delete or sign out what it is given.
type attacker struct {
	app      *testApp
	sessions map[matching.Role]string // session secrets
	tokens   map[matching.Role]string // API token secrets
	ids      map[string]int64         // path parameter values by the segment before them
}

func newAttacker(app *testApp, n int) *attacker {
	app.t.Helper()
	ctx := context.Background()
	a := &attacker{app: app, sessions: map[matching.Role]string{}, tokens: map[matching.Role]string{}, ids: map[string]int64{}}
	users := map[matching.Role]matching.User{}
	for _, role := range []matching.Role{matching.RoleAdmin, matching.RoleRecruiter, matching.RoleCandidate} {
		u := matching.User{Email: fmt.Sprintf("attack-%s-%d@example.com", role, n), Role: role, PasswordHash: "-"}
		if err := app.db.CreateUser(ctx, matching.System, &u); err != nil {
			app.t.Fatal(err)
		}
		users[role] = u
		session, _ := auth.NewSecret(auth.SessionPrefix)
		if err := app.db.CreateSession(ctx, u.ID, auth.HashSecret(session), time.Now().Add(time.Hour)); err != nil {
			app.t.Fatal(err)
		}
		token, _ := auth.NewSecret(auth.APITokenPrefix)
		if err := app.db.CreateAPIToken(ctx, u.Actor(), &matching.APIToken{UserID: u.ID, Name: "attack"}, auth.HashSecret(token)); err != nil {
			app.t.Fatal(err)
		}
		a.sessions[role], a.tokens[role] = session, token
	}
	spare := matching.APIToken{UserID: users[matching.RoleAdmin].ID, Name: "spare"}
	if err := app.db.CreateAPIToken(ctx, matching.System, &spare, auth.HashSecret(fmt.Sprintf("spare-%d", n))); err != nil {
		app.t.Fatal(err)
	}
	// Fixtures carry their vectors, or the engine would encode them in the
	// background and write while the suite watches for writes.
	must := func(err error) {
		if err != nil {
			app.t.Fatal(err)
		}
	}
	v, err := matching.VacancyInput{Title: "Registered Nurse", Employer: "Acme", Location: matching.LocationInput{City: "Berlin", Country: "DE"}}.Vacancy()
	must(err)
	v.RecruiterID = users[matching.RoleRecruiter].ID
	must(app.engine.PrepareVacancy(ctx, &v))
	must(app.db.CreateVacancy(ctx, matching.System, &v))
	c, err := matching.CandidateInput{Name: "Ada", Email: fmt.Sprintf("ada%d@example.com", n), DesiredTitle: "Nurse",
		Location: matching.LocationInput{City: "Berlin", Country: "DE"}, Searchable: true}.Candidate()
	must(err)
	c.UserID = users[matching.RoleCandidate].ID
	must(app.engine.PrepareCandidate(ctx, &c))
	must(app.db.CreateCandidate(ctx, matching.System, &c))
	r, err := matching.ExclusionRuleInput{AnchorA: "Java Developer", AnchorB: "JavaScript Developer", MinScoreA: 0.86,
		MinScoreB: 0.86, Reason: "different skills", Enabled: true}.Rule(time.Now())
	must(err)
	must(app.engine.PrepareRule(ctx, &r))
	must(app.db.CreateRule(ctx, users[matching.RoleAdmin].Actor(), &r))
	a.ids = map[string]int64{"vacancies": v.ID, "candidates": c.ID, "rules": r.ID, "tokens": spare.ID}
	return a
}

// fill writes the route's path with its parameters set to the fixtures,
// or to raw when raw is not "".
func (a *attacker) fill(path, raw string) string {
	if p, wild := strings.CutSuffix(path, "*"); wild {
		path = strings.TrimSuffix(p, "/") + "/css/app.css"
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, ":") && raw != "":
			segs[i] = url.PathEscape(raw)
		case s == ":job":
			segs[i] = "0123456789abcdef01234567"
		case strings.HasPrefix(s, ":"):
			segs[i] = fmt.Sprint(a.ids[segs[i-1]])
		}
	}
	return strings.Join(segs, "/")
}

// attackRequest is one request of the suite.
type attackRequest struct {
	method, path string
	query        url.Values
	body         []byte
	contentType  string
	header       map[string]string
}

// send runs req as role through the whole server and returns the status
// and body.
func (a *attacker) send(role matching.Role, req attackRequest) (int, string) {
	target := req.path
	if len(req.query) > 0 {
		target += "?" + req.query.Encode()
	}
	r := httptest.NewRequest(req.method, "/", bytes.NewReader(req.body))
	r.URL, _ = url.Parse(target)
	r.RequestURI = target
	if r.URL == nil { // a path that does not parse as a URL at all
		r.URL = &url.URL{Path: req.path}
	}
	if req.contentType != "" {
		r.Header.Set("Content-Type", req.contentType)
	}
	if strings.HasPrefix(req.path, "/api/") {
		r.Header.Set("Authorization", "Bearer "+a.tokens[role])
	} else {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: a.sessions[role]})
		r.Header.Set(web.CSRFHeader, web.SessionCSRFToken(a.sessions[role]))
	}
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	a.app.server.Handler().ServeHTTP(rec, r)
	return rec.Code, rec.Body.String()
}

// roleFor is the first role the route lets through.
func (a *attacker) roleFor(method, path string) matching.Role {
	for _, role := range []matching.Role{matching.RoleAdmin, matching.RoleCandidate, matching.RoleRecruiter} {
		if code, _ := a.send(role, attackRequest{method: method, path: path}); code != http.StatusForbidden {
			return role
		}
	}
	return matching.RoleAdmin
}

// leaks reports text of the server's internals in an answer. The markers
// hold characters a random API token cannot ("pgx:", not "pgx"), since pages
// show tokens.
func leaks(body string) string {
	for _, s := range []string{"SQLSTATE", "pgx:", "pgconn", "postgres:", "panic:", "runtime error", "goroutine ", "invalid byte sequence"} {
		if strings.Contains(body, s) {
			return s
		}
	}
	return ""
}

// TestAttackSuite drives every route of the router with hostile values in
// the query, the path, the headers jobmatch reads, form bodies and JSON
// bodies, and with malformed JSON, duplicate and unknown keys and wrong
// content types. The routes come from echo's router, so a new route is
// attacked without being listed here. No request may cause a 5xx or show
// internals; a bad value is a 400 or 422; and a refused request writes
// nothing (every row of every table is fingerprinted before and after).
func TestAttackSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("the attack suite sends thousands of requests")
	}
	app := newTestApp(t)
	routes := app.server.Echo().Routes()
	sort.Slice(routes, func(i, j int) bool { return routes[i].Path+routes[i].Method < routes[j].Path+routes[j].Method })
	if len(routes) < 50 {
		t.Fatalf("only %d routes in the router", len(routes))
	}
	seen := map[string]bool{}
	for n, route := range routes {
		key := route.Method + " " + route.Path
		if seen[key] || route.Method == echo.RouteNotFound {
			continue
		}
		seen[key] = true
		t.Run(strings.ReplaceAll(key, "/", "_"), func(t *testing.T) {
			app.t = t
			attackRoute(t, app, newAttacker(app, n), route.Method, route.Path)
		})
	}
}

func attackRoute(t *testing.T, app *testApp, a *attacker, method, routePath string) {
	path := a.fill(routePath, "")
	api := strings.HasPrefix(routePath, "/api/")
	write := method != http.MethodGet && method != http.MethodHead
	role := a.roleFor(method, path)
	statuses := map[int]int{}
	defer func() { t.Logf("%s %s as %s: answers by status %v", method, routePath, role, statuses) }()

	check := func(what string, h hostile, req attackRequest) {
		t.Helper()
		start := app.dbState()
		code, body := a.send(role, req)
		statuses[code]++
		switch {
		case code >= 500:
			t.Errorf("%s with %s: %d\n%.300s", what, h.name, code, body)
		case h.bad && code != http.StatusBadRequest && code != http.StatusUnprocessableEntity:
			t.Errorf("%s with %s: %d, want 400 or 422\n%.300s", what, h.name, code, body)
		case leaks(body) != "":
			t.Errorf("%s with %s: the answer shows %q", what, h.name, leaks(body))
		}
		if h.bad || code >= 400 {
			if changed := changedTables(start, app.dbState()); len(changed) > 0 {
				t.Errorf("%s with %s: %d, and it wrote to %v", what, h.name, code, changed)
			}
		}
	}
	jsonBody := func(b []byte) ([]byte, string) {
		if api && write {
			return b, echo.MIMEApplicationJSON
		}
		return nil, ""
	}
	formBody := func(v url.Values) ([]byte, string) {
		if !api && write {
			return []byte(v.Encode()), echo.MIMEApplicationForm
		}
		return nil, ""
	}
	for _, h := range hostileValues {
		q := url.Values{}
		for _, name := range attackQueryNames {
			q.Set(name, h.value)
		}
		body, ct := jsonBody(mustJSON(attackJSON(routePath)))
		if !api {
			body, ct = formBody(attackForm)
		}
		check("the query", h, attackRequest{method: method, path: path, query: q, body: body, contentType: ct})
		if strings.Contains(routePath, ":") && h.value != "" {
			check("the path", h, attackRequest{method: method, path: a.fill(routePath, h.value), body: body, contentType: ct})
		}
		if h.value != "" {
			hdr := map[string]string{"X-Forwarded-For": h.value, "HX-Request": "true", "HX-Target": h.value, "X-Request-ID": h.value}
			check("the headers", h, attackRequest{method: method, path: path, body: body, contentType: ct, header: hdr})
		}
		if !write {
			if paramValues[h.name] {
				for _, name := range attackQueryNames {
					q := url.Values{"title": {"Nurse"}}
					q.Set(name, h.value)
					check("the query parameter "+name, h, attackRequest{method: method, path: path, query: q})
				}
			}
			continue
		}
		if api {
			b, ct := jsonBody(withLeaves(attackJSON(routePath), false, jsonText(h.value)))
			check("every JSON string", h, attackRequest{method: method, path: path, body: b, contentType: ct})
			if !h.bad {
				b, ct := jsonBody(withLeaves(attackJSON(routePath), true, h.value))
				check("every JSON number", h, attackRequest{method: method, path: path, body: b, contentType: ct})
			}
			continue
		}
		all := url.Values{}
		for k := range attackForm {
			all.Set(k, h.value)
		}
		b, ct := formBody(all)
		check("every form field", h, attackRequest{method: method, path: path, body: b, contentType: ct})
		if h.name == "HTML" { // one field at a time: stored, then shown on a page
			for field := range attackForm {
				one := url.Values{}
				for k, v := range attackForm {
					one[k] = v
				}
				one.Set(field, h.value)
				b, ct := formBody(one)
				check("the form field "+field, h, attackRequest{method: method, path: path, body: b, contentType: ct})
			}
		}
	}
	if write {
		base := mustJSON(attackJSON(routePath))
		for what, req := range map[string]attackRequest{
			"a duplicate key":       {body: append([]byte(`{"title":"x",`), bytes.TrimPrefix(base, []byte("{"))...), contentType: echo.MIMEApplicationJSON},
			"an unknown key":        {body: []byte(`{"titel":"x"}`), contentType: echo.MIMEApplicationJSON},
			"JSON cut short":        {body: []byte(`{"title":`), contentType: echo.MIMEApplicationJSON},
			"deeply nested JSON":    {body: []byte(strings.Repeat("[", 5000)), contentType: echo.MIMEApplicationJSON},
			"a JSON array":          {body: []byte(`[1,2,3]`), contentType: echo.MIMEApplicationJSON},
			"a number out of range": {body: []byte(`{"min_score_a":1e400,"latitude":1e400}`), contentType: echo.MIMEApplicationJSON},
			"NaN in JSON":           {body: []byte(`{"min_score_a":NaN}`), contentType: echo.MIMEApplicationJSON},
			"a raw NUL in JSON":     {body: []byte("{\"title\":\"a\x00b\"}"), contentType: echo.MIMEApplicationJSON},
			"a form":                {body: []byte(attackForm.Encode()), contentType: echo.MIMEApplicationForm},
			"text/plain":            {body: base, contentType: echo.MIMETextPlain},
			"no content type":       {body: base},
			"a broken multipart":    {body: []byte("--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nNurse"), contentType: "multipart/form-data; boundary=x"},
		} {
			req.method, req.path = method, path
			// The API's POST and PUT decode a JSON object; forms and DELETE
			// ignore what they do not read, but must not fail on it.
			bad := api && (method == http.MethodPost || method == http.MethodPut)
			check("the body", hostile{name: what, bad: bad}, req)
		}
	}
	if !write {
		h := hostileValues[0]
		code, _ := a.send(role, attackRequest{method: http.MethodHead, path: path, query: url.Values{"title": {h.value}}})
		if code != http.StatusBadRequest {
			t.Errorf("HEAD with %s: %d, want 400", h.name, code)
		}
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
