package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// marketPreferences are how this demo market's recruiters judge candidates
// of one occupation for vacancies of another, where the ontology the encoder
// learnt from says otherwise: the hidden preferences that feedback training
// is meant to discover. Other pairs follow the occupations: the same one is
// a good fit, a different one is not.
var marketPreferences = []struct {
	vacancy, candidate string
	verdict            matching.Verdict
}{
	{"Software Developer", "Go Developer", matching.GoodFit},
	{"Software Developer", "Java Developer", matching.GoodFit},
	{"Software Developer", "Python Developer", matching.GoodFit},
	{"Full Stack Developer", "JavaScript Developer", matching.GoodFit},
	{"Data Scientist", "Data Analyst", matching.GoodFit},
	{"Chef", "Cook", matching.GoodFit},
	{"Sales Representative", "Inside Sales Representative", matching.GoodFit},
	{"Registered Nurse", "Nursing Assistant", matching.NotAFit},
	{"Registered Nurse", "Elderly Care Worker", matching.NotAFit},
	{"Cook", "Kitchen Assistant", matching.NotAFit},
	{"Teacher", "Teaching Assistant", matching.NotAFit},
	{"Pharmacist", "Pharmacy Technician", matching.NotAFit},
}

// recruiterVerdict is a demo recruiter's decision on a candidate generated
// from occupation cand for a vacancy generated from occupation vac.
func recruiterVerdict(vac, cand string) matching.Verdict {
	for _, p := range marketPreferences {
		if p.vacancy == vac && p.candidate == cand {
			return p.verdict
		}
	}
	if vac == cand {
		return matching.GoodFit
	}
	return matching.NotAFit
}

// Decision simulation: how many vacancies' lists the demo recruiters
// review at most, the chance in reviewedOthersIn that they review a vacancy
// of an occupation without a preference, how far down each list, and over
// how many past days. Enough lists are reviewed that the newest fifth, held
// out to evaluate a model on, holds many lists with both verdicts.
const (
	reviewedVacancies = 1200
	reviewedOthersIn  = 3
	reviewedTop       = 15
	reviewedDepth     = 50 // a recruiter scrolls this far for a candidate they are looking for
	decisionDays      = 120
)

// simulateDecisions has the demo recruiters review the candidate lists of
// some vacancies, ranked by title vector as the app ranks them, and decide
// by their market's preferences: every vacancy of an occupation that has a
// preference and a random sample of the others; in each list the top
// reviewedTop candidates, and further down to reviewedDepth those of an
// occupation the recruiter has a preference about. Decisions are spread
// over the decisionDays before now, oldest first, so that a time-based
// hold-out has recent decisions to test on.
func simulateDecisions(vs []*matching.Vacancy, vOcc map[*matching.Vacancy]string, cs []*matching.Candidate, cOcc map[*matching.Candidate]string, seed uint64, now time.Time) []matching.Decision {
	r := rand.New(rand.NewPCG(seed, 0x646563))
	preferred := map[string]map[string]bool{}
	for _, p := range marketPreferences {
		if preferred[p.vacancy] == nil {
			preferred[p.vacancy] = map[string]bool{}
		}
		preferred[p.vacancy][p.candidate] = true
	}
	var chosen []*matching.Vacancy
	for _, v := range vs {
		if preferred[vOcc[v]] != nil || r.IntN(reviewedOthersIn) == 0 {
			chosen = append(chosen, v)
		}
	}
	r.Shuffle(len(chosen), func(i, j int) { chosen[i], chosen[j] = chosen[j], chosen[i] })
	chosen = chosen[:min(len(chosen), reviewedVacancies)]
	var searchable []*matching.Candidate
	for _, c := range cs {
		if c.Searchable {
			searchable = append(searchable, c)
		}
	}
	type scored struct {
		c   *matching.Candidate
		sim float32
	}
	var out []matching.Decision
	for _, v := range chosen {
		// The reviewedDepth best, best first (ties by id, as the app breaks them).
		var ranked []scored
		better := func(a, b scored) bool { return a.sim > b.sim || a.sim == b.sim && a.c.ID < b.c.ID }
		for _, c := range searchable {
			s := scored{c, vectorstore.Dot(v.TitleVector.Vector, c.TitleVector.Vector)}
			if len(ranked) == reviewedDepth && !better(s, ranked[len(ranked)-1]) {
				continue
			}
			at, _ := slices.BinarySearchFunc(ranked, s, func(e, t scored) int {
				if better(e, t) {
					return -1
				}
				return 1
			})
			ranked = slices.Insert(ranked, at, s)
			if len(ranked) > reviewedDepth {
				ranked = ranked[:reviewedDepth]
			}
		}
		for i, s := range ranked {
			occ := cOcc[s.c]
			if i >= reviewedTop && !preferred[vOcc[v]][occ] {
				continue
			}
			out = append(out, matching.Decision{VacancyID: v.ID, CandidateID: s.c.ID, Verdict: recruiterVerdict(vOcc[v], occ),
				DecidedBy: v.RecruiterID})
		}
	}
	spreadOver(out, now)
	return out
}

// spreadOver dates decisions evenly over the decisionDays before now, in
// their order, oldest first.
func spreadOver(ds []matching.Decision, now time.Time) {
	for i := range ds {
		// In float64: the count times the span in nanoseconds overflows int64.
		back := time.Duration(float64(decisionDays*24*time.Hour) * float64(len(ds)-i) / float64(len(ds)+1))
		ds[i].DecidedAt = now.Add(-back).Truncate(time.Second)
	}
}
