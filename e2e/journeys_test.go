package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

func TestCandidateEditsProfileAndSearchesPositions(t *testing.T) {
	b := browser(t)
	b.signIn(matching.RoleCandidate)
	b.do(
		chromedp.Navigate(baseURL+"/profile"),
		chromedp.Clear(chromedp.CSS(`#desired_title`)),
		chromedp.SendKeys(chromedp.CSS(`#desired_title`), "Registered Nurse"),
		chromedp.Click(chromedp.CSS(`form[action="/profile"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="form-notice"]`)),
	)
	notice := b.text(`[data-testid="form-notice"]`)
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid="my-positions"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="total"]`)),
		chromedp.Navigate(baseURL+"/positions"),
		chromedp.SendKeys(chromedp.CSS(`#title`), "nurse"),
		chromedp.Click(chromedp.CSS(`search form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="match-row"]`)),
		chromedp.Sleep(200*time.Millisecond),
	)
	total := b.text(`[data-testid="total"]`)
	focused := b.eval(`document.activeElement && document.activeElement.closest('#results') ? 'results' : String((document.activeElement||{}).id)`)
	rows := b.eval(`String(document.querySelectorAll('[data-testid="match-row"]').length)`)
	b.screenshot("positions-results")

	if !strings.Contains(notice, "saved") || !strings.Contains(total, "found") || rows == "0" {
		t.Errorf("notice %q, total %q, rows %s", notice, total, rows)
	}
	if focused != "results" {
		t.Errorf("keyboard focus after the htmx swap is on %q, want the results", focused)
	}
	c, err := store.CandidateByUser(context.Background(), userID(t, matching.RoleCandidate))
	if err != nil || c.DesiredTitle != "Registered Nurse" {
		t.Errorf("stored profile %q, %v", c.DesiredTitle, err)
	}
}

