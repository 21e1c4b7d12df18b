// Package augment turns clean job titles into the titles people really type:
// job-ad noise (seniority, gender markers, employment type, urgency, location,
// employer jargon), abbreviations, typos, word-order swaps and case changes.
// Training uses it to make the encoder invariant to that noise; evaluation
// uses it to measure the invariance.
//
// The word lists are data files in lists/ (embedded). An Augmenter holds only
// read-only tables and draws all randomness from the caller's *rand.Rand, so
// one Augmenter is safe for concurrent use and its output is deterministic for
// a given rng state.
package augment

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Split chooses which half of the open-class word lists an Augmenter uses.
type Split int

const (
	// Train uses the ~4/5 of open-class entries meant for training.
	Train Split = iota
	// Eval uses the other ~1/5, so evaluation measures invariance to noise
	// words the model never saw in training.
	Eval
)

func (s Split) String() string {
	if s == Eval {
		return "eval"
	}
	return "train"
}

// Augmenter applies job-ad noise, abbreviations and typos. The zero value is
// not usable; call New.
type Augmenter struct {
	seniority, employment, urgency, locations, jargon []entry
	gender, genderSuffix                              []string
	abbrev                                            *abbrevDict
}

// New returns an Augmenter over split's share of the open-class lists
// (seniority, employment, urgency, locations, jargon) and the whole of the
// closed-class ones (gender markers, abbreviations), which both splits share
// because they are a fixed dictionary the model must learn rather than an
// open vocabulary it must learn to ignore.
func New(split Split) *Augmenter {
	l := loadLists()
	return &Augmenter{
		seniority:    l.seniority.pick(split),
		employment:   l.employment.pick(split),
		urgency:      l.urgency.pick(split),
		locations:    l.locations.pick(split),
		jargon:       l.jargon.pick(split),
		gender:       l.gender,
		genderSuffix: l.genderSuffix,
		abbrev:       l.abbrev,
	}
}

// The noise categories, in the order Noise applies them: gender markers go
// straight after the title, then seniority wraps it, then the suffixes.
const (
	catGender = iota
	catSeniority
	catEmployment
	catLocation
	catUrgency
	catJargon
	numCats
)

// catWeight is how often each category is drawn (relative); seniority and
// gender markers are the most common noise in real vacancy titles.
var catWeight = [numCats]float64{catGender: 0.2, catSeniority: 0.25, catEmployment: 0.15, catLocation: 0.15, catUrgency: 0.1, catJargon: 0.15}

// Noise adds 1 to 3 job-ad noise items of distinct categories (gender
// marker, seniority, employment type or hours, location, urgency, jargon) and
// with probability 0.15 each changes the case of the whole title or adds
// punctuation noise. The title's own words are kept (only their case may
// change).
func (a *Augmenter) Noise(title string, rng *rand.Rand) string {
	var chosen [numCats]bool
	k := 1 + rng.IntN(3)
	for range k {
		var total float64
		for c := range numCats {
			if !chosen[c] {
				total += catWeight[c]
			}
		}
		x := rng.Float64() * total
		c := 0
		for ; c < numCats-1; c++ {
			if chosen[c] {
				continue
			}
			if x -= catWeight[c]; x < 0 {
				break
			}
		}
		for chosen[c] { // float rounding left x >= 0 at a taken last category
			c--
		}
		chosen[c] = true
	}
	s := title
	for c := range numCats {
		if !chosen[c] {
			continue
		}
		switch c {
		case catGender:
			s = a.addGender(s, rng)
		case catSeniority:
			s = attach(s, pickEntry(a.seniority, rng), rng, 0.75, []string{" "}, seniorSuffixSeps)
		case catEmployment:
			s = attach(s, pickEntry(a.employment, rng), rng, 0.1, []string{" ", " - "}, suffixSeps)
		case catLocation:
			s = attach(s, pickEntry(a.locations, rng), rng, 0.1, []string{": ", " - "}, locationSeps)
		case catUrgency:
			s = attach(s, pickEntry(a.urgency, rng), rng, 0.4, []string{": ", " - ", " ", "! "}, suffixSeps)
		case catJargon:
			s = attach(s, pickEntry(a.jargon, rng), rng, 0.5, []string{" ", " | ", " - "}, []string{" ", " - ", " | ", " "})
		}
	}
	if rng.Float64() < 0.15 {
		s = changeCase(s, rng)
	}
	if rng.Float64() < 0.15 {
		s = punctuate(s, rng)
	}
	return s
}

