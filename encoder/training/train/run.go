package train

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/augment"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/evaluate"
	"jobmatch/encoder/training/nn"
)

// EpochStats is one point of the training curve.
type EpochStats struct {
	Epoch       int     `json:"epoch"`
	Loss        float64 `json:"loss"`
	ValMRR      float64 `json:"val_mrr"`
	PairsPerSec float64 `json:"pairs_per_sec"`
	Seconds     float64 `json:"seconds"` // since the start of training
	// FeedbackP10 and FeedbackMRR score the held-out users' decisions
	// (runs with feedback only).
	FeedbackP10 float64 `json:"feedback_p10,omitempty"`
	FeedbackMRR float64 `json:"feedback_mrr,omitempty"`
	// FeedbackPairOrder is evaluate.FeedbackMetrics.PairOrder.
	FeedbackPairOrder float64 `json:"feedback_pair_order,omitempty"`
}

// Result is a trained network with what is needed to export and describe it.
type Result struct {
	Options Options
	Params  *nn.Params
	Vocab   *features.Vocab
	Classes dataset.Stats
	History []EpochStats
	Seconds float64 // training time, data loading excluded
	// Calibration maps similarity to the probability of the same occupation.
	Calibration *encoder.Calibration
	// Feedback is the users' decisions trained on and held out (nil
	// without feedback).
	Feedback *dataset.FeedbackSplit
}

