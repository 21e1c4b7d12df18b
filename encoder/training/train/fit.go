package train

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/augment"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/nn"
)

// Sizes of the post-training fits.
const (
	fitQueries   = 8000 // held-out labels scored for the confidence head and the calibration
	fitGibberish = 6000 // made-up non-titles for the confidence head
	calibNegs    = 10   // wrong occupations per query: the top of a result list
	calibKnots   = 24
)

// fitHeads fits what training cannot learn by backpropagation, on ontology
// labels that training never saw and that no evaluation suite uses (the
// held-out labels of the languages outside dataset.SuiteLanguages, half of
// them with job-ad noise, and English labels with noise words training never
// used): the confidence head, which tells these real titles from made-up
// strings; and the calibration from cosine similarity to the probability that
// two titles name the same occupation.
func fitHeads(res *Result, src *dataset.Source, heldOut []dataset.Label, progress io.Writer) error {
	o, p := res.Options, res.Params
	var queries []dataset.Label
	for _, l := range heldOut {
		if !slices.Contains(dataset.SuiteLanguages, l.Lang) {
			queries = append(queries, l)
		}
	}
	if len(queries) < 1000 {
		return fmt.Errorf("train: only %d held-out labels outside the evaluation languages to fit confidence and calibration on", len(queries))
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0xca11b))
	rng.Shuffle(len(queries), func(i, j int) { queries[i], queries[j] = queries[j], queries[i] })
	queries = queries[:min(fitQueries, len(queries))]

	byURI := map[string]int{}
	var prefs [][]int32
	var s features.Scratch
	rowsOf := func(title string) []int32 {
		return res.Vocab.TitleRows(nil, o.Features, title, o.Fallback, &s)
	}
	for i, occ := range src.ESCO {
		byURI[occ.URI] = i
		prefs = append(prefs, rowsOf(occ.Preferred))
	}
	// A third of the queries are English ontology labels with job-ad noise
	// the model never trained on (the augmenter's evaluation words), so the
	// fits also see vacancy-like English titles.
	aug := augment.New(augment.Train)
	evalNoise := augment.New(augment.Eval)
	for _, i := range rng.Perm(len(src.ESCO))[:min(len(queries)/2, len(src.ESCO))] {
		occ := src.ESCO[i]
		labels := occ.Labels()
		text := evalNoise.Noise(labels[rng.IntN(len(labels))], rng)
		queries = append(queries, dataset.Label{Lang: "en", URI: occ.URI, Text: text})
	}
	var qrows [][]int32
	var targets []int
	for i, q := range queries {
		t, ok := byURI[q.URI]
		if !ok {
			continue
		}
		text := q.Text
		if i%2 == 1 && q.Lang != "en" {
			text = aug.Vary(text, rng)
		}
		if r := rowsOf(text); len(r) > 0 {
			qrows, targets = append(qrows, r), append(targets, t)
		}
	}
	cands := encodeRows(p, prefs, o.Workers)
	qv, conf := encodeWithInputs(p, qrows, o.Workers)
	dim := p.Dim()

	// Similarities of each query to its occupation and to the best wrong
	// ones.
	var sims []float32
	var same []bool
	var x [][nn.ConfFeatures]float32
	scores := make([]float32, len(prefs))
	for qi, t := range targets {
		q := nn.Row(qv, qi, dim)
		for c := range prefs {
			scores[c] = dotf(q, nn.Row(cands, c, dim))
		}
		order := make([]int, len(scores))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			if scores[a] != scores[b] {
				if scores[a] > scores[b] {
					return -1
				}
				return 1
			}
			return a - b
		})
		sims, same = append(sims, scores[t]), append(same, true)
		negs := 0
		for _, c := range order {
			if c != t && negs < calibNegs {
				sims, same = append(sims, scores[c]), append(same, false)
				negs++
			}
		}
		x = append(x, conf[qi])
	}
	cal, err := encoder.FitCalibration(sims, same, calibKnots)
	if err != nil {
		return err
	}
	res.Calibration = cal

	// Made-up strings are certain misses.
	var junk [][]int32
	for range fitGibberish {
		if r := rowsOf(gibberish(rng, aug)); len(r) > 0 {
			junk = append(junk, r)
		}
	}
	_, jconf := encodeWithInputs(p, junk, o.Workers)
	x = append(x, jconf...)
	// Real titles (all the held-out labels) against made-up strings.
	isReal := make([]float64, len(x))
	for i := range targets {
		isReal[i] = 1
	}
	p.Conf = fitLogistic(x, isReal)
	fmt.Fprintf(progress, "fitted on %d held-out labels and %d made-up strings: calibration %d knots (%.2f→%.3f … %.2f→%.3f), confidence head %v\n",
		len(targets), len(junk), len(cal.Cos), cal.Cos[0], cal.Prob[0], cal.Cos[len(cal.Cos)-1], cal.Prob[len(cal.Prob)-1], p.Conf)
	return nil
}

