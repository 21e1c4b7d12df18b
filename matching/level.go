package matching

import (
	"fmt"
	"strings"
)

// Level is a CEFR language level. The zero value means "no level"; A1..C2 are
// ordered so that "at least B2" is l >= B2. Native speakers count as C2.
type Level uint8

// CEFR levels in increasing order of proficiency.
const (
	A1 Level = iota + 1
	A2
	B1
	B2
	C1
	C2
)

var levelNames = [...]string{"", "A1", "A2", "B1", "B2", "C1", "C2"}

// ParseLevel reads a CEFR level such as "B2" (any case, surrounding spaces
// ignored). "native" is accepted and counts as C2.
func ParseLevel(s string) (Level, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "NATIVE" {
		return C2, nil
	}
	for l := A1; l <= C2; l++ {
		if levelNames[l] == t {
			return l, nil
		}
	}
	if t == "" {
		return 0, fmt.Errorf("choose a CEFR level (A1, A2, B1, B2, C1, C2 or native)")
	}
	return 0, fmt.Errorf("%q is not a CEFR level; use A1, A2, B1, B2, C1, C2 or native", s)
}

// Valid reports whether l is one of A1..C2.
func (l Level) Valid() bool { return l >= A1 && l <= C2 }

// String returns "A1".."C2", or "" for an invalid level.
func (l Level) String() string {
	if !l.Valid() {
		return ""
	}
	return levelNames[l]
}

// AtLeast reports whether l meets the minimum min (A1 < A2 < ... < C2).
func (l Level) AtLeast(min Level) bool { return l.Valid() && l >= min }

// MarshalText writes the level as "B2" so JSON carries readable levels.
func (l Level) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, fmt.Errorf("invalid CEFR level %d", uint8(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText reads a level with ParseLevel.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Levels lists A1..C2 in order, for forms and filters.
func Levels() []Level { return []Level{A1, A2, B1, B2, C1, C2} }