// Separators between a title and a suffix item; "(" means the item is put in
// brackets.
var (
	suffixSeps       = []string{" - ", " | ", ", ", " ", " – ", " / ", "("}
	seniorSuffixSeps = []string{" - ", ", ", " ", "("}
	locationSeps     = []string{" - ", " in ", "(", " | ", ", ", " – ", " / "}
)

// attach puts e before s (with probability prefixProb, joined by one of
// pre) or after it (joined by one of post), or fills e's {} with s.
func attach(s string, e entry, rng *rand.Rand, prefixProb float64, pre, post []string) string {
	if e.tmpl != "" {
		return strings.Replace(e.tmpl, "{}", s, 1)
	}
	if rng.Float64() < prefixProb {
		return e.text + pre[rng.IntN(len(pre))] + s
	}
	sep := post[rng.IntN(len(post))]
	if sep == "(" {
		return s + " (" + e.text + ")"
	}
	return s + sep + e.text
}

// addGender appends a marker such as "(m/w/d)", or with probability 0.3 glues
// an ending such as "/in" to the title's last word when it ends in a letter.
func (a *Augmenter) addGender(s string, rng *rand.Rand) string {
	if rng.Float64() < 0.3 {
		if r, _ := utf8.DecodeLastRuneInString(s); unicode.IsLetter(r) {
			return s + a.genderSuffix[rng.IntN(len(a.genderSuffix))]
		}
	}
	return s + " " + a.gender[rng.IntN(len(a.gender))]
}

func pickEntry(es []entry, rng *rand.Rand) entry { return es[rng.IntN(len(es))] }

// punctuate adds one piece of punctuation noise: an exclamation mark, stars
// around the title, a trailing dash, or a space between two words turned into
// " - ", " | ", " / " or " – ". Words are never split or removed.
func punctuate(s string, rng *rand.Rand) string {
	switch rng.IntN(4) {
	case 0:
		return s + []string{"!", " !", "!!", " !!!"}[rng.IntN(4)]
	case 1:
		return []string{"*", "** ", "*** "}[rng.IntN(3)] + s + []string{"*", " **", " ***"}[rng.IntN(3)]
	case 2:
		return s + []string{" -", " –", " |", " /"}[rng.IntN(4)]
	}
	n := strings.Count(s, " ")
	if n == 0 {
		return "- " + s
	}
	k := rng.IntN(n)
	i := 0
	for j := 0; j < k; j++ {
		i += strings.IndexByte(s[i:], ' ') + 1
	}
	i += strings.IndexByte(s[i:], ' ')
	return s[:i] + []string{" - ", " | ", " / ", " – "}[rng.IntN(4)] + s[i+1:]
}

// The probabilities of Vary. A title is returned untouched with probability
// pUnchanged (the model must still see clean titles); otherwise each step is
// applied independently in this order: abbreviate (when the title has an
// abbreviatable word), swap word order, one typo, job-ad noise, case change.
const (
	pUnchanged = 0.1
	pAbbrev    = 0.35
	pSwap      = 0.1
	pTypo      = 0.2
	pNoise     = 0.6
	pCase      = 0.15
)

// Vary is the training mix: see the p* constants for what it applies and how
// often. All steps skipped, the title comes back unchanged: about 1 in 4
// calls (1 in 3 for titles with nothing to abbreviate). It never returns an
// empty string for a non-blank title.
func (a *Augmenter) Vary(title string, rng *rand.Rand) string {
	if rng.Float64() < pUnchanged {
		return title
	}
	s := title
	if rng.Float64() < pAbbrev {
		if ab, ok := a.Abbreviate(s, rng); ok {
			s = ab
		}
	}
	if rng.Float64() < pSwap {
		s = swapWords(s, rng)
	}
	if rng.Float64() < pTypo {
		s = a.Typo(s, rng)
	}
	if rng.Float64() < pNoise {
		s = a.Noise(s, rng)
	}
	if rng.Float64() < pCase {
		s = changeCase(s, rng)
	}
	if strings.TrimSpace(s) == "" {
		return title
	}
	return s
}
