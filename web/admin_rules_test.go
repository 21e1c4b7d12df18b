package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/web"
)

func TestAdminCreatesARuleSeesItInThePreviewAndInSearches(t *testing.T) {
	app := adminWithVacancies(t, "Java Developer", "Registered Nurse")

	thrA, thrB := halfwayPercent(t, "Java Developer", "Registered Nurse"), halfwayPercent(t, "Registered Nurse", "Java Developer")
	resp, _ := app.postForm("/admin/rules", "/admin/rules", url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"},
		"min_score_a": {thrA}, "min_score_b": {thrB}, "reason": {"different professions"}, "enabled": {"true"}, "expires_at": {"2099-12-31"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create rule = %d", resp.StatusCode)
	}
	doc := app.page("/admin/rules", http.StatusOK)
	row := doc.Find(`[data-testid="rule-row"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "different professions") || !strings.Contains(row.Text(), "active") || !strings.Contains(row.Text(), "31 Dec 2099") {
		t.Errorf("rule row = %q", row.Text())
	}
	preview := app.page("/admin/rules/preview?title=Java+Developer", http.StatusOK)
	if p := preview.Find(`[data-testid="preview-rule"]`).Text(); !strings.Contains(p, "hides 1 open position and") {
		t.Errorf("preview = %q", p)
	}
	frag, _ := app.get("/admin/rules/preview?title=Java+Developer", "HX-Request", "true")
	if frag.StatusCode != http.StatusOK {
		t.Errorf("htmx preview = %d", frag.StatusCode)
	}
	doc = app.page("/positions?title=Java+Developer", http.StatusOK)
	if got := doc.Find(`[data-testid="hidden"]`).Text(); got != "1 hidden by exclusion rules" {
		t.Errorf("hidden = %q", got)
	}
	if strings.Contains(doc.Find(`[data-testid="match-row"]`).Text(), "Registered Nurse") {
		t.Error("the nurse is still listed")
	}

	// Disabling takes effect at once and is audited.
	toggle, _ := row.Find("form").Attr("action")
	if resp, _ := app.postForm("/admin/rules", toggle, url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("toggle = %d", resp.StatusCode)
	}
	doc = app.page("/positions?title=Java+Developer", http.StatusOK)
	if !strings.Contains(doc.Text(), "2 positions found") {
		t.Errorf("after disabling: %q", doc.Find(`[data-testid="total"]`).Text())
	}
	audit, _ := row.Find(`a[href$="/audit"]`).Attr("href")
	if n := app.page(audit, http.StatusOK).Find(`[data-testid="audit-row"]`).Length(); n != 2 {
		t.Errorf("%d audit rows, want create and update", n)
	}
}

func TestRuleFormRefusesBadInputAndWritesNothing(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	resp, doc := app.postForm("/admin/rules", "/admin/rules", url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {""},
		"min_score_a": {"high"}, "min_score_b": {"150"}, "reason": {""}, "expires_at": {"2001-01-01"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	for _, f := range []string{"anchor_b", "min_score_a", "min_score_b", "reason"} {
		if doc.Find(`[data-testid="error-`+f+`"]`).Length() != 1 {
			t.Errorf("no error shown for %s", f)
		}
	}
	if rules, _ := app.db.Rules(t.Context()); len(rules) != 0 {
		t.Errorf("%d rules written", len(rules))
	}
	other := newTestAppOn(t, app)
	other.signIn(matching.RoleRecruiter)
	other.page("/admin/rules", http.StatusForbidden)
}

func TestTitleMapDrawsVacanciesAsSVG(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	for _, title := range []string{"Nurse", "Registered Nurse", "Go Developer", "Java Developer", "Truck Driver"} {
		app.addVacancy(title, "Berlin", "DE")
	}
	// The legend draws circles too, so count only the map's dots: each
	// carries its title as a hover label. Indexing is asynchronous.
	var doc *goquery.Document
	eventually.True(t, func() bool {
		doc = app.page("/admin/map", http.StatusOK)
		return doc.Find(`[data-testid="title-map"] circle title`).Length() >= 5
	}, "five dots on the map")
	if n := doc.Find(`[data-testid="title-map"] circle title`).Length(); n != 5 {
		t.Errorf("%d hover labels, want 5", n)
	}
	if n := doc.Find(`[data-testid="map-cluster"]`).Length(); n < 2 {
		t.Errorf("%d islands in the table, want more than one", n)
	}
	if doc.Find(`[data-testid="map-label"]`).Length() == 0 {
		t.Error("no island labels on the map")
	}
	if href, _ := doc.Find(`[data-testid="title-map"] a`).First().Attr("href"); !strings.HasPrefix(href, "/positions?title=") {
		t.Errorf("a dot links to %q, want the positions near its title", href)
	}
	if got := doc.Find(`[data-testid="map-sample"]`).Text(); !strings.Contains(got, "5 distinct titles") || !strings.Contains(got, "of 5 open vacancies") {
		t.Errorf("sample note = %q", got)
	}
}

func TestDraftRulePreviewAndEdit(t *testing.T) {
	app := adminWithVacancies(t, "Registered Nurse", "Java Developer")
	thrA, thrB := halfwayPercent(t, "Java Developer", "Registered Nurse"), halfwayPercent(t, "Registered Nurse", "Java Developer")
	q := url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"}, "min_score_a": {thrA}, "min_score_b": {thrB}, "query": {"Java Developer"}}
	resp, body := app.get("/admin/rules/draft?"+q.Encode(), "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "this rule fires") || !strings.Contains(body, "hide 1 open position and") {
		t.Fatalf("draft preview: %d %s", resp.StatusCode, body)
	}
	if rules, _ := app.db.Rules(t.Context()); len(rules) != 0 {
		t.Fatal("the preview saved a rule")
	}
	q.Set("query", "Registered Nurse")
	if _, body := app.get("/admin/rules/draft?"+q.Encode(), "HX-Request", "true"); !strings.Contains(body, "does not fire") {
		t.Errorf("draft preview for the B side: %s", body)
	}
	// Create, then edit the reason.
	form := url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"}, "min_score_a": {thrA}, "min_score_b": {thrB},
		"reason": {"first reason"}, "enabled": {"true"}}
	app.postForm("/admin/rules", "/admin/rules", form)
	rules, _ := app.db.Rules(t.Context())
	if len(rules) != 1 {
		t.Fatalf("%d rules", len(rules))
	}
	edit := web.RuleURL(rules[0].ID)
	doc := app.page(edit+"/edit", http.StatusOK)
	if v, _ := doc.Find(`#reason`).Attr("value"); v != "first reason" {
		t.Errorf("edit form reason = %q", v)
	}
	form.Set("reason", "second <b>reason</b>")
	if resp, _ := app.postForm(edit+"/edit", edit, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update = %d", resp.StatusCode)
	}
	if r, _ := app.db.Rule(t.Context(), rules[0].ID); r.Reason != "second <b>reason</b>" || r.CreatedBy != rules[0].CreatedBy {
		t.Errorf("after edit: %+v", r)
	}
	// The audit trail shows the edit field by field, as escaped text.
	for _, path := range []string{edit + "/audit", "/admin/audit?entity=exclusion_rule"} {
		resp, body := app.get(path)
		if resp.StatusCode != http.StatusOK || strings.Contains(body, `\u003c`) || strings.Contains(body, "<b>reason") ||
			!strings.Contains(body, "&lt;b&gt;") {
			t.Errorf("%s: %d, raw or unescaped detail in %s", path, resp.StatusCode, body)
		}
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
		update := doc.Find(`[data-testid="audit-row"]`).First()
		if got := update.Find(`[data-testid="audit-change"]`).Text(); !strings.Contains(got, "reason: first reason → second <b>reason</b>") ||
			strings.Contains(got, "anchor A") {
			t.Errorf("%s: update shown as %q, want only the reason, old → new", path, got)
		}
	}
}

func TestDraftPreviewNamesEachHiddenTitleOnce(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	for range 3 {
		app.addVacancy("Translator", "Berlin", "DE")
	}
	app.addVacancy("Java Developer", "Berlin", "DE")
	eventually.True(t, func() bool {
		_, b := app.get("/positions?title=Translator")
		return strings.Contains(b, "4 positions found")
	}, "indexing")
	q := url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Translator"}, "query": {"Java Developer"},
		"min_score_a": {halfwayPercent(t, "Java Developer", "Translator")},
		"min_score_b": {halfwayPercent(t, "Translator", "Java Developer")}}
	resp, body := app.get("/admin/rules/draft?"+q.Encode(), "HX-Request", "true")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var items []string
	doc.Find("li").Each(func(_ int, li *goquery.Selection) { items = append(items, li.Text()) })
	if resp.StatusCode != http.StatusOK || len(items) != 1 || items[0] != "Translator (3 positions)" {
		t.Errorf("draft preview examples = %q (status %d)", items, resp.StatusCode)
	}
}

