package engine

import (
	"context"
	"fmt"
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
	byID    map[int64]matching.ExclusionRule
	anchors *vectorstore.Index // A anchors, id = rule id
	now     func() time.Time
}

func (rs *ruleSet) len() int {
	if rs == nil {
		return 0
	}
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	return len(rs.byID)
}

// tagsFor returns rule:<id> for every active rule whose B anchor is within
// its threshold of vec.
func (rs *ruleSet) tagsFor(vec []float32) []string {
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	var tags []string
	for id, r := range rs.byID {
		if vectorstore.Dot(vec, r.VectorB.Vector) >= r.ThresholdB {
			tags = append(tags, ruleTag(id))
		}
	}
	return tags
}

// FiredRule is a rule a query triggered, with how close the query was to A.
type FiredRule struct {
	Rule       matching.ExclusionRule
	Similarity float32 // of the query title to anchor A
}

// fired returns the rules whose A anchor is within threshold of the query:
// one search of the anchor index.
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
		if ok && h.Score >= r.ThresholdA && r.ActiveAt(now) {
			out = append(out, FiredRule{Rule: r, Similarity: h.Score})
		}
	}
	return out, nil
}

// loadRules reads the rules from Postgres and tags the indexes.
func (e *Engine) loadRules(ctx context.Context) error {
	e.applyMu.Lock()
	defer e.applyMu.Unlock()
	return e.reloadRulesLocked(ctx)
}

// reloadRulesLocked rebuilds the rule set from Postgres (re-encoding anchors
// of another model) and re-tags every indexed point whose rule tags changed.
// Rules are few and a scan of all points costs one dot product per point
// and rule, so this runs whenever any rule changes: changes take effect at
// once, without restart.
func (e *Engine) reloadRulesLocked(ctx context.Context) error {
	all, err := e.store.Rules(ctx)
	if err != nil {
		return err
	}
	rs := &ruleSet{byID: map[int64]matching.ExclusionRule{}, now: time.Now,
		anchors: vectorstore.New(vectorstore.Config{Dim: e.enc.Dim(), M: 8, EfConstruction: 64, EfSearch: 64, Seed: 1})}
	for _, r := range all {
		if r.VectorA.ModelVersion != e.enc.Version() || r.VectorA.IsZero() || r.VectorB.IsZero() {
			if err := e.PrepareRule(ctx, &r); err != nil {
				e.log.Warn("exclusion rule skipped: its anchors cannot be encoded", "rule", r.ID, "error", err.Error())
				continue
			}
			if err := e.store.SetRuleVectors(ctx, r.ID, r.VectorA, r.VectorB); err != nil {
				return err
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
		rs.byID[r.ID] = r
	}
	e.rules.Store(rs)
	for _, ix := range []*vectorstore.Index{e.vacancies, e.candidates} {
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
