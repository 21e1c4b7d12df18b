package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// ruleSet holds the active exclusion rules. Their A anchors live in a small
// vector index of their own, so finding the rules a query triggers is one
// vector search however many rules exist. Points near a rule's B anchor carry
// the tag rule:<id> in the main indexes, so removing them is part of the
// filtered search itself: pages stay full and counts stay exact.
type ruleSet struct {
	mu      sync.RWMutex
	byID    map[int64]activeRule
	anchors *vectorstore.Index // A anchors, id = rule id
	now     func() time.Time
	score   func(similarity float32) float32
}

// activeRule is an enabled rule with its score thresholds turned into the
// cosine similarities that reach them under its generation's model.
type activeRule struct {
	matching.ExclusionRule
	simA, simB float32
}

func (rs *ruleSet) len() int {
	if rs == nil {
		return 0
	}
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	return len(rs.byID)
}

// tagsFor returns rule:<id> for every active rule whose B anchor scores at
// least its threshold with vec.
func (rs *ruleSet) tagsFor(vec []float32) []string {
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	var tags []string
	for id, r := range rs.byID {
		if vectorstore.Dot(vec, r.VectorB.Vector) >= r.simB {
			tags = append(tags, ruleTag(id))
		}
	}
	return tags
}

// FiredRule is a rule a query triggered, with how close the query was to A.
type FiredRule struct {
	Rule       matching.ExclusionRule
	Similarity float32 // of the query title to anchor A
	Score      float32 // the match score of that similarity
}

// fired returns the rules whose A anchor scores at least its threshold with
// the query: one search of the anchor index.
func (rs *ruleSet) fired(q []float32) ([]FiredRule, error) {
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	if len(rs.byID) == 0 {
		return nil, nil
	}
	hits, _, err := rs.anchors.Search(q, vectorstore.Filter{}, vectorstore.SearchOptions{K: min(len(rs.byID), vectorstore.MaxResults)})
	if err != nil {
		return nil, err
	}
	var out []FiredRule
	now := rs.now()
	for _, h := range hits {
		r, ok := rs.byID[int64(h.ID)]
		if ok && h.Score >= r.simA && r.ActiveAt(now) {
			out = append(out, FiredRule{Rule: r.ExclusionRule, Similarity: h.Score, Score: rs.score(h.Score)})
		}
	}
	return out, nil
}

// loadRules reads the rules from Postgres and tags the indexes.
func (e *Engine) loadRules(ctx context.Context) error {
	e.applyMu.Lock()
	defer e.applyMu.Unlock()
	return e.reloadRulesLocked(ctx, e.gen.Load(), true)
}

// reloadRulesLocked rebuilds g's rule set from Postgres (converting
// thresholds saved as similarities, re-encoding anchors of another model,
// which with persist are written back) and re-tags every point of g's
// indexes whose rule tags changed.
// Rules are few and a scan of all points costs one dot product per point
// and rule, so this runs whenever any rule changes: changes take effect at
// once, without restart.
func (e *Engine) reloadRulesLocked(ctx context.Context, g *generation, persist bool) error {
	if n, err := e.store.ConvertRuleSimilarities(ctx, g.enc.Score); err != nil {
		return err
	} else if n > 0 {
		e.log.Info("exclusion rule thresholds converted from similarities to match scores", "rules", n)
	}
	all, err := e.store.Rules(ctx)
	if err != nil {
		return err
	}
	rs := &ruleSet{byID: map[int64]activeRule{}, now: time.Now, score: g.enc.Score,
		anchors: vectorstore.New(vectorstore.Config{Dim: g.enc.Dim(), M: 8, EfConstruction: 64, EfSearch: 64, Seed: 1})}
	for _, r := range all {
		if r.VectorA.ModelVersion != g.enc.Version() || r.VectorA.IsZero() || r.VectorB.IsZero() {
			if err := g.prepareRule(ctx, &r); err != nil {
				e.log.Warn("exclusion rule skipped: its anchors cannot be encoded", "rule", r.ID, "error", err.Error())
				continue
			}
			if persist {
				if err := e.store.SetRuleVectors(ctx, r.ID, r.VectorA, r.VectorB); err != nil {
					return err
				}
			}
		}
		// Disabled rules never fire; expired ones are checked at query time,
		// so expiry needs no reload.
		if !r.Enabled {
			continue
		}
		if err := rs.anchors.Upsert(uint64(r.ID), r.VectorA.Vector, vectorstore.Payload{}); err != nil {
			return fmt.Errorf("engine: index rule %d: %w", r.ID, err)
		}
		rs.byID[r.ID] = activeRule{ExclusionRule: r, simA: similarityFor(g.enc, r.MinScoreA), simB: similarityFor(g.enc, r.MinScoreB)}
	}
	g.rules.Store(rs)
	for _, ix := range []*vectorstore.Index{g.vacancies, g.candidates} {
		if ix == nil {
			continue // a generation being built tags its rows as it indexes them
		}
		if err := e.retag(ix, rs); err != nil {
			return err
		}
	}
	return nil
}

