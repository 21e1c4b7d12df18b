package dataset

import (
	"testing"
	"time"

	"jobmatch/matching"
)

func TestJudgementsKeepTitlesVerdictsAndTimesOnly(t *testing.T) {
	at := time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC)
	js := Judgements([]matching.Decision{
		{VacancyID: 3, CandidateID: 7, Verdict: matching.NotAFit, Reason: "assistant, not nurse", DecidedBy: 9, DecidedAt: at,
			VacancyTitle: "Registered Nurse", CandidateTitle: "Nursing Assistant"},
		{VacancyID: 4, CandidateID: 7, Verdict: matching.Interested, DecidedAt: at, VacancyTitle: "Staff Nurse", CandidateTitle: "Nursing Assistant"},
	})
	want := []Judgement{
		{Anchor: "Registered Nurse", Other: "Nursing Assistant", Good: false, At: at, List: "v3"},
		{Anchor: "Nursing Assistant", Other: "Staff Nurse", Good: true, At: at, List: "c7"},
	}
	if len(js) != len(want) || js[0] != want[0] || js[1] != want[1] {
		t.Errorf("Judgements = %+v, want %+v", js, want)
	}
}

func TestSplitByTimeHoldsOutTheNewestShare(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	// Out of time order on purpose; days 8 and 8 tie at the cut.
	var js []Judgement
	for _, d := range []int{9, 1, 8, 2, 3, 8, 4, 5, 6, 7} {
		js = append(js, Judgement{Anchor: "a", Other: "b", At: day(d)})
	}
	s, err := SplitByTime(js, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Train) != 7 || len(s.HeldOut) != 3 || !s.Cut.Equal(day(8)) {
		t.Fatalf("split %d/%d at %v, want 7/3 at %v (the tie at the cut held out)", len(s.Train), len(s.HeldOut), s.Cut, day(8))
	}
	for _, j := range s.Train {
		if !j.At.Before(s.Cut) {
			t.Errorf("training judgement at %v is not older than the cut %v", j.At, s.Cut)
		}
	}
	for _, j := range s.HeldOut {
		if j.At.Before(s.Cut) {
			t.Errorf("held-out judgement at %v is older than the cut %v", j.At, s.Cut)
		}
	}
	if _, err := SplitByTime(js, 1); err == nil {
		t.Error("a held-out share of 1 was accepted")
	}
}
