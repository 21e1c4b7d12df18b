package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/web"
)

func TestRecruiterShortlistsAndExportsTheWholeResultSet(t *testing.T) {
	app := newTestApp(t)
	recruiter := app.signIn(matching.RoleRecruiter)
	v := app.addVacancyFor(recruiter.ID, "Nurse", "Berlin", "DE")
	for i := 0; i < 25; i++ { // more than one page
		app.addCandidate("N"+strconv.Itoa(i), "Nurse", true)
	}
	evil, err := matching.CandidateInput{Name: "=HYPERLINK(1)", Email: "evil@example.com", DesiredTitle: "Nurse",
		Location: matching.LocationInput{City: "Berlin", Country: "DE"}, Searchable: true}.Candidate()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.db.CreateCandidate(t.Context(), matching.System, &evil); err != nil {
		t.Fatal(err)
	}
	path := web.VacancyURL(v.ID) + "/candidates"
	eventually.True(t, func() bool { _, body := app.get(path); return strings.Contains(body, "26 candidates found") }, "indexing")

	doc := app.page(path, http.StatusOK)
	first := doc.Find(`[data-testid="match-row"]`).First()
	candID, _ := first.Find(`input[name="candidate_id"]`).Attr("value")
	resp, _ := app.postForm(path, web.VacancyURL(v.ID)+"/shortlist", url.Values{"candidate_id": {candID}, "action": {"add"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("shortlist = %d", resp.StatusCode)
	}
	detail := app.page(web.VacancyURL(v.ID), http.StatusOK)
	if n := detail.Find(`[data-testid="shortlisted"]`).Length(); n != 1 {
		t.Errorf("%d on the shortlist, want 1", n)
	}
	doc = app.page(path, http.StatusOK)
	if got := doc.Find(`[data-testid="shortlist"]`).First().Text(); !strings.Contains(got, "On shortlist") {
		t.Errorf("button = %q", got)
	}

	export, _ := doc.Find(`[data-testid="export-csv"]`).Attr("href")
	resp, body := app.get(export)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 27 || records[0][3] != "email" || records[0][10] != "score" {
		t.Fatalf("%d CSV rows (want header + 26, the whole result set, not one page), header %q", len(records), records[0])
	}
	for _, r := range records[1:] {
		if score, err := strconv.ParseFloat(r[10], 64); err != nil || score < 0 || score > 1 {
			t.Errorf("score %q", r[10])
		}
		if strings.HasPrefix(r[2], "=") {
			t.Errorf("formula not defused: %q", r[2])
		}
	}
	log, _ := app.db.AuditLog(t.Context(), "vacancy", v.ID, 10)
	found := false
	for _, e := range log {
		found = found || e.Action == "export_candidates"
	}
	if !found {
		t.Error("the export is not in the audit log")
	}
}

func TestOtherRecruitersCannotShortlistOrExport(t *testing.T) {
	app := newTestApp(t)
	owner := app.user(matching.RoleRecruiter)
	v := app.addVacancyFor(owner.ID, "Nurse", "Berlin", "DE")
	c := app.addCandidate("Nina", "Nurse", true)
	app.signIn(matching.RoleRecruiter)
	resp, _ := app.postForm("/vacancies", web.VacancyURL(v.ID)+"/shortlist", url.Values{"candidate_id": {strconv.FormatInt(c.ID, 10)}, "action": {"add"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("shortlist on another's vacancy = %d", resp.StatusCode)
	}
	if resp, _ := app.get(web.VacancyURL(v.ID) + "/candidates.csv"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("export of another's vacancy = %d", resp.StatusCode)
	}
}
