package evaluate

import (
	"context"
	"errors"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"jobmatch/encoder"
	"jobmatch/encoder/training/dataset"
)

// bagEncoder is a fake TitleEncoder: the normalised sum of one hashed unit
// per lower-case word, confidence 1/(number of words). A title without a
// letter or digit is unreadable, as with the real encoder.
type bagEncoder struct{ dim int }

func (b bagEncoder) Dim() int { return b.dim }

func (b bagEncoder) Encode(_ context.Context, titles []string) ([]encoder.Embedding, error) {
	out := make([]encoder.Embedding, len(titles))
	var errs []error
	for i, t := range titles {
		words := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) == 0 {
			errs = append(errs, &encoder.TitleError{Index: i, Title: t})
			continue
		}
		v := make([]float32, b.dim)
		for _, w := range words {
			h := fnv.New32a()
			h.Write([]byte(w))
			v[h.Sum32()%uint32(b.dim)]++
		}
		var n float32
		for _, x := range v {
			n += x * x
		}
		n = float32(math.Sqrt(float64(n)))
		for k := range v {
			v[k] /= n
		}
		out[i] = encoder.Embedding{Vector: v, Confidence: 1 / float32(len(words))}
	}
	if len(errs) > 0 {
		return out, errors.Join(errs...)
	}
	return out, nil
}

func tinyOccupations() []dataset.Occupation {
	return []dataset.Occupation{
		{URI: "u1", Preferred: "software developer"},
		{URI: "u2", Preferred: "registered nurse"},
		{URI: "u3", Preferred: "truck driver"},
		{URI: "u4", Preferred: "project manager"},
	}
}

func tinyTitles() []dataset.LabeledTitle {
	return []dataset.LabeledTitle{
		{Title: "Senior Software Developer", ConceptURI: "u1"},
		{Title: "Nurse", ConceptURI: "u2"},
		{Title: "HGV Truck Driver", ConceptURI: "u3"},
		{Title: "Project Manager IT", ConceptURI: "u4"},
		{Title: "!!!", ConceptURI: "u2"},
	}
}

// tinyLabels gives u1 and u2 German and French labels with enough
// alternative groups (five) that SplitMultilingual holds one out, plus a
// label of an occupation the English file lacks.
func tinyLabels() []dataset.Label {
	var out []dataset.Label
	add := func(lang, uri, pref string, alts ...string) {
		out = append(out, dataset.Label{Lang: lang, URI: uri, Text: pref, Preferred: true})
		for _, a := range alts {
			out = append(out, dataset.Label{Lang: lang, URI: uri, Text: a})
		}
	}
	add("de", "u1", "Softwareentwickler", "Programmierer", "Anwendungsentwickler", "Entwickler Software", "Softwareingenieur", "Codierer")
	add("de", "u2", "Pflegefachkraft", "Krankenpfleger", "Krankenschwester", "Pflegekraft", "Gesundheitspfleger", "Stationspfleger")
	add("fr", "u1", "développeur logiciel", "programmeur", "développeur d'applications", "ingénieur logiciel", "codeur", "analyste programmeur")
	add("de", "u9", "Schmied", "Hufschmied", "Kunstschmied", "Werkzeugschmied", "Messerschmied", "Kettenschmied")
	return out
}

func tinySuiteData(t *testing.T) *SuiteData {
	t.Helper()
	d, err := NewSuiteData(tinyOccupations(), tinyTitles(), tinyLabels())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func names(rs []SuiteResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Suite)
	}
	return out
}

