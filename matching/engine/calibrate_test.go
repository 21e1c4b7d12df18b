package engine

import "testing"

func TestCalibrateFindsThresholdsThatMeetTheirPrecision(t *testing.T) {
	// Synthetic: above 0.8 the best match is right 9 times in 10, between
	// 0.6 and 0.8 half the time, below 0.6 one time in 10.
	var js []Judged
	for i := 0; i < 1000; i++ {
		s := float32(i) / 1000
		var correct bool
		switch {
		case s >= 0.8:
			correct = i%10 != 0
		case s >= 0.6:
			correct = i%2 == 0
		default:
			correct = i%10 == 0
		}
		js = append(js, Judged{Score: s, Correct: correct, Confidence: s})
	}
	c := Calibrate(js, 0.85, 0.45)
	if c.Bands.High < 0.78 || c.Bands.High > 0.82 {
		t.Errorf("High = %v, want about 0.8", c.Bands.High)
	}
	if c.Bands.Medium < 0.55 || c.Bands.Medium > 0.72 {
		t.Errorf("Medium = %v, want between 0.55 and 0.72", c.Bands.Medium)
	}
	if c.HighPrecision < 0.85 || c.MediumPrecision < 0.4 || c.LowPrecision > 0.2 {
		t.Errorf("precisions %.2f %.2f %.2f", c.HighPrecision, c.MediumPrecision, c.LowPrecision)
	}
	if c.Bands.MinConfidence != 0.5 {
		t.Errorf("MinConfidence = %v, want the median 0.5", c.Bands.MinConfidence)
	}
}
