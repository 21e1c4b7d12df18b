package demo

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleStyle is what the decoration of one title depends on.
type titleStyle struct {
	lang   string // language of the title: en, de, fr or es
	market string // job-ad market of the country (see marketOf)
	ad     bool   // a vacancy title (job-ad noise) rather than a candidate's wish
	remote bool   // a remote vacancy
	city   string // the vacancy's city as local ads name it
}

// messyTitle writes a title the way people type it into a form or an ad:
// gendered word forms, seniority words, abbreviations and, for ads, gender
// markers, contract words, urgency, remote and location suffixes, then odd
// casing and the occasional typo. The result stays recognisable.
func messyTitle(r *rand.Rand, title string, s titleStyle) string {
	if s.lang == "de" && r.Float64() < rate(s.ad, 0.15, 0.06) {
		title = germanGenderForm(r, title)
	}
	if r.Float64() < 0.33 {
		title = addSeniority(r, title, seniorityWords[s.lang])
	}
	if r.Float64() < 0.15 {
		title = abbreviate(r, title, s.lang)
	}
	m := adMarkets[s.market]
	if s.ad {
		if len(m.urgentPre) > 0 && r.Float64() < 0.03 {
			title = oneOf(r, m.urgentPre) + " " + title
		}
		if r.Float64() < m.genderRate {
			title += " " + oneOf(r, m.gender)
		}
		if r.Float64() < 0.12 {
			title += " " + oneOf(r, m.contract)
		}
		if r.Float64() < 0.05 {
			title += " " + oneOf(r, m.urgent)
		}
		if s.remote && r.Float64() < 0.3 {
			title += " " + oneOf(r, m.remote)
		} else if s.city != "" && r.Float64() < 0.07 {
			title += oneOf(r, m.locSeps) + s.city
		}
	} else {
		// Candidates sometimes paste an ad's title or say what hours they want.
		if r.Float64() < m.genderRate/8 {
			title += " " + oneOf(r, m.gender)
		}
		if r.Float64() < 0.05 {
			title += " " + oneOf(r, m.contract)
		}
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

// rate is yes for ads and no for candidates' titles.
func rate(cond bool, yes, no float64) float64 {
	if cond {
		return yes
	}
	return no
}

func oneOf(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// addSeniority puts a level word before the title or, as French and Spanish
// ads often do, after it.
func addSeniority(r *rand.Rand, title string, w seniority) string {
	if len(w.postfix) > 0 && r.IntN(4) == 0 {
		return title + " " + oneOf(r, w.postfix)
	}
	return oneOf(r, w.prefix) + " " + title
}

// germanGenderForm adds the feminine ending to the first German noun that
// takes it ("Softwareentwickler" → "Softwareentwickler/in"); titles without
// such a noun ("Pflegefachkraft", "Koch") stay as they are.
func germanGenderForm(r *rand.Rand, title string) string {
	words := strings.Fields(title)
	for i, w := range words {
		runes := []rune(w)
		if len(runes) >= 5 && unicode.IsUpper(runes[0]) && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "eur")) &&
			!strings.HasSuffix(w, "cher") && !germanAdjectives[w] {
			words[i] = w + oneOf(r, germanGenderForms)
			return strings.Join(words, " ")
		}
	}
	return title
}

// germanAdjectives end like nouns but take no "/in" ("Interner Revisor").
var germanAdjectives = map[string]bool{"Interner": true, "Approbierter": true, "Erfahrener": true}

// abbreviate shortens one word the way ads do ("Developer" → "Dev",
// "Sachbearbeiter" → "SB", "Responsable" → "resp.", "Bankkaufmann" →
// "Bankkfm."), using the title's language first and English second.
func abbreviate(r *rand.Rand, title, lang string) string {
	words := strings.Fields(title)
	for _, i := range r.Perm(len(words)) {
		w := words[i]
		short, ok := abbreviationsByLang[lang][w]
		if !ok {
			short, ok = abbreviationsByLang["en"][w]
		}
		if ok {
			words[i] = oneOf(r, short)
			return strings.Join(words, " ")
		}
		if lang == "de" {
			for _, c := range compoundAbbreviations {
				if lw := strings.ToLower(w); strings.HasSuffix(lw, c.suffix) && len(lw) > len(c.suffix) {
					words[i] = w[:len(w)-len(c.suffix)] + c.short
					return strings.Join(words, " ")
				}
			}
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