// retag brings every point's rule tags in line with the current rules,
// touching only points whose tags change (a payload-only upsert).
func (e *Engine) retag(ix *vectorstore.Index, rs *ruleSet) error {
	for _, id := range ix.IDs() {
		vec, p, ok := ix.Get(id)
		if !ok {
			continue
		}
		want := rs.tagsFor(vec)
		kept := p.Tags[:0:0]
		var had []string
		for _, t := range p.Tags {
			if isRuleTag(t) {
				had = append(had, t)
			} else {
				kept = append(kept, t)
			}
		}
		if sameSet(had, want) {
			continue
		}
		p.Tags = append(kept, want...)
		if err := ix.Upsert(id, vec, p); err != nil {
			return err
		}
		e.dirty = true
	}
	return nil
}

func isRuleTag(t string) bool { return len(t) > 5 && t[:5] == "rule:" }

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := make(map[string]bool, len(a))
	for _, x := range a {
		m[x] = true
	}
	for _, x := range b {
		if !m[x] {
			return false
		}
	}
	return true
}

// PreviewRules answers an admin's question "for this query, which rules fire
// and which results do they remove?" for the position search.
func (e *Engine) PreviewRules(ctx context.Context, title string, perRule int) (RulePreview, error) {
	g := e.gen.Load()
	qv, err := g.queryVector(ctx, title)
	if err != nil {
		return RulePreview{}, err
	}
	fired, err := g.rules.Load().fired(qv.Vector)
	if err != nil {
		return RulePreview{}, err
	}
	p := RulePreview{Query: title, QueryConfidence: qv.Confidence}
	for _, fr := range fired {
		tagged := vectorstore.Filter{Tags: []string{ruleTag(fr.Rule.ID)}}
		eff := RulePreviewRule{RuleEffect: RuleEffect{Rule: fr.Rule, Similarity: fr.Similarity, Score: fr.Score,
			Removed: g.vacancies.Count(tagged)}, CandidatesRemoved: g.candidates.Count(tagged)}
		res, _, err := g.vacancies.Search(qv.Vector, tagged, vectorstore.SearchOptions{K: exampleWindow})
		if err != nil {
			return p, err
		}
		if eff.Examples, err = e.distinctTitles(ctx, resultIDs(res), perRule); err != nil {
			return p, err
		}
		p.Rules = append(p.Rules, eff)
	}
	return p, nil
}

// RulePreview is the answer of PreviewRules.
type RulePreview struct {
	Query           string
	QueryConfidence float32
	Rules           []RulePreviewRule
}

// RulePreviewRule is one fired rule: how many open vacancies and searchable
// candidates it hides, and the distinct titles of the vacancies it hides
// nearest the query.
type RulePreviewRule struct {
	RuleEffect
	CandidatesRemoved int
	Examples          []TitleCount
}

// TitleCount is one distinct vacancy title among the nearest hidden ones and
// how many of those carry it.
type TitleCount struct {
	Title string
	Count int
}

// exampleWindow is how many of the nearest hidden vacancies a preview reads
// to pick its distinct example titles; their counts are counts within it.
const exampleWindow = 200

