package evaluate

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"jobmatch/encoder/training/augment"
	"jobmatch/encoder/training/dataset"
)

// The suite names `jobmatch eval` prints; the multilingual ones are
// "ml-<lang>" (against that language's preferred labels) and "ml-<lang>-en"
// (against the English ones) for each of dataset.SuiteLanguages.
const (
	SuiteJobBERT  = "jobbert"
	SuiteNoise    = "jobbert-noise"
	SuiteAbbrev   = "jobbert-abbrev"
	SuiteMLMean   = "ml-mean"
	SuiteMLEnMean = "ml-en-mean"
)

// suiteAbbrevClean is the unabbreviated subset behind SuiteAbbrev's ratio;
// it is scored but not reported as a suite of its own.
const suiteAbbrevClean = "jobbert-abbrev-clean"

// The seeds of the noise and abbreviation suites: fixed, so every model is
// scored on the same perturbed titles.
const (
	noiseSeed  = 13
	abbrevSeed = 17
)

// AllSuites lists every suite in the order they are printed: the English
// JobBERT suites, the six own-language suites, the six against English, then
// the two means.
func AllSuites() []string {
	out := []string{SuiteJobBERT, SuiteNoise, SuiteAbbrev}
	for _, l := range dataset.SuiteLanguages {
		out = append(out, "ml-"+l)
	}
	for _, l := range dataset.SuiteLanguages {
		out = append(out, "ml-"+l+"-en")
	}
	return append(out, SuiteMLMean, SuiteMLEnMean)
}

// task is one ranking problem: each query's target is an index into the
// candidate set named cands (see SuiteData.cands).
type task struct {
	queries []string
	targets []int
	cands   string
	skipped int // queries dropped because their occupation has no candidate
}

// SuiteData is everything the suites rank, built once (loading and
// perturbing the titles) and reused for every model and for the TF-IDF
// baseline. It is read-only after construction.
type SuiteData struct {
	// MissingMultilingual names the multilingual labels file when it was
	// not found; the ml-* suites are then skipped.
	MissingMultilingual string
	tasks               map[string]*task
	cands               map[string][]string // "en" and each suite language: candidate labels
}

// LoadSuiteData reads the JobBERT validation titles and the English ESCO
// occupations from dir (both required), and the multilingual labels when
// present.
func LoadSuiteData(dir string) (*SuiteData, error) {
	if m := dataset.Missing(dir, dataset.ESCOOccupationsFile, dataset.JobBERTValFile); len(m) > 0 {
		return nil, fmt.Errorf("evaluate: data dir %s lacks %v (set JOBMATCH_DATA_DIR)", dir, m)
	}
	occs, err := dataset.LoadESCO(filepath.Join(dir, dataset.ESCOOccupationsFile))
	if err != nil {
		return nil, err
	}
	titles, err := dataset.LoadLabeledTitles(filepath.Join(dir, dataset.JobBERTValFile))
	if err != nil {
		return nil, err
	}
	var labels []dataset.Label
	mlPath := filepath.Join(dir, dataset.MultilingualFile)
	if _, err := os.Stat(mlPath); err == nil {
		if labels, err = dataset.LoadMultilingual(mlPath); err != nil {
			return nil, err
		}
	}
	d, err := NewSuiteData(occs, titles, labels)
	if err != nil {
		return nil, err
	}
	if labels == nil {
		d.MissingMultilingual = mlPath
	}
	return d, nil
}

// NewSuiteData builds the suites from loaded data. labels are the
// multilingual labels (nil: no ml-* suites); their held-out share per
// dataset.SplitMultilingual are the multilingual queries.
func NewSuiteData(occs []dataset.Occupation, titles []dataset.LabeledTitle, labels []dataset.Label) (*SuiteData, error) {
	clean, en, err := jobbertTask(titles, occs)
	if err != nil {
		return nil, err
	}
	d := &SuiteData{tasks: map[string]*task{SuiteJobBERT: clean}, cands: map[string][]string{"en": en}}
	byURI := make(map[string]int, len(occs))
	for i, o := range occs {
		byURI[o.URI] = i
	}

	aug := augment.New(augment.Eval)
	rng := rand.New(rand.NewPCG(noiseSeed, 0))
	noisy := &task{cands: "en", targets: clean.targets, queries: make([]string, len(titles))}
	for i, q := range clean.queries {
		noisy.queries[i] = aug.Noise(q, rng)
	}
	d.tasks[SuiteNoise] = noisy

	rng = rand.New(rand.NewPCG(abbrevSeed, 0))
	abbr, abbrClean := &task{cands: "en"}, &task{cands: "en"}
	for i, q := range clean.queries {
		if a, ok := aug.Abbreviate(q, rng); ok {
			abbr.queries, abbr.targets = append(abbr.queries, a), append(abbr.targets, clean.targets[i])
			abbrClean.queries, abbrClean.targets = append(abbrClean.queries, q), append(abbrClean.targets, clean.targets[i])
		}
	}
	d.tasks[SuiteAbbrev], d.tasks[suiteAbbrevClean] = abbr, abbrClean

	if labels == nil {
		return d, nil
	}
	_, held := dataset.SplitMultilingual(labels)
	for _, lang := range dataset.SuiteLanguages {
		// Candidates: the language's preferred labels, skipping occupations
		// without one; candIdx maps an occupation to its candidate.
		prefs := dataset.PreferredByLang(labels, lang, occs)
		candIdx := make(map[string]int, len(prefs))
		var cands []string
		for i, p := range prefs {
			if p != "" {
				candIdx[occs[i].URI] = len(cands)
				cands = append(cands, p)
			}
		}
		d.cands[lang] = cands
		own, toEn := &task{cands: lang}, &task{cands: "en"}
		for _, l := range held {
			if l.Lang != lang {
				continue
			}
			if c, ok := candIdx[l.URI]; ok {
				own.queries, own.targets = append(own.queries, l.Text), append(own.targets, c)
			} else {
				own.skipped++
			}
			if c, ok := byURI[l.URI]; ok {
				toEn.queries, toEn.targets = append(toEn.queries, l.Text), append(toEn.targets, c)
			} else {
				toEn.skipped++
			}
		}
		d.tasks["ml-"+lang], d.tasks["ml-"+lang+"-en"] = own, toEn
	}
	return d, nil
}

