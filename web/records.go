package web

import (
	"context"

	"jobmatch/matching"
)

// Writes follow one order everywhere: encode the title (a title the encoder
// cannot read is a field error and nothing is written), commit to Postgres,
// then tell the index. If the index update fails after the commit, the
// change is not lost: the engine's catch-up replays it from the change log.

// saveVacancy creates (v.ID == 0) or updates v.
func (s *Server) saveVacancy(ctx context.Context, actor matching.Actor, v *matching.Vacancy) error {
	if err := s.matcher.PrepareVacancy(ctx, v); err != nil {
		return err
	}
	var err error
	if v.ID == 0 {
		err = s.store.CreateVacancy(ctx, actor, v)
	} else {
		err = s.store.UpdateVacancy(ctx, actor, v)
	}
	if err != nil {
		return err
	}
	s.indexChanged(ctx, matching.EntityVacancy, v.ID)
	return nil
}

func (s *Server) deleteVacancy(ctx context.Context, actor matching.Actor, id int64) error {
	if err := s.store.DeleteVacancy(ctx, actor, id); err != nil {
		return err
	}
	s.indexChanged(ctx, matching.EntityVacancy, id)
	return nil
}

// saveCandidate creates (c.ID == 0) or updates c.
func (s *Server) saveCandidate(ctx context.Context, actor matching.Actor, c *matching.Candidate) error {
	if err := s.matcher.PrepareCandidate(ctx, c); err != nil {
		return err
	}
	var err error
	if c.ID == 0 {
		err = s.store.CreateCandidate(ctx, actor, c)
	} else {
		err = s.store.UpdateCandidate(ctx, actor, c)
	}
	if err != nil {
		return err
	}
	s.indexChanged(ctx, matching.EntityCandidate, c.ID)
	return nil
}

func (s *Server) deleteCandidate(ctx context.Context, actor matching.Actor, id int64) error {
	if err := s.store.DeleteCandidate(ctx, actor, id); err != nil {
		return err
	}
	s.indexChanged(ctx, matching.EntityCandidate, id)
	return nil
}

// indexChanged applies a committed change to the index now. A failure is
// logged, not returned: the commit stands and the catch-up applies it.
func (s *Server) indexChanged(ctx context.Context, entity string, id int64) {
	if err := s.matcher.Changed(ctx, matching.Change{Entity: entity, ID: id}); err != nil {
		s.log.Error("index update after commit failed; the catch-up will retry", "entity", entity, "id", id, "error", err.Error())
	}
}
