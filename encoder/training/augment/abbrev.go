package augment

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrevDict maps the first word of each abbreviatable phrase (lower-case) to
// the phrases starting with it, longest first, so "project manager" wins
// over "manager".
type abbrevDict struct {
	byFirst map[string][]abbrevPhrase
}

type abbrevPhrase struct {
	words []string // lower-case words of the phrase
	forms []string // abbreviations as written in the list
}

// parseAbbrev reads "phrase: form, form" lines. A phrase listed twice (English
// and French "assistant") takes the forms of both lines.
func parseAbbrev(name string, lines []string) *abbrevDict {
	d := &abbrevDict{byFirst: map[string][]abbrevPhrase{}}
	for _, line := range lines {
		phrase, forms, ok := strings.Cut(line, ":")
		if !ok {
			panic(fmt.Sprintf("augment: lists/%s: %q has no colon", name, line))
		}
		var p abbrevPhrase
		for _, t := range splitWords(phrase) {
			p.words = append(p.words, strings.ToLower(phrase[t.start:t.end]))
		}
		for f := range strings.SplitSeq(forms, ",") {
			if f = strings.TrimSpace(f); f != "" {
				p.forms = append(p.forms, f)
			}
		}
		if len(p.words) == 0 || len(p.forms) == 0 {
			panic(fmt.Sprintf("augment: lists/%s: bad line %q", name, line))
		}
		d.add(p)
	}
	return d
}

func (d *abbrevDict) add(p abbrevPhrase) {
	list := d.byFirst[p.words[0]]
	for i, q := range list {
		if strings.Join(q.words, " ") == strings.Join(p.words, " ") {
			list[i].forms = append(q.forms, p.forms...)
			return
		}
	}
	list = append(list, p)
	for i := len(list) - 1; i > 0 && len(list[i].words) > len(list[i-1].words); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	d.byFirst[p.words[0]] = list
}

// span is one word of a title: title[start:end].
type span struct{ start, end int }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// splitWords returns the maximal runs of letters, digits and marks.
func splitWords(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// joins reports whether the text between two words may sit inside a phrase:
// spaces, hyphens and apostrophes ("Diplom-Ingenieur", "d'état"), so
// "Kaufmann/Kauffrau" is two words but "Software-Entwickler" reads like the
// two-word phrase.
func joins(gap string) bool {
	for _, r := range gap {
		if r != ' ' && r != '-' && r != '\'' && r != '’' && r != '\t' {
			return false
		}
	}
	return gap != ""
}

// Abbreviate replaces every abbreviatable word or phrase of title (matched
// case-insensitively on whole words, longest phrase first) by one of its
// abbreviations, and keeps the rest of the title as it is. The abbreviation
// follows the case of the replaced text: upper-case text gives an upper-case
// abbreviation, lower-case text a lower-case one, anything else the form as
// listed. It reports false, returning title, when nothing could be
// abbreviated.
func (a *Augmenter) Abbreviate(title string, rng *rand.Rand) (string, bool) {
	words := splitWords(title)
	var b strings.Builder
	last := 0 // title[:last] is written
	changed := false
	for i := 0; i < len(words); {
		p, n := a.abbrev.match(title, words[i:])
		if n == 0 {
			i++
			continue
		}
		from, to := words[i].start, words[i+n-1].end
		b.WriteString(title[last:from])
		b.WriteString(matchCase(p.forms[rng.IntN(len(p.forms))], title[from:to]))
		last, changed = to, true
		i += n
	}
	if !changed {
		return title, false
	}
	b.WriteString(title[last:])
	return b.String(), true
}

// match finds the longest phrase starting at words[0]; n is how many words it
// covers (0: none).
func (d *abbrevDict) match(title string, words []span) (abbrevPhrase, int) {
	cands := d.byFirst[lower(title[words[0].start:words[0].end])]
	for _, p := range cands {
		if len(p.words) > len(words) {
			continue
		}
		ok := true
		for k := 1; k < len(p.words) && ok; k++ {
			ok = joins(title[words[k-1].end:words[k].start]) && lower(title[words[k].start:words[k].end]) == p.words[k]
		}
		if ok {
			return p, len(p.words)
		}
	}
	return abbrevPhrase{}, 0
}

// lower avoids an allocation for words that are already lower-case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// matchCase gives form the case of orig when orig is all upper- or all
// lower-case (and has more than one letter, so "A" is not "upper-case text").
func matchCase(form, orig string) string {
	upper, lowr, letters := true, true, 0
	for _, r := range orig {
		if unicode.IsLetter(r) {
			letters++
			upper = upper && !unicode.IsLower(r)
			lowr = lowr && !unicode.IsUpper(r)
		}
	}
	switch {
	case letters > 1 && upper:
		return strings.ToUpper(form)
	case letters > 0 && lowr:
		return strings.ToLower(form)
	}
	return form
}
