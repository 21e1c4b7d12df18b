package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"jobmatch/matching"
)

// stop is one page of a tour: where to go, what to wait for, what to do
// there before the screenshot, and the screenshot's name.
type stop struct {
	name, path, wait string
	then             []chromedp.Action[chromedp.Void]
}

// tour signs in as role (or stays signed out when role is empty) and
// screenshots every stop at both widths.
func tour(t *testing.T, role matching.Role, stops []stop) *tab {
	t.Helper()
	b := browser(t)
	if role != "" {
		b.signIn(role)
	}
	for _, s := range stops {
		wait := s.wait
		if wait == "" {
			wait = "main"
		}
		b.do(chromedp.Navigate(baseURL+s.path), chromedp.WaitVisible(chromedp.CSS(wait)))
		b.do(s.then...)
		b.screenshot(s.name)
	}
	return b
}

func TestEveryPageFitsALaptopAndAPhone(t *testing.T) {
	t.Run("signed out", func(t *testing.T) {
		tour(t, "", []stop{{name: "signin", path: "/signin"}, {name: "signup", path: "/signup"}})
	})
	t.Run("candidate", func(t *testing.T) {
		b := tour(t, matching.RoleCandidate, []stop{
			{name: "profile", path: "/profile"},
			{name: "account", path: "/account"},
			{name: "positions", path: "/positions?title=Sr.+Golang+Dev", wait: `[data-testid="total"]`},
		})
		// The whole title shows in its field.
		if fits := b.eval(`String(document.querySelector('#title').scrollWidth <= document.querySelector('#title').clientWidth)`); fits != "true" {
			t.Errorf("the title field clips %q", "Sr. Golang Dev")
		}
	})
	t.Run("recruiter", func(t *testing.T) {
		v := addVacancy(t, userID(t, matching.RoleRecruiter), "Translator", "Hamburg")
		b := tour(t, matching.RoleRecruiter, []stop{
			{name: "vacancies", path: "/vacancies?title=Sr.+Golang+Dev", wait: `[data-testid="total"]`},
			{name: "vacancy", path: fmt.Sprintf("/vacancies/%d", v.ID)},
			{name: "vacancy-new", path: "/vacancies/new"},
			{name: "vacancy-edit", path: fmt.Sprintf("/vacancies/%d/edit", v.ID)},
			{name: "candidates", path: "/candidates"},
			{name: "vacancy-candidates-empty", path: fmt.Sprintf("/vacancies/%d/candidates", v.ID), wait: `[data-testid="total"]`},
		})
		hint := b.text(`#radius_km-hint`)
		if !strings.Contains(hint, "same city") {
			t.Errorf("radius hint = %q", hint)
		}
	})
	t.Run("admin", func(t *testing.T) {
		for range 4 {
			addVacancy(t, userID(t, matching.RoleRecruiter), "Translator", "Hamburg")
		}
		addRule(t, "Interpreter", "Translator")
		b := tour(t, matching.RoleAdmin, []stop{
			{name: "rules", path: "/admin/rules", then: []chromedp.Action[chromedp.Void]{
				chromedp.SendKeys(chromedp.CSS(`#preview-title`), "Registered Nurse"),
				chromedp.WaitVisible(chromedp.CSS(`[data-testid="preview-result"]`)),
				chromedp.SendKeys(chromedp.CSS(`#anchor_a`), "Java Developer"),
				chromedp.SendKeys(chromedp.CSS(`#anchor_b`), "Translator"),
				chromedp.SendKeys(chromedp.CSS(`#draft-query`), "Java Developer"),
				chromedp.Click(chromedp.CSS(`[data-testid="draft-preview"]`)),
				chromedp.WaitVisible(chromedp.CSS(`#draft-preview [data-testid="preview-result"]`)),
			}},
		})
		items := b.eval(`JSON.stringify([...document.querySelectorAll('#draft-preview li')].map(li => li.textContent))`)
		if strings.Count(items, `"Translator`) > 1 {
			t.Errorf("the draft preview lists Translator more than once: %s", items)
		}
		// A change to a rule shows in its audit trail field by field.
		b.loads(chromedp.Click(chromedp.CSS(`[data-testid="toggle-rule"]`)), `[data-testid="rule-row"] .badge.closed`)
		b.loads(chromedp.Click(chromedp.CSS(`[data-testid="rule-row"] a[href$="/audit"]`)), `[data-testid="audit-row"]`)
		b.screenshot("rule-audit")
		if trail := b.text(`table.list`); !strings.Contains(trail, "yes → no") || strings.Contains(trail, `\u003c`) {
			t.Errorf("audit trail = %q", trail)
		}
		b = tour(t, matching.RoleAdmin, []stop{
			{name: "audit", path: "/admin/audit"},
			{name: "users", path: "/admin/users"},
			{name: "import", path: "/admin/import"},
			{name: "candidate-new", path: "/candidates/new"},
			{name: "models", path: "/admin/models"},
			{name: "map", path: "/admin/map"}, // last: the checks below read the map
		})
		// The map's dots fall into more than one cluster (colour).
		colours := b.eval(`String(new Set([...document.querySelectorAll('[data-testid="title-map"] circle')].map(c => c.getAttribute('fill'))).size)`)
		if n, _ := strconv.Atoi(colours); n < 2 {
			t.Errorf("the title map shows %s cluster colours, want more than one", colours)
		}
		// With the ESCO data the colours are ISCO major groups, with a
		// legend; islands are labelled without covering each other.
		if iscoColours {
			if legend := b.text(`[data-testid="map-legend"]`); !strings.Contains(legend, "Professionals") {
				t.Errorf("map legend = %q, want ISCO major groups", legend)
			}
		}
		overlaps := b.eval(`(() => {
			const boxes = [...document.querySelectorAll('[data-testid="map-label"]')].map(l => l.getBoundingClientRect());
			let n = 0;
			for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i], b = boxes[j];
				if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
			}
			return boxes.length + " labels, " + n + " overlapping";
		})()`)
		if !strings.HasSuffix(overlaps, " 0 overlapping") || strings.HasPrefix(overlaps, "0 labels") {
			t.Errorf("title map: %s", overlaps)
		}
	})
}
