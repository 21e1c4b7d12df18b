package train

import (
	"bytes"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"jobmatch/encoder"
	"jobmatch/encoder/features"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/nn"
)

// judgements repeats each (anchor, other, good) judgement n times, one hour
// apart, starting at start.
func judgements(start time.Time, n int, list ...dataset.Judgement) []dataset.Judgement {
	var out []dataset.Judgement
	for i := range n {
		for _, j := range list {
			j.At = start.Add(time.Duration(len(out)) * time.Hour)
			j.List = "v" + string(rune('a'+i%26))
			out = append(out, j)
		}
	}
	return out
}

// TestHeldOutDecisionsNeverTrain splits judgements by time and checks that
// the feedback a run trains on comes only from the older side: no held-out
// judgement, and no title seen only in held-out ones, reaches the corpus.
func TestHeldOutDecisionsNeverTrain(t *testing.T) {
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	old := judgements(start, 8,
		dataset.Judgement{Anchor: "Registered Nurse", Other: "Staff Nurse", Good: true},
		dataset.Judgement{Anchor: "Registered Nurse", Other: "Nursing Assistant"})
	recent := judgements(start.AddDate(0, 1, 0), 2,
		dataset.Judgement{Anchor: "Head Chef", Other: "Line Cook", Good: true},
		dataset.Judgement{Anchor: "Registered Nurse", Other: "Elderly Care Worker"})
	all := slices.Concat(recent, old) // newest first: the split must sort
	split, err := dataset.SplitByTime(all, dataset.FeedbackHeldOutShare)
	if err != nil {
		t.Fatal(err)
	}
	if len(split.HeldOut) != len(recent) || len(split.Train) != len(old) {
		t.Fatalf("split %d/%d, want %d to train and %d held out", len(split.Train), len(split.HeldOut), len(old), len(recent))
	}
	fc := features.DefaultConfig()
	titles := feedbackTitles(split.Train)
	vocab, err := features.BuildVocab(fc, 1, 0, titles)
	if err != nil {
		t.Fatal(err)
	}
	c := buildCorpus(nil, fc, vocab, 16)
	f := newFeedbackSet(c, split.Train, fc, vocab, 16, 0)
	trained := map[[2]string]bool{}
	for _, j := range slices.Concat(f.goods, f.bads) {
		trained[[2]string{c.titles[j.anchor], c.titles[j.other]}] = true
	}
	for _, j := range split.Train {
		if !trained[[2]string{features.Normalize(j.Anchor), features.Normalize(j.Other)}] {
			t.Errorf("training judgement %s / %s is not trained on", j.Anchor, j.Other)
		}
	}
	for _, held := range []string{"head chef", "line cook", "elderly care worker"} {
		if _, ok := c.index[held]; ok {
			t.Errorf("held-out title %q is in the training corpus", held)
		}
	}
	// Every bad judgement draws a hard negative; a bad judgement on an
	// anchor with good ones is paired with one of those.
	pairs := f.epochPairs(1, rand.New(rand.NewPCG(1, 1)))
	hard := 0
	for _, p := range pairs {
		if p.hard {
			hard++
			if c.titles[p.neg] != "nursing assistant" || c.titles[p.p] != "staff nurse" {
				t.Errorf("hard pair %s / %s against %s", c.titles[p.a], c.titles[p.p], c.titles[p.neg])
			}
		}
	}
	if hard != len(f.bads) {
		t.Errorf("%d hard negatives in an epoch of weight 1, want %d", hard, len(f.bads))
	}
}

// TestFeedbackTrainingMovesAHiddenPreference trains a tiny model twice on
// the same data and feedback, once with the feedback at weight 0 and once
// drawn several times per epoch: the judged good pair must end up more
// similar, the judged bad pair (which shares most of its letters) less.
func TestFeedbackTrainingMovesAHiddenPreference(t *testing.T) {
	o := tinyOptions(t)
	o.Epochs = 1
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	good := dataset.Judgement{Anchor: "Chef", Other: "Cook", Good: true}
	bad := dataset.Judgement{Anchor: "Teacher", Other: "Teaching Assistant"}
	other := dataset.Judgement{Anchor: "Teacher", Other: "Schoolteacher", Good: true}
	js := judgements(start, 20, good, bad, other)
	split, err := dataset.SplitByTime(js, dataset.FeedbackHeldOutShare)
	if err != nil {
		t.Fatal(err)
	}
	sims := func(weight float64) (goodSim, badSim float32) {
		o := o
		o.FeedbackWeight = weight
		res, err := Run(context.Background(), o, &split, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		var s features.Scratch
		var rows [][]int32
		for _, title := range []string{good.Anchor, good.Other, bad.Anchor, bad.Other} {
			rows = append(rows, res.Vocab.TitleRows(nil, o.Features, title, o.Fallback, &s))
		}
		v := encodeRows(res.Params, rows, o.Workers)
		dim := res.Params.Dim()
		return dotf(nn.Row(v, 0, dim), nn.Row(v, 1, dim)), dotf(nn.Row(v, 2, dim), nn.Row(v, 3, dim))
	}
	goodBefore, badBefore := sims(0)
	goodAfter, badAfter := sims(8)
	t.Logf("good pair %.3f → %.3f, bad pair %.3f → %.3f", goodBefore, goodAfter, badBefore, badAfter)
	if goodAfter <= goodBefore {
		t.Errorf("the good pair's similarity did not rise: %.3f → %.3f", goodBefore, goodAfter)
	}
	if badAfter >= badBefore {
		t.Errorf("the bad pair's similarity did not drop: %.3f → %.3f", badBefore, badAfter)
	}
}

// TestExportRecordsFeedback exports a tiny model trained on feedback and
// checks that the manifest records the judgements trained on, the cut, and
// the held-out scores of the model and of the baseline it was compared with.
func TestExportRecordsFeedback(t *testing.T) {
	o := tinyOptions(t)
	o.Epochs, o.FeedbackWeight = 1, 2
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	js := judgements(start, 10,
		dataset.Judgement{Anchor: "Registered Nurse", Other: "Staff Nurse", Good: true},
		dataset.Judgement{Anchor: "Registered Nurse", Other: "Nursing Assistant"})
	split, err := dataset.SplitByTime(js, dataset.FeedbackHeldOutShare)
	if err != nil {
		t.Fatal(err)
	}
	_, raw := trainAndExport(t, o, &split, "tiny-feedback")
	m, err := encoder.ParseManifest(raw)
	if err != nil {
		t.Fatal(err)
	}
	fb := m.Training.Feedback
	if fb == nil || fb.Good != 8 || fb.Bad != 8 || fb.HeldOut != 4 || fb.Weight != 2 ||
		fb.From != "2026-11-01T00:00:00Z" || fb.Cut != split.Cut.Format(time.RFC3339) {
		t.Errorf("training.feedback = %+v", fb)
	}
	if f := m.Metrics.Feedback; f == nil || f.Lists == 0 || !strings.HasPrefix(f.Eval, "feedback lists=") {
		t.Errorf("metrics.feedback = %+v", f)
	}
	if b := m.Metrics.Baseline; b == nil || b.Feedback == nil || !strings.HasPrefix(b.Model, "jobmatch-title") {
		t.Errorf("metrics.baseline = %+v", b)
	}
}
