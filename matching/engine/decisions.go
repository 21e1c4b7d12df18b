package engine

import (
	"context"
	"sync"

	"jobmatch/matching"
)

// dismissals are the pairs users set aside: the candidates a recruiter
// marked not a fit for a vacancy, and the positions a candidate marked not
// for them. Their lists leave them out inside the search filter (so pages
// stay full and counts exact) and show them under their own tab. They are
// read from Postgres at start and kept in step by the catch-up, like
// indexed rows; a decision never changes another vacancy's or candidate's
// list.
type dismissals struct {
	mu          sync.RWMutex
	byVacancy   map[int64][]uint64 // vacancy → candidates not a fit
	byCandidate map[int64][]uint64 // candidate → vacancies not for them
}

func (d *dismissals) ofVacancy(id int64) []uint64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.byVacancy[id]
}

func (d *dismissals) ofCandidate(id int64) []uint64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.byCandidate[id]
}

// loadDismissals reads every dismissal.
func (e *Engine) loadDismissals(ctx context.Context) error {
	all, err := e.store.Dismissals(ctx)
	if err != nil {
		return err
	}
	byV, byC := map[int64][]uint64{}, map[int64][]uint64{}
	for _, d := range all {
		switch d.Verdict {
		case matching.NotAFit:
			byV[d.VacancyID] = append(byV[d.VacancyID], uint64(d.CandidateID))
		case matching.NotForMe:
			byC[d.CandidateID] = append(byC[d.CandidateID], uint64(d.VacancyID))
		}
	}
	e.dismissed.mu.Lock()
	e.dismissed.byVacancy, e.dismissed.byCandidate = byV, byC
	e.dismissed.mu.Unlock()
	return nil
}

// reloadDismissals re-reads the dismissals of the vacancies and candidates
// whose decisions changed, one query per side.
func (e *Engine) reloadDismissals(ctx context.Context, vacancies, candidates []int64) error {
	read := func(v matching.Verdict, ids []int64) (map[int64][]int64, error) {
		if len(ids) == 0 {
			return nil, nil
		}
		return e.store.Dismissed(ctx, v, ids)
	}
	vs, err := read(matching.NotAFit, vacancies)
	if err != nil {
		return err
	}
	cs, err := read(matching.NotForMe, candidates)
	if err != nil {
		return err
	}
	e.dismissed.mu.Lock()
	defer e.dismissed.mu.Unlock()
	if e.dismissed.byVacancy == nil {
		e.dismissed.byVacancy, e.dismissed.byCandidate = map[int64][]uint64{}, map[int64][]uint64{}
	}
	set := func(m map[int64][]uint64, ids []int64, got map[int64][]int64) {
		for _, id := range ids {
			var list []uint64
			for _, g := range got[id] {
				list = append(list, uint64(g))
			}
			m[id] = list
		}
	}
	set(e.dismissed.byVacancy, vacancies, vs)
	set(e.dismissed.byCandidate, candidates, cs)
	return nil
}

// Decide records a user's decision on a vacancy–candidate pair; a "not a
// fit" or "not for me" takes the other record off the decider's list at
// once. d gets its ID, time and both titles.
func (e *Engine) Decide(ctx context.Context, actor matching.Actor, d *matching.Decision) error {
	if err := e.store.Decide(ctx, actor, d); err != nil {
		return err
	}
	return e.decisionsChanged(ctx, d.VacancyID, d.CandidateID)
}

// Undecide withdraws side's decision on a pair, putting a dismissed record
// back on the list.
func (e *Engine) Undecide(ctx context.Context, actor matching.Actor, side matching.Side, vacancyID, candidateID int64) error {
	if err := e.store.Undecide(ctx, actor, side, vacancyID, candidateID); err != nil {
		return err
	}
	return e.decisionsChanged(ctx, vacancyID, candidateID)
}

func (e *Engine) decisionsChanged(ctx context.Context, vacancyID, candidateID int64) error {
	return e.Changed(ctx, matching.Change{Entity: matching.EntityVacancyDecisions, ID: vacancyID},
		matching.Change{Entity: matching.EntityCandidateDecisions, ID: candidateID})
}