func TestSuitesOnTinyData(t *testing.T) {
	d := tinySuiteData(t)
	enc := bagEncoder{dim: 64}
	res, err := Suites(context.Background(), enc, d, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, AllSuites()) {
		t.Fatalf("suites %v, want %v", got, AllSuites())
	}
	by := map[string]SuiteResult{}
	for _, r := range res {
		by[r.Suite] = r
	}
	jb := by[SuiteJobBERT]
	if jb.N != 5 || jb.Unreadable != 1 || jb.R1 != 0.8 {
		t.Errorf("jobbert: %+v", jb)
	}
	// The refactored JobBERT must agree with the suite.
	rep, err := JobBERT(context.Background(), enc, tinyTitles(), tinyOccupations(), 1)
	if err != nil || rep.Metrics != jb.Metrics || rep.Unreadable != 1 {
		t.Errorf("JobBERT = %+v, %v; suite says %+v", rep, err, jb.Metrics)
	}
	if n := by[SuiteNoise]; n.N != 5 || n.CleanMRR != jb.MRR || n.Ratio() == 0 {
		t.Errorf("noise: %+v", n)
	}
	// "Senior Software Developer" and "Project Manager IT" have abbreviatable words.
	if a := by[SuiteAbbrev]; a.N != 2 || a.CleanMRR != 1 {
		t.Errorf("abbrev: %+v", a)
	}
	// de: one held-out label each for u1, u2 and u9; u9 is not an English
	// occupation, so it has no candidate in either set (PreferredByLang
	// follows the English occupations) and is skipped.
	if de := by["ml-de"]; de.N != 2 || de.Skipped != 1 {
		t.Errorf("ml-de: %+v", de)
	}
	if de := by["ml-de-en"]; de.N != 2 || de.Skipped != 1 {
		t.Errorf("ml-de-en: %+v", de)
	}
	if fr := by["ml-fr"]; fr.N != 1 {
		t.Errorf("ml-fr: %+v", fr)
	}
	// Means average the languages that have queries (de and fr here).
	if m := by[SuiteMLMean]; m.Members != 2 || m.N != 3 || math.Abs(m.MRR-(by["ml-de"].MRR+by["ml-fr"].MRR)/2) > 1e-12 {
		t.Errorf("ml-mean: %+v", m)
	}

	tf, err := TFIDFSuites(d, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(tf); !slices.Equal(got, AllSuites()) {
		t.Fatalf("TF-IDF suites %v", got)
	}
	line := by[SuiteAbbrev].Format(&tf[2])
	if !strings.HasPrefix(line, "eval suite=jobbert-abbrev n=2 mrr=") || !strings.Contains(line, " clean_mrr=1.0000 ratio=") || !strings.Contains(line, " tfidf_mrr=") {
		t.Errorf("abbrev line %q", line)
	}
}

func TestSuiteSubsetsPullInWhatTheyNeed(t *testing.T) {
	d := tinySuiteData(t)
	res, err := Suites(context.Background(), bagEncoder{dim: 32}, d, []string{SuiteNoise, SuiteMLEnMean}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, []string{SuiteNoise, SuiteMLEnMean}) {
		t.Fatalf("got suites %v", got)
	}
	if res[0].CleanMRR == 0 || res[1].Members == 0 {
		t.Errorf("dependencies not scored: %+v", res)
	}
	if _, err := Suites(context.Background(), bagEncoder{dim: 32}, d, []string{"jobbert-typo"}, 1); err == nil {
		t.Error("unknown suite accepted")
	}
}

func TestFormat(t *testing.T) {
	r := SuiteResult{Suite: SuiteNoise, Metrics: Metrics{N: 10, MRR: 0.25, R1: 0.2, R5: 0.3, R10: 0.4}, CleanMRR: 0.5}
	tf := SuiteResult{Suite: SuiteNoise, Metrics: Metrics{N: 10, MRR: 0.2, R10: 0.3}, CleanMRR: 0.25}
	want := "eval suite=jobbert-noise n=10 mrr=0.2500 r1=0.2000 r5=0.3000 r10=0.4000 ratio=0.5000 tfidf_mrr=0.2000 tfidf_r10=0.3000 tfidf_ratio=0.8000"
	if got := r.Format(&tf); got != want {
		t.Errorf("Format = %q\nwant     %q", got, want)
	}
	r = SuiteResult{Suite: SuiteJobBERT, Metrics: Metrics{N: 1, MRR: 1, R1: 1, R5: 1, R10: 1}}
	if got := r.Format(nil); got != "eval suite=jobbert n=1 mrr=1.0000 r1=1.0000 r5=1.0000 r10=1.0000" {
		t.Errorf("Format = %q", got)
	}
}

// TestLoadSuiteDataWithoutMultilingual writes the two required files in the
// shared-data formats and checks that the ml-* suites are skipped, naming the
// missing file.
func TestLoadSuiteDataWithoutMultilingual(t *testing.T) {
	dir := t.TempDir()
	occs := "conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels\nu1,2512,software developer,\"programmer\ncoder\",\nu2,2221,registered nurse,,\n"
	titles := ",vacancyTitle,conceptUri\n0,Java Developer,u1\n1,Staff Nurse,u2\n"
	for name, text := range map[string]string{dataset.ESCOOccupationsFile: occs, dataset.JobBERTValFile: titles} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := LoadSuiteData(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.MissingMultilingual != filepath.Join(dir, dataset.MultilingualFile) {
		t.Errorf("MissingMultilingual = %q", d.MissingMultilingual)
	}
	res, err := Suites(context.Background(), bagEncoder{dim: 16}, d, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, []string{SuiteJobBERT, SuiteNoise, SuiteAbbrev}) {
		t.Errorf("suites without multilingual data: %v", got)
	}
	if res[0].N != 2 || res[0].R1 != 1 {
		t.Errorf("jobbert: %+v", res[0])
	}
	if _, err := LoadSuiteData(t.TempDir()); err == nil || !strings.Contains(err.Error(), dataset.JobBERTValFile) {
		t.Errorf("empty dir: %v", err)
	}
}

// TestTFIDFSuitesOnSharedData checks the baseline on the real files against
// the figure docs/encoder.md quotes, and the suite sizes.
func TestTFIDFSuitesOnSharedData(t *testing.T) {
	dir := dataset.Dir()
	if m := dataset.Missing(dir, dataset.ESCOOccupationsFile, dataset.JobBERTValFile, dataset.MultilingualFile); len(m) > 0 {
		t.Skipf("data dir %s lacks %v (set JOBMATCH_DATA_DIR)", dir, m)
	}
	if testing.Short() {
		t.Skip("loads 35 MB of labels")
	}
	d, err := LoadSuiteData(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := TFIDFSuites(d, []string{SuiteJobBERT, SuiteAbbrev, "ml-de"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res[0].MRR-0.2656) > 5e-5 || res[0].N != 15463 {
		t.Errorf("TF-IDF jobbert: %+v, want mrr 0.2656 over 15463 titles", res[0])
	}
	if res[1].N < 5000 || res[2].N < 1000 {
		t.Errorf("suite sizes: abbrev %d, ml-de %d", res[1].N, res[2].N)
	}
}