// Run trains a network, with fb's training judgements among the ontology
// pairs when fb is not nil (o.FeedbackWeight says how often). Progress
// lines go to progress: one per ~10 % of an epoch and one per epoch with
// validation MRR (and the held-out feedback's P@10), throughput and ETA.
//
// With o.Start it fine-tunes that model's weights with o.FineTune, keeping
// its featurizer, vocabulary and network shape, so the result can replace it.
func Run(ctx context.Context, o Options, fb *dataset.FeedbackSplit, progress io.Writer) (*Result, error) {
	if o.Start != nil {
		if err := o.FineTune.validate(); err != nil {
			return nil, err
		}
		o = o.fineTuned(o.Start)
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	src, err := dataset.Load(o.DataDir, o.WithONET)
	if err != nil {
		return nil, err
	}
	opt := dataset.Options{ESCO: src.ESCO, ONET: src.ONET, Link: o.Link}
	if o.AddVal {
		opt.Extra = src.Val
	}
	trainLabels, heldOut, err := loadLabels(o)
	if err != nil {
		return nil, err
	}
	opt.Multilingual = trainLabels
	classes, stats, err := dataset.BuildClasses(opt)
	if err != nil {
		return nil, err
	}
	if o.MaxClasses > 0 && len(classes) > o.MaxClasses {
		classes = classes[:o.MaxClasses]
	}
	fmt.Fprintf(progress, "data: %d classes, %d titles (%d other-language labels), %d O*NET codes linked (largest class %d titles)\n",
		stats.Classes, stats.Titles, len(opt.Multilingual), stats.ONETLinked, stats.LargestClass)

	aug := augment.New(augment.Train)
	var extra []string
	if fb != nil {
		extra = feedbackTitles(fb.Train)
	}
	clean, varied := vocabTitles(classes, extra, aug)
	vocab, err := vocabFor(o, clean, varied)
	if err != nil {
		return nil, err
	}
	c := buildCorpus(classes, o.Features, vocab, o.Fallback)
	if o.Start != nil {
		fmt.Fprintf(progress, "fine-tuning %s: %d embedding rows, %d fallback rows; %d epoch(s) of %g of the ontology pairs at %g of the learning rates\n",
			o.Start.Manifest.Version(), vocab.Len(), o.Fallback, o.Epochs, o.FineTune.Share, o.FineTune.LRScale)
	} else {
		fmt.Fprintf(progress, "vocabulary: %d of %d buckets used by ≥%d titles (cap %d), %d fallback rows\n",
			vocab.Len(), o.Features.Buckets, o.MinCount, o.MaxRows, o.Fallback)
	}
	var fset *feedbackSet
	var fval *feedbackValidator
	if fb != nil {
		fset = newFeedbackSet(c, fb.Train, o.Features, vocab, o.Fallback, len(c.classes))
		fval = newFeedbackValidator(fb.HeldOut, o, vocab)
		fmt.Fprintln(progress, feedbackSummary(fset, fb, o.FeedbackWeight))
	}

	rng := rand.New(rand.NewPCG(o.Seed, 0x6a6f626d61746368))
	p, err := paramsFor(o, vocab, rng)
	if err != nil {
		return nil, err
	}
	loss, err := nn.LossByName(o.Loss, o.LossParam)
	if err != nil {
		return nil, err
	}
	if o.Start == nil {
		p.WordRow = wordRows(o.Features, vocab, clean)
	}
	val := newValidator(src, o, vocab)
	res := &Result{Options: o, Params: p, Vocab: vocab, Classes: stats, Feedback: fb}
	t := &trainer{o: o, p: p, loss: loss, grads: nn.NewGrads(p), adam: nn.NewAdam(p, float32(o.LR), float32(o.EmbedLR)),
		vocab: vocab, aug: aug}
	t.adam.FixedPooling = o.MeanPooling

	if o.Start != nil {
		fmt.Fprintln(progress, "before fine-tuning:", scoreLine(val, fval, p))
	}
	start := time.Now()
	totalSteps := 0
	for e := 1; e <= o.Epochs; e++ {
		pairs := c.epochPairs(o, rng)
		if o.Start != nil {
			pairs = share(pairs, o.FineTune.Share, o.Batch)
		}
		if fset != nil {
			pairs = append(pairs, fset.epochPairs(o.FeedbackWeight, rng)...)
			rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		}
		steps := len(pairs) / o.Batch
		if totalSteps == 0 {
			totalSteps = steps * o.Epochs
		}
		epochStart := time.Now()
		var sum float64
		for s := range steps {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			step := (e-1)*steps + s
			sum += t.step(c, pairs[s*o.Batch:(s+1)*o.Batch], lrSchedule(step, totalSteps), rng)
			if o.OnProgress != nil {
				o.OnProgress(float64(step+1) / float64(max(totalSteps, 1)))
			}
			if every := max(steps/10, 1); (s+1)%every == 0 && s+1 < steps {
				rate := float64((s+1)*o.Batch) / time.Since(epochStart).Seconds()
				fmt.Fprintf(progress, "  epoch %d %3d%% loss=%.4f %.0f pairs/s\n", e, 100*(s+1)/steps, sum/float64(s+1), rate)
			}
		}
		m := val.metrics(p)
		el := time.Since(start).Seconds()
		st := EpochStats{Epoch: e, Loss: sum / float64(max(steps, 1)), ValMRR: m.MRR,
			PairsPerSec: float64(steps*o.Batch) / time.Since(epochStart).Seconds(), Seconds: el}
		fbLine := ""
		if fval != nil {
			fm := fval.metrics(p)
			st.FeedbackP10, st.FeedbackMRR, st.FeedbackPairOrder = fm.P10, fm.MRR, fm.PairOrder
			fbLine = fmt.Sprintf(" feedback_p10=%.4f feedback_mrr=%.4f feedback_pair_order=%.4f", fm.P10, fm.MRR, fm.PairOrder)
		}
		res.History = append(res.History, st)
		eta := time.Duration(el/float64(e)*float64(o.Epochs-e)) * time.Second
		fmt.Fprintf(progress, "epoch %d/%d loss=%.4f val_mrr=%.4f val_r10=%.4f (n=%d)%s %.0f pairs/s elapsed=%s eta=%s\n",
			e, o.Epochs, st.Loss, m.MRR, m.R10, m.N, fbLine, st.PairsPerSec, time.Duration(el)*time.Second, eta)
	}
	res.Seconds = time.Since(start).Seconds()
	if err := fitHeads(res, src, heldOut, progress); err != nil {
		return nil, err
	}
	return res, nil
}

// lrSchedule warms up over the first 3 % of steps, then decays linearly to
// 10 % of the base rate: large early steps on a cold network diverge.
func lrSchedule(step, total int) float32 {
	warm := max(total*3/100, 1)
	if step < warm {
		return float32(step+1) / float32(warm)
	}
	frac := float32(step-warm) / float32(max(total-warm, 1))
	return 1 - 0.9*frac
}

// trainer holds the buffers one step reuses.
type trainer struct {
	o        Options
	p        *nn.Params
	loss     nn.Loss
	grads    *nn.Grads
	adam     *nn.Adam
	vocab    *features.Vocab
	aug      *augment.Augmenter
	aa, ap   nn.Activations
	dA, dP   []float32
	anc, pos [][]int32
	class    []int
	negOf    []int
	scratch  features.Scratch
}

func (t *trainer) step(c *corpus, batch []pair, lrScale float32, rng *rand.Rand) float64 {
	t.anc, t.pos, t.class, t.negOf = t.anc[:0], t.pos[:0], t.class[:0], t.negOf[:0]
	unseen := unseenRule{seed: rng.Uint64(), below: uint64(t.o.UnseenProb * (1 << 32))}
	for _, pr := range batch {
		t.anc = append(t.anc, t.rowsOf(c, pr.a, pr.augA, unseen, rng))
		t.pos = append(t.pos, t.rowsOf(c, pr.p, pr.augP, unseen, rng))
		t.class = append(t.class, pr.class)
	}
	// Hard negatives follow the positives (see nn.Loss).
	for i, pr := range batch {
		if pr.hard {
			t.pos = append(t.pos, t.rowsOf(c, pr.neg, false, unseen, rng))
			t.class, t.negOf = append(t.class, pr.negClass), append(t.negOf, i)
		}
	}
	w := t.o.Workers
	t.p.Forward(t.anc, &t.aa, w)
	t.p.Forward(t.pos, &t.ap, w)
	dim := t.p.Dim()
	if len(t.dA) != len(batch)*dim {
		t.dA = make([]float32, len(batch)*dim)
	}
	if len(t.dP) < len(t.pos)*dim {
		t.dP = make([]float32, len(t.pos)*dim)
	}
	dP := t.dP[:len(t.pos)*dim]
	l := t.loss.Compute(t.aa.Y, t.ap.Y, t.class, t.negOf, dim, t.dA, dP, w)
	t.grads.Zero(t.p)
	t.p.Backward(t.anc, &t.aa, t.dA, t.grads, w)
	t.p.Backward(t.pos, &t.ap, dP, t.grads, w)
	t.adam.Step(t.p, t.grads, lrScale)
	return l
}

// rowsOf returns the rows one side of a pair reads this step: the title as it
// is or varied by the augmenter, with the step's unseen rows swapped for
// their fallback rows.
func (t *trainer) rowsOf(c *corpus, title int, varied bool, unseen unseenRule, rng *rand.Rand) []int32 {
	rows := c.rows[title]
	if varied {
		if r := t.vocab.TitleRows(nil, t.o.Features, t.aug.Vary(c.titles[title], rng), t.o.Fallback, &t.scratch); len(r) > 0 {
			rows = r
		}
	}
	if unseen.below == 0 {
		return rows
	}
	out := make([]int32, len(rows))
	for i, r := range rows {
		if int(r) < t.vocab.Len() && unseen.hit(r) {
			r = t.vocab.FallbackOf(r, t.p.WordRow[r], t.o.Fallback)
		}
		out[i] = r
	}
	return out
}

// unseenRule picks the trained rows a step treats as unseen: the same rows
// for every title of the batch, so a word shared by a pair stays shared.
type unseenRule struct{ seed, below uint64 }

func (u unseenRule) hit(r int32) bool {
	h := (uint64(r) + 1) * 0x9e3779b97f4a7c15
	h ^= u.seed
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h&0xffffffff < u.below
}

// validator scores a fixed sample of the JobBERT titles against all ESCO
// preferred labels with the Go forward pass.
type validator struct {
	o       Options
	vocab   *features.Vocab
	cands   [][]int32
	queries [][]int32
	targets []int
}

func newValidator(src *dataset.Source, o Options, vocab *features.Vocab) *validator {
	v := &validator{o: o, vocab: vocab}
	byURI := map[string]int{}
	var s features.Scratch
	for i, occ := range src.ESCO {
		byURI[occ.URI] = i
		v.cands = append(v.cands, vocab.TitleRows(nil, o.Features, occ.Preferred, o.Fallback, &s))
	}
	// A fixed shuffle (independent of the training seed) picks the sample.
	val := append([]dataset.LabeledTitle(nil), src.Val...)
	rand.New(rand.NewPCG(42, 42)).Shuffle(len(val), func(i, j int) { val[i], val[j] = val[j], val[i] })
	if o.ValSample > 0 && len(val) > o.ValSample {
		val = val[:o.ValSample]
	}
	for _, x := range val {
		v.queries = append(v.queries, vocab.TitleRows(nil, o.Features, x.Title, o.Fallback, &s))
		t, ok := byURI[x.ConceptURI]
		if !ok || len(v.queries[len(v.queries)-1]) == 0 {
			t = -1
		}
		v.targets = append(v.targets, t)
	}
	return v
}

func (v *validator) metrics(p *nn.Params) evaluate.Metrics {
	cands := encodeRows(p, v.cands, v.o.Workers)
	queries := encodeRows(p, v.queries, v.o.Workers)
	_, m := evaluate.Rank(len(v.queries), len(v.cands), v.targets, evaluate.DenseScorer(queries, cands, p.Dim()), v.o.Workers)
	return m
}

// loadLabels reads the multilingual labels and splits them: the training
// side in the chosen languages, and the held-out side in every language
// (evaluation suites use some languages, the post-training fits the others).
func loadLabels(o Options) (trainSide, heldOut []dataset.Label, err error) {
	all, err := dataset.LoadMultilingual(filepath.Join(o.DataDir, dataset.MultilingualFile))
	if err != nil {
		return nil, nil, err
	}
	all, heldOut = dataset.SplitMultilingual(all)
	for _, l := range all {
		if slices.Contains(o.Languages, l.Lang) {
			trainSide = append(trainSide, l)
		}
	}
	return trainSide, heldOut, nil
}

// vocabTitles lists every distinct title of the classes, then of extra
// (normalised), and one varied copy of each (a fixed seed), so the words of
// job-ad noise get rows of their own and the model can learn to weigh them
// down.
func vocabTitles(classes []dataset.Class, extra []string, aug *augment.Augmenter) (clean, varied []string) {
	rng := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			clean = append(clean, t)
			varied = append(varied, features.Normalize(aug.Vary(t, rng)))
		}
	}
	for _, c := range classes {
		for _, t := range c.Titles {
			add(t)
		}
		add(c.Preferred)
		for _, lang := range slices.Sorted(maps.Keys(c.LangPreferred)) {
			add(c.LangPreferred[lang])
		}
	}
	for _, t := range extra {
		add(t)
	}
	return clean, varied
}

// wordRows marks the trained rows that are whole words of the titles.
func wordRows(fc features.Config, vocab *features.Vocab, titles []string) []bool {
	out := make([]bool, vocab.Len())
	if !fc.Words {
		return out
	}
	var rows []int32
	for _, t := range titles {
		for w := range strings.SplitSeq(t, " ") {
			rows = vocab.Rows(rows[:0], []uint32{fc.WordBucket(w)})
			for _, r := range rows {
				out[r] = true
			}
		}
	}
	return out
}

// scoreLine is the validation sample's and the held-out decisions' scores of
// p (fval may be nil).
func scoreLine(val *validator, fval *feedbackValidator, p *nn.Params) string {
	m := val.metrics(p)
	line := fmt.Sprintf("val_mrr=%.4f val_r10=%.4f (n=%d)", m.MRR, m.R10, m.N)
	if fval != nil {
		fm := fval.metrics(p)
		line += fmt.Sprintf(" feedback_p10=%.4f feedback_mrr=%.4f feedback_pair_order=%.4f", fm.P10, fm.MRR, fm.PairOrder)
	}
	return line
}
