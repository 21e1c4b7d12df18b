package matching

import (
	"strings"
	"testing"
)

func TestDecisionInputIsCheckedForItsSide(t *testing.T) {
	d, err := DecisionInput{CandidateID: 7, Verdict: "not_a_fit", Reason: "  assistant,   not  nurse "}.Decision(RecruiterSide, 3, 7)
	if err != nil || d.Verdict != NotAFit || d.Reason != "assistant, not nurse" || d.VacancyID != 3 || d.CandidateID != 7 {
		t.Errorf("recruiter decision = %+v, %v", d, err)
	}
	for name, tc := range map[string]struct {
		in    DecisionInput
		side  Side
		field string
	}{
		"a candidate's verdict from a recruiter": {DecisionInput{CandidateID: 7, Verdict: "interested"}, RecruiterSide, "decision"},
		"a recruiter's verdict from a candidate": {DecisionInput{VacancyID: 3, Verdict: "good_fit"}, CandidateSide, "decision"},
		"an unknown verdict":                     {DecisionInput{CandidateID: 7, Verdict: "maybe"}, RecruiterSide, "decision"},
		"no candidate":                           {DecisionInput{Verdict: "good_fit"}, RecruiterSide, "candidate_id"},
		"no position":                            {DecisionInput{Verdict: "not_for_me"}, CandidateSide, "vacancy_id"},
		"a reason too long":                      {DecisionInput{CandidateID: 7, Verdict: "good_fit", Reason: strings.Repeat("x", MaxReasonLen+1)}, RecruiterSide, "reason"},
		"a control character":                    {DecisionInput{CandidateID: 7, Verdict: "good_fit", Reason: "a\x00b"}, RecruiterSide, "reason"},
	} {
		vac, cand := tc.in.VacancyID, tc.in.CandidateID
		_, err := tc.in.Decision(tc.side, vac, cand)
		ve, ok := AsValidation(err)
		if !ok || ve.First().Field != tc.field {
			t.Errorf("%s: %v, want an error on %s", name, err, tc.field)
		}
	}
	if !GoodFit.Positive() || !Interested.Positive() || NotAFit.Positive() || NotForMe.Positive() {
		t.Error("Positive is wrong")
	}
}
