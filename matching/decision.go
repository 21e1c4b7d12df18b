package matching

import (
	"fmt"
	"time"
)

// Verdict is what a user decided about one match.
type Verdict string

// A recruiter marks a candidate for a vacancy GoodFit or NotAFit; a
// candidate marks a position Interested or NotForMe.
const (
	GoodFit    Verdict = "good_fit"
	NotAFit    Verdict = "not_a_fit"
	Interested Verdict = "interested"
	NotForMe   Verdict = "not_for_me"
)

// Side is whose decision a verdict is.
type Side string

const (
	RecruiterSide Side = "recruiter"
	CandidateSide Side = "candidate"
)

// Side returns who may give v, or "" for an unknown verdict.
func (v Verdict) Side() Side {
	switch v {
	case GoodFit, NotAFit:
		return RecruiterSide
	case Interested, NotForMe:
		return CandidateSide
	}
	return ""
}

// Positive reports whether v says the two titles match.
func (v Verdict) Positive() bool { return v == GoodFit || v == Interested }

// Decision is one user's verdict on a vacancy–candidate pair, with both
// titles and the model versions of both title vectors when it was made:
// the feedback that training learns from.
type Decision struct {
	ID             int64     `json:"id"`
	VacancyID      int64     `json:"vacancy_id"`
	CandidateID    int64     `json:"candidate_id"`
	Verdict        Verdict   `json:"decision"`
	Reason         string    `json:"reason"`
	DecidedBy      int64     `json:"decided_by"`
	DecidedAt      time.Time `json:"decided_at"`
	VacancyTitle   string    `json:"vacancy_title"`
	CandidateTitle string    `json:"candidate_title"`
	VacancyModel   string    `json:"vacancy_model"`
	CandidateModel string    `json:"candidate_model"`
}

// MaxReasonLen bounds a decision's optional reason.
const MaxReasonLen = 500

// DecisionInput is a decision as submitted: by a recruiter on a vacancy's
// candidate (CandidateID) or by a candidate on a position (VacancyID).
type DecisionInput struct {
	CandidateID int64  `json:"candidate_id"`
	VacancyID   int64  `json:"vacancy_id"`
	Verdict     string `json:"decision"`
	Reason      string `json:"reason"`
}

// Decision validates the input for side and returns the decision about
// the pair (vacancyID, candidateID) it describes; the caller supplies the
// record the decision is made from.
func (in DecisionInput) Decision(side Side, vacancyID, candidateID int64) (Decision, error) {
	var p problems
	v := Verdict(in.Verdict)
	if v.Side() != side {
		allowed := "good_fit or not_a_fit"
		if side == CandidateSide {
			allowed = "interested or not_for_me"
		}
		p.add("decision", fmt.Sprintf("decision must be %s (got %q)", allowed, in.Verdict))
	}
	if side == RecruiterSide && candidateID <= 0 {
		p.add("candidate_id", "name the candidate the decision is about")
	}
	if side == CandidateSide && vacancyID <= 0 {
		p.add("vacancy_id", "name the position the decision is about")
	}
	reason := optionalText(&p, "reason", "reason", in.Reason, MaxReasonLen)
	return Decision{VacancyID: vacancyID, CandidateID: candidateID, Verdict: v, Reason: reason}, p.err()
}
