package engine

import (
	"context"
	"slices"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// hit is a ranked point before its record is loaded.
type hit struct {
	id         int64
	similarity float32
}

// ranked runs one filtered search with g's exclusion rules: one search of
// the rule anchors, then one filtered search of ix (one of g's indexes)
// whose filter also excludes points near the fired rules' B anchors. Pages
// are therefore full whenever enough records pass, and the counts are exact.
func (g *generation) ranked(ix *vectorstore.Index, q []float32, f vectorstore.Filter, aside setAside, pg Paging) ([]hit, Summary, error) {
	sum := Summary{Paging: pg, Pages: 1}
	if err := pg.check(); err != nil {
		return nil, sum, err
	}
	if len(aside.ids) > 0 {
		only := f
		only.IDs = aside.ids
		sum.Dismissed = ix.Count(only)
	}
	switch {
	case aside.tab && len(aside.ids) == 0:
		return nil, sum, nil // nothing set aside: an empty tab
	case aside.tab:
		f.IDs = aside.ids
	default:
		f.NoIDs = aside.ids
	}
	excl, fired, err := g.withRules(q, f)
	if err != nil {
		return nil, sum, err
	}
	offset := (pg.Page - 1) * pg.PerPage
	// The good results (at least MinScore) are counted with the page, from
	// the same filter evaluation and ranking, up to as deep as pages go.
	good := vectorstore.RangeCount{Threshold: g.goodSim, Limit: MaxDepth}
	res, total, err := ix.Search(q, excl, vectorstore.SearchOptions{K: pg.PerPage, Offset: offset, Ef: beam(offset + pg.PerPage), Count: &good})
	if err != nil {
		return nil, sum, err
	}
	sum.Total, sum.GoodTotal = total, good.N
	if len(fired) > 0 {
		sum.Hidden = ix.Count(f) - sum.Total
		for _, fr := range fired {
			only := f
			only.Tags = append(slices.Clone(f.Tags), ruleTag(fr.Rule.ID))
			sum.Rules = append(sum.Rules, RuleEffect{Rule: fr.Rule, Similarity: fr.Similarity, Score: fr.Score, Removed: ix.Count(only)})
		}
	}
	sum.Pages = max(1, (sum.Total+pg.PerPage-1)/pg.PerPage)
	hits := make([]hit, len(res))
	for i, r := range res {
		// Rounding can put a dot product of unit vectors a hair above 1;
		// a similarity above 100 % would only puzzle people.
		hits[i] = hit{id: int64(r.ID), similarity: min(r.Score, 1)}
	}
	return hits, sum, nil
}

// setAside is what a list's owner set aside ("not a fit", "not for me"):
// left out of the list, or with tab all that is listed.
type setAside struct {
	ids []uint64
	tab bool
}

// withRules returns f extended to exclude the points near the B anchors of
// the rules of g query q fires, and those rules.
func (g *generation) withRules(q []float32, f vectorstore.Filter) (vectorstore.Filter, []FiredRule, error) {
	fired, err := g.rules.Load().fired(q)
	if err != nil {
		return f, nil, err
	}
	excl := f
	excl.NoTags = slices.Clone(f.NoTags)
	for _, fr := range fired {
		excl.NoTags = append(excl.NoTags, ruleTag(fr.Rule.ID))
	}
	return excl, fired, nil
}

// storedVacancy loads vacancy id with a title vector of g's model (encoding
// it now if the stored one is missing or from another model).
func (e *Engine) storedVacancy(ctx context.Context, g *generation, id int64) (matching.Vacancy, matching.TitleVector, error) {
	shown, err := e.shownVacancies.get(ctx, []int64{id}, e.store.VacanciesByIDs)
	if err != nil {
		return matching.Vacancy{}, matching.TitleVector{}, err
	}
	if len(shown) == 0 {
		return matching.Vacancy{}, matching.TitleVector{}, matching.ErrNotFound
	}
	if tv, ok := g.indexedVector(g.vacancies, id, shown[0].TitleVector); ok {
		v := shown[0]
		v.TitleVector = matching.TitleVector{}
		return v, tv, nil
	}
	rows, err := e.queryVacancies.get(ctx, []int64{id}, e.store.IndexVacancies)
	if err != nil {
		return matching.Vacancy{}, matching.TitleVector{}, err
	}
	if len(rows) == 0 {
		return matching.Vacancy{}, matching.TitleVector{}, matching.ErrNotFound
	}
	v, tv := rows[0], rows[0].TitleVector
	if tv.IsZero() || tv.ModelVersion != g.enc.Version() {
		if tv, err = g.encodeTitle(ctx, "title", v.Title); err != nil {
			return v, tv, err
		}
	}
	v.TitleVector = matching.TitleVector{}
	return v, tv, nil
}

// indexedVector is the title vector of record id taken from index ix of g, with
// the confidence of its row (tv, loaded without the vector): a search that
// starts from a stored record needs no 2 KB vector from Postgres. It
// applies when the row's vector is of g's model and the record is
// in the index (open vacancies, searchable candidates); the index then holds
// that vector as float16, which is how every search scores it anyway. The
// index follows Postgres like the cached row, so both show the same version
// of the record, except for the moment in which a change is being applied.
func (g *generation) indexedVector(ix *vectorstore.Index, id int64, tv matching.TitleVector) (matching.TitleVector, bool) {
	if tv.ModelVersion != g.enc.Version() {
		return matching.TitleVector{}, false
	}
	vec, ok := ix.Vector(uint64(id))
	if !ok {
		return matching.TitleVector{}, false
	}
	return matching.TitleVector{Vector: vec, Confidence: tv.Confidence, ModelVersion: tv.ModelVersion}, true
}

// vacancyTitles returns the titles of vacancies ids, in the order of ids,
// leaving out ids that no longer exist.
func (e *Engine) vacancyTitles(ctx context.Context, ids []int64) ([]string, error) {
	rows, err := e.shownVacancies.get(ctx, ids, e.store.VacanciesByIDs)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]string, len(rows))
	for _, v := range rows {
		byID[v.ID] = v.Title
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if t, ok := byID[id]; ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// beamTiers are the HNSW beam widths searches use: a page is searched with
// the narrowest tier that reaches its depth, so every page within one tier
// comes from the same beam and the pages agree with each other (no result
// twice, none skipped). The first tier covers the pages people read (three
// of 20) at a third of the cost of the second: on the 100k-vacancy bench
// data recall@20 was the same at 64 as at 200 (0.98 unfiltered, 0.999-1.0
// filtered). Deeper pages widen the beam to their depth.
var beamTiers = [...]int{64, 200}

// beam is the HNSW beam width for results down to depth.
func beam(depth int) int {
	for _, w := range beamTiers {
		if depth <= w {
			return w
		}
	}
	return depth
}

// SearchPositions finds open vacancies for a title (or a candidate's
// vector) within the query's place and language limits.
func (e *Engine) SearchPositions(ctx context.Context, q PositionQuery) (VacancyResults, error) {
	return e.searchPositions(ctx, e.gen.Load(), q)
}

// searchPositions is SearchPositions in generation g; q.Vector, when set,
// must be of g's model.
func (e *Engine) searchPositions(ctx context.Context, g *generation, q PositionQuery) (VacancyResults, error) {
	var qv matching.TitleVector
	if q.Vector != nil {
		qv = *q.Vector
	} else {
		var err error
		if qv, err = g.queryVector(ctx, q.Title); err != nil {
			return VacancyResults{}, err
		}
	}
	f := q.Where.filter()
	if q.Languages != nil {
		f.NoTags = e.unmetRequirements(q.Languages)
	}
	aside := setAside{tab: q.Dismissed}
	if q.Candidate != 0 {
		aside.ids = e.dismissed.ofCandidate(q.Candidate)
	}
	hits, sum, err := g.ranked(g.vacancies, qv.Vector, f, aside, q.Paging)
	sum.Query, sum.QueryConfidence = q.Title, qv.Confidence
	out := VacancyResults{Summary: sum}
	if err != nil || len(hits) == 0 {
		return out, err
	}
	rows, err := e.shownVacancies.get(ctx, hitIDs(hits), e.store.VacanciesByIDs)
	if err != nil {
		return out, err
	}
	// Rows are large structs: index them by position rather than copy
	// them into a map, and size the page once.
	byID := make(map[int64]int, len(rows))
	for i, v := range rows {
		byID[v.ID] = i
	}
	out.Matches = make([]VacancyMatch, 0, len(hits))
	for _, h := range hits {
		i, ok := byID[h.id]
		if !ok {
			continue // deleted since the search; the next catch-up drops it
		}
		v := rows[i]
		out.Matches = append(out.Matches, VacancyMatch{Vacancy: v, Match: e.match(g, h.similarity, qv.Confidence, vacancyReasons(v, q))})
	}
	return out, nil
}

// unmetRequirements lists the need:<code>:<level> tags a searcher with
// skills cannot meet: every level above theirs, in every language any
// vacancy requires.
func (e *Engine) unmetRequirements(skills []matching.LanguageSkill) []string {
	e.reqMu.RLock()
	defer e.reqMu.RUnlock()
	var tags []string
	for code := range e.reqLangs {
		have := matching.LevelOf(skills, matching.LanguageCode(code))
		for l := have + 1; l <= matching.C2; l++ {
			tags = append(tags, needTag(matching.LanguageCode(code), l))
		}
	}
	return tags
}

// VacanciesForCandidate searches positions for a stored candidate: their
// title vector, their languages, their city (or a radius around it), and
// remote positions when they are open to remote work.
func (e *Engine) VacanciesForCandidate(ctx context.Context, c matching.Candidate, radiusKM float64, dismissed bool, pg Paging) (VacancyResults, error) {
	g := e.gen.Load()
	rows, err := e.shownCandidates.get(ctx, []int64{c.ID}, e.store.CandidatesByIDs)
	if err != nil {
		return VacancyResults{}, err
	}
	if len(rows) == 0 {
		return VacancyResults{}, matching.ErrNotFound
	}
	tv, ok := g.indexedVector(g.candidates, c.ID, rows[0].TitleVector)
	c = rows[0]
	if !ok {
		if rows, err = e.queryCandidates.get(ctx, []int64{c.ID}, e.store.IndexCandidates); err != nil {
			return VacancyResults{}, err
		}
		if len(rows) == 0 {
			return VacancyResults{}, matching.ErrNotFound
		}
		c, tv = rows[0], rows[0].TitleVector
	}
	c.TitleVector = matching.TitleVector{}
	if tv.IsZero() || tv.ModelVersion != g.enc.Version() {
		if tv, err = g.encodeTitle(ctx, "desired_title", c.DesiredTitle); err != nil {
			return VacancyResults{}, err
		}
	}
	loc := c.Location
	w := Where{Countries: []matching.CountryCode{loc.Country}, Cities: []string{loc.City}}
	if radiusKM > 0 {
		w = Where{Near: &loc, RadiusKM: radiusKM}
	}
	if c.OpenToRemote {
		w.Remote = RemoteInclude
	}
	return e.searchPositions(ctx, g, PositionQuery{Title: c.DesiredTitle, Vector: &tv, Where: w, Languages: c.Languages,
		Candidate: c.ID, Dismissed: dismissed, Paging: pg})
}

// SearchCandidates finds searchable candidates for a vacancy: every required
// language at its minimum level, and in its city (or within RadiusKM of it),
// or open to remote work when the vacancy is remote.
func (e *Engine) SearchCandidates(ctx context.Context, q CandidateQuery) (CandidateResults, error) {
	g := e.gen.Load()
	v, tv, err := e.storedVacancy(ctx, g, q.VacancyID)
	if err != nil {
		return CandidateResults{}, err
	}
	aside := setAside{ids: e.dismissed.ofVacancy(v.ID), tab: q.Dismissed}
	hits, sum, err := g.ranked(g.candidates, tv.Vector, candidateFilter(v, q.RadiusKM), aside, q.Paging)
	sum.Query, sum.QueryConfidence = v.Title, tv.Confidence
	out := CandidateResults{Summary: sum, Vacancy: v}
	if err != nil || len(hits) == 0 {
		return out, err
	}
	cands, err := e.shownCandidates.get(ctx, hitIDs(hits), e.store.CandidatesByIDs)
	if err != nil {
		return out, err
	}
	byID := make(map[int64]int, len(cands))
	for i, c := range cands {
		byID[c.ID] = i
	}
	out.Matches = make([]CandidateMatch, 0, len(hits))
	for _, h := range hits {
		i, ok := byID[h.id]
		if !ok || !cands[i].Searchable {
			continue // changed since the search; the next catch-up fixes the index
		}
		c := cands[i]
		out.Matches = append(out.Matches, CandidateMatch{Candidate: c, Match: e.match(g, h.similarity, tv.Confidence, candidateReasons(c, v, q.RadiusKM))})
	}
	return out, nil
}

// candidateFilter is the recruiter-side filter of vacancy v.
func candidateFilter(v matching.Vacancy, radiusKM float64) vectorstore.Filter {
	var f vectorstore.Filter
	for _, l := range v.Languages {
		f.Languages = append(f.Languages, vectorstore.LanguageAtLeast{Code: string(l.Code), MinLevel: vectorstore.Level(l.Level)})
	}
	switch {
	case v.Location.IsZero():
		// A fully remote vacancy: anyone open to remote work, anywhere.
		f.RemoteOnly = true
	case radiusKM > 0:
		f.Geo = &vectorstore.GeoRadius{Lat: v.Location.Latitude, Lon: v.Location.Longitude, RadiusKM: radiusKM}
		f.OrRemote = v.Remote
	default:
		f.Countries, f.Cities = []string{string(v.Location.Country)}, []string{cityKey(v.Location.City)}
		f.OrRemote = v.Remote
	}
	return f
}

func resultIDs(res []vectorstore.Result) []int64 {
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = int64(r.ID)
	}
	return ids
}

func hitIDs(hits []hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	return ids
}
