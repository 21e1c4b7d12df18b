package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"jobmatch/matching"
	"jobmatch/vectorstore"
)

// rebuildPage is how many rows a rebuild reads (and re-encodes) at a time.
const rebuildPage = 2000

// rebuild builds both indexes of g from Postgres. Rows without a vector of
// g's model are encoded and their vectors written back first, so Postgres
// keeps holding what the index holds.
func (e *Engine) rebuild(ctx context.Context, g *generation) error {
	w, err := e.store.IndexWatermark(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	vac, cand, err := e.buildIndexes(ctx, g, true)
	if err != nil {
		return err
	}
	e.applyMu.Lock()
	g.vacancies, g.candidates, e.watermark, e.dirty = vac, cand, w, true
	e.forgetRows()
	e.applyMu.Unlock()
	e.log.Info("rebuilt vector index from Postgres", "vacancies", vac.Len(), "candidates", cand.Len(),
		"seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return nil
}

// buildIndexes reads every row from Postgres into two new indexes of g's
// model. With persist, vectors it had to encode are written back to the
// rows; without, they stay in the indexes only.
func (e *Engine) buildIndexes(ctx context.Context, g *generation, persist bool) (vac, cand *vectorstore.Index, err error) {
	vac, cand = e.newIndex(g), e.newIndex(g)
	if err := rebuildKind(ctx, e, g, vac, vacancyKind, persist); err != nil {
		return nil, nil, err
	}
	if err := rebuildKind(ctx, e, g, cand, candidateKind, persist); err != nil {
		return nil, nil, err
	}
	// Measure on this data where a filtered graph walk beats an exact scan;
	// the thresholds are saved in the snapshots (vectorstore.Calibrate).
	vac.Calibrate(vectorstore.CalibrateOptions{Ef: beam(20)})
	cand.Calibrate(vectorstore.CalibrateOptions{Ef: beam(20)})
	return vac, cand, nil
}

// kind is what keeping the index in step needs to know about one kind of
// record, so vacancies and candidates share one rebuild and one apply.
type kind[T any] struct {
	entity    string // matching.EntityVacancy or matching.EntityCandidate
	table     string // for progress logs
	id        func(T) int64
	title     func(T) string
	vector    func(*T) *matching.TitleVector
	indexable func(*generation, T) bool
	upsert    func(*Engine, *generation, *vectorstore.Index, T) error
	read      func(Store, context.Context, []int64) ([]T, error)
	readAfter func(Store, context.Context, int64, int) ([]T, error)
}

var vacancyKind = kind[matching.Vacancy]{
	entity: matching.EntityVacancy, table: "vacancies", id: vacancyID,
	title:     func(v matching.Vacancy) string { return v.Title },
	vector:    func(v *matching.Vacancy) *matching.TitleVector { return &v.TitleVector },
	indexable: (*generation).vacancyIndexable, upsert: (*Engine).upsertVacancy,
	read: Store.IndexVacancies, readAfter: Store.IndexVacanciesAfter,
}

var candidateKind = kind[matching.Candidate]{
	entity: matching.EntityCandidate, table: "candidates", id: candidateID,
	title:     func(c matching.Candidate) string { return c.DesiredTitle },
	vector:    func(c *matching.Candidate) *matching.TitleVector { return &c.TitleVector },
	indexable: (*generation).candidateIndexable, upsert: (*Engine).upsertCandidate,
	read: Store.IndexCandidates, readAfter: Store.IndexCandidatesAfter,
}

// rebuildKind fills ix with every indexable record of kind k, a page at a
// time, with vectors of g's model (written back to the rows with persist).
func rebuildKind[T any](ctx context.Context, e *Engine, g *generation, ix *vectorstore.Index, k kind[T], persist bool) error {
	var after int64
	n := 0
	for {
		rows, err := k.readAfter(e.store, ctx, after, rebuildPage)
		if err != nil || len(rows) == 0 {
			return err
		}
		if err := refreshVectors(ctx, e, g, k, rows, persist); err != nil {
			return err
		}
		if err := parallel(len(rows), func(i int) error {
			if !k.indexable(g, rows[i]) {
				return nil
			}
			return k.upsert(e, g, ix, rows[i])
		}); err != nil {
			return err
		}
		n += len(rows)
		after = k.id(rows[len(rows)-1])
		e.progress(k.table, n)
	}
}

// progress logs large rebuilds every 20,000 rows.
func (e *Engine) progress(what string, n int) {
	if n%20000 < rebuildPage {
		e.log.Info("rebuilding vector index", "table", what, "rows", n)
	}
}

// refreshVectors encodes with g the titles of rows whose vector is missing
// or from another model and, with persist, stores the new vectors in
// Postgres first. An unreadable title keeps a zero vector: stored as NULL,
// never indexed.
func refreshVectors[T any](ctx context.Context, e *Engine, g *generation, k kind[T], rows []T, persist bool) error {
	var idx []int
	var titles []string
	for i := range rows {
		if tv := k.vector(&rows[i]); tv.IsZero() || tv.ModelVersion != g.enc.Version() {
			idx, titles = append(idx, i), append(titles, k.title(rows[i]))
		}
	}
	if len(titles) == 0 {
		return nil
	}
	vecs, err := g.enc.EncodeTitles(ctx, titles)
	if err != nil {
		return err
	}
	if persist {
		ids := make([]int64, len(idx))
		for j, i := range idx {
			ids[j] = k.id(rows[i])
		}
		if err := e.store.SetTitleVectors(ctx, k.entity, ids, vecs); err != nil {
			return err
		}
	}
	for j, i := range idx {
		*k.vector(&rows[i]) = vecs[j]
	}
	return nil
}

func (e *Engine) upsertVacancy(g *generation, ix *vectorstore.Index, v matching.Vacancy) error {
	p := vacancyPayload(v)
	p.Tags = append(p.Tags, g.rulesFor(v.TitleVector.Vector)...)
	e.noteRequirements(p.Tags)
	if err := ix.Upsert(uint64(v.ID), v.TitleVector.Vector, p); err != nil {
		return fmt.Errorf("engine: index vacancy %d: %w", v.ID, err)
	}
	return nil
}

func (e *Engine) upsertCandidate(g *generation, ix *vectorstore.Index, c matching.Candidate) error {
	p := candidatePayload(c)
	p.Tags = append(p.Tags, g.rulesFor(c.TitleVector.Vector)...)
	if err := ix.Upsert(uint64(c.ID), c.TitleVector.Vector, p); err != nil {
		return fmt.Errorf("engine: index candidate %d: %w", c.ID, err)
	}
	return nil
}

// rulesFor returns the rule tags of a point (nil before rules are loaded).
func (g *generation) rulesFor(vec []float32) []string {
	rs := g.rules.Load()
	if rs == nil {
		return nil
	}
	return rs.tagsFor(vec)
}

// catchUp applies every change recorded since the watermark and returns how
// many records it re-read.
func (e *Engine) catchUp(ctx context.Context) (int, error) {
	e.applyMu.Lock()
	defer e.applyMu.Unlock()
	changes, next, err := e.store.IndexChanges(ctx, e.watermark)
	if err != nil {
		return 0, err
	}
	if err := e.applyLocked(ctx, e.gen.Load(), changes, true); err != nil {
		return 0, err
	}
	e.watermark = next
	return len(changes), nil
}

// Changed applies changes the caller has just committed, so they are
// searchable at once rather than after the next catch-up.
func (e *Engine) Changed(ctx context.Context, changes ...matching.Change) error {
	e.applyMu.Lock()
	defer e.applyMu.Unlock()
	return e.applyLocked(ctx, e.gen.Load(), changes, true)
}

// applyLocked re-reads each changed record and puts g's indexes in its
// state: upserted when it should be searchable, removed otherwise. With
// persist, vectors it encodes and rule anchors it re-encodes are written
// back to Postgres.
func (e *Engine) applyLocked(ctx context.Context, g *generation, changes []matching.Change, persist bool) error {
	var vacIDs, candIDs, vacDecisions, candDecisions []int64
	rulesChanged := false
	for _, c := range changes {
		switch c.Entity {
		case matching.EntityVacancy:
			vacIDs = append(vacIDs, c.ID)
		case matching.EntityCandidate:
			candIDs = append(candIDs, c.ID)
		case matching.EntityRule:
			rulesChanged = true
		case matching.EntityVacancyDecisions:
			vacDecisions = append(vacDecisions, c.ID)
		case matching.EntityCandidateDecisions:
			candDecisions = append(candDecisions, c.ID)
		}
	}
	if err := e.reloadDismissals(ctx, vacDecisions, candDecisions); err != nil {
		return err
	}
	// Cached rows go before the changed rows are read, so no search can
	// cache a version older than the one applied here (records.go).
	e.shownVacancies.evict(vacIDs)
	e.queryVacancies.evict(vacIDs)
	e.shownCandidates.evict(candIDs)
	e.queryCandidates.evict(candIDs)
	for len(vacIDs) > 0 {
		batch := vacIDs[:min(len(vacIDs), rebuildPage)]
		vacIDs = vacIDs[len(batch):]
		if err := apply(ctx, e, g, g.vacancies, vacancyKind, batch, persist); err != nil {
			return err
		}
	}
	for len(candIDs) > 0 {
		batch := candIDs[:min(len(candIDs), rebuildPage)]
		candIDs = candIDs[len(batch):]
		if err := apply(ctx, e, g, g.candidates, candidateKind, batch, persist); err != nil {
			return err
		}
	}
	if rulesChanged {
		return e.reloadRulesLocked(ctx, g, persist)
	}
	return nil
}

// forgetRows empties the row caches (records.go).
func (e *Engine) forgetRows() {
	e.shownVacancies.reset()
	e.queryVacancies.reset()
	e.shownCandidates.reset()
	e.queryCandidates.reset()
}

// apply re-reads the records ids of kind k and puts ix in their state:
// upserted when they should be searchable, removed otherwise (also when
// they no longer exist).
func apply[T any](ctx context.Context, e *Engine, g *generation, ix *vectorstore.Index, k kind[T], ids []int64, persist bool) error {
	rows, err := k.read(e.store, ctx, ids)
	if err != nil {
		return err
	}
	if err := refreshVectors(ctx, e, g, k, rows, persist); err != nil {
		return err
	}
	seen := make(map[int64]bool, len(rows))
	for _, r := range rows {
		id := k.id(r)
		seen[id] = true
		if !k.indexable(g, r) {
			ix.Delete(uint64(id))
			continue
		}
		if err := k.upsert(e, g, ix, r); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if !seen[id] {
			ix.Delete(uint64(id))
		}
	}
	e.dirty = e.dirty || len(ids) > 0
	return nil
}

// noteRequirements remembers the languages of need:<code>:<level> tags.
func (e *Engine) noteRequirements(tags []string) {
	e.reqMu.Lock()
	defer e.reqMu.Unlock()
	for _, t := range tags {
		if code, ok := strings.CutPrefix(t, "need:"); ok && len(code) > 2 {
			e.reqLangs[code[:2]] = true
		}
	}
}

// parallel runs fn(0..n-1) on every core: the index takes concurrent
// inserts, and a rebuild is mostly graph construction.
func parallel(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || errs[w] != nil {
					return
				}
				errs[w] = fn(i)
			}
		}(w)
	}
	wg.Wait()
	return errors.Join(errs...)
}
