package demo

import (
	"math"
	"testing"
	"time"

	"jobmatch/matching"
)

// TestSimulatedRecruitersDecideByTheMarketsPreferences: the demo recruiters
// review the best-ranked searchable candidates of a vacancy, and those
// further down of an occupation they have a preference about, and decide by
// the hidden preferences, not by the ranking: a nursing assistant ranked
// first for a nurse's vacancy is not a fit; a Go developer ranked low for a
// software developer's vacancy is a good fit. Times rise towards now.
func TestSimulatedRecruitersDecideByTheMarketsPreferences(t *testing.T) {
	unit := func(x, y float64) matching.TitleVector {
		n := math.Hypot(x, y)
		return matching.TitleVector{Vector: []float32{float32(x / n), float32(y / n)}}
	}
	nurseJob := &matching.Vacancy{ID: 1, RecruiterID: 9, TitleVector: unit(1, 0)}
	devJob := &matching.Vacancy{ID: 2, RecruiterID: 9, TitleVector: unit(0, 1)}
	vOcc := map[*matching.Vacancy]string{nurseJob: "Registered Nurse", devJob: "Software Developer"}
	cOcc := map[*matching.Candidate]string{}
	var cs []*matching.Candidate
	add := func(id int64, occ string, v matching.TitleVector, searchable bool) {
		c := &matching.Candidate{ID: id, TitleVector: v, Searchable: searchable}
		cs = append(cs, c)
		cOcc[c] = occ
	}
	add(10, "Nursing Assistant", unit(1, 0.01), true) // ranked first for the nurse's vacancy
	add(11, "Registered Nurse", unit(1, 0.05), true)
	add(12, "Registered Nurse", unit(1, 0.02), false) // not searchable: never reviewed
	for i := range reviewedTop + 1 {                  // software developers fill the dev job's top
		add(int64(20+i), "Software Developer", unit(0.01*float64(i), 1), true)
	}
	add(40, "Go Developer", unit(0.5, 0.6), true) // below the top of the dev job, within reach
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	ds := simulateDecisions([]*matching.Vacancy{nurseJob, devJob}, vOcc, cs, cOcc, 1, now)

	got := map[[2]int64]matching.Verdict{}
	for i, d := range ds {
		got[[2]int64{d.VacancyID, d.CandidateID}] = d.Verdict
		if d.DecidedBy != 9 || d.DecidedAt.After(now) || d.DecidedAt.Before(now.Add(-decisionDays*24*time.Hour)) ||
			i > 0 && d.DecidedAt.Before(ds[i-1].DecidedAt) {
			t.Errorf("decision %d: %+v", i, d)
		}
	}
	for pair, want := range map[[2]int64]matching.Verdict{
		{1, 10}: matching.NotAFit, {1, 11}: matching.GoodFit, {2, 40}: matching.GoodFit, {2, 20}: matching.GoodFit, {1, 31}: matching.NotAFit,
	} {
		if got[pair] != want {
			t.Errorf("vacancy %d, candidate %d: %q, want %q", pair[0], pair[1], got[pair], want)
		}
	}
	if _, ok := got[[2]int64{1, 12}]; ok {
		t.Error("a candidate who is not searchable was reviewed")
	}
	if _, ok := got[[2]int64{2, 11}]; ok {
		t.Error("a nurse far down the developer's list was reviewed")
	}
}

// TestDecisionTimesRiseWithinTheWindowForManyDecisions: however many
// decisions there are, their times rise and stay within the decisionDays
// before now, so the newest are the last ones made.
func TestDecisionTimesRiseWithinTheWindowForManyDecisions(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	ds := make([]matching.Decision, 50000)
	spreadOver(ds, now)
	for i, d := range ds {
		if d.DecidedAt.After(now) || d.DecidedAt.Before(now.Add(-decisionDays*24*time.Hour)) || i > 0 && d.DecidedAt.Before(ds[i-1].DecidedAt) {
			t.Fatalf("decision %d of %d at %s (now %s)", i, len(ds), d.DecidedAt, now)
		}
	}
}
