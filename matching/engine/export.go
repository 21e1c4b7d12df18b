package engine

import (
	"context"
	"sort"

	"jobmatch/matching"
)

// ExportCandidates returns the whole ranked result set of a candidate search
// (every page, however deep), with the same filters and exclusion rules as
// SearchCandidates, for a CSV download.
func (e *Engine) ExportCandidates(ctx context.Context, vacancyID int64, radiusKM float64) (CandidateResults, error) {
	g := e.gen.Load()
	v, tv, err := e.storedVacancy(ctx, g, vacancyID)
	if err != nil {
		return CandidateResults{}, err
	}
	f := candidateFilter(v, radiusKM)
	f.NoIDs = e.dismissed.ofVacancy(v.ID) // as on the list
	excl, _, err := g.withRules(tv.Vector, f)
	if err != nil {
		return CandidateResults{}, err
	}
	ranked, err := g.candidates.RankAll(tv.Vector, excl)
	if err != nil {
		return CandidateResults{}, err
	}
	out := CandidateResults{Vacancy: v, Summary: Summary{Query: v.Title, QueryConfidence: tv.Confidence, Total: len(ranked)}}
	out.GoodTotal = sort.Search(len(ranked), func(i int) bool { return ranked[i].Score < g.goodSim })
	for start := 0; start < len(ranked); start += rebuildPage {
		chunk := ranked[start:min(len(ranked), start+rebuildPage)]
		ids := make([]int64, len(chunk))
		for i, r := range chunk {
			ids[i] = int64(r.ID)
		}
		cands, err := e.store.CandidatesByIDs(ctx, ids)
		if err != nil {
			return out, err
		}
		byID := make(map[int64]matching.Candidate, len(cands))
		for _, c := range cands {
			byID[c.ID] = c
		}
		for _, r := range chunk {
			c, ok := byID[int64(r.ID)]
			if !ok || !c.Searchable {
				continue
			}
			out.Matches = append(out.Matches, CandidateMatch{Candidate: c, Match: e.match(g, min(r.Score, 1), tv.Confidence, candidateReasons(c, v, radiusKM))})
		}
	}
	return out, nil
}