func TestAdminSeesUsersAndTheAuditLog(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	app.addCandidate("Audited", "Nurse", true)
	if n := app.page("/admin/users", http.StatusOK).Find(`[data-testid="user-row"]`).Length(); n != 1 {
		t.Errorf("%d users listed, want the admin", n)
	}
	doc := app.page("/admin/audit?entity=candidate", http.StatusOK)
	if rows := doc.Find(`[data-testid="audit-row"]`); rows.Length() != 1 || !strings.Contains(rows.Text(), "create candidate") {
		t.Errorf("audit rows = %q", rows.Text())
	}
	app.page("/admin/audit?entity=secrets", http.StatusBadRequest)
}

// TestRuleFormShowsWhatEachThresholdReaches: the new-rule form starts at the
// default minimum scores, and while it is filled in, the reach fragment
// says how many positions and candidates each threshold captures around its
// anchor, with a histogram per anchor; the API answers the same question.
func TestRuleFormShowsWhatEachThresholdReaches(t *testing.T) {
	app := adminWithVacancies(t, "Registered Nurse", "Java Developer")
	doc := app.page("/admin/rules", http.StatusOK)
	if a, _ := doc.Find(`#min_score_a`).Attr("value"); a != "86" {
		t.Errorf("new rule form: minimum score A %q, want the default 86", a)
	}
	if doc.Find(`[data-testid="rule-reach"][hx-get="/admin/rules/reach"]`).Length() != 1 {
		t.Error("the rule form has no live reach")
	}

	q := url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"}, "min_score_a": {"86"}, "min_score_b": {"86"}}
	resp, body := app.get("/admin/rules/reach?"+q.Encode(), "HX-Request", "true")
	frag, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	sides := frag.Find(`[data-testid="reach-side"]`)
	if resp.StatusCode != http.StatusOK || sides.Length() != 2 || sides.Eq(0).Find("rect").Length() != 10 ||
		!strings.Contains(sides.Eq(1).Text(), "1 open position and 0 candidates score 86 % or more") {
		t.Errorf("reach fragment (%d): %s", resp.StatusCode, body)
	}
	q.Set("min_score_b", "")
	if _, body := app.get("/admin/rules/reach?"+q.Encode(), "HX-Request", "true"); !strings.Contains(body, "Enter both minimum scores") {
		t.Errorf("reach without a minimum score: %s", body)
	}

	_, adminTok := app.apiToken(matching.RoleAdmin)
	_, recTok := app.apiToken(matching.RoleRecruiter)
	api := "/api/v1/rules/reach?anchor_a=Java+Developer&anchor_b=Registered+Nurse"
	resp, body = app.sendJSON(adminTok, "GET", api, "")
	var reach struct {
		A, B struct {
			MinScore   float32 `json:"min_score"`
			Vacancies  int     `json:"vacancies"`
			Candidates int     `json:"candidates"`
			Histogram  []struct {
				From, To float32
			} `json:"histogram"`
		}
	}
	if err := json.Unmarshal([]byte(body), &reach); err != nil || resp.StatusCode != http.StatusOK ||
		reach.A.MinScore != matching.DefaultRuleMinScore || reach.B.Vacancies != 1 || len(reach.B.Histogram) != 10 {
		t.Errorf("API reach (%d): %s", resp.StatusCode, body)
	}
	if resp, body := app.sendJSON(adminTok, "GET", api+"&min_score_b=86", ""); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"field":"min_score_b"`) {
		t.Errorf("a percentage where a score belongs: %d %s", resp.StatusCode, body)
	}
	if resp, _ := app.sendJSON(recTok, "GET", api, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a recruiter asked for the reach: %d", resp.StatusCode)
	}
}

// adminWithVacancies is an app with a signed-in admin and one open vacancy
// in Berlin per title, all of them searchable.
func adminWithVacancies(t *testing.T, titles ...string) *testApp {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	for _, title := range titles {
		app.addVacancy(title, "Berlin", "DE")
	}
	want := strconv.Itoa(len(titles)) + " positions found"
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=" + url.QueryEscape(titles[0]))
		return strings.Contains(body, want)
	}, "indexing")
	return app
}
