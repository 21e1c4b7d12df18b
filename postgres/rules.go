package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

const ruleColumns = `id, anchor_a, anchor_b, min_score_a, min_score_b, reason, created_by,
	created_at, updated_at, expires_at, enabled, anchor_a_vector, anchor_b_vector, COALESCE(model_version, '')`

func scanRule(row pgx.Row) (matching.ExclusionRule, error) {
	var r matching.ExclusionRule
	var version string
	err := row.Scan(&r.ID, &r.AnchorA, &r.AnchorB, &r.MinScoreA, &r.MinScoreB, &r.Reason, &r.CreatedBy,
		&r.CreatedAt, &r.UpdatedAt, &r.ExpiresAt, &r.Enabled, &r.VectorA.Vector, &r.VectorB.Vector, &version)
	r.VectorA.ModelVersion, r.VectorB.ModelVersion = version, version
	return r, err
}

// CreateRule inserts r, created by actor, and sets its ID and times.
func (db *DB) CreateRule(ctx context.Context, actor matching.Actor, r *matching.ExclusionRule) error {
	r.CreatedBy = actor.UserID
	return db.inTx(ctx, func(tx pgx.Tx) error {
		vecA, _, version := vectorArgs(r.VectorA)
		vecB, _, _ := vectorArgs(r.VectorB)
		err := tx.QueryRow(ctx, `
			INSERT INTO exclusion_rules (anchor_a, anchor_b, min_score_a, min_score_b, reason, created_by, expires_at, enabled,
				anchor_a_vector, anchor_b_vector, model_version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, created_at, updated_at`,
			r.AnchorA, r.AnchorB, r.MinScoreA, r.MinScoreB, r.Reason, r.CreatedBy, r.ExpiresAt, r.Enabled,
			vecA, vecB, version,
		).Scan(&r.ID, &r.CreatedAt, &r.UpdatedAt)
		if err != nil {
			return mapErr("create exclusion rule", err)
		}
		// Every editable field, as UpdateRule records them, so the audit
		// trail can show each later change as old → new.
		return writeAudit(ctx, tx, actor, "create", "exclusion_rule", r.ID, map[string]any{
			"anchor_a": r.AnchorA, "anchor_b": r.AnchorB, "min_score_a": r.MinScoreA, "min_score_b": r.MinScoreB,
			"reason": r.Reason, "enabled": r.Enabled, "expires_at": r.ExpiresAt})
	})
}

// Rule returns the exclusion rule with id.
func (db *DB) Rule(ctx context.Context, id int64) (matching.ExclusionRule, error) {
	r, err := scanRule(db.pool.QueryRow(ctx, `SELECT `+ruleColumns+` FROM exclusion_rules WHERE id = $1 AND min_score_a IS NOT NULL`, id))
	return r, mapErr("get exclusion rule", err)
}

// Rules lists every exclusion rule, newest first; there are few of them.
func (db *DB) Rules(ctx context.Context) ([]matching.ExclusionRule, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+ruleColumns+` FROM exclusion_rules WHERE min_score_a IS NOT NULL ORDER BY id DESC`)
	if err != nil {
		return nil, mapErr("list exclusion rules", err)
	}
	rules, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.ExclusionRule, error) { return scanRule(r) })
	return rules, mapErr("list exclusion rules", err)
}

// UpdateRule replaces the editable fields of rule r.ID (anchors, thresholds,
// reason, expiry, enabled) and its anchor vectors; its author stays.
func (db *DB) UpdateRule(ctx context.Context, actor matching.Actor, r *matching.ExclusionRule) error {
	vecA, _, version := vectorArgs(r.VectorA)
	vecB, _, _ := vectorArgs(r.VectorB)
	return db.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			UPDATE exclusion_rules SET anchor_a = $2, anchor_b = $3, min_score_a = $4, min_score_b = $5, similarity_a = NULL, similarity_b = NULL, reason = $6,
				expires_at = $7, enabled = $8, anchor_a_vector = $9, anchor_b_vector = $10, model_version = $11, updated_at = now()
			WHERE id = $1 RETURNING created_by, created_at, updated_at`,
			r.ID, r.AnchorA, r.AnchorB, r.MinScoreA, r.MinScoreB, r.Reason, r.ExpiresAt, r.Enabled, vecA, vecB, version,
		).Scan(&r.CreatedBy, &r.CreatedAt, &r.UpdatedAt)
		if err != nil {
			return mapErr("update exclusion rule", err)
		}
		return writeAudit(ctx, tx, actor, "update", "exclusion_rule", r.ID, map[string]any{
			"anchor_a": r.AnchorA, "anchor_b": r.AnchorB, "min_score_a": r.MinScoreA, "min_score_b": r.MinScoreB,
			"reason": r.Reason, "enabled": r.Enabled, "expires_at": r.ExpiresAt})
	})
}

// DeleteRule removes a rule; its audit trail stays.
func (db *DB) DeleteRule(ctx context.Context, actor matching.Actor, id int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM exclusion_rules WHERE id = $1 AND min_score_a IS NOT NULL`, id)
		if err != nil {
			return mapErr("delete exclusion rule", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("delete exclusion rule", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "delete", "exclusion_rule", id, nil)
	})
}

// ConvertRuleSimilarities gives every rule that still has cosine-similarity
// thresholds (saved before they became match scores) the scores that score
// assigns those similarities, audited as the system, and returns how many
// it converted. Until then such rules are not listed: their thresholds mean
// nothing on the score scale.
func (db *DB) ConvertRuleSimilarities(ctx context.Context, score func(similarity float32) float32) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, similarity_a, similarity_b FROM exclusion_rules WHERE min_score_a IS NULL ORDER BY id FOR UPDATE`)
		if err != nil {
			return err
		}
		type old struct {
			id   int64
			a, b float32
		}
		olds, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (old, error) {
			var o old
			return o, r.Scan(&o.id, &o.a, &o.b)
		})
		if err != nil {
			return err
		}
		for _, o := range olds {
			// A score of 0 would fail the check; the lowest threshold a
			// rule can hold fires about as widely.
			a, b := max(score(o.a), 0.01), max(score(o.b), 0.01)
			if _, err := tx.Exec(ctx, `UPDATE exclusion_rules SET min_score_a = $2, min_score_b = $3,
				similarity_a = NULL, similarity_b = NULL, updated_at = now() WHERE id = $1`, o.id, a, b); err != nil {
				return err
			}
			if err := writeAudit(ctx, tx, matching.System, "update", "exclusion_rule", o.id, map[string]any{
				"min_score_a": a, "min_score_b": b, "similarity_a": o.a, "similarity_b": o.b}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, mapErr("convert exclusion rule thresholds", err)
}
