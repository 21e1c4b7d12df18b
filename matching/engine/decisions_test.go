package engine_test

import (
	"testing"

	"jobmatch/internal/eventually"
	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// TestNotAFitLeavesTheVacancysListAtOnce: a candidate marked "not a fit"
// for a vacancy leaves that vacancy's list (pages stay full, counts exact),
// is listed on its dismissed tab, and stays on every other vacancy's list;
// withdrawing the decision puts them back. A second engine on the same
// database follows through its catch-up. "Not for me" does the same on a
// candidate's positions.
func TestNotAFitLeavesTheVacancysListAtOnce(t *testing.T) {
	f := newFixture(t)
	nurseJob := f.vacancy("Registered Nurse", "Berlin", "DE", false)
	otherJob := f.vacancy("Staff Nurse", "Berlin", "DE", false)
	var nurses []matching.Candidate
	for i := range 4 {
		nurses = append(nurses, f.candidate(string(rune('a'+i)), "Registered Nurse", "Berlin", "DE", false, true))
	}
	e := f.engine("", nil)
	other := f.engine("", nil)
	list := func(e *engine.Engine, v matching.Vacancy, tab bool) (engine.CandidateResults, map[int64]bool) {
		t.Helper()
		res, err := e.SearchCandidates(f.ctx, engine.CandidateQuery{VacancyID: v.ID, Dismissed: tab, Paging: engine.Paging{Page: 1, PerPage: 3}})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[int64]bool{}
		for _, m := range res.Matches {
			ids[m.Candidate.ID] = true
		}
		return res, ids
	}
	gone := nurses[0]
	d := matching.Decision{VacancyID: nurseJob.ID, CandidateID: gone.ID, Verdict: matching.NotAFit, Reason: "no German"}
	if err := e.Decide(f.ctx, matching.System, &d); err != nil {
		t.Fatal(err)
	}
	res, ids := list(e, nurseJob, false)
	if ids[gone.ID] || res.Total != 3 || len(res.Matches) != 3 || res.Dismissed != 1 {
		t.Errorf("after not a fit: total %d, %d on the page, dismissed %d, dismissed one listed: %v", res.Total, len(res.Matches), res.Dismissed, ids[gone.ID])
	}
	if res, ids := list(e, nurseJob, true); !ids[gone.ID] || res.Total != 1 {
		t.Errorf("dismissed tab: total %d, listed %v", res.Total, ids)
	}
	if res, _ := list(e, otherJob, false); res.Total != 4 || res.Dismissed != 0 {
		t.Errorf("another vacancy's list changed: total %d, dismissed %d", res.Total, res.Dismissed)
	}
	eventually.True(t, func() bool { _, ids := list(other, nurseJob, false); return !ids[gone.ID] }, "the other engine catching up")

	if err := e.Undecide(f.ctx, matching.System, matching.RecruiterSide, nurseJob.ID, gone.ID); err != nil {
		t.Fatal(err)
	}
	if res, _ := list(e, nurseJob, false); res.Total != 4 || res.Dismissed != 0 {
		t.Errorf("after undo: total %d, dismissed %d", res.Total, res.Dismissed)
	}

	// The candidate's side.
	nf := matching.Decision{VacancyID: nurseJob.ID, CandidateID: gone.ID, Verdict: matching.NotForMe}
	if err := e.Decide(f.ctx, matching.System, &nf); err != nil {
		t.Fatal(err)
	}
	pos, err := e.VacanciesForCandidate(f.ctx, gone, 0, false, engine.Paging{Page: 1, PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pos.Matches {
		if m.Vacancy.ID == nurseJob.ID {
			t.Error("a position marked not for me is still on the candidate's list")
		}
	}
	if pos.Dismissed != 1 || pos.Total != 1 {
		t.Errorf("candidate's positions: total %d, dismissed %d", pos.Total, pos.Dismissed)
	}
	if res, _ := list(e, nurseJob, false); res.Total != 4 || res.Dismissed != 0 {
		t.Errorf("the candidate's not for me changed the recruiter's list: total %d", res.Total)
	}
}
