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

// rebuild builds both indexes from Postgres. Rows without a vector of the
// current model are encoded and their vectors written back first, so
// Postgres keeps holding what the index holds.
func (e *Engine) rebuild(ctx context.Context) error {
	w, err := e.store.IndexWatermark(ctx)
	if err != nil {
		return err
	}
	vac, cand := e.newIndex(), e.newIndex()
	start := time.Now()
	nv, err := e.rebuildVacancies(ctx, vac)
	if err != nil {
		return err
	}
	nc, err := e.rebuildCandidates(ctx, cand)
	if err != nil {
		return err
	}
	// Measure on this data where a filtered graph walk beats an exact scan;
	// the thresholds are saved in the snapshots (vectorstore.Calibrate).
	vac.Calibrate(vectorstore.CalibrateOptions{Ef: beam(20)})
	cand.Calibrate(vectorstore.CalibrateOptions{Ef: beam(20)})
	e.applyMu.Lock()
	e.vacancies, e.candidates, e.watermark, e.dirty = vac, cand, w, true
	e.forgetRows()
	e.applyMu.Unlock()
	e.log.Info("rebuilt vector index from Postgres", "vacancies", nv, "candidates", nc,
		"seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return nil
}

func (e *Engine) rebuildVacancies(ctx context.Context, ix *vectorstore.Index) (int, error) {
	var after int64
	n := 0
	for {
		rows, err := e.store.IndexVacanciesAfter(ctx, after, rebuildPage)
		if err != nil || len(rows) == 0 {
			return n, err
		}
		if err := e.refreshVacancyVectors(ctx, rows); err != nil {
			return n, err
		}
		if err := parallel(len(rows), func(i int) error {
			if !e.vacancyIndexable(rows[i]) {
				return nil
			}
			return e.upsertVacancy(ix, rows[i])
		}); err != nil {
			return n, err
		}
		n += len(rows)
		after = rows[len(rows)-1].ID
		e.progress("vacancies", n)
	}
}

func (e *Engine) rebuildCandidates(ctx context.Context, ix *vectorstore.Index) (int, error) {
	var after int64
	n := 0
	for {
		rows, err := e.store.IndexCandidatesAfter(ctx, after, rebuildPage)
		if err != nil || len(rows) == 0 {
			return n, err
		}
		if err := e.refreshCandidateVectors(ctx, rows); err != nil {
			return n, err
		}
		if err := parallel(len(rows), func(i int) error {
			if !e.candidateIndexable(rows[i]) {
				return nil
			}
			return e.upsertCandidate(ix, rows[i])
		}); err != nil {
			return n, err
		}
		n += len(rows)
		after = rows[len(rows)-1].ID
		e.progress("candidates", n)
	}
}

// progress logs large rebuilds every 20,000 rows.
func (e *Engine) progress(what string, n int) {
	if n%20000 < rebuildPage {
		e.log.Info("rebuilding vector index", "table", what, "rows", n)
	}
}

// refreshVacancyVectors encodes the titles of rows whose vector is missing or
// from another model, and stores the new vectors in Postgres first.
func (e *Engine) refreshVacancyVectors(ctx context.Context, rows []matching.Vacancy) error {
	var idx []int
	var titles []string
	for i, v := range rows {
		if v.TitleVector.IsZero() || v.TitleVector.ModelVersion != e.enc.Version() {
			idx, titles = append(idx, i), append(titles, v.Title)
		}
	}
	vecs, ids, err := e.encodeStale(ctx, titles, idx, func(i int) int64 { return rows[i].ID })
	if err != nil || len(ids) == 0 {
		return err
	}
	if err := e.store.SetTitleVectors(ctx, matching.EntityVacancy, ids, vecs); err != nil {
		return err
	}
	for j, i := range idx {
		rows[i].TitleVector = vecs[j]
	}
	return nil
}

func (e *Engine) refreshCandidateVectors(ctx context.Context, rows []matching.Candidate) error {
	var idx []int
	var titles []string
	for i, c := range rows {
		if c.TitleVector.IsZero() || c.TitleVector.ModelVersion != e.enc.Version() {
			idx, titles = append(idx, i), append(titles, c.DesiredTitle)
		}
	}
	vecs, ids, err := e.encodeStale(ctx, titles, idx, func(i int) int64 { return rows[i].ID })
	if err != nil || len(ids) == 0 {
		return err
	}
	if err := e.store.SetTitleVectors(ctx, matching.EntityCandidate, ids, vecs); err != nil {
		return err
	}
	for j, i := range idx {
		rows[i].TitleVector = vecs[j]
	}
	return nil
}

// encodeStale encodes titles (rows idx) and returns their vectors and ids.
// An unreadable title keeps a zero vector: stored as NULL, never indexed.
func (e *Engine) encodeStale(ctx context.Context, titles []string, idx []int, id func(int) int64) ([]matching.TitleVector, []int64, error) {
	if len(titles) == 0 {
		return nil, nil, nil
	}
	vecs, err := e.enc.EncodeTitles(ctx, titles)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, len(idx))
	for j, i := range idx {
		ids[j] = id(i)
	}
	return vecs, ids, nil
}

