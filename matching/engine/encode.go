package engine

import (
	"context"
	"fmt"

	"jobmatch/matching"
)

// EncodeTitle returns the title vector for title, or a *matching.FieldError
// for field when the encoder cannot read it, so forms and the API can say
// what to fix before anything is written.
func (e *Engine) EncodeTitle(ctx context.Context, field, title string) (matching.TitleVector, error) {
	return e.gen.Load().encodeTitle(ctx, field, title)
}

// encodeTitle is EncodeTitle with g's encoder.
func (g *generation) encodeTitle(ctx context.Context, field, title string) (matching.TitleVector, error) {
	vecs, err := g.enc.EncodeTitles(ctx, []string{title})
	if err != nil {
		return matching.TitleVector{}, err
	}
	if vecs[0].IsZero() {
		return matching.TitleVector{}, &matching.FieldError{Field: field,
			Message: "we cannot read this title: write it with words, e.g. \"Senior Java Developer\""}
	}
	return vecs[0], nil
}

// PrepareVacancy encodes v's title into v.TitleVector before it is saved.
func (e *Engine) PrepareVacancy(ctx context.Context, v *matching.Vacancy) error {
	t, err := e.EncodeTitle(ctx, "title", v.Title)
	v.TitleVector = t
	return err
}

// PrepareCandidate encodes c's desired title into c.TitleVector before it is saved.
func (e *Engine) PrepareCandidate(ctx context.Context, c *matching.Candidate) error {
	t, err := e.EncodeTitle(ctx, "desired_title", c.DesiredTitle)
	c.TitleVector = t
	return err
}

// PrepareRule encodes both anchors of r before it is saved, and refuses
// thresholds no title can reach: identical titles score Score(1), the most
// the model's calibration gives.
func (e *Engine) PrepareRule(ctx context.Context, r *matching.ExclusionRule) error {
	return e.gen.Load().prepareRule(ctx, r)
}

// prepareRule is PrepareRule with g's encoder.
func (g *generation) prepareRule(ctx context.Context, r *matching.ExclusionRule) error {
	if top := g.enc.Score(1); r.MinScoreA > top || r.MinScoreB > top {
		field := "min_score_a"
		if r.MinScoreA <= top {
			field = "min_score_b"
		}
		return &matching.FieldError{Field: field, Message: fmt.Sprintf("no title scores above %.0f %% (identical titles); choose a lower minimum score", 100*top)}
	}
	a, err := g.encodeTitle(ctx, "anchor_a", r.AnchorA)
	if err != nil {
		return err
	}
	b, err := g.encodeTitle(ctx, "anchor_b", r.AnchorB)
	r.VectorA, r.VectorB = a, b
	return err
}
