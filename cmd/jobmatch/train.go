package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
	"jobmatch/encoder/training/train"
	"jobmatch/matching"
	"jobmatch/postgres"
)

// runTrain trains the title encoder from ../shared/data (or
// JOBMATCH_DATA_DIR) and, with -out, writes the ONNX model, its vocabulary,
// manifest and training curve there. The defaults reproduce the shipped model.
//
// With -feedback it also learns from users' decisions in Postgres: all but
// the newest ones (by time) join the ontology pairs, the newest are held
// out, and the exported model and the baseline are scored on them. By
// default it then fine-tunes the current model rather than training anew.
func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := train.DefaultOptions()
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.DataDir, "data", o.DataDir, "data directory (default from JOBMATCH_DATA_DIR or ../shared/data)")
	out := fs.String("out", "", "model directory to write (empty: train and report only)")
	name := fs.String("name", "jobmatch-title", "model name recorded in the manifest")
	fs.BoolVar(&o.WithONET, "onet", o.WithONET, "add O*NET titles to ESCO")
	link := fs.String("link", string(o.Link), "how O*NET codes join ESCO occupations: constrained or none")
	fs.BoolVar(&o.AddVal, "add-val", false, "also train on the JobBERT validation titles (experiments only: its val numbers are not honest)")
	fs.StringVar(&o.Loss, "loss", o.Loss, "softmax (InfoNCE) or hinge")
	fs.Float64Var(&o.LossParam, "loss-param", o.LossParam, "softmax scale or hinge margin (0: default of the loss)")
	fs.IntVar(&o.Batch, "batch", o.Batch, "pairs per batch")
	fs.IntVar(&o.Epochs, "epochs", o.Epochs, "epochs")
	fs.Float64Var(&o.LR, "lr", o.LR, "Adam learning rate of the dense layers")
	fs.Float64Var(&o.EmbedLR, "embed-lr", o.EmbedLR, "Adam learning rate of the embedding table")
	fs.IntVar(&o.EmbedDim, "embed-dim", o.EmbedDim, "embedding width")
	hidden := fs.String("hidden", joinInts(o.Hidden), "comma-separated ReLU layer widths (empty: none)")
	fs.IntVar(&o.Groups, "groups", o.Groups, "softmax groups G")
	fs.IntVar(&o.GroupSize, "group-size", o.GroupSize, "units per group K")
	fs.IntVar(&o.MinCount, "min-count", o.MinCount, "titles a hash bucket must occur in to get an embedding row")
	fs.Float64Var(&o.PrefProb, "pref-prob", o.PrefProb, "chance an ESCO anchor is paired with its preferred label")
	fs.IntVar(&o.MaxAnchorsPerClass, "max-anchors", o.MaxAnchorsPerClass, "pairs per class per epoch at most")
	fs.IntVar(&o.ValSample, "val-sample", o.ValSample, "validation titles scored per epoch (0: all)")
	fs.IntVar(&o.MaxClasses, "max-classes", 0, "train on the first N classes only (quick checks; 0: all)")
	langs := fs.String("languages", strings.Join(o.Languages, ","), "comma-separated other languages whose ESCO labels join training (empty: English only)")
	fs.IntVar(&o.MaxMultilingualAnchors, "max-ml-anchors", o.MaxMultilingualAnchors, "pairs per class per epoch with an anchor in another language")
	fs.Float64Var(&o.AugmentProb, "augment-prob", o.AugmentProb, "chance a non-preferred side of a pair gets job-ad noise, an abbreviation or a typo")
	fs.Float64Var(&o.UnseenProb, "unseen-prob", o.UnseenProb, "share of trained rows each step reads as unseen (their fallback row)")
	fs.IntVar(&o.Fallback, "fallback", o.Fallback, "fixed random rows for hash buckets without a trained row")
	fs.BoolVar(&o.Linear, "linear", o.Linear, "linear head (groups × group-size units, no softmax) instead of softmax groups")
	fs.BoolVar(&o.MeanPooling, "mean-pooling", false, "keep pooling a plain mean (ablation)")
	fs.IntVar(&o.MaxRows, "max-rows", o.MaxRows, "trained embedding rows at most, most frequent buckets first (0: no cap)")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "random seed")
	fs.IntVar(&o.Workers, "workers", o.Workers, "goroutines for forward and backward passes")
	feedback := fs.Bool("feedback", false, "also train on users' decisions from Postgres (-database-url)")
	dbURL := fs.String("database-url", envOr("DATABASE_URL", ""), "Postgres URL for -feedback (env DATABASE_URL)")
	fs.Float64Var(&o.FeedbackWeight, "feedback-weight", train.DefaultFeedbackWeight, "times each decision is drawn per epoch with -feedback -init-from none (fractions by chance; a fine-tuning uses -fine-tune-weight)")
	holdOut := fs.Float64("feedback-holdout", dataset.FeedbackHeldOutShare, "share of the newest decisions held out for evaluation with -feedback")
	fs.StringVar(&o.Baseline, "baseline", "", "model directory a -feedback model is compared with (default: the model it starts from, else the model built into this binary)")
	initFrom := fs.String("init-from", "", `model to fine-tune: a directory, "embedded" (built into this binary), "current" (the current model version in -database-url, else the embedded one) or "none" (random weights); default "current" with -feedback, else "none"`)
	fs.IntVar(&o.FineTune.Epochs, "fine-tune-epochs", o.FineTune.Epochs, "epochs of a fine-tuning")
	fs.Float64Var(&o.FineTune.Share, "fine-tune-share", o.FineTune.Share, "share of each epoch's ontology pairs a fine-tuning draws")
	fs.Float64Var(&o.FineTune.LRScale, "fine-tune-lr-scale", o.FineTune.LRScale, "a fine-tuning's learning rates as a share of -lr and -embed-lr")
	fs.Float64Var(&o.FineTune.FeedbackWeight, "fine-tune-weight", o.FineTune.FeedbackWeight, "times each decision is drawn per epoch of a fine-tuning")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.Link = dataset.LinkMode(*link)
	o.Languages = nil
	for l := range strings.SplitSeq(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			o.Languages = append(o.Languages, l)
		}
	}
	var err error
	if o.Hidden, err = parseInts(*hidden); err != nil {
		return usageError{fmt.Sprintf("train: -hidden: %v", err)}
	}
	var fb *dataset.FeedbackSplit
	if *feedback {
		if fb, err = loadFeedback(ctx, *dbURL, *holdOut); err != nil {
			return err
		}
	}
	if *initFrom == "" && *feedback {
		*initFrom = "current"
	}
	if *initFrom != "" && *initFrom != "none" {
		dir, err := startDir(ctx, *initFrom, *dbURL)
		if err != nil {
			return err
		}
		if o.Start, err = train.LoadStart(dir); err != nil {
			return err
		}
		baselineSet := false
		fs.Visit(func(f *flag.Flag) { baselineSet = baselineSet || f.Name == "baseline" })
		if !baselineSet {
			o.Baseline = dir
		}
	}
	res, err := train.Run(ctx, o, fb, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained in %.0f s\n", res.Seconds)
	if *out == "" {
		return nil
	}
	if err := train.Export(ctx, res, *out, *name, true, stdout); err != nil {
		return err
	}
	if !*feedback {
		return nil
	}
	if err := printGuard(*out, o.Baseline, stdout); err != nil {
		return err
	}
	// A model trained on this database's decisions becomes a version its
	// admins can compare and promote.
	return registerModelDir(ctx, *dbURL, *out, stdout)
}