// gibberish makes a string no one would call a job title: random letters,
// made-up words of real syllables, keyboard runs, digits, or job-ad noise
// alone. (A lone character is unreadable, see encoder.Readable.)
func gibberish(rng *rand.Rand, aug *augment.Augmenter) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	rows := []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop", "1234567890"}
	switch rng.IntN(12) {
	case 4, 5, 7, 8, 9, 10, 11:
		const cons, vows = "bcdfghjklmnpqrstvwxz", "aeiou"
		var b strings.Builder
		for w := range 1 + rng.IntN(2) {
			if w > 0 {
				b.WriteByte(' ')
			}
			for range 2 + rng.IntN(3) {
				b.WriteByte(cons[rng.IntN(len(cons))])
				b.WriteByte(vows[rng.IntN(len(vows))])
				if rng.IntN(2) == 0 {
					b.WriteByte(cons[rng.IntN(len(cons))])
				}
			}
		}
		return b.String()
	case 0, 1:
		var b strings.Builder
		for range 3 + rng.IntN(10) {
			b.WriteByte(letters[rng.IntN(len(letters))])
		}
		return b.String()
	case 2:
		r := rows[rng.IntN(len(rows))]
		i := rng.IntN(len(r) - 2)
		return r[i : i+3+rng.IntN(len(r)-i-2)]
	case 3:
		return fmt.Sprint(rng.IntN(1000000))
	default:
		return aug.Noise("", rng)
	}
}

// fitLogistic fits weights and bias of a logistic regression by Newton's
// method with a little ridge, so that separable data cannot run away. The
// two classes weigh the same in total, however many examples each has.
func fitLogistic(x [][nn.ConfFeatures]float32, y []float64) [nn.ConfFeatures + 1]float32 {
	const n = nn.ConfFeatures + 1
	var w [n]float64
	var pos float64
	for _, v := range y {
		pos += v
	}
	weight := [2]float64{float64(len(y)) / (2 * (float64(len(y)) - pos)), float64(len(y)) / (2 * pos)}
	feat := func(i int) [n]float64 {
		var f [n]float64
		for k := range nn.ConfFeatures {
			f[k] = float64(x[i][k])
		}
		f[nn.ConfFeatures] = 1
		return f
	}
	for range 50 {
		var g [n]float64
		var h [n][n]float64
		for i := range x {
			f := feat(i)
			z := 0.0
			for k := range n {
				z += w[k] * f[k]
			}
			pr := 1 / (1 + math.Exp(-z))
			c := weight[int(y[i])]
			for a := range n {
				g[a] += c * (pr - y[i]) * f[a]
				for b := range n {
					h[a][b] += c * pr * (1 - pr) * f[a] * f[b]
				}
			}
		}
		for a := range n {
			g[a] += 1e-3 * w[a]
			h[a][a] += 1e-3
		}
		step := solve(h, g)
		for k := range n {
			w[k] -= step[k]
		}
	}
	var out [n]float32
	for k := range n {
		out[k] = float32(w[k])
	}
	return out
}

// solve returns the solution of h·s = g by Gaussian elimination with partial
// pivoting (h is small and positive definite).
func solve(h [nn.ConfFeatures + 1][nn.ConfFeatures + 1]float64, g [nn.ConfFeatures + 1]float64) [nn.ConfFeatures + 1]float64 {
	const n = nn.ConfFeatures + 1
	for c := range n {
		piv := c
		for r := c + 1; r < n; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[piv][c]) {
				piv = r
			}
		}
		h[c], h[piv] = h[piv], h[c]
		g[c], g[piv] = g[piv], g[c]
		for r := c + 1; r < n; r++ {
			f := h[r][c] / h[c][c]
			for k := c; k < n; k++ {
				h[r][k] -= f * h[c][k]
			}
			g[r] -= f * g[c]
		}
	}
	var s [n]float64
	for r := n - 1; r >= 0; r-- {
		v := g[r]
		for k := r + 1; k < n; k++ {
			v -= h[r][k] * s[k]
		}
		s[r] = v / h[r][r]
	}
	return s
}

func dotf(a, b []float32) float32 {
	var s float32
	for i, v := range a {
		s += v * b[i]
	}
	return s
}
