package engine

import (
	"sort"
)

// Judged is one labelled query for calibration: the score (calibrated
// probability) of its best match, whether that match was right, and the
// query's encoder confidence.
type Judged struct {
	Score      float32
	Correct    bool
	Confidence float32
}

// Calibration is the result of Calibrate: the bands and the precision of
// the top match within each, so the numbers can be reported and checked.
type Calibration struct {
	Bands                                        Bands
	Queries                                      int
	HighShare, MediumShare                       float64 // of queries whose top match falls in the band
	HighPrecision, MediumPrecision, LowPrecision float64
}

// Calibrate chooses band thresholds on labelled data: High is the lowest
// score at which the best matches at or above it are right at least
// highPrecision of the time; Medium the lowest at which those between it and
// High are right at least mediumPrecision of the time; and MinConfidence the median query confidence (the more
// confident half of queries is matched right more often). Thresholds are
// searched on a 0.01 grid and need at least 2% of the queries above them.
func Calibrate(js []Judged, highPrecision, mediumPrecision float64) Calibration {
	sorted := append([]Judged(nil), js...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Score > sorted[j].Score })
	minSupport := max(1, len(js)/50)
	// lowest is the lowest threshold s such that the best matches with
	// score in [s, upper) are right at least prec of the time.
	lowest := func(prec float64, upper float32) float32 {
		best := upper
		for s := float32(0.99); s >= 0.05; s -= 0.01 {
			n, ok := 0, 0
			for _, j := range sorted {
				if j.Score < s {
					break
				}
				if j.Score >= upper {
					continue
				}
				n++
				if j.Correct {
					ok++
				}
			}
			if n >= minSupport && float64(ok)/float64(n) >= prec {
				best = s
			}
		}
		return best
	}
	conf := make([]float32, len(js))
	for i, j := range js {
		conf[i] = j.Confidence
	}
	sort.Slice(conf, func(i, j int) bool { return conf[i] < conf[j] })
	c := Calibration{Queries: len(js)}
	c.Bands.High = round2(lowest(highPrecision, 2))
	c.Bands.Medium = round2(lowest(mediumPrecision, c.Bands.High))
	if len(conf) > 0 {
		c.Bands.MinConfidence = round2(conf[len(conf)/2])
	}
	var nh, oh, nm, om, nl, ol int
	for _, j := range js {
		switch c.Bands.Of(j.Score, j.Confidence) {
		case "high":
			nh, oh = nh+1, oh+b2i(j.Correct)
		case "medium":
			nm, om = nm+1, om+b2i(j.Correct)
		default:
			nl, ol = nl+1, ol+b2i(j.Correct)
		}
	}
	c.HighShare, c.MediumShare = share(nh, len(js)), share(nm, len(js))
	c.HighPrecision, c.MediumPrecision, c.LowPrecision = share(oh, nh), share(om, nm), share(ol, nl)
	return c
}

func round2(x float32) float32 { return float32(int(x*100+0.5)) / 100 }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