// Queries returns the query texts of a suite (nil for an unknown or mean
// suite), e.g. to show examples of the perturbed titles.
func (d *SuiteData) Queries(suite string) []string {
	if t := d.tasks[suite]; t != nil {
		return t.queries
	}
	return nil
}

// SuiteResult is one suite's score for one scorer (encoder or TF-IDF).
type SuiteResult struct {
	Suite string
	Metrics
	// CleanMRR is the MRR of the same queries unperturbed (noise and
	// abbreviation suites; 0 for the others), so Ratio() = MRR / CleanMRR.
	CleanMRR float64
	// ConfidentHalfR1 and UnsureHalfR1 are R@1 of the queries above and below
	// the median confidence (encoder only).
	ConfidentHalfR1, UnsureHalfR1 float64
	Unreadable                    int // queries the encoder could not read (counted as misses)
	// Skipped counts held-out labels left out because their occupation has no
	// candidate label (multilingual suites; ESCO versions differ by language).
	Skipped int
	// Members is how many suites a mean averages (means only).
	Members int
	// Elapsed is the time spent encoding and ranking this suite's queries
	// (plus its candidates when it was the first suite to use them).
	Elapsed time.Duration
}

// Ratio is MRR relative to the unperturbed queries, or 0 when not defined.
func (r SuiteResult) Ratio() float64 {
	if r.CleanMRR == 0 {
		return 0
	}
	return r.MRR / r.CleanMRR
}

// Format is the stdout line of one suite:
// eval suite=S n=N mrr= r1= r5= r10= [clean_mrr=] [ratio=] [tfidf_mrr= tfidf_r10= [tfidf_ratio=]].
// tfidf may be nil when the baseline was not run.
func (r SuiteResult) Format(tfidf *SuiteResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "eval suite=%s n=%d mrr=%.4f r1=%.4f r5=%.4f r10=%.4f", r.Suite, r.N, r.MRR, r.R1, r.R5, r.R10)
	if r.Suite == SuiteAbbrev {
		fmt.Fprintf(&b, " clean_mrr=%.4f", r.CleanMRR)
	}
	if r.CleanMRR != 0 {
		fmt.Fprintf(&b, " ratio=%.4f", r.Ratio())
	}
	if tfidf != nil {
		fmt.Fprintf(&b, " tfidf_mrr=%.4f tfidf_r10=%.4f", tfidf.MRR, tfidf.R10)
		if tfidf.CleanMRR != 0 {
			fmt.Fprintf(&b, " tfidf_ratio=%.4f", tfidf.Ratio())
		}
	}
	return b.String()
}

// plan expands the requested suite names: it checks them, drops the ml-*
// suites when d has no multilingual data, and adds what results depend on
// (the clean suite behind a ratio, the members of a mean). It returns the
// suites to report, in AllSuites order, and the tasks to score.
func (d *SuiteData) plan(names []string) (report, score []string, err error) {
	all := AllSuites()
	if len(names) == 0 {
		names = all
	}
	want := map[string]bool{}
	for _, n := range names {
		if !slices.Contains(all, n) {
			return nil, nil, fmt.Errorf("evaluate: unknown suite %q (have %s)", n, strings.Join(all, ", "))
		}
		want[n] = true
	}
	need := map[string]bool{}
	for _, n := range all {
		if !want[n] {
			continue
		}
		if strings.HasPrefix(n, "ml-") && d.tasks["ml-"+dataset.SuiteLanguages[0]] == nil {
			continue
		}
		report = append(report, n)
		switch n {
		case SuiteNoise:
			need[SuiteJobBERT] = true
		case SuiteAbbrev:
			need[suiteAbbrevClean] = true
		case SuiteMLMean, SuiteMLEnMean:
			for _, m := range meanMembers(n) {
				need[m] = true
			}
		}
		if d.tasks[n] != nil {
			need[n] = true
		}
	}
	for n := range need {
		score = append(score, n)
	}
	slices.Sort(score)
	return report, score, nil
}

