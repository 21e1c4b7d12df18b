package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"jobmatch/matching"
)

func TestAdminCreatesARuleSeesItInThePreviewAndInSearches(t *testing.T) {
	app := newTestApp(t)
	app.signIn(matching.RoleAdmin)
	app.addVacancy("Java Developer", "Berlin", "DE")
	app.addVacancy("Registered Nurse", "Berlin", "DE")
	waitFor(t, func() bool {
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
	waitFor(t, func() bool {
		_, body := app.get("/admin/map")
		return strings.Count(body, "<circle cx=") >= 5
	}, "five dots on the map")
	doc := app.page("/admin/map", http.StatusOK)
	if n := doc.Find(`[data-testid="title-map"] circle title`).Length(); n != 5 {
		t.Errorf("%d hover labels, want 5", n)
	}
	if doc.Find(`[data-testid="map-cluster"]`).Length() == 0 {
		t.Error("no cluster legend")
	}
}
