package engine_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// TestQualityRegression runs testdata/quality.txt: each case searches one
// path and checks the titles expected near the top, those that must not be
// near the top, and those that must never appear (one line per exclusion
// rule on every path).
func TestQualityRegression(t *testing.T) {
	f := newFixture(t)
	file, err := os.Open("testdata/quality.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	type qcase struct {
		line         int
		path, query  string
		top          int
		filters      map[string]string
		want, notTop []string
		never        []string
	}
	var cases []qcase
	var rules []matching.ExclusionRuleInput
	candidates := map[string]matching.Candidate{}
	vacancies := map[string]matching.Vacancy{}
	sc := bufio.NewScanner(file)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, rest, _ := strings.Cut(line, ":")
		rest = strings.TrimSpace(rest)
		switch {
		case kind == "vacancy":
			title, city, country, langs := parseRecord(t, n, rest)
			vacancies[title] = f.vacancy(title, city, country, false, langs...)
		case kind == "candidate":
			title, city, country, langs := parseRecord(t, n, rest)
			candidates[title] = f.candidate(fmt.Sprintf("c%d", n), title, city, country, false, true, langs...)
		case kind == "rule":
			p := splitTrim(rest, "|")
			ab := splitTrim(p[0], "=>")
			ta, _ := strconv.ParseFloat(p[1], 32)
			tb, _ := strconv.ParseFloat(p[2], 32)
			rules = append(rules, matching.ExclusionRuleInput{AnchorA: ab[0], AnchorB: ab[1], MinScoreA: float32(ta), MinScoreB: float32(tb), Reason: p[3], Enabled: true})
		case strings.HasPrefix(kind, "case "):
			head := strings.Fields(kind)
			top, err := strconv.Atoi(strings.TrimPrefix(head[2], "top"))
			if err != nil {
				t.Fatalf("line %d: %q is not topN", n, head[2])
			}
			p := splitTrim(rest, "|")
			c := qcase{line: n, path: head[1], top: top, query: p[0], filters: map[string]string{}}
			for _, kv := range strings.Fields(p[1]) {
				k, v, _ := strings.Cut(kv, "=")
				c.filters[k] = v
			}
			if len(p) != 5 {
				t.Fatalf("line %d: want 5 fields separated by |, got %d", n, len(p))
			}
			c.want, c.notTop, c.never = splitList(p[2]), splitList(p[3]), splitList(p[4])
			cases = append(cases, c)
		default:
			t.Fatalf("line %d: unknown line %q", n, line)
		}
	}
	e := f.engine("", nil)
	for _, in := range rules {
		r, err := in.Rule(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		f.rule(e, r.AnchorA, r.AnchorB, r.MinScoreA, r.MinScoreB, true)
	}

	for _, c := range cases {
		t.Run(fmt.Sprintf("line %d %s %s", c.line, c.path, c.query), func(t *testing.T) {
			var titles []string
			switch c.path {
			case "positions":
				q := engine.PositionQuery{Title: c.query, Paging: page(20)}
				if v := c.filters["country"]; v != "" {
					q.Countries = []matching.CountryCode{matching.CountryCode(v)}
				}
				if v := c.filters["city"]; v != "" {
					q.Cities = []string{v}
				}
				if r := c.filters["radius"]; r != "" {
					city, _ := matching.LookupCity(c.filters["city"], matching.CountryCode(c.filters["country"]))
					loc := city.Location()
					q.Near, q.Cities, q.Countries = &loc, nil, nil
					q.RadiusKM, _ = strconv.ParseFloat(r, 64)
				}
				if l := c.filters["languages"]; l != "" {
					for _, s := range strings.Split(l, "+") {
						code, level, _ := strings.Cut(s, ":")
						lv, _ := matching.ParseLevel(level)
						q.Languages = append(q.Languages, matching.LanguageSkill{Code: matching.LanguageCode(code), Level: lv})
					}
				}
				res, err := e.SearchPositions(f.ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range res.Matches {
					titles = append(titles, m.Vacancy.Title)
				}
			case "candidates":
				v, ok := vacancies[c.query]
				if !ok {
					t.Fatalf("no vacancy titled %q", c.query)
				}
				res, err := e.SearchCandidates(f.ctx, engine.CandidateQuery{VacancyID: v.ID, Paging: page(20)})
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range res.Matches {
					titles = append(titles, m.Candidate.DesiredTitle)
				}
			case "profile":
				cand, ok := candidates[c.query]
				if !ok {
					t.Fatalf("no candidate titled %q", c.query)
				}
				res, err := e.VacanciesForCandidate(f.ctx, cand, 0, false, page(20))
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range res.Matches {
					titles = append(titles, m.Vacancy.Title)
				}
			default:
				t.Fatalf("unknown path %q", c.path)
			}
			top := titles[:min(c.top, len(titles))]
			for _, w := range c.want {
				if !containsTitle(top, w) {
					t.Errorf("%q not in the top %d: %q", w, c.top, titles)
				}
			}
			for _, x := range c.notTop {
				if containsTitle(top, x) {
					t.Errorf("%q must not be in the top %d: %q", x, c.top, titles)
				}
			}
			for _, x := range c.never {
				if containsTitle(titles, x) {
					t.Errorf("%q must never appear: %q", x, titles)
				}
			}
		})
	}
}

func parseRecord(t *testing.T, line int, s string) (title, city, country string, langs []string) {
	t.Helper()
	title, rest, ok := strings.Cut(s, "@")
	if !ok {
		t.Fatalf("line %d: want title @ city, country [languages]", line)
	}
	place, langPart, _ := strings.Cut(rest, "[")
	cc := splitTrim(place, ",")
	for _, l := range strings.Fields(strings.TrimSuffix(strings.TrimSpace(langPart), "]")) {
		code, level, _ := strings.Cut(l, ":")
		langs = append(langs, code, level)
	}
	return strings.TrimSpace(title), cc[0], cc[1], langs
}

func splitTrim(s, sep string) []string {
	parts := strings.Split(s, sep)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func splitList(s string) []string {
	var out []string
	for _, p := range splitTrim(s, ";") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func containsTitle(titles []string, t string) bool {
	for _, x := range titles {
		if x == t {
			return true
		}
	}
	return false
}
