package matching

import (
	"fmt"
	"time"
)

// ExclusionRule is an admin's correction to the title space: a query whose
// title scores at least MinScoreA with AnchorA never returns results scoring
// at least MinScoreB with AnchorB. Scores are the calibrated match scores
// users see on results (the probability that two titles name the same
// occupation), so a rule means the same under every model. It carries its
// provenance (who, why, when) because a silent suppression is a bug nobody
// can find.
type ExclusionRule struct {
	ID        int64      `json:"id"`
	AnchorA   string     `json:"anchor_a"`
	AnchorB   string     `json:"anchor_b"`
	MinScoreA float32    `json:"min_score_a"` // match score in (0, 1]
	MinScoreB float32    `json:"min_score_b"`
	Reason    string     `json:"reason"`
	CreatedBy int64      `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	Enabled   bool       `json:"enabled"`

	// Anchor vectors, encoded once when the rule is saved.
	VectorA, VectorB TitleVector `json:"-"`
}

// ActiveAt reports whether the rule applies at time t: enabled and not expired.
func (r ExclusionRule) ActiveAt(t time.Time) bool {
	return r.Enabled && (r.ExpiresAt == nil || t.Before(*r.ExpiresAt))
}

// ExclusionRuleInput is a rule as submitted by an admin, before validation.
type ExclusionRuleInput struct {
	AnchorA   string     `json:"anchor_a"`
	AnchorB   string     `json:"anchor_b"`
	MinScoreA float32    `json:"min_score_a"`
	MinScoreB float32    `json:"min_score_b"`
	Reason    string     `json:"reason"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	Enabled   bool       `json:"enabled"`
}

// Rule validates the input at time now and returns the rule it describes.
func (in ExclusionRuleInput) Rule(now time.Time) (ExclusionRule, error) {
	var p problems
	r := ExclusionRule{
		AnchorA:   requireText(&p, "anchor_a", "title for anchor A", in.AnchorA, MaxTitleLen),
		AnchorB:   requireText(&p, "anchor_b", "title for anchor B", in.AnchorB, MaxTitleLen),
		MinScoreA: in.MinScoreA,
		MinScoreB: in.MinScoreB,
		Reason:    requireText(&p, "reason", "reason", in.Reason, 500),
		ExpiresAt: in.ExpiresAt,
		Enabled:   in.Enabled,
	}
	checkMinScore(&p, "min_score_a", in.MinScoreA)
	checkMinScore(&p, "min_score_b", in.MinScoreB)
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		p.add("expires_at", "choose an expiry in the future, or none")
	}
	return r, p.err()
}

// DefaultRuleMinScore is the threshold a new rule starts with on both
// anchors: the "strong match" cut-off, so that a rule saved with the
// defaults touches only titles of the anchor's own occupation.
const DefaultRuleMinScore = 0.86

func checkMinScore(p *problems, field string, v float32) {
	if !(v > 0 && v <= 1) {
		p.add(field, fmt.Sprintf("minimum score must be above 0 and at most 1, e.g. 0.86 for 86 %% (got %g)", v))
	}
}
