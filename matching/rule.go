package matching

import (
	"fmt"
	"time"
)

// ExclusionRule is an admin's correction to the title space: a query whose
// title is within ThresholdA of AnchorA never returns results within
// ThresholdB of AnchorB. It carries its provenance (who, why, when) because a
// silent suppression is a bug nobody can find.
type ExclusionRule struct {
	ID         int64      `json:"id"`
	AnchorA    string     `json:"anchor_a"`
	AnchorB    string     `json:"anchor_b"`
	ThresholdA float32    `json:"threshold_a"` // cosine similarity in (0, 1]
	ThresholdB float32    `json:"threshold_b"`
	Reason     string     `json:"reason"`
	CreatedBy  int64      `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	Enabled    bool       `json:"enabled"`

	// Anchor vectors, encoded once when the rule is saved.
	VectorA, VectorB TitleVector `json:"-"`
}

// ActiveAt reports whether the rule applies at time t: enabled and not expired.
func (r ExclusionRule) ActiveAt(t time.Time) bool {
	return r.Enabled && (r.ExpiresAt == nil || t.Before(*r.ExpiresAt))
}

// ExclusionRuleInput is a rule as submitted by an admin, before validation.
type ExclusionRuleInput struct {
	AnchorA    string     `json:"anchor_a"`
	AnchorB    string     `json:"anchor_b"`
	ThresholdA float32    `json:"threshold_a"`
	ThresholdB float32    `json:"threshold_b"`
	Reason     string     `json:"reason"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	Enabled    bool       `json:"enabled"`
}

// Rule validates the input at time now and returns the rule it describes.
func (in ExclusionRuleInput) Rule(now time.Time) (ExclusionRule, error) {
	var p problems
	r := ExclusionRule{
		AnchorA:    requireText(&p, "anchor_a", "title for anchor A", in.AnchorA, MaxTitleLen),
		AnchorB:    requireText(&p, "anchor_b", "title for anchor B", in.AnchorB, MaxTitleLen),
		ThresholdA: in.ThresholdA,
		ThresholdB: in.ThresholdB,
		Reason:     requireText(&p, "reason", "reason", in.Reason, 500),
		ExpiresAt:  in.ExpiresAt,
		Enabled:    in.Enabled,
	}
	checkThreshold(&p, "threshold_a", in.ThresholdA)
	checkThreshold(&p, "threshold_b", in.ThresholdB)
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		p.add("expires_at", "choose an expiry in the future, or none")
	}
	return r, p.err()
}

func checkThreshold(p *problems, field string, v float32) {
	if !(v > 0 && v <= 1) {
		p.add(field, fmt.Sprintf("similarity threshold must be above 0 and at most 1 (got %g)", v))
	}
}
