package web

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// TestMatchJSONEqualsEncodingJSON: the hand-written match responses are
// byte for byte what encoding/json writes for the response structs.
func TestMatchJSONEqualsEncodingJSON(t *testing.T) {
	tricky := []string{"", "Nurse", `say "hi" \ back`, "<b>&amp;</b>", "tab\there\nnew\r\x00\x1f\x7f",
		"Ärztin · München, 12 km", "line\u2028sep\u2029", "bad \xff\xfe utf8", "emoji 🙂", "\b\f"}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return tricky[r.IntN(len(tricky))] }
	when := time.Date(2026, 11, 29, 8, 16, 40, 123456789, time.UTC)
	vj := newVacancyJSON(3) // small, so the test also passes through a reset
	for trial := range 200 {
		sum := engine.Summary{Query: pick(), QueryConfidence: r.Float32(), Total: r.IntN(500), GoodTotal: r.IntN(500), Hidden: r.IntN(3),
			Paging: engine.Paging{Page: 1 + r.IntN(3), PerPage: 20}, Pages: 1 + r.IntN(9)}
		if trial%3 == 0 {
			sum.Rules = []engine.RuleEffect{{Rule: matching.ExclusionRule{ID: 7, AnchorA: pick(), AnchorB: pick(), Reason: pick()},
				Similarity: r.Float32(), Removed: r.IntN(9)}}
		}
		res := engine.VacancyResults{Summary: sum}
		cres := engine.CandidateResults{Summary: sum}
		for i := range r.IntN(6) {
			m := engine.Match{Similarity: randomSimilarity(r), Score: r.Float32(), Band: matching.Band(pick())}
			if r.IntN(3) > 0 {
				m.Reasons = []string{}
				for range r.IntN(3) {
					m.Reasons = append(m.Reasons, pick())
				}
			}
			v := matching.Vacancy{ID: int64(i + 1), Title: pick(), Description: pick(), Employer: pick(), Remote: r.IntN(2) == 0,
				Status: matching.StatusOpen, CreatedAt: when, UpdatedAt: when.Add(time.Duration(trial) * time.Second)}
			if r.IntN(2) == 0 {
				v.Location = matching.Location{City: pick(), Country: "DE", Latitude: 48.137154, Longitude: 11.576124}
				v.Languages = []matching.LanguageSkill{{Code: "de", Level: matching.Level(1 + r.IntN(6))}}
			}
			res.Matches = append(res.Matches, engine.VacancyMatch{Vacancy: v, Match: m})
			cand := matching.Candidate{ID: int64(i + 1), Name: pick(), Email: pick(), DesiredTitle: pick(),
				Location: matching.Location{City: pick(), Country: matching.CountryCode(pick()),
					Latitude: (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(30)-10)), Longitude: -r.Float64() * 180},
				OpenToRemote: r.IntN(2) == 0, Searchable: r.IntN(2) == 0,
				CreatedAt: when.Add(-time.Duration(r.IntN(1e9))), UpdatedAt: time.Unix(int64(r.IntN(2e9)), 0).In(time.FixedZone("CET", 3600))}
			for range r.IntN(3) {
				cand.Languages = append(cand.Languages, matching.LanguageSkill{Code: matching.LanguageCode(pick()), Level: matching.Level(1 + r.IntN(6))})
			}
			cres.Matches = append(cres.Matches, engine.CandidateMatch{Candidate: cand, Match: m})
		}

		records := make([][]byte, len(res.Matches))
		matches := make([]engine.Match, len(res.Matches))
		for i, m := range res.Matches {
			var err error
			if records[i], err = vj.get(m.Vacancy); err != nil {
				t.Fatal(err)
			}
			matches[i] = m.Match
		}
		got, err := appendMatches(nil, res.Summary, "vacancy", records, matches)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(vacancyMatchesJSON(res))
		if string(got) != string(want) {
			t.Fatalf("vacancy matches:\n got %s\nwant %s", got, want)
		}

		for i, m := range cres.Matches {
			var err error
			if records[i], err = appendCandidateJSON(nil, toAPICandidate(m.Candidate)); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = appendMatches(nil, cres.Summary, "candidate", records, matches)
		want, _ = json.Marshal(candidateMatchesJSON(cres))
		if string(got) != string(want) {
			t.Fatalf("candidate matches:\n got %s\nwant %s", got, want)
		}
	}
}

