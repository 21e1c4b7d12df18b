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
	s = cleanText(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		p.add(field, "enter a "+label)
	case n > max:
		p.add(field, fmt.Sprintf("shorten the %s to at most %d characters (it has %d)", label, max, n))
	}
	return s
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
