package dataset

import (
	"fmt"
	"slices"
	"sort"

	"jobmatch/encoder/features"
)

// Class is a set of normalised titles that name the same job; any two of them
// are a positive pair for training.
type Class struct {
	// Name identifies the class: an ESCO URI, an O*NET code, or an ESCO URI
	// followed by the O*NET codes linked into it.
	Name string
	// Preferred is the normalised ESCO preferred label, or "" for a class
	// with no ESCO occupation. Evaluation ranks occupations by this label
	// only, so training pairs favour it.
	Preferred string
	// Titles are distinct normalised titles, Preferred first when set.
	Titles []string
	// Langs holds each title's language ("en" for ESCO English and O*NET),
	// parallel to Titles.
	Langs []string
	// LangPreferred maps a language to the normalised ESCO preferred label in
	// that language (multilingual classes only).
	LangPreferred map[string]string
}

// add appends the normalised forms of raw that are non-empty and not yet in
// the class, tagged with lang.
func (c *Class) add(lang string, raw ...string) {
	for _, r := range raw {
		n := features.Normalize(r)
		if n != "" && !slices.Contains(c.Titles, n) {
			c.Titles = append(c.Titles, n)
			c.Langs = append(c.Langs, lang)
		}
	}
}

// LinkMode says how ESCO and O*NET classes are joined.
type LinkMode string

const (
	// LinkNone keeps O*NET codes as classes of their own.
	LinkNone LinkMode = "none"
	// LinkConstrained joins each O*NET code to the one ESCO occupation with
	// which it shares the most identical normalised titles, so no merged
	// class ever holds two ESCO occupations. Plain transitive linking
	// (union-find) chains broad O*NET codes into one huge class of ESCO
	// occupations, which ruins the model.
	LinkConstrained LinkMode = "constrained"
)

// Options selects the data that goes into the classes.
type Options struct {
	ESCO []Occupation
	ONET ONETTitles // nil: ESCO only
	Link LinkMode
	// MaxCodesPerClass caps how many O*NET codes one ESCO occupation may
	// absorb (0: 2), so that no broad occupation swallows many codes and
	// their thousands of titles; codes beyond the cap stay classes of their
	// own.
	MaxCodesPerClass int
	// Extra adds labelled titles to their ESCO occupation's class. Meant for
	// the JobBERT titles in experiments only, never for the shipped model.
	Extra []LabeledTitle
	// Multilingual adds ESCO labels in other languages to their occupation's
	// class, so a German title and an English one of one occupation are
	// positives. Pass only the training side of SplitMultilingual.
	Multilingual []Label
}

// Stats describe the classes so a run can show that linking stayed honest.
type Stats struct {
	Classes          int    `json:"classes"`
	Titles           int    `json:"titles"`
	ESCOClasses      int    `json:"esco_classes"`
	ONETCodes        int    `json:"onet_codes"`
	ONETLinked       int    `json:"onet_linked"`
	LargestClass     int    `json:"largest_class_titles"`
	LargestClassName string `json:"largest_class"`
	MostLinkedCodes  int    `json:"most_onet_codes_in_one_class"`
}

