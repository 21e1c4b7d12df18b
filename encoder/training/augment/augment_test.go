package augment

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

var sampleTitles = []string{
	"Senior Software Developer",
	"Registered Nurse",
	"Pflegefachkraft",
	"Sachbearbeiter Buchhaltung",
	"Ingénieur commercial",
	"HGV driver",
	"C++ Developer",
	"Kaufmann/Kauffrau für Büromanagement",
	"a",
	"10",
	"Project Manager, Human Resources",
}

// words splits like the featurizer: lower-case runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func TestDeterministicGivenRNG(t *testing.T) {
	a := New(Train)
	run := func() []string {
		rng := rand.New(rand.NewPCG(7, 8))
		var out []string
		for range 50 {
			for _, title := range sampleTitles {
				ab, _ := a.Abbreviate(title, rng)
				out = append(out, a.Vary(title, rng), a.Noise(title, rng), a.Typo(title, rng), ab)
			}
		}
		return out
	}
	if x, y := run(), run(); !slices.Equal(x, y) {
		t.Fatal("same seed gave different output")
	}
}

func TestSplitsAreDisjointAndBothNonEmpty(t *testing.T) {
	tr, ev := New(Train), New(Eval)
	l := loadLists()
	for name, pair := range map[string][2][]entry{
		"seniority":  {tr.seniority, ev.seniority},
		"employment": {tr.employment, ev.employment},
		"urgency":    {tr.urgency, ev.urgency},
		"locations":  {tr.locations, ev.locations},
		"jargon":     {tr.jargon, ev.jargon},
	} {
		if len(pair[0]) == 0 || len(pair[1]) == 0 {
			t.Errorf("%s: %d train, %d eval entries", name, len(pair[0]), len(pair[1]))
		}
		seen := map[string]bool{}
		for _, e := range pair[0] {
			seen[key(e)] = true
		}
		for _, e := range pair[1] {
			if seen[key(e)] {
				t.Errorf("%s: %q is in both splits", name, key(e))
			}
		}
		if share := float64(len(pair[1])) / float64(len(pair[0])+len(pair[1])); share < 0.1 || share > 0.35 {
			t.Errorf("%s: eval share %.2f, want about 0.2", name, share)
		}
		t.Logf("%s: %d train, %d eval", name, len(pair[0]), len(pair[1]))
	}
	if !slices.Equal(tr.gender, l.gender) || !slices.Equal(ev.gender, l.gender) || tr.abbrev != ev.abbrev {
		t.Error("closed-class lists must be shared by both splits")
	}
}

func key(e entry) string {
	if e.tmpl != "" {
		return strings.Join(words(e.tmpl), " ")
	}
	return strings.Join(words(e.text), " ")
}

func TestListsHaveNoDuplicatesAndGlueSuffixesSeparate(t *testing.T) {
	for _, name := range []string{"seniority.txt", "employment.txt", "urgency.txt", "locations.txt", "jargon.txt", "gender.txt", "gender_suffix.txt"} {
		seen := map[string]bool{}
		for _, line := range readLines(name) {
			if seen[line] {
				t.Errorf("%s: %q twice", name, line)
			}
			seen[line] = true
		}
	}
	// A glued ending starting with a letter would change the word it is glued
	// to ("Entwickler" + "In"), breaking Noise's promise to keep the title's words.
	for _, s := range loadLists().genderSuffix {
		if r := []rune(s)[0]; unicode.IsLetter(r) {
			t.Errorf("gender suffix %q starts with a letter", s)
		}
	}
	n := 0
	for _, ps := range loadLists().abbrev.byFirst {
		n += len(ps)
	}
	if n < 60 {
		t.Errorf("%d abbreviation entries, want at least 60", n)
	}
}

func TestNoiseKeepsTitleWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, split := range []Split{Train, Eval} {
		a := New(split)
		for range 300 {
			for _, title := range sampleTitles {
				got := a.Noise(title, rng)
				if got == title {
					t.Errorf("Noise(%q) added nothing", title)
				}
				have := words(got)
				for _, w := range words(title) {
					i := slices.Index(have, w)
					if i < 0 {
						t.Fatalf("%s: Noise(%q) = %q lost %q", split, title, got, w)
					}
					have = slices.Delete(have, i, i+1)
				}
			}
		}
	}
}

func TestAbbreviate(t *testing.T) {
	a := New(Eval)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		got, ok := a.Abbreviate("Senior Software Developer", rng)
		w := words(got)
		if !ok || !slices.Contains(w, "sr") && !slices.Contains(w, "snr") || !slices.Contains(w, "dev") && !slices.Contains(w, "devs") {
			t.Errorf("Abbreviate(Senior Software Developer) = %q, %v", got, ok)
		}
	}
	tests := []struct{ in, want string }{
		{"HUMAN RESOURCES Assistant", "HR "},
		{"registered nurse (m/w/d)", "rn (m/w/d)"},
		{"Project Manager", "PM"},
		{"Geschäftsführerin", "GF"},
		{"Diplom-Ingenieur Maschinenbau", "Dipl.-Ing. Maschinenbau"},
		{"Kaufmann/Kauffrau für Büromanagement", "/"},
	}
	for _, tt := range tests {
		for range 10 {
			got, ok := a.Abbreviate(tt.in, rng)
			if !ok || !strings.Contains(got, tt.want) {
				t.Errorf("Abbreviate(%q) = %q, %v; want it to contain %q", tt.in, got, ok, tt.want)
			}
		}
	}
	for _, in := range []string{"Pflegefachkraft", "welder", "Seniority Analyst Developerx"} {
		if got, ok := a.Abbreviate(in, rng); ok && in != "Seniority Analyst Developerx" || got == "" {
			t.Errorf("Abbreviate(%q) = %q, %v", in, got, ok)
		}
	}
	// Whole words only: "Seniority" and "Developerx" stay.
	got, _ := a.Abbreviate("Seniority Analyst Developerx", rng)
	if !strings.HasPrefix(got, "Seniority ") || !strings.HasSuffix(got, " Developerx") {
		t.Errorf("Abbreviate matched inside a word: %q", got)
	}
}

func TestTypoChangesOneLongWord(t *testing.T) {
	a := New(Train)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		got := a.Typo("HGV Driver", rng)
		if got == "HGV Driver" || !strings.HasPrefix(got, "HGV ") {
			t.Fatalf("Typo(HGV Driver) = %q", got)
		}
		if d := len([]rune(got)) - len([]rune("HGV Driver")); d < -1 || d > 1 {
			t.Fatalf("Typo changed the length by %d: %q", d, got)
		}
	}
	if got := a.Typo("IT Rep", rng); got != "IT Rep" {
		t.Errorf("Typo touched a title without a 4-letter word: %q", got)
	}
}

func TestVaryNeverEmptyAndSometimesUnchanged(t *testing.T) {
	a := New(Train)
	rng := rand.New(rand.NewPCG(9, 10))
	unchanged, n := 0, 0
	for range 2000 {
		for _, title := range sampleTitles {
			got := a.Vary(title, rng)
			if strings.TrimSpace(got) == "" {
				t.Fatalf("Vary(%q) is empty", title)
			}
			if got == title {
				unchanged++
			}
			n++
		}
	}
	if share := float64(unchanged) / float64(n); share < 0.15 || share > 0.45 {
		t.Errorf("Vary left %.2f of titles unchanged", share)
	}
}

func TestConcurrentUse(t *testing.T) {
	a := New(Train)
	done := make(chan string, 4)
	for g := range 4 {
		go func() {
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			var s string
			for range 2000 {
				s = a.Vary("Senior Registered Nurse", rng)
			}
			done <- s
		}()
	}
	for range 4 {
		<-done
	}
}

func BenchmarkVary(b *testing.B) {
	a := New(Train)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; b.Loop(); i++ {
		a.Vary(sampleTitles[i%len(sampleTitles)], rng)
	}
}
