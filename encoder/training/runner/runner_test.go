package runner

import (
	"strings"
	"testing"
)

// TestProgressFollowsTheTrainersLines: the share done rises with the
// epochs the trainer reports, also when lines arrive in pieces, and never
// goes back.
func TestProgressFollowsTheTrainersLines(t *testing.T) {
	r := &Run{}
	w := &progressWriter{run: r, epochs: 4}
	steps := []struct {
		text string
		want float64
	}{
		{"data: 120 classes\n", 0},
		{"  epoch 1  50% loss=1.2 900 pairs/s\n", 0.9 * 0.125},
		{"epoch 1/4 loss=1.1 val_mrr=0.2", 0.9 * 0.125}, // not finished yet
		{" (n=200) 900 pairs/s elapsed=1s eta=3s\n", 0.9 * 0.25},
		{"  epoch 3  10% loss=0.9 900 pairs/s\nepoch 2/4 loss=1.0\n", 0.9 * 0.525},
	}
	for _, s := range steps {
		if _, err := w.Write([]byte(s.text)); err != nil {
			t.Fatal(err)
		}
		if got := r.Status().Progress; got < s.want-1e-9 || got > s.want+1e-9 {
			t.Fatalf("after %q: progress %v, want %v", strings.TrimSpace(s.text), got, s.want)
		}
	}
}
