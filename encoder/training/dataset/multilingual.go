package dataset

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"sort"
	"strings"

	"jobmatch/encoder/features"
)

// MultilingualFile holds ESCO's occupation labels in 21 languages besides
// English (see the data README).
const MultilingualFile = "esco_labels_multilingual.tsv"

// SuiteLanguages are the languages whose held-out labels make the
// multilingual evaluation suites.
var SuiteLanguages = []string{"de", "fr", "es", "nl", "pl", "it"}

// HeldOutShare is the share of each language's alternative labels of an
// occupation that training never sees; they are the multilingual evaluation
// queries.
const HeldOutShare = 0.2

// Label is one ESCO occupation label in one language.
type Label struct {
	Lang      string
	URI       string
	Text      string
	Preferred bool
}

// LoadMultilingual reads esco_labels_multilingual.tsv (header lang,
// conceptUri, label, preferred). English rows are skipped: the English
// occupations file is the source of those.
func LoadMultilingual(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: open multilingual labels: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if !sc.Scan() {
		return nil, fmt.Errorf("dataset: %s is empty", path)
	}
	col, err := columns(strings.Split(sc.Text(), "\t"), "lang", "conceptUri", "label", "preferred")
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", path, err)
	}
	var out []Label
	for line := 2; sc.Scan(); line++ {
		rec := strings.Split(sc.Text(), "\t")
		if len(rec) < 4 {
			return nil, fmt.Errorf("dataset: %s line %d: %d columns, want 4", path, line, len(rec))
		}
		l := Label{Lang: rec[col[0]], URI: rec[col[1]], Text: strings.TrimSpace(rec[col[2]]), Preferred: rec[col[3]] == "1"}
		if l.Lang == "en" || l.Text == "" {
			continue
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dataset: read %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("dataset: %s holds no labels", path)
	}
	return out, nil
}

// SplitMultilingual separates the labels training may use from the held-out
// evaluation labels. Per language and occupation, the alternative labels are
// grouped so that the masculine and feminine forms of a title fall together
// ("Drahtzieher", "Drahtzieherin"), and a fixed, hash-chosen HeldOutShare of
// the groups is held out (none when the occupation has fewer than three
// groups, so every occupation keeps labels to learn from). Forms of the
// preferred label itself are never held out. Preferred labels
// are always trained on: they are what the suites rank. The split depends only
// on the labels, never on a seed, so training and evaluation agree.
func SplitMultilingual(labels []Label) (train, heldOut []Label) {
	type key struct{ lang, uri string }
	// The gender keys of each preferred label and of its "/" parts: an
	// alternative label with one of them is a mere form of the preferred
	// label, which the suites rank, so holding it out would test nothing.
	prefKeys := map[key]map[string]bool{}
	for _, l := range labels {
		if !l.Preferred {
			continue
		}
		k := key{l.Lang, l.URI}
		if prefKeys[k] == nil {
			prefKeys[k] = map[string]bool{}
		}
		prefKeys[k][genderKey(l.Lang, l.Text)] = true
		for part := range strings.SplitSeq(l.Text, "/") {
			prefKeys[k][genderKey(l.Lang, part)] = true
		}
	}
	groups := map[key]map[string][]int{}
	for i, l := range labels {
		if l.Preferred {
			continue
		}
		k := key{l.Lang, l.URI}
		if groups[k] == nil {
			groups[k] = map[string][]int{}
		}
		g := genderKey(l.Lang, l.Text)
		if prefKeys[k][g] {
			continue
		}
		groups[k][g] = append(groups[k][g], i)
	}
	held := make([]bool, len(labels))
	for k, byGroup := range groups {
		if len(byGroup) < 3 {
			continue
		}
		names := make([]string, 0, len(byGroup))
		for g := range byGroup {
			names = append(names, g)
		}
		sort.Slice(names, func(a, b int) bool {
			ha, hb := splitHash(k.lang, k.uri, names[a]), splitHash(k.lang, k.uri, names[b])
			return ha < hb || (ha == hb && names[a] < names[b])
		})
		n := int(math.Round(HeldOutShare * float64(len(names))))
		for _, g := range names[:n] {
			for _, i := range byGroup[g] {
				held[i] = true
			}
		}
	}
	for i, l := range labels {
		if held[i] {
			heldOut = append(heldOut, l)
		} else {
			train = append(train, l)
		}
	}
	return train, heldOut
}

func splitHash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// feminine lists word endings that turn a masculine job word into its
// feminine form, longest first, with what replaces them. It is a rough key
// for grouping, not a grammar: a pair it misses only splits into two groups.
var feminine = map[string][][2]string{
	"de": {{"innen", ""}, {"in", ""}, {"frau", "mann"}, {"e", ""}},
	"nl": {{"ster", "er"}, {"e", ""}},
	"fr": {{"euse", "eur"}, {"rice", "eur"}, {"ienne", "ien"}, {"ère", "er"}, {"e", ""}},
	"es": {{"ora", "or"}, {"a", "o"}},
	"it": {{"trice", "tore"}, {"essa", "e"}, {"a", "o"}},
	"pt": {{"ora", "or"}, {"a", "o"}},
	"pl": {{"ka", ""}, {"ca", ""}},
}

// genderKey normalises a label and strips feminine endings from its words.
func genderKey(lang, text string) string {
	words := strings.Fields(features.Normalize(text))
	for i, w := range words {
		for _, e := range feminine[lang] {
			if len(w) > len(e[0])+3 && strings.HasSuffix(w, e[0]) {
				words[i] = strings.TrimSuffix(w, e[0]) + e[1]
				break
			}
		}
		words[i] = strings.TrimSuffix(words[i], "e")
	}
	return strings.Join(words, " ")
}

// PreferredByLang returns, for one language, the preferred label of each
// occupation in occs order ("" when that language has none). A preferred
// label holding both forms ("Pflegefachmann/Pflegefachfrau") is kept whole:
// that is how ESCO names the occupation.
func PreferredByLang(labels []Label, lang string, occs []Occupation) []string {
	byURI := map[string]string{}
	for _, l := range labels {
		if l.Lang == lang && l.Preferred {
			if _, dup := byURI[l.URI]; !dup {
				byURI[l.URI] = l.Text
			}
		}
	}
	out := make([]string, len(occs))
	for i, o := range occs {
		out[i] = byURI[o.URI]
	}
	return out
}
