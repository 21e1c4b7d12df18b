package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"jobmatch/matching"
)

// TestDecisionsRecordReplaceListAndErase: a decision keeps both titles as
// they were; a second one by the same side replaces it; Dismissed lists
// what "not a fit" and "not for me" set aside; Decisions adds shortlist
// entries as good fits; erasing the candidate erases their decisions and
// the audit details about them.
func TestDecisionsRecordReplaceListAndErase(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	recruiter := &matching.User{Email: "rec@example.com", Role: matching.RoleRecruiter, PasswordHash: "x"}
	if err := db.CreateUser(ctx, actorSystem, recruiter); err != nil {
		t.Fatal(err)
	}
	rec := matching.Actor{UserID: recruiter.ID, Label: recruiter.Email}
	v := vacancyFixture(t, "Pflegefachkraft", "Berlin", "DE", false)
	v.RecruiterID = recruiter.ID
	if err := db.CreateVacancy(ctx, rec, v); err != nil {
		t.Fatal(err)
	}
	helper := candidateFixture(t, "hans", "Pflegehelfer", "Berlin", "DE", true)
	nurse := candidateFixture(t, "nina", "Krankenschwester", "Berlin", "DE", true)
	for _, c := range []*matching.Candidate{helper, nurse} {
		if err := db.CreateCandidate(ctx, actorSystem, c); err != nil {
			t.Fatal(err)
		}
	}
	d := matching.Decision{VacancyID: v.ID, CandidateID: helper.ID, Verdict: matching.GoodFit}
	if err := db.Decide(ctx, rec, &d); err != nil {
		t.Fatal(err)
	}
	d = matching.Decision{VacancyID: v.ID, CandidateID: helper.ID, Verdict: matching.NotAFit, Reason: "assistant, not a nurse"}
	if err := db.Decide(ctx, rec, &d); err != nil {
		t.Fatal(err)
	}
	if d.ID == 0 || d.VacancyTitle != "Pflegefachkraft" || d.CandidateTitle != "Pflegehelfer" || d.DecidedBy != recruiter.ID || d.DecidedAt.IsZero() {
		t.Errorf("decision = %+v", d)
	}
	cand := matching.Decision{VacancyID: v.ID, CandidateID: helper.ID, Verdict: matching.Interested}
	if err := db.Decide(ctx, actorSystem, &cand); err != nil {
		t.Fatal(err)
	}
	if err := db.Shortlist(ctx, rec, v.ID, nurse.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Dismissed(ctx, matching.NotAFit, []int64{v.ID, 987654}); err != nil || len(got) != 1 || len(got[v.ID]) != 1 || got[v.ID][0] != helper.ID {
		t.Errorf("dismissed from the vacancy = %v, %v", got, err)
	}
	if got, err := db.Dismissed(ctx, matching.NotForMe, []int64{helper.ID}); err != nil || len(got) != 0 {
		t.Errorf("turned down by the candidate = %v, %v", got, err)
	}
	all, err := db.Decisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]matching.Verdict{}
	for _, d := range all {
		got[d.CandidateTitle+"/"+string(d.Verdict.Side())] = d.Verdict
	}
	if len(all) != 3 || got["Pflegehelfer/recruiter"] != matching.NotAFit || got["Pflegehelfer/candidate"] != matching.Interested ||
		got["Krankenschwester/recruiter"] != matching.GoodFit {
		t.Errorf("decisions for training = %v (%d)", got, len(all))
	}
	missing := matching.Decision{VacancyID: v.ID, CandidateID: 987654, Verdict: matching.GoodFit}
	if err := db.Decide(ctx, rec, &missing); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("a decision about a missing candidate: %v", err)
	}

	// An imported history keeps its own times and authors and leaves
	// existing decisions alone.
	past := time.Now().Add(-30 * 24 * time.Hour).Truncate(time.Second)
	if err := db.ImportDecisions(ctx, actorSystem, []matching.Decision{
		{VacancyID: v.ID, CandidateID: nurse.ID, Verdict: matching.NotForMe, DecidedAt: past},
		{VacancyID: v.ID, CandidateID: helper.ID, Verdict: matching.GoodFit, DecidedAt: past, DecidedBy: recruiter.ID},
	}); err != nil {
		t.Fatal(err)
	}
	all, _ = db.Decisions(ctx)
	if len(all) != 4 || !all[0].DecidedAt.Equal(past) || all[0].Verdict != matching.NotForMe || all[0].CandidateTitle != "Krankenschwester" {
		t.Errorf("after the import, decisions = %+v", all)
	}
	if got, _ := db.Dismissed(ctx, matching.NotAFit, []int64{v.ID}); len(got[v.ID]) != 1 {
		t.Errorf("the import replaced a recorded decision: dismissed %v", got)
	}

	if err := db.EraseCandidate(ctx, actorSystem, helper.ID); err != nil {
		t.Fatal(err)
	}
	all, _ = db.Decisions(ctx)
	if len(all) != 2 || all[0].CandidateID != nurse.ID || all[1].CandidateID != nurse.ID {
		t.Errorf("after erasure, decisions = %+v", all)
	}
	log, err := db.AuditLog(ctx, matching.EntityCandidate, helper.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		if e.Action == "decide" && len(e.Detail) > 0 {
			t.Errorf("audit entry %+v still holds the erased candidate's decision", e)
		}
	}
}