// printGuard prints the promotion guard's verdict on the model in dir
// against the baseline it was scored with ("": the embedded model).
func printGuard(dir, baseline string, stdout io.Writer) error {
	var ms [2]*encoder.Manifest
	for i, fsys := range []fs.FS{encoder.ModelFS(baseline), encoder.ModelFS(dir)} {
		raw, err := fs.ReadFile(fsys, encoder.ManifestFile)
		if err != nil {
			return err
		}
		if ms[i], err = encoder.ParseManifest(raw); err != nil {
			return err
		}
	}
	g := encoder.CheckPromotion(ms[0], ms[1])
	verdict := "may replace"
	if !g.OK {
		verdict = "may not replace"
	}
	fmt.Fprintf(stdout, "promotion guard: %s %s\n", verdict, ms[0].Version())
	for _, r := range g.Reasons {
		fmt.Fprintln(stdout, "  "+r)
	}
	return nil
}

// startDir resolves -init-from to a model directory ("" is the embedded
// model). "current" is the model the servers of the database at url run,
// which is what a user who fine-tunes expects to improve on: the promotion
// guard weighs a new version against the current one.
func startDir(ctx context.Context, initFrom, url string) (string, error) {
	switch initFrom {
	case "embedded":
		return "", nil
	case "current":
	default:
		return initFrom, nil
	}
	if url == "" {
		return "", nil
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return "", err
	}
	defer db.Close()
	cur, err := db.CurrentModel(ctx)
	if errors.Is(err, matching.ErrNotFound) {
		return "", nil
	}
	return cur.Dir, err
}

// registerModelDir records the model written to dir as a model version in
// the database at url.
func registerModelDir(ctx context.Context, url, dir string, stdout io.Writer) error {
	data, err := os.ReadFile(filepath.Join(dir, encoder.ManifestFile))
	if err != nil {
		return err
	}
	m, err := encoder.ParseManifest(data)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	mv := matching.ModelVersion{Version: m.Version(), Manifest: data, Dir: abs}
	if err := db.RegisterModel(ctx, matching.System, &mv); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "model version %s registered (current: %v)\n", mv.Version, mv.Current)
	return nil
}

// loadFeedback reads every decision's titles, verdict and time and splits
// them by time.
func loadFeedback(ctx context.Context, url string, holdOut float64) (*dataset.FeedbackSplit, error) {
	if err := requireDatabaseURL(url); err != nil {
		return nil, err
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ds, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	split, err := dataset.SplitByTime(dataset.Judgements(ds), holdOut)
	if err != nil {
		return nil, usageError{fmt.Sprintf("train: -feedback-holdout: %v", err)}
	}
	if len(split.Train) == 0 || len(split.HeldOut) == 0 {
		return nil, fmt.Errorf("train: %d decisions in the database: too few to train on and hold out", len(ds))
	}
	return &split, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func parseInts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}