// distinctTitles returns the first n distinct titles (compared ignoring case
// and surrounding space) of the vacancies ids, nearest first, each with how
// often it occurs among ids. Many vacancies share a title, so listing one
// title per vacancy would show the same title over and over.
func (e *Engine) distinctTitles(ctx context.Context, ids []int64, n int) ([]TitleCount, error) {
	titles, err := e.vacancyTitles(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []TitleCount{}
	at := map[string]int{}
	for _, t := range titles {
		key := strings.ToLower(strings.TrimSpace(t))
		if i, ok := at[key]; ok {
			out[i].Count++
			continue
		}
		at[key] = len(out)
		out = append(out, TitleCount{Title: t, Count: 1})
	}
	return out[:min(n, len(out))], nil
}

// DraftEffect is what a rule not yet saved would do for a query.
type DraftEffect struct {
	Fires             bool
	SimilarityA       float32      // of the query to anchor A
	ScoreA            float32      // the match score of that similarity
	Removed           int          // open vacancies within the B threshold
	CandidatesRemoved int          // searchable candidates within the B threshold
	Examples          []TitleCount // distinct titles of the nearest of them
}

// PreviewDraft answers the preview for rule r before it is saved: does the
// query fire it, and what would it remove. The B side is counted exactly
// (every indexed point's score with B).
func (e *Engine) PreviewDraft(ctx context.Context, query string, r matching.ExclusionRule, examples int) (DraftEffect, error) {
	g := e.gen.Load()
	qv, err := g.queryVector(ctx, query)
	if err != nil {
		return DraftEffect{}, err
	}
	if err := g.prepareRule(ctx, &r); err != nil {
		return DraftEffect{}, err
	}
	d := DraftEffect{SimilarityA: vectorstore.Dot(qv.Vector, r.VectorA.Vector)}
	d.ScoreA = g.enc.Score(d.SimilarityA)
	d.Fires = d.ScoreA >= r.MinScoreA
	simB := similarityFor(g.enc, r.MinScoreB)
	near := func(ix *vectorstore.Index) ([]vectorstore.Result, error) {
		all, err := ix.RankAll(r.VectorB.Vector, vectorstore.Filter{})
		if err != nil {
			return nil, err
		}
		n := sort.Search(len(all), func(i int) bool { return all[i].Score < simB })
		return all[:n], nil
	}
	vs, err := near(g.vacancies)
	if err != nil {
		return d, err
	}
	cs, err := near(g.candidates)
	if err != nil {
		return d, err
	}
	d.Removed, d.CandidatesRemoved = len(vs), len(cs)
	d.Examples, err = e.distinctTitles(ctx, resultIDs(vs[:min(exampleWindow, len(vs))]), examples)
	return d, err
}

// RuleReach is how far a draft rule's thresholds reach around its anchors,
// shown live while an admin edits the rule: around A, the records whose
// searches would fire it; around B, the records it would hide.
type RuleReach struct {
	A, B AnchorReach
}

// AnchorReach counts the open vacancies and searchable candidates whose
// titles score at least MinScore with one anchor, with a histogram of the
// scores from ReachFrom up.
type AnchorReach struct {
	MinScore              float32
	Vacancies, Candidates int
	Histogram             []ScoreBin
}

// ScoreBin counts the records whose score with an anchor lies in [From, To)
// (the last bin includes 1).
type ScoreBin struct {
	From, To              float32
	Vacancies, Candidates int
}

// ReachFrom and ReachBins shape the histogram: ReachBins equal bins from
// ReachFrom to 1. Scores below ReachFrom are far from the anchor's
// occupation and not shown.
const (
	ReachFrom = 0.5
	ReachBins = 10
)

// RuleReach encodes the anchors of a draft rule and counts, exactly, the
// records around each (every indexed point's score with the anchor).
func (e *Engine) RuleReach(ctx context.Context, anchorA, anchorB string, minA, minB float32) (RuleReach, error) {
	g := e.gen.Load()
	r := matching.ExclusionRule{AnchorA: anchorA, AnchorB: anchorB}
	if err := g.prepareRule(ctx, &r); err != nil {
		return RuleReach{}, err
	}
	var out RuleReach
	var err error
	if out.A, err = g.anchorReach(r.VectorA.Vector, minA); err != nil {
		return out, err
	}
	out.B, err = g.anchorReach(r.VectorB.Vector, minB)
	return out, err
}

func (g *generation) anchorReach(anchor []float32, minScore float32) (AnchorReach, error) {
	a := AnchorReach{MinScore: minScore}
	const step = (1 - ReachFrom) / ReachBins
	for i := range ReachBins {
		a.Histogram = append(a.Histogram, ScoreBin{From: ReachFrom + float32(i)*step, To: ReachFrom + float32(i+1)*step})
	}
	minSim, fromSim := similarityFor(g.enc, minScore), similarityFor(g.enc, ReachFrom)
	for _, ix := range []*vectorstore.Index{g.vacancies, g.candidates} {
		all, err := ix.RankAll(anchor, vectorstore.Filter{})
		if err != nil {
			return a, err
		}
		near := all[:sort.Search(len(all), func(i int) bool { return all[i].Score < fromSim })]
		reached := sort.Search(len(all), func(i int) bool { return all[i].Score < minSim })
		for _, h := range near {
			b := min(int((g.enc.Score(h.Score)-ReachFrom)/step), ReachBins-1)
			if b < 0 {
				continue
			}
			if ix == g.vacancies {
				a.Histogram[b].Vacancies++
			} else {
				a.Histogram[b].Candidates++
			}
		}
		if ix == g.vacancies {
			a.Vacancies = reached
		} else {
			a.Candidates = reached
		}
	}
	return a, nil
}