func TestRecruiterCreatesVacancySeesCandidatesShortlistsAndExports(t *testing.T) {
	b := browser(t)
	b.signIn(matching.RoleRecruiter)
	b.do(
		chromedp.Navigate(baseURL+"/vacancies/new"),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Registered Nurse"),
		chromedp.SendKeys(chromedp.CSS(`#employer`), "Charité"),
		chromedp.SendKeys(chromedp.CSS(`#city`), "Berlin"),
		chromedp.SendKeys(chromedp.CSS(`#country`), "DE"),
	)
	b.loads(chromedp.Click(chromedp.CSS(`form[action="/vacancies"] button[type="submit"]`)), `[data-testid="vacancy-title"]`)
	heading := b.text(`[data-testid="vacancy-title"]`)
	b.loads(chromedp.Click(chromedp.CSS(`[data-testid="matching-candidates"]`)), `[data-testid="total"]`)
	total := b.text(`[data-testid="total"]`)
	b.screenshot("recruiter-candidates")
	// Few demo candidates in one city are good matches; when none is, the
	// recruiter opens the weaker ones.
	if b.eval(`String(document.querySelectorAll('[data-testid="match-row"]').length)`) == "0" {
		b.loads(chromedp.Click(chromedp.CSS(`[data-testid="show-all"]`)), `[data-testid="match-row"]`)
	}
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid="match-row"] [data-testid="shortlist"]`)),
		chromedp.WaitVisible(chromedp.Search(`//button[contains(., "On shortlist")]`)),
	)
	button := b.text(`[data-testid="match-row"] [data-testid="shortlist"]`)
	csv := b.eval(`fetch(document.querySelector('[data-testid="export-csv"]').href).then(r => r.text())`)
	b.screenshot("vacancy-candidates")
	// The recruiter sets the first candidate aside as not a fit, with a
	// reason: they leave the list and wait under the "Not a fit" tab.
	first := b.text(`[data-testid="match-row"] a strong`)
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid="match-row"] [data-testid="dismiss"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="match-row"] input[name="reason"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="match-row"] input[name="reason"]`), "wants part-time only"),
	)
	b.screenshot("vacancy-candidates-dismissing")
	b.loads(chromedp.Click(chromedp.CSS(`[data-testid="match-row"] [data-testid="confirm-dismiss"]`)), `[data-testid="dismissed-tab"]`)
	tab := b.text(`[data-testid="dismissed-tab"]`)
	listed := b.eval(`[...document.querySelectorAll('[data-testid="match-row"] a strong')].map(e => e.textContent).join("|")`)
	b.loads(chromedp.Click(chromedp.CSS(`[data-testid="dismissed-tab"]`)), `[data-testid="restore"]`)
	aside := b.text(`ol.matches`)
	b.screenshot("vacancy-candidates-dismissed")

	if !strings.Contains(tab, "Not a fit (1)") || strings.Contains("|"+listed+"|", "|"+first+"|") || !strings.Contains(aside, first) {
		t.Errorf("after not a fit for %q: tab %q, list %q, dismissed tab %q", first, tab, listed, aside)
	}
	if heading != "Registered Nurse" || !strings.Contains(total, "found") || !strings.Contains(button, "On shortlist") {
		t.Errorf("heading %q total %q button %q", heading, total, button)
	}
	if !strings.HasPrefix(csv, "rank,candidate_id") || strings.Count(strings.TrimSpace(csv), "\n") < 1 {
		t.Errorf("export = %.200q", csv)
	}
}

func TestAdminCuratesARuleAndErasesACandidate(t *testing.T) {
	b := browser(t)
	// A vacancy with a nurse and a nursing assistant in its city, so the
	// rule's effect shows in the recruiter's search.
	v := addVacancy(t, userID(t, matching.RoleRecruiter), "Registered Nurse", "Leipzig")
	nurse := addCandidate(t, "Nora Nurse", "nora@example.org", "Registered Nurse", "Leipzig")
	addCandidate(t, "Anna Assistant", "anna@example.org", "Nursing Assistant", "Leipzig")
	thrA, thrB := halfway(t, "Registered Nurse", "Nursing Assistant"), halfway(t, "Nursing Assistant", "Registered Nurse")
	// All results, not only the good ones: the rule's target is a weaker match.
	candidatesPage := fmt.Sprintf("%s/vacancies/%d/candidates?all=1", baseURL, v.ID)

	b.signIn(matching.RoleAdmin)
	b.do(chromedp.Navigate(candidatesPage), chromedp.WaitVisible(chromedp.CSS(`[data-testid="total"]`)))
	before := b.text(`[data-testid="results"]`)
	b.do(
		chromedp.Navigate(baseURL+"/admin/rules"),
		chromedp.SendKeys(chromedp.CSS(`#anchor_a`), "Registered Nurse"),
		chromedp.SetValue(chromedp.CSS(`#min_score_a`), thrA),
		chromedp.SendKeys(chromedp.CSS(`#anchor_b`), "Nursing Assistant"),
		chromedp.SetValue(chromedp.CSS(`#min_score_b`), thrB),
		chromedp.SendKeys(chromedp.CSS(`#reason`), "assistants are a different job"),
	)
	// The form shows live what each threshold reaches, for the values typed.
	reach := b.eval(waitForText(`[data-testid="rule-reach"]`, "Around B, “Nursing Assistant”", percentText(t, thrB)))
	reachBars := b.eval(`String(document.querySelectorAll('[data-testid="reach-side"] rect').length)`)
	b.screenshot("rule-form-reach")
	b.loads(chromedp.Click(chromedp.CSS(`form[action="/admin/rules"] button[type="submit"]`)), `[data-testid="rule-row"]`)
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#preview-title`), "Registered Nurse"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="preview-rule"]`)),
	)
	preview := b.text(`[data-testid="preview-rule"]`)
	b.do(chromedp.Navigate(candidatesPage), chromedp.WaitVisible(chromedp.CSS(`[data-testid="hidden"]`)))
	hidden := b.text(`[data-testid="hidden"]`)
	rowsAfter := b.text(`ol.matches`)
	// Import a CSV with one bad row: the report names it, the rest imports.
	csvPath := filepath.Join(t.TempDir(), "vacancies.csv")
	csvData := "external_id,title,employer,city,country\ne1,Physiotherapist,Reha GmbH,Dresden,DE\ne2,Baker,Bakery,Nowhere,XX\ne3,Bus Driver,BVG,Berlin,DE\n"
	if err := os.WriteFile(csvPath, []byte(csvData), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(
		chromedp.Navigate(baseURL+"/admin/import"),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{csvPath}),
		chromedp.Click(chromedp.CSS(`form[action="/admin/import"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-report"]`)),
	)
	report := b.text(`[data-testid="import-report"]`)
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid="start-import"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-done"]`)),
	)
	imported := b.text(`[data-testid="import-done"]`)
	b.do(chromedp.Navigate(fmt.Sprintf("%s/candidates/%d", baseURL, nurse.ID)))
	b.loads(chromedp.Click(chromedp.CSS(`[data-testid="erase-link"]`)), `#confirm`)
	b.do(chromedp.SendKeys(chromedp.CSS(`#confirm`), "nora@example.org"))
	b.loads(chromedp.Click(chromedp.CSS(`[data-testid="erase"]`)), `[data-testid="results"]`)
	location, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	b.screenshot("candidates-after-erase")

	if !strings.Contains(before, "Anna Assistant") {
		t.Errorf("before the rule the assistant should be a match: %.300q", before)
	}
	if !strings.Contains(reach, "Around A, “Registered Nurse”") || !strings.Contains(reach, "open position") || reachBars != "20" {
		t.Errorf("live reach = %q with %s bars, want both anchors with their counts and a 10-bin histogram each", reach, reachBars)
	}
	if !strings.Contains(preview, "hides") {
		t.Errorf("preview = %q", preview)
	}
	if !strings.Contains(hidden, "hidden") || strings.Contains(rowsAfter, "Anna Assistant") || !strings.Contains(rowsAfter, "Nora Nurse") {
		t.Errorf("after the rule: hidden %q, rows %.300q", hidden, rowsAfter)
	}
	if !strings.Contains(report, "2 rows are valid; 1 row has problems") || !strings.Contains(report, "country") {
		t.Errorf("import report = %q", report)
	}
	if !strings.Contains(imported, "2 created") {
		t.Errorf("import result = %q", imported)
	}
	if !strings.Contains(location, "/candidates") {
		t.Errorf("after erasure at %q", location)
	}
	if _, err := store.Candidate(context.Background(), nurse.ID); err == nil {
		t.Error("the erased candidate is still stored")
	}
}

