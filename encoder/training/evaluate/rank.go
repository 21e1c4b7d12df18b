// Package evaluate scores title encoders on the JobBERT job-title
// normalisation task: rank every ESCO occupation for a vacancy title and see
// where the tagged one lands.
package evaluate

import (
	"fmt"
	"sync"

	"jobmatch/internal/vecmath"
)

// Metrics are micro-averaged over all queries.
type Metrics struct {
	N   int
	MRR float64
	R1  float64
	R5  float64
	R10 float64
}

// String is the one-line format `jobmatch eval` prints; scripts parse it.
func (m Metrics) String() string {
	return fmt.Sprintf("eval n=%d mrr=%.4f r1=%.4f r5=%.4f r10=%.4f", m.N, m.MRR, m.R1, m.R5, m.R10)
}

// Outcome is one query's expected reciprocal rank and recall@1, @5, @10
// under random tie-breaking.
type Outcome struct{ RR, R1, R5, R10 float64 }

// Scorer writes the score of every candidate for query q into out.
type Scorer func(q int, out []float32)

// Rank scores numQueries queries against numCands candidates. targets[q] is
// the index of query q's right candidate, or -1 when the query could not be
// encoded at all (it counts as a miss). A candidate tied with the target
// shares its rank: the target is counted at every tied position with equal
// weight, which is its expected rank under a random tie-break.
func Rank(numQueries, numCands int, targets []int, score Scorer, workers int) ([]Outcome, Metrics) {
	out := make([]Outcome, numQueries)
	if workers < 1 {
		workers = 1
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			buf := make([]float32, numCands)
			for q := w; q < numQueries; q += workers {
				if targets[q] < 0 {
					continue
				}
				score(q, buf)
				out[q] = outcome(buf, targets[q])
			}
		})
	}
	wg.Wait()
	return out, Summarize(out)
}

func outcome(scores []float32, target int) Outcome {
	st := scores[target]
	greater, ties := 0, 0
	for i, s := range scores {
		if s > st {
			greater++
		} else if s == st && i != target {
			ties++
		}
	}
	var o Outcome
	n := float64(ties + 1)
	for pos := greater + 1; pos <= greater+1+ties; pos++ {
		o.RR += 1 / float64(pos) / n
		if pos <= 1 {
			o.R1 += 1 / n
		}
		if pos <= 5 {
			o.R5 += 1 / n
		}
		if pos <= 10 {
			o.R10 += 1 / n
		}
	}
	return o
}

// Summarize micro-averages outcomes.
func Summarize(out []Outcome) Metrics {
	m := Metrics{N: len(out)}
	if m.N == 0 {
		return m
	}
	for _, o := range out {
		m.MRR += o.RR
		m.R1 += o.R1
		m.R5 += o.R5
		m.R10 += o.R10
	}
	n := float64(m.N)
	m.MRR, m.R1, m.R5, m.R10 = m.MRR/n, m.R1/n, m.R5/n, m.R10/n
	return m
}

// DenseScorer scores by dot product of unit vectors (cosine): queries and
// cands are row-major, dim wide. It uses the portable kernel so that the
// metrics are the same on every machine.
func DenseScorer(queries, cands []float32, dim int) Scorer {
	return func(q int, out []float32) {
		a := queries[q*dim : (q+1)*dim]
		for c := range out {
			out[c] = vecmath.DotPortable(a, cands[c*dim:(c+1)*dim])
		}
	}
}
