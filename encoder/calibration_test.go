package encoder

import (
	"math/rand/v2"
	"testing"
)

func TestFitCalibrationIsMonotoneAndInRange(t *testing.T) {
	// Pairs whose chance of being the same occupation rises with similarity.
	rng := rand.New(rand.NewPCG(1, 2))
	var sims []float32
	var same []bool
	for range 5000 {
		s := rng.Float32()
		sims = append(sims, s)
		same = append(same, rng.Float32() < s*s)
	}
	c, err := FitCalibration(sims, same, 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	prev := float32(-1)
	for s := float32(-1.5); s <= 1.5; s += 0.01 {
		p := c.Score(s)
		if p < 0 || p > 1 || p < prev {
			t.Fatalf("Score(%.2f) = %v after %v: not monotone in [0,1]", s, p, prev)
		}
		prev = p
	}
	// The curve follows the data: s² at 0.9 is 0.81, at 0.3 is 0.09.
	if p := c.Score(0.9); p < 0.65 || p > 0.95 {
		t.Errorf("Score(0.9) = %.3f, want about 0.81", p)
	}
	if p := c.Score(0.3); p < 0.02 || p > 0.2 {
		t.Errorf("Score(0.3) = %.3f, want about 0.09", p)
	}
	if c.Pairs != 5000 || c.Positives == 0 {
		t.Errorf("fit record %d pairs, %d positives", c.Pairs, c.Positives)
	}
}

func TestCalibrationRejectsCurvesThatAreNotMonotone(t *testing.T) {
	for _, c := range []Calibration{
		{},
		{Cos: []float32{0.1, 0.2}, Prob: []float32{0.5, 0.4}},
		{Cos: []float32{0.2, 0.1}, Prob: []float32{0.1, 0.4}},
		{Cos: []float32{0.1, 0.2}, Prob: []float32{0.1, 1.4}},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}

// TestShippedModelStoresItsCalibration checks that the shipped manifest
// carries a valid curve and that Encoder.Score uses it.
func TestShippedModelStoresItsCalibration(t *testing.T) {
	e := openShipped(t)
	c := e.Manifest().Calibration
	if c == nil || c.Validate() != nil || c.Pairs == 0 {
		t.Fatalf("shipped calibration %+v", c)
	}
	if lo, hi := e.Score(-1), e.Score(1); lo > hi || lo < 0 || hi > 1 {
		t.Errorf("Score(-1) = %v, Score(1) = %v", lo, hi)
	}
}
