package web_test

import (
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
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	app.addVacancy("Java Developer", "Berlin", "DE")
	app.addVacancy("Registered Nurse", "Berlin", "DE")
	eventually.True(t, func() bool {
		_, body := app.get("/positions?title=Java+Developer")
		return strings.Contains(body, "2 positions found")
	}, "indexing")

	thrA := strconv.FormatFloat(float64(halfway(t, "Java Developer", "Registered Nurse")), 'f', 6, 32)
	thrB := strconv.FormatFloat(float64(halfway(t, "Registered Nurse", "Java Developer")), 'f', 6, 32)
	resp, _ := app.postForm("/admin/rules", "/admin/rules", url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"},
		"threshold_a": {thrA}, "threshold_b": {thrB}, "reason": {"different professions"}, "enabled": {"true"}, "expires_at": {"2099-12-31"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create rule = %d", resp.StatusCode)
	}
	doc := app.page("/admin/rules", http.StatusOK)
	row := doc.Find(`[data-testid="rule-row"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "different professions") || !strings.Contains(row.Text(), "active") || !strings.Contains(row.Text(), "31 Dec 2099") {
		t.Errorf("rule row = %q", row.Text())
	}
	preview := app.page("/admin/rules/preview?title=Java+Developer", http.StatusOK)
	if p := preview.Find(`[data-testid="preview-rule"]`).Text(); !strings.Contains(p, "hides 1 open positions") {
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
		"threshold_a": {"high"}, "threshold_b": {"1.5"}, "reason": {""}, "expires_at": {"2001-01-01"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	for _, f := range []string{"anchor_b", "threshold_a", "reason"} {
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
		t.Errorf("%d clusters in the legend, want more than one", n)
	}
	if doc.Find(`[data-testid="map-label"]`).Length() == 0 {
		t.Error("no cluster labels on the map")
	}
	if href, _ := doc.Find(`[data-testid="title-map"] a`).First().Attr("href"); !strings.HasPrefix(href, "/vacancies?title=") {
		t.Errorf("a dot links to %q, want the vacancy list filtered by its title", href)
	}
	if got := doc.Find(`[data-testid="map-sample"]`).Text(); !strings.Contains(got, "5 distinct titles") || !strings.Contains(got, "of 5 open vacancies") {
		t.Errorf("sample note = %q", got)
	}
}

func TestDraftRulePreviewAndEdit(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	app.addVacancy("Registered Nurse", "Berlin", "DE")
	app.addVacancy("Java Developer", "Berlin", "DE")
	eventually.True(t, func() bool {
		_, b := app.get("/positions?title=Nurse")
		return strings.Contains(b, "2 positions found")
	}, "indexing")
	thrA := strconv.FormatFloat(float64(halfway(t, "Java Developer", "Registered Nurse")), 'f', 6, 32)
	thrB := strconv.FormatFloat(float64(halfway(t, "Registered Nurse", "Java Developer")), 'f', 6, 32)
	q := url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"}, "threshold_a": {thrA}, "threshold_b": {thrB}, "query": {"Java Developer"}}
	resp, body := app.get("/admin/rules/draft?"+q.Encode(), "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "this rule fires") || !strings.Contains(body, "hide 1 open positions") {
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
	form := url.Values{"anchor_a": {"Java Developer"}, "anchor_b": {"Registered Nurse"}, "threshold_a": {thrA}, "threshold_b": {thrB},
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
		"threshold_a": {strconv.FormatFloat(float64(halfway(t, "Java Developer", "Translator")), 'f', 6, 32)},
		"threshold_b": {strconv.FormatFloat(float64(halfway(t, "Translator", "Java Developer")), 'f', 6, 32)}}
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
