package matching

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"
)

// MaxTitleLen is the longest job title accepted, in characters after trimming.
const MaxTitleLen = 200

// cleanText trims and collapses inner whitespace, so "  Sr.   Dev " is stored
// as "Sr. Dev" and length limits count what the user meant.
func cleanText(s string) string { return strings.Join(strings.Fields(s), " ") }

// requireText validates a one-line text field of 1..max characters.
func requireText(p *problems, field, label, s string, max int) string {
	if !checkText(p, field, s) {
		return ""
	}
	s = cleanText(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		p.add(field, "enter "+withArticle(label))
	case n > max:
		p.add(field, fmt.Sprintf("shorten the %s to at most %d characters (it has %d)", label, max, n))
	}
	return s
}

// optionalText validates a one-line text field of at most max characters
// that may be left empty.
func optionalText(p *problems, field, label, s string, max int) string {
	if !checkText(p, field, s) {
		return ""
	}
	s = cleanText(s)
	if n := utf8.RuneCountInString(s); n > max {
		p.add(field, fmt.Sprintf("shorten the %s to at most %d characters (it has %d)", label, max, n))
	}
	return s
}

// checkText records the input boundary's verdict on s (CheckText) and
// reports whether s passed.
func checkText(p *problems, field, s string) bool {
	if err := CheckText(field, s); err != nil {
		p.add(field, err.(*FieldError).Message)
		return false
	}
	return true
}

// withArticle puts "a" or "an" before a noun by its first letter, which
// is right for every label jobmatch uses ("an employer", "a job title").
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// ParseEmail validates an email address and returns its plain form.
func ParseEmail(s string) (string, error) {
	var p problems
	addr := parseEmail(&p, "email", s)
	if len(p.fields) > 0 {
		return "", fmt.Errorf("%s", p.fields[0].Message)
	}
	return addr, nil
}

// parseEmail validates an address and returns it in its plain form.
func parseEmail(p *problems, field, s string) string {
	if !checkText(p, field, s) {
		return ""
	}
	s = strings.TrimSpace(s)
	if s == "" {
		p.add(field, "enter an email address")
		return s
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || !strings.Contains(a.Address, "@") || len(a.Address) > 254 {
		p.add(field, fmt.Sprintf("%q is not an email address like name@example.com", s))
		return s
	}
	return a.Address
}