func meanMembers(mean string) []string {
	var out []string
	for _, l := range dataset.SuiteLanguages {
		if mean == SuiteMLMean {
			out = append(out, "ml-"+l)
		} else {
			out = append(out, "ml-"+l+"-en")
		}
	}
	return out
}

// assemble turns per-task results into the reported suites: ratios get their
// clean MRR, means average the metrics of their members that have queries
// (macro average; N is the members' total).
func (d *SuiteData) assemble(report []string, scored map[string]SuiteResult) []SuiteResult {
	var out []SuiteResult
	for _, n := range report {
		var r SuiteResult
		switch n {
		case SuiteMLMean, SuiteMLEnMean:
			r.Suite = n
			for _, m := range meanMembers(n) {
				s := scored[m]
				if s.N == 0 { // a language the data lacks
					continue
				}
				r.N += s.N
				r.MRR += s.MRR
				r.R1 += s.R1
				r.R5 += s.R5
				r.R10 += s.R10
				r.Skipped += s.Skipped
				r.Elapsed += s.Elapsed
				r.Members++
			}
			if k := float64(r.Members); k > 0 {
				r.MRR, r.R1, r.R5, r.R10 = r.MRR/k, r.R1/k, r.R5/k, r.R10/k
			}
		default:
			r = scored[n]
		}
		switch n {
		case SuiteNoise:
			r.CleanMRR = scored[SuiteJobBERT].MRR
		case SuiteAbbrev:
			r.CleanMRR = scored[suiteAbbrevClean].MRR
		}
		out = append(out, r)
	}
	return out
}

// Suites scores enc on the named suites (nil or empty: all) and returns them
// in AllSuites order. The ml-* suites are left out when d has no multilingual
// data (d.MissingMultilingual says which file was missing). Each candidate set
// is encoded once and shared by the suites that rank against it.
func Suites(ctx context.Context, enc TitleEncoder, d *SuiteData, names []string, workers int) ([]SuiteResult, error) {
	report, score, err := d.plan(names)
	if err != nil {
		return nil, err
	}
	candVecs := map[string][]float32{}
	scored := map[string]SuiteResult{}
	for _, n := range score {
		start := time.Now()
		t := d.tasks[n]
		cv, ok := candVecs[t.cands]
		if !ok {
			if cv, _, _, err = encodeAll(ctx, enc, d.cands[t.cands]); err != nil {
				return nil, err
			}
			candVecs[t.cands] = cv
		}
		r, err := rankEncoded(ctx, enc, t.queries, t.targets, cv, len(d.cands[t.cands]), workers)
		if err != nil {
			return nil, fmt.Errorf("evaluate: suite %s: %w", n, err)
		}
		r.Suite, r.Skipped, r.Elapsed = n, t.skipped, time.Since(start)
		scored[n] = r
	}
	return d.assemble(report, scored), nil
}

// TFIDFSuites scores the character-3-gram TF-IDF baseline on the same suites
// as Suites (separate so that training can skip it).
func TFIDFSuites(d *SuiteData, names []string, workers int) ([]SuiteResult, error) {
	report, score, err := d.plan(names)
	if err != nil {
		return nil, err
	}
	index := map[string]*TFIDF{}
	scored := map[string]SuiteResult{}
	for _, n := range score {
		start := time.Now()
		t := d.tasks[n]
		tf := index[t.cands]
		if tf == nil {
			tf = NewTFIDF(d.cands[t.cands])
			index[t.cands] = tf
		}
		_, m := Rank(len(t.queries), len(d.cands[t.cands]), t.targets, tf.Scorer(t.queries), workers)
		scored[n] = SuiteResult{Suite: n, Metrics: m, Skipped: t.skipped, Elapsed: time.Since(start)}
	}
	return d.assemble(report, scored), nil
}

// rankEncoded encodes queries and ranks the numCands encoded candidates cv
// for each; unreadable queries count as misses.
func rankEncoded(ctx context.Context, enc TitleEncoder, queries []string, targets []int, cv []float32, numCands, workers int) (SuiteResult, error) {
	qv, conf, ok, err := encodeAll(ctx, enc, queries)
	if err != nil {
		return SuiteResult{}, err
	}
	tg := slices.Clone(targets)
	var r SuiteResult
	for i := range tg {
		if !ok[i] {
			tg[i] = -1
			r.Unreadable++
		}
	}
	out, m := Rank(len(queries), numCands, tg, DenseScorer(qv, cv, enc.Dim()), workers)
	r.Metrics = m
	r.ConfidentHalfR1, r.UnsureHalfR1 = splitByConfidence(out, conf)
	return r, nil
}
