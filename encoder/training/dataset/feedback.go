package dataset

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"jobmatch/matching"
)

// FeedbackHeldOutShare is the share of the newest decisions that feedback training
// holds out to evaluate on.
const FeedbackHeldOutShare = 0.2

// Judgement is a user's decision as training sees it: the two titles, the
// verdict and its time, and which list it was made on. It holds no name,
// email or reason.
type Judgement struct {
	// Anchor is the title of the side that judged: the vacancy of a
	// recruiter's decision, the candidate of a candidate's.
	Anchor string
	// Other is the judged title: the candidate's or the position's.
	Other string
	Good  bool
	At    time.Time
	// List names the list the decision was made on ("v12": vacancy 12's
	// candidates, "c7": candidate 7's positions); evaluation ranks each
	// list's judged titles.
	List string
}

// Judgements turns decisions into judgements, reading only their titles,
// verdicts, times and the vacancy or candidate whose list they were made on.
func Judgements(ds []matching.Decision) []Judgement {
	out := make([]Judgement, 0, len(ds))
	for _, d := range ds {
		j := Judgement{Anchor: d.VacancyTitle, Other: d.CandidateTitle, Good: d.Verdict.Positive(), At: d.DecidedAt,
			List: "v" + strconv.FormatInt(d.VacancyID, 10)}
		if d.Verdict.Side() == matching.CandidateSide {
			j.Anchor, j.Other, j.List = d.CandidateTitle, d.VacancyTitle, "c"+strconv.FormatInt(d.CandidateID, 10)
		}
		out = append(out, j)
	}
	return out
}

// FeedbackSplit is a time-based split of judgements: training never sees
// HeldOut.
type FeedbackSplit struct {
	Train, HeldOut []Judgement
	// Cut is the time of the oldest held-out judgement: every judgement
	// made at or after it is held out, every earlier one trains.
	Cut time.Time
}

// SplitByTime holds out the newest share of the judgements (by At): the
// judgement at position ⌊n·(1−share)⌋ of the time order fixes the cut, and
// judgements made at the same time as it are held out too, so the split
// depends on times alone, not on the input order.
func SplitByTime(js []Judgement, share float64) (FeedbackSplit, error) {
	if share <= 0 || share >= 1 {
		return FeedbackSplit{}, fmt.Errorf("dataset: held-out share %v outside (0, 1)", share)
	}
	sorted := slices.Clone(js)
	slices.SortStableFunc(sorted, func(a, b Judgement) int { return a.At.Compare(b.At) })
	k := int(float64(len(sorted)) * (1 - share))
	if k >= len(sorted) {
		return FeedbackSplit{Train: sorted}, nil
	}
	cut := sorted[k].At
	for k > 0 && !sorted[k-1].At.Before(cut) {
		k--
	}
	return FeedbackSplit{Train: sorted[:k], HeldOut: sorted[k:], Cut: cut}, nil
}
