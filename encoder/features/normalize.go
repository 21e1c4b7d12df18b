// Package features turns a job title into the hashed n-gram ids the encoder
// reads. It is shared by training and serving so the two can never disagree
// about how a title is read: any change here changes every model's input and
// must bump [FormatVersion].
package features

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// FormatVersion identifies the normalisation and hashing rules below. A model
// records it in its manifest; serving refuses a model trained with other rules
// because its buckets would mean something else.
const FormatVersion = 1

// folder is stateless for Fold, so one shared value is safe across goroutines.
var folder = cases.Fold()

// Normalize returns the canonical form of a title: NFKC (so full-width letters,
// ligatures and compatibility characters read like their plain forms), Unicode
// case folding, every run of characters that is neither a letter, digit, mark,
// '+' nor '#' collapsed into one space, and tokens without any letter or digit
// dropped ("c++" and "c#" survive, "--" does not). The result has no leading or
// trailing space and may be empty.
func Normalize(title string) string {
	s := norm.NFKC.String(title)
	// Fold handles ß→ss and friends; ToLower afterwards because Fold maps a
	// few scripts (Cherokee) to upper case, which made Normalize
	// non-idempotent in fuzzing. Folding can also leave text that is no longer
	// NFKC, hence the second pass.
	s = strings.ToLower(folder.String(s))
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, tok := range strings.FieldsFunc(s, isSeparator) {
		if !hasAlnum(tok) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
	}
	return b.String()
}

func isSeparator(r rune) bool {
	if r == '+' || r == '#' {
		return false
	}
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func hasAlnum(tok string) bool {
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
