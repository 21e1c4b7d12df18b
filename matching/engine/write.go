package engine

import (
	"context"

	"jobmatch/matching"
)

// Every write follows one order: encode the title (a title the encoder
// cannot read is a field error and nothing is written), commit to Postgres,
// then apply the change to the index. If applying fails after the commit,
// the change is not lost: the catch-up replays it from the change log.

// SaveVacancy creates (v.ID == 0) or updates v.
func (e *Engine) SaveVacancy(ctx context.Context, actor matching.Actor, v *matching.Vacancy) error {
	return save(ctx, e, actor, matching.EntityVacancy, v, &v.ID, e.PrepareVacancy, e.store.CreateVacancy, e.store.UpdateVacancy)
}

// SaveCandidate creates (c.ID == 0) or updates c.
func (e *Engine) SaveCandidate(ctx context.Context, actor matching.Actor, c *matching.Candidate) error {
	return save(ctx, e, actor, matching.EntityCandidate, c, &c.ID, e.PrepareCandidate, e.store.CreateCandidate, e.store.UpdateCandidate)
}

// SaveRule creates (r.ID == 0) or updates r; it takes effect at once.
func (e *Engine) SaveRule(ctx context.Context, actor matching.Actor, r *matching.ExclusionRule) error {
	return save(ctx, e, actor, matching.EntityRule, r, &r.ID, e.PrepareRule, e.store.CreateRule, e.store.UpdateRule)
}

// DeleteVacancy deletes the vacancy id.
func (e *Engine) DeleteVacancy(ctx context.Context, actor matching.Actor, id int64) error {
	return e.remove(ctx, actor, matching.EntityVacancy, id, e.store.DeleteVacancy)
}

// DeleteCandidate deletes the candidate id.
func (e *Engine) DeleteCandidate(ctx context.Context, actor matching.Actor, id int64) error {
	return e.remove(ctx, actor, matching.EntityCandidate, id, e.store.DeleteCandidate)
}

// EraseCandidate deletes the candidate id with their account and every
// trace of them (the right to erasure).
func (e *Engine) EraseCandidate(ctx context.Context, actor matching.Actor, id int64) error {
	return e.remove(ctx, actor, matching.EntityCandidate, id, e.store.EraseCandidate)
}

// DeleteRule deletes the rule id; the results it removed come back at once.
func (e *Engine) DeleteRule(ctx context.Context, actor matching.Actor, id int64) error {
	return e.remove(ctx, actor, matching.EntityRule, id, e.store.DeleteRule)
}

// save encodes row with prepare, commits it with create when *id is 0 and
// with update otherwise, and applies the change.
func save[T any](ctx context.Context, e *Engine, actor matching.Actor, entity string, row *T, id *int64,
	prepare func(context.Context, *T) error, create, update func(context.Context, matching.Actor, *T) error) error {
	if err := prepare(ctx, row); err != nil {
		return err
	}
	commit := update
	if *id == 0 {
		commit = create
	}
	if err := commit(ctx, actor, row); err != nil {
		return err
	}
	e.committed(ctx, matching.Change{Entity: entity, ID: *id})
	return nil
}

// remove commits a deletion with del and applies it.
func (e *Engine) remove(ctx context.Context, actor matching.Actor, entity string, id int64,
	del func(context.Context, matching.Actor, int64) error) error {
	if err := del(ctx, actor, id); err != nil {
		return err
	}
	e.committed(ctx, matching.Change{Entity: entity, ID: id})
	return nil
}

// committed applies changes that are already committed. A failure is
// logged, not returned: the commit stands and the catch-up applies it.
func (e *Engine) committed(ctx context.Context, changes ...matching.Change) {
	if len(changes) == 0 {
		return
	}
	if err := e.Changed(ctx, changes...); err != nil {
		e.log.Error("index update after commit failed; the catch-up will retry",
			"entity", changes[0].Entity, "id", changes[0].ID, "changes", len(changes), "error", err.Error())
	}
}
