package evaluate

import (
	"math"
	"testing"

	"jobmatch/encoder/training/dataset"
)

func TestFeedbackScoresEachListsRanking(t *testing.T) {
	j := func(list, other string, good bool) dataset.Judgement {
		return dataset.Judgement{Anchor: "nurse", Other: other, Good: good, List: list}
	}
	scores := map[string]float32{"rn": 0.9, "charge nurse": 0.8, "assistant": 0.95, "carer": 0.7, "tie-a": 0.5, "tie-b": 0.5}
	js := []dataset.Judgement{
		// v1: the negative "assistant" ranks first, the positives next.
		j("v1", "rn", true), j("v1", "assistant", false), j("v1", "charge nurse", true),
		// v2: the negative "carer" ranks first, then two tied titles, one
		// of them the positive.
		j("v2", "tie-a", true), j("v2", "tie-b", false), j("v2", "carer", false),
		// v3 has only positives (no order matters): left out.
		j("v3", "rn", true),
		// v4 has no positive: left out.
		j("v4", "carer", false),
	}
	for i := range 12 {
		js = append(js, j("v5", "rn", i == 11)) // a long list: 12 judged, 1 positive, all tied
	}
	m := Feedback(js, func(_, b string) float32 { return scores[b] })
	// v1: 2 of 3 positive, first positive at rank 2. v2: 1 of 3, the tied
	// positive at rank 2 or 3. v5: 12 tied titles, top 10 hold the positive
	// with chance 10/12; its rank is uniform over 1..12.
	var h12 float64
	for r := 1; r <= 12; r++ {
		h12 += 1 / float64(r)
	}
	want := FeedbackMetrics{Lists: 3, Judged: 18, Positives: 4,
		P10: (2.0/3 + 1.0/3 + (10.0/12)/10) / 3,
		MRR: (0.5 + (1.0/2+1.0/3)/2 + h12/12) / 3,
		// v1: both positives below the negative; v2: the positive is
		// below "carer" and tied with "tie-b"; v5: all tied.
		PairOrder: (0 + (0+0.5)/2 + 0.5) / 3,
		IdealP10:  (2.0/3 + 1.0/3 + 1.0/10) / 3}
	if m.Lists != want.Lists || m.Judged != want.Judged || m.Positives != want.Positives ||
		math.Abs(m.P10-want.P10) > 1e-9 || math.Abs(m.MRR-want.MRR) > 1e-9 || math.Abs(m.PairOrder-want.PairOrder) > 1e-9 || math.Abs(m.IdealP10-want.IdealP10) > 1e-9 {
		t.Errorf("Feedback = %+v, want %+v", m, want)
	}
}
