package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

func TestSafeNextAcceptsOnlyPathsOnThisSite(t *testing.T) {
	for _, tc := range []struct{ next, want string }{
		{"/vacancies?page=2&title=Go+Dev", "/vacancies?page=2&title=Go+Dev"},
		{"/vacancies/12#top", "/vacancies/12#top"},
		{"", "/"},
		{"/\t/evil.example/phish", "/"},
		{"/\n/evil.example", "/"},
		{"/\r\n/evil.example", "/"},
		{"\t//evil.example", "/"},
		{"/%09/evil.example", "/"},
		{"//evil.example", "/"},
		{"///evil.example", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"/x\\..\\\\evil.example", "/"},
		{"/%2F%2Fevil.example", "/"},
		{"/%2f/evil.example", "/"},
		{"/%5Cevil.example", "/"},
		{"/%5cevil.example", "/"},
		{"https://evil.example/", "/"},
		{"http:evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"evil.example", "/"},
		{" /vacancies", "/"},
		{"/ /evil.example", "/"},
		{"/\u3000/evil.example", "/"},
		{"/%ZZ", "/"},
	} {
		if got := web.SafeNext(tc.next); got != tc.want {
			t.Errorf("web.SafeNext(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}
}

// TestSignInNeverRedirectsOffSite signs in through the form with a next
// address holding a tab, as in the report, and follows the Location.
func TestSignInNeverRedirectsOffSite(t *testing.T) {
	app := newTestApp(t)
	u := app.user(matching.RoleCandidate)
	for _, next := range []string{"/\t/evil.example/phish", "/\\evil.example", "https://evil.example"} {
		token := app.csrf("/signin?next=" + url.QueryEscape(next))
		resp, _ := app.post("/signin", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {next}, "_csrf": {token}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			t.Errorf("next %q: %d to %q, want 303 to /", next, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}
