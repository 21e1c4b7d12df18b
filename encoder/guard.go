package encoder

import (
	"fmt"
	"strconv"
	"strings"
)

// GuardTolerance is how much lower a new model's MRR may be on a standard
// suite and still count as not worse: about the spread between two
// trainings of one configuration with different seeds.
const GuardTolerance = 0.01

// GuardSuites are the standard suites a promotion weighs: the JobBERT
// titles as they are, with job-ad noise and abbreviated, and the
// multilingual means (docs/encoder.md).
var GuardSuites = []string{"jobbert", "jobbert-noise", "jobbert-abbrev", "ml-mean", "ml-en-mean"}

// Guard is the promotion guard's verdict on a candidate model against the
// current one, with its reasons in words.
type Guard struct {
	OK      bool
	Reasons []string // every finding
	Failed  []string // the findings that refuse the promotion
}

// CheckPromotion decides whether candidate may replace current: it must be
// no worse on any of GuardSuites (MRR within GuardTolerance) and better on
// the users' held-out decisions, measured against current itself (its
// Baseline): more rightly ordered (good, bad) pairs and no lower precision
// at 10.
func CheckPromotion(current, candidate *Manifest) Guard {
	g := Guard{OK: true}
	fail := func(format string, args ...any) {
		g.OK = false
		g.Reasons = append(g.Reasons, fmt.Sprintf(format, args...))
		g.Failed = append(g.Failed, g.Reasons[len(g.Reasons)-1])
	}
	var curM, candM Metrics
	if current.Metrics != nil {
		curM = *current.Metrics
	}
	if candidate.Metrics != nil {
		candM = *candidate.Metrics
	}
	cur, cand := SuiteMRR(curM.Suites), SuiteMRR(candM.Suites)
	for _, s := range GuardSuites {
		c, ok1 := cur[s]
		n, ok2 := cand[s]
		switch {
		case !ok1 || !ok2:
			fail("suite %s was not evaluated for both models", s)
		case n < c-GuardTolerance:
			fail("worse on %s: MRR %.4f against %.4f (tolerance %.2f)", s, n, c, GuardTolerance)
		default:
			g.Reasons = append(g.Reasons, fmt.Sprintf("not worse on %s: MRR %.4f against %.4f", s, n, c))
		}
	}
	fb, base := candM.Feedback, candM.Baseline
	switch {
	case fb == nil:
		fail("not evaluated on users' held-out decisions (train with -feedback)")
	case base == nil || base.Feedback == nil || base.Model != current.Version():
		fail("its held-out decisions were not scored with the current model %s", current.Version())
	case fb.PairOrder <= base.Feedback.PairOrder || fb.P10 < base.Feedback.P10:
		fail("not better on held-out decisions: pair order %.4f against %.4f, P@10 %.4f against %.4f",
			fb.PairOrder, base.Feedback.PairOrder, fb.P10, base.Feedback.P10)
	default:
		g.Reasons = append(g.Reasons, fmt.Sprintf("better on %d held-out decision lists: pair order %.4f against %.4f, P@10 %.4f against %.4f",
			fb.Lists, fb.PairOrder, base.Feedback.PairOrder, fb.P10, base.Feedback.P10))
	}
	return g
}

// SuiteMRR reads the MRR of each `jobmatch eval` suite line
// ("eval suite=jobbert n=15463 mrr=0.3629 …").
func SuiteMRR(lines []string) map[string]float64 {
	out := map[string]float64{}
	for _, l := range lines {
		var name string
		mrr := -1.0
		for _, f := range strings.Fields(l) {
			k, v, ok := strings.Cut(f, "=")
			switch {
			case ok && k == "suite":
				name = v
			case ok && k == "mrr":
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					mrr = x
				}
			}
		}
		if name != "" && mrr >= 0 {
			out[name] = mrr
		}
	}
	return out
}