func (e *Engine) upsertVacancy(ix *vectorstore.Index, v matching.Vacancy) error {
	p := vacancyPayload(v)
	p.Tags = append(p.Tags, e.rulesFor(v.TitleVector.Vector)...)
	e.noteRequirements(p.Tags)
	if err := ix.Upsert(uint64(v.ID), v.TitleVector.Vector, p); err != nil {
		return fmt.Errorf("engine: index vacancy %d: %w", v.ID, err)
	}
	return nil
}

func (e *Engine) upsertCandidate(ix *vectorstore.Index, c matching.Candidate) error {
	p := candidatePayload(c)
	p.Tags = append(p.Tags, e.rulesFor(c.TitleVector.Vector)...)
	if err := ix.Upsert(uint64(c.ID), c.TitleVector.Vector, p); err != nil {
		return fmt.Errorf("engine: index candidate %d: %w", c.ID, err)
	}
	return nil
}

// rulesFor returns the rule tags of a point (nil before rules are loaded).
func (e *Engine) rulesFor(vec []float32) []string {
	rs := e.rules.Load()
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
	if err := e.applyLocked(ctx, changes); err != nil {
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
	return e.applyLocked(ctx, changes)
}

// applyLocked re-reads each changed record and puts the index in its state:
// upserted when it should be searchable, removed otherwise.
func (e *Engine) applyLocked(ctx context.Context, changes []matching.Change) error {
	var vacIDs, candIDs []int64
	rulesChanged := false
	for _, c := range changes {
		switch c.Entity {
		case matching.EntityVacancy:
			vacIDs = append(vacIDs, c.ID)
		case matching.EntityCandidate:
			candIDs = append(candIDs, c.ID)
		case matching.EntityRule:
			rulesChanged = true
		}
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
		if err := e.applyVacancies(ctx, batch); err != nil {
			return err
		}
	}
	for len(candIDs) > 0 {
		batch := candIDs[:min(len(candIDs), rebuildPage)]
		candIDs = candIDs[len(batch):]
		if err := e.applyCandidates(ctx, batch); err != nil {
			return err
		}
	}
	if rulesChanged {
		return e.reloadRulesLocked(ctx)
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

func (e *Engine) applyVacancies(ctx context.Context, ids []int64) error {
	rows, err := e.store.IndexVacancies(ctx, ids)
	if err != nil {
		return err
	}
	if err := e.refreshVacancyVectors(ctx, rows); err != nil {
		return err
	}
	seen := make(map[int64]bool, len(rows))
	for _, v := range rows {
		seen[v.ID] = true
		if !e.vacancyIndexable(v) {
			e.vacancies.Delete(uint64(v.ID))
			continue
		}
		if err := e.upsertVacancy(e.vacancies, v); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if !seen[id] {
			e.vacancies.Delete(uint64(id))
		}
	}
	e.dirty = e.dirty || len(ids) > 0
	return nil
}

func (e *Engine) applyCandidates(ctx context.Context, ids []int64) error {
	rows, err := e.store.IndexCandidates(ctx, ids)
	if err != nil {
		return err
	}
	if err := e.refreshCandidateVectors(ctx, rows); err != nil {
		return err
	}
	seen := make(map[int64]bool, len(rows))
	for _, c := range rows {
		seen[c.ID] = true
		if !e.candidateIndexable(c) {
			e.candidates.Delete(uint64(c.ID))
			continue
		}
		if err := e.upsertCandidate(e.candidates, c); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if !seen[id] {
			e.candidates.Delete(uint64(id))
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