// BuildClasses normalises, de-duplicates and links the titles. Classes come
// out in a deterministic order (ESCO file order, then O*NET codes sorted), so
// training with a fixed seed is reproducible.
func BuildClasses(opt Options) ([]Class, Stats, error) {
	if opt.Link == "" {
		opt.Link = LinkConstrained
	}
	if opt.Link != LinkNone && opt.Link != LinkConstrained {
		return nil, Stats{}, fmt.Errorf("dataset: unknown link mode %q", opt.Link)
	}
	var st Stats
	classes := make([]Class, len(opt.ESCO))
	byURI := make(map[string]int, len(opt.ESCO))
	byTitle := map[string][]int{} // normalised ESCO label -> ESCO class indices
	for i, o := range opt.ESCO {
		byURI[o.URI] = i
		classes[i] = Class{Name: o.URI, Preferred: features.Normalize(o.Preferred)}
		classes[i].add("en", o.Labels()...)
		for _, t := range classes[i].Titles {
			if l := byTitle[t]; len(l) == 0 || l[len(l)-1] != i {
				byTitle[t] = append(byTitle[t], i)
			}
		}
	}
	st.ESCOClasses = len(classes)
	for _, x := range opt.Extra {
		i, ok := byURI[x.ConceptURI]
		if !ok {
			return nil, Stats{}, fmt.Errorf("dataset: extra title %q names unknown occupation %s", x.Title, x.ConceptURI)
		}
		classes[i].add("en", x.Title)
	}

	codes := make([]string, 0, len(opt.ONET))
	for c := range opt.ONET {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	st.ONETCodes = len(codes)
	if opt.MaxCodesPerClass == 0 {
		opt.MaxCodesPerClass = 2
	}
	// Decide the links first, strongest evidence (most shared titles) first,
	// so the cap keeps the best-supported codes.
	type link struct{ code, target, shared int }
	onetTitles := make([][]string, len(codes))
	var links []link
	for k, code := range codes {
		onetTitles[k] = addTitles(nil, opt.ONET[code]...)
		if opt.Link == LinkConstrained {
			if target, shared := bestESCOMatch(onetTitles[k], byTitle); target >= 0 {
				links = append(links, link{k, target, shared})
			}
		}
	}
	sort.SliceStable(links, func(a, b int) bool { return links[a].shared > links[b].shared })
	linked := make([]int, len(opt.ESCO))
	into := make([]int, len(codes))
	for k := range into {
		into[k] = -1
	}
	for _, l := range links {
		if linked[l.target] < opt.MaxCodesPerClass {
			linked[l.target]++
			into[l.code] = l.target
		}
	}
	for k, code := range codes {
		target := into[k]
		if target < 0 {
			c := Class{Name: code}
			c.add("en", onetTitles[k]...)
			classes = append(classes, c)
			continue
		}
		st.ONETLinked++
		classes[target].Name += " " + code
		classes[target].add("en", onetTitles[k]...)
	}
	// Other languages join after linking, which compares English titles only.
	for _, l := range opt.Multilingual {
		i, ok := byURI[l.URI]
		if !ok {
			continue // an occupation this ESCO version lacks
		}
		classes[i].add(l.Lang, l.Text)
		if l.Preferred {
			if classes[i].LangPreferred == nil {
				classes[i].LangPreferred = map[string]string{}
			}
			if _, dup := classes[i].LangPreferred[l.Lang]; !dup {
				classes[i].LangPreferred[l.Lang] = features.Normalize(l.Text)
			}
		}
	}
	st.MostLinkedCodes = slices.Max(append(linked, 0))

	out := classes[:0]
	for _, c := range classes {
		if len(c.Titles) < 2 {
			continue // a class of one title has no positive pair
		}
		out = append(out, c)
		st.Titles += len(c.Titles)
		if len(c.Titles) > st.LargestClass {
			st.LargestClass, st.LargestClassName = len(c.Titles), c.Name
		}
	}
	st.Classes = len(out)
	return out, st, nil
}

// bestESCOMatch returns the ESCO class sharing the most titles with titles
// (the first such class on ties) and how many it shares, or -1 when none is
// shared.
func bestESCOMatch(titles []string, byTitle map[string][]int) (int, int) {
	count := map[int]int{}
	for _, t := range titles {
		for _, i := range byTitle[t] {
			count[i]++
		}
	}
	best, bestN := -1, 0
	for i, n := range count {
		if n > bestN || (n == bestN && i < best) {
			best, bestN = i, n
		}
	}
	return best, bestN
}

// addTitles appends the normalised forms of raw that are non-empty and not
// yet in dst.
func addTitles(dst []string, raw ...string) []string {
	for _, r := range raw {
		n := features.Normalize(r)
		if n != "" && !slices.Contains(dst, n) {
			dst = append(dst, n)
		}
	}
	return dst
}
