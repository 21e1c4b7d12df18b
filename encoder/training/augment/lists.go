package augment

import (
	"embed"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"unicode"
)

//go:embed lists/*.txt
var listFS embed.FS

// entry is one line of an open-class list: a plain word or phrase (text), or
// a template holding {} where the title goes (tmpl).
type entry struct {
	text, tmpl string
}

// openList is an open-class list with each entry's split.
type openList struct {
	entries []entry
	split   []Split
}

func (l openList) pick(s Split) []entry {
	var out []entry
	for i, e := range l.entries {
		if l.split[i] == s {
			out = append(out, e)
		}
	}
	return out
}

type lists struct {
	seniority, employment, urgency, locations, jargon openList
	gender, genderSuffix                              []string
	abbrev                                            *abbrevDict
}

// loadLists parses the embedded files once; a malformed file is a bug in the
// repository, so it panics with the file and line.
var loadLists = sync.OnceValue(func() *lists {
	l := &lists{
		seniority:    readOpen("seniority.txt"),
		employment:   readOpen("employment.txt"),
		urgency:      readOpen("urgency.txt"),
		locations:    readOpen("locations.txt"),
		jargon:       readOpen("jargon.txt"),
		gender:       readLines("gender.txt"),
		genderSuffix: readLines("gender_suffix.txt"),
	}
	l.abbrev = parseAbbrev("abbreviations.txt", readLines("abbreviations.txt"))
	return l
})

// readLines returns the non-blank, non-comment lines of lists/name, trimmed.
func readLines(name string) []string {
	b, err := listFS.ReadFile("lists/" + name)
	if err != nil {
		panic(fmt.Sprintf("augment: %v", err))
	}
	var out []string
	for line := range strings.SplitSeq(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		panic("augment: lists/" + name + " is empty")
	}
	return out
}

func readOpen(name string) openList {
	var l openList
	for _, line := range readLines(name) {
		e := entry{text: line}
		if strings.Contains(line, "{}") {
			e = entry{tmpl: line}
		}
		l.entries = append(l.entries, e)
		l.split = append(l.split, splitOf(line))
	}
	return l
}

// splitOf assigns an open-class entry to Eval when a hash of its letters and
// digits, lower-cased, is 0 mod 5, else to Train. Hashing the folded form keeps
// spellings the model reads alike ("URGENT", "urgent") in one split; the hash
// keeps the split stable when lines are added or reordered.
func splitOf(line string) Split {
	key := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, line)
	h := fnv.New64a()
	h.Write([]byte(key))
	if h.Sum64()%5 == 0 {
		return Eval
	}
	return Train
}