func randomSimilarity(r *rand.Rand) float32 {
	switch r.IntN(5) {
	case 0:
		return 0
	case 1:
		return float32(math.Pow(10, -float64(r.IntN(12)))) * r.Float32()
	case 2:
		return -r.Float32()
	case 3:
		return 1
	}
	return r.Float32()
}

// TestVacancyJSONFollowsEdits: a cached vacancy's JSON is re-encoded once
// the row changes.
func TestVacancyJSONFollowsEdits(t *testing.T) {
	vj := newVacancyJSON(10)
	v := matching.Vacancy{ID: 1, Title: "Nurse", UpdatedAt: time.Unix(100, 0)}
	first, _ := vj.get(v)
	v.Title, v.UpdatedAt = "Head Nurse", time.Unix(200, 0)
	second, _ := vj.get(v)
	if !strings.Contains(string(first), `"Nurse"`) || !strings.Contains(string(second), `"Head Nurse"`) {
		t.Fatalf("before %s, after %s", first, second)
	}
}

// BenchmarkMatchJSON compares a realistic page of 20 matches encoded by
// reflection (echo's default, which ?pretty uses) with the hand-written
// encoder: vacancy matches with the cached vacancy JSON, candidate matches
// with each candidate encoded per request.
func BenchmarkMatchJSON(b *testing.B) {
	when := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	sum := engine.Summary{Query: "Registered Nurse", QueryConfidence: 0.61, Total: 412,
		Paging: engine.Paging{Page: 1, PerPage: 20}, Pages: 21}
	res := engine.VacancyResults{Summary: sum}
	cres := engine.CandidateResults{Summary: sum}
	for i := range 20 {
		m := engine.Match{Similarity: 0.8312, Score: 0.7123, Band: "high", Reasons: []string{"German C1 ≥ B2", "Munich, 12 km"}}
		res.Matches = append(res.Matches, engine.VacancyMatch{
			Vacancy: matching.Vacancy{ID: int64(i), Title: "Registered Nurse (m/w/d)", Employer: "Klinikum Nord",
				Description: strings.Repeat("Caring for patients on a busy ward. ", 5), Status: matching.StatusOpen,
				Location:  matching.Location{City: "Munich", Country: "DE", Latitude: 48.137, Longitude: 11.575},
				Languages: []matching.LanguageSkill{{Code: "de", Level: matching.Level(4)}}, CreatedAt: when, UpdatedAt: when},
			Match: m})
		cres.Matches = append(cres.Matches, engine.CandidateMatch{
			Candidate: matching.Candidate{ID: int64(i), Name: "Anna Schmidt", Email: "anna.schmidt@example.com",
				DesiredTitle: "Krankenschwester", Location: matching.Location{City: "Munich", Country: "DE", Latitude: 48.137, Longitude: 11.575},
				Languages:  []matching.LanguageSkill{{Code: "de", Level: matching.Level(6)}, {Code: "en", Level: matching.Level(3)}},
				Searchable: true, CreatedAt: when, UpdatedAt: when},
			Match: m})
	}
	buf := make([]byte, 0, 64<<10) // sendMatches reuses pooled buffers
	recs := make([]byte, 0, 32<<10)
	b.Run("vacancies/reflection", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(vacancyMatchesJSON(res)); err != nil {
				b.Fatal(err)
			}
		}
	})
	vj := newVacancyJSON(100)
	b.Run("vacancies/hand-written", func(b *testing.B) {
		for b.Loop() {
			records := make([][]byte, len(res.Matches))
			matches := make([]engine.Match, len(res.Matches))
			for i, m := range res.Matches {
				records[i], _ = vj.get(m.Vacancy)
				matches[i] = m.Match
			}
			if _, err := appendMatches(buf[:0], res.Summary, "vacancy", records, matches); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("candidates/reflection", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(candidateMatchesJSON(cres)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("candidates/hand-written", func(b *testing.B) {
		for b.Loop() {
			records := make([][]byte, len(cres.Matches))
			matches := make([]engine.Match, len(cres.Matches))
			all := recs[:0]
			for i, m := range cres.Matches {
				start := len(all)
				all, _ = appendCandidateJSON(all, toAPICandidate(m.Candidate))
				records[i], matches[i] = all[start:len(all):len(all)], m.Match
			}
			if _, err := appendMatches(buf[:0], cres.Summary, "candidate", records, matches); err != nil {
				b.Fatal(err)
			}
		}
	})
}
