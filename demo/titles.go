package demo

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// messyTitle writes a canonical title the way people type it into a form or
// an ad: with seniority words, gender or contract suffixes, abbreviations,
// odd casing and the occasional typo. The result stays recognisable.
func messyTitle(r *rand.Rand, title string) string {
	if r.Float64() < 0.35 {
		title = seniorPrefixes[r.IntN(len(seniorPrefixes))] + " " + title
	}
	if r.Float64() < 0.15 {
		title = abbreviate(r, title)
	}
	if r.Float64() < 0.18 {
		title += " " + suffixes[r.IntN(len(suffixes))]
	}
	switch x := r.Float64(); {
	case x < 0.07:
		title = strings.ToUpper(title)
	case x < 0.13:
		title = strings.ToLower(title)
	}
	if r.Float64() < 0.06 {
		title = typo(r, title)
	}
	if r.Float64() < 0.03 {
		title = "  " + title + " " // stray whitespace, trimmed on save
	}
	return title
}

// abbreviate shortens one long word the way ads do ("Developer" → "Dev").
func abbreviate(r *rand.Rand, title string) string {
	words := strings.Fields(title)
	idx := r.Perm(len(words))
	for _, i := range idx {
		if short, ok := abbreviations[words[i]]; ok {
			words[i] = short
			return strings.Join(words, " ")
		}
	}
	return title
}

// typo swaps two adjacent letters or drops one, inside a word of 5+ letters.
func typo(r *rand.Rand, title string) string {
	runes := []rune(title)
	for tries := 0; tries < 10; tries++ {
		i := 1 + r.IntN(max(1, len(runes)-3))
		if i+1 >= len(runes) || !unicode.IsLetter(runes[i]) || !unicode.IsLetter(runes[i+1]) || !unicode.IsLetter(runes[i-1]) {
			continue
		}
		if r.IntN(2) == 0 {
			runes[i], runes[i+1] = runes[i+1], runes[i]
		} else {
			runes = append(runes[:i], runes[i+1:]...)
		}
		return string(runes)
	}
	return title
}

// clip keeps a generated title within the 200-character limit.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