func TestSearchListsGoodMatchesHidesWeakerOnesAndNotesGibberish(t *testing.T) {
	b := browser(t)
	b.signIn(matching.RoleCandidate)
	b.do(
		chromedp.Navigate(baseURL+"/positions?title=Registered+Nurse&country=DE"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="match-row"]`)),
	)
	total := b.text(`[data-testid="total"]`)
	verdict := b.text(`[data-testid="match-row"] [data-testid="verdict"]`)
	good := b.eval(`String(document.querySelectorAll('[data-testid="match-row"]').length)`)
	b.screenshot("search-good-matches")
	b.loads(chromedp.Click(chromedp.CSS(`[data-testid="show-all"]`)), `[data-testid="good-only"]`)
	location, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	all := b.eval(`String(document.querySelectorAll('[data-testid="match-row"]').length)`)
	b.screenshot("search-all-results")
	b.do(
		chromedp.Navigate(baseURL+"/positions?title=asdfghjkl"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="unrecognised"]`)),
	)
	note := b.text(`[data-testid="unrecognised"]`)
	none := b.text(`[data-testid="no-good-match"]`)
	gibberishTotal := b.text(`[data-testid="total"]`)
	b.screenshot("search-gibberish")

	if !regexp.MustCompile(`\d+ good match(es)? · \d+ weaker results? hidden — show them`).MatchString(total) {
		t.Errorf("cut-off text: %q", total)
	}
	if m := regexp.MustCompile(`^strong match · (\d+) %$`).FindStringSubmatch(verdict); m == nil || atoi(m[1]) < 50 {
		t.Errorf("first verdict %q, want a strong match of at least 50 %%", verdict)
	}
	if !strings.Contains(location, "all=1") || !strings.Contains(location, "country=DE") || !strings.Contains(location, "title=Registered+Nurse") {
		t.Errorf("show-all link lost the filters: %q", location)
	}
	if atoi(all) <= atoi(good) {
		t.Errorf("all results %s rows, good ones %s", all, good)
	}
	if !strings.Contains(note, "could not read this title well") || !strings.Contains(none, "No good match for “asdfghjkl”") ||
		!strings.Contains(gibberishTotal, "0 good matches") {
		t.Errorf("gibberish: note %q, %q, %q", note, none, gibberishTotal)
	}
	if len(demoNurse.Matches) == 0 || demoNurse.Matches[0].Score < 0.5 {
		t.Errorf("first demo match for Registered Nurse: %+v", demoNurse.Matches)
	} else {
		t.Logf("first demo match for Registered Nurse: %q, score %.2f", demoNurse.Matches[0].Vacancy.Title, demoNurse.Matches[0].Score)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func userID(t *testing.T, role matching.Role) int64 {
	t.Helper()
	u, err := store.UserByEmail(context.Background(), accounts[role].Email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// addRule saves an exclusion rule with the default thresholds, by the demo
// admin, and tells the engine.
func addRule(t *testing.T, a, b string) matching.ExclusionRule {
	t.Helper()
	ctx := context.Background()
	r, err := matching.ExclusionRuleInput{AnchorA: a, AnchorB: b, MinScoreA: matching.DefaultRuleMinScore,
		MinScoreB: matching.DefaultRuleMinScore, Reason: "different jobs", Enabled: true}.Rule(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.PrepareRule(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if err := store.CreateRule(ctx, matching.Actor{UserID: userID(t, matching.RoleAdmin), Label: "admin"}, &r); err != nil {
		t.Fatal(err)
	}
	if err := eng.Changed(ctx, matching.Change{Entity: matching.EntityRule, ID: r.ID}); err != nil {
		t.Fatal(err)
	}
	return r
}

func addVacancy(t *testing.T, recruiter int64, title, city string) matching.Vacancy {
	t.Helper()
	v, err := matching.VacancyInput{Title: title, Employer: "Klinikum", Location: matching.LocationInput{City: city, Country: "DE"}}.Vacancy()
	if err != nil {
		t.Fatal(err)
	}
	v.RecruiterID = recruiter
	if err := eng.PrepareVacancy(context.Background(), &v); err != nil {
		t.Fatal(err)
	}
	if err := store.CreateVacancy(context.Background(), matching.System, &v); err != nil {
		t.Fatal(err)
	}
	if err := eng.Changed(context.Background(), matching.Change{Entity: matching.EntityVacancy, ID: v.ID}); err != nil {
		t.Fatal(err)
	}
	return v
}

func addCandidate(t *testing.T, name, email, title, city string) matching.Candidate {
	t.Helper()
	c, err := matching.CandidateInput{Name: name, Email: email, DesiredTitle: title, Searchable: true,
		Location: matching.LocationInput{City: city, Country: "DE"}}.Candidate()
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.PrepareCandidate(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	if err := store.CreateCandidate(context.Background(), matching.System, &c); err != nil {
		t.Fatal(err)
	}
	if err := eng.Changed(context.Background(), matching.Change{Entity: matching.EntityCandidate, ID: c.ID}); err != nil {
		t.Fatal(err)
	}
	return c
}

// halfway is a minimum score between the score of a with b and that of
// identical titles, as the rule form's percentage.
func halfway(t *testing.T, a, b string) string {
	t.Helper()
	vecs, err := encoderForThresholds.EncodeTitles(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	other, same := encoderForThresholds.Score(vectorstore.Dot(vecs[0].Vector, vecs[1].Vector)), encoderForThresholds.Score(1)
	if other >= same {
		t.Fatalf("the model scores %q with %q as high as identical titles (%v)", a, b, other)
	}
	return strconv.FormatFloat(float64(100*(other+same)/2), 'f', 4, 32)
}

// waitForText is JavaScript that waits (up to 10 s) until the element css
// contains every one of texts, and returns its text either way.
func waitForText(css string, texts ...string) string {
	js, _ := json.Marshal(texts)
	return fmt.Sprintf(`new Promise(done => {
		const start = Date.now(), want = %s;
		const poll = () => {
			const el = document.querySelector(%q), text = el ? el.textContent : "";
			if (want.every(w => text.includes(w)) || Date.now() - start > 10000) done(text); else setTimeout(poll, 100);
		};
		poll();
	})`, js, css)
}

// percentText is how the pages write the percentage p ("87.25" → "87 %").
func percentText(t *testing.T, p string) string {
	t.Helper()
	v, err := strconv.ParseFloat(p, 64)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%.0f %%", v)
}
