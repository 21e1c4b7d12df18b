package evaluate

import (
	"math"
	"testing"
)

func TestOutcomeCountsTiesAtExpectedRank(t *testing.T) {
	tests := []struct {
		name    string
		scores  []float32
		target  int
		wantRR  float64
		wantR1  float64
		wantR5  float64
		wantR10 float64
	}{
		{"best is rank one", []float32{0.9, 0.1, 0.2}, 0, 1, 1, 1, 1},
		{"second place", []float32{0.5, 0.9, 0.2}, 0, 0.5, 0, 1, 1},
		{"two-way tie for first", []float32{0.9, 0.9, 0.1}, 0, (1 + 0.5) / 2, 0.5, 1, 1},
		{"all tied", []float32{0, 0, 0, 0}, 2, (1 + 0.5 + 1.0/3 + 0.25) / 4, 0.25, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := outcome(tt.scores, tt.target)
			if math.Abs(o.RR-tt.wantRR) > 1e-12 || o.R1 != tt.wantR1 || o.R5 != tt.wantR5 || o.R10 != tt.wantR10 {
				t.Errorf("got %+v", o)
			}
		})
	}
}

func TestRankTreatsUnencodableQueriesAsMisses(t *testing.T) {
	cands := []float32{1, 0, 0, 1}
	queries := []float32{1, 0, 0, 0}
	_, m := Rank(2, 2, []int{0, -1}, DenseScorer(queries, cands, 2), 2)
	if m.N != 2 || m.MRR != 0.5 || m.R1 != 0.5 {
		t.Errorf("got %+v", m)
	}
	if got := m.String(); got != "eval n=2 mrr=0.5000 r1=0.5000 r5=0.5000 r10=0.5000" {
		t.Errorf("String() = %q", got)
	}
}

func TestTFIDFPrefersSharedGrams(t *testing.T) {
	tf := NewTFIDF([]string{"registered nurse", "welder", "software developer"})
	_, m := Rank(2, 3, []int{0, 2}, tf.Scorer([]string{"Nurse (RN)", "Senior Software Dev"}), 1)
	if m.R1 != 1 {
		t.Errorf("TF-IDF baseline missed an obvious match: %+v", m)
	}
}
