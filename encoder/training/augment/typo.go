package augment

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// qwerty lists the keys next to each letter on a QWERTY keyboard (the
// layouts of the other languages differ in a few keys only; close enough for
// noise).
var qwerty = map[rune]string{
	'q': "wa", 'w': "qeas", 'e': "wrds", 'r': "etdf", 't': "ryfg", 'y': "tugh", 'u': "yihj", 'i': "uojk", 'o': "ipkl", 'p': "ol",
	'a': "qwsz", 's': "awedxz", 'd': "serfcx", 'f': "drtgvc", 'g': "ftyhbv", 'h': "gyujnb", 'j': "huikmn", 'k': "jiolm", 'l': "kop",
	'z': "asx", 'x': "zsdc", 'c': "xdfv", 'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

// Typo makes one typo in a random word of at least 4 letters: a letter
// replaced by a neighbouring key, a letter deleted, two adjacent letters
// transposed, or a letter doubled (each equally likely; a substitution of a
// letter with no QWERTY neighbours, or a transposition of two equal letters,
// becomes a doubling). A title without such a word is returned unchanged.
func (a *Augmenter) Typo(title string, rng *rand.Rand) string {
	var eligible []span
	for _, w := range splitWords(title) {
		if letterCount(title[w.start:w.end]) >= 4 {
			eligible = append(eligible, w)
		}
	}
	if len(eligible) == 0 {
		return title
	}
	w := eligible[rng.IntN(len(eligible))]
	word := []rune(title[w.start:w.end])
	// Positions of letters (skipping digits and combining marks).
	var pos []int
	for i, r := range word {
		if unicode.IsLetter(r) {
			pos = append(pos, i)
		}
	}
	i := pos[rng.IntN(len(pos))]
	var out []rune
	switch rng.IntN(4) {
	case 0: // neighbouring key
		if nb := qwerty[unicode.ToLower(word[i])]; nb != "" {
			r := []rune(nb)[rng.IntN(len(nb))]
			if unicode.IsUpper(word[i]) {
				r = unicode.ToUpper(r)
			}
			out = append(append(append(out, word[:i]...), r), word[i+1:]...)
		}
	case 1: // deletion
		out = append(append(out, word[:i]...), word[i+1:]...)
	case 2: // transposition with the next rune, or the previous one at the end
		j := i + 1
		if j == len(word) {
			i, j = i-1, i
		}
		if word[i] != word[j] {
			out = append(out, word...)
			out[i], out[j] = out[j], out[i]
		}
	}
	if out == nil { // doubling
		out = append(append(append(out, word[:i+1]...), word[i]), word[i+1:]...)
	}
	return title[:w.start] + string(out) + title[w.end:]
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// swapWords changes the word order of a title with two or more words: half
// the time two adjacent words trade places ("Developer Software"), otherwise
// the last word moves to the front followed by a comma ("Manager, Sales"), as
// job boards sort titles. Words are split at spaces and rejoined with one.
func swapWords(title string, rng *rand.Rand) string {
	f := strings.Fields(title)
	if len(f) < 2 {
		return title
	}
	if rng.IntN(2) == 0 {
		i := rng.IntN(len(f) - 1)
		f[i], f[i+1] = f[i+1], f[i]
		return strings.Join(f, " ")
	}
	return strings.TrimRight(f[len(f)-1], ",") + ", " + strings.Join(f[:len(f)-1], " ")
}

// changeCase writes s in upper case, lower case or title case (first letter
// of each space-separated word upper, the rest lower), one third each.
func changeCase(s string, rng *rand.Rand) string {
	switch rng.IntN(3) {
	case 0:
		return strings.ToUpper(s)
	case 1:
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToTitle(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == ' '
	}
	return b.String()
}
