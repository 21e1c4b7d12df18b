package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

const ruleColumns = `id, anchor_a, anchor_b, threshold_a, threshold_b, reason, created_by,
	created_at, updated_at, expires_at, enabled, anchor_a_vector, anchor_b_vector, COALESCE(model_version, '')`

func scanRule(row pgx.Row) (matching.ExclusionRule, error) {
	var r matching.ExclusionRule
	var version string
	err := row.Scan(&r.ID, &r.AnchorA, &r.AnchorB, &r.ThresholdA, &r.ThresholdB, &r.Reason, &r.CreatedBy,
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
			INSERT INTO exclusion_rules (anchor_a, anchor_b, threshold_a, threshold_b, reason, created_by, expires_at, enabled,
				anchor_a_vector, anchor_b_vector, model_version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, created_at, updated_at`,
			r.AnchorA, r.AnchorB, r.ThresholdA, r.ThresholdB, r.Reason, r.CreatedBy, r.ExpiresAt, r.Enabled,
			vecA, vecB, version,
		).Scan(&r.ID, &r.CreatedAt, &r.UpdatedAt)
		if err != nil {
			return mapErr("create exclusion rule", err)
		}
		// Every editable field, as UpdateRule records them, so the audit
		// trail can show each later change as old → new.
		return writeAudit(ctx, tx, actor, "create", "exclusion_rule", r.ID, map[string]any{
			"anchor_a": r.AnchorA, "anchor_b": r.AnchorB, "threshold_a": r.ThresholdA, "threshold_b": r.ThresholdB,
			"reason": r.Reason, "enabled": r.Enabled, "expires_at": r.ExpiresAt})
	})
}

// Rule returns the exclusion rule with id.
func (db *DB) Rule(ctx context.Context, id int64) (matching.ExclusionRule, error) {
	r, err := scanRule(db.pool.QueryRow(ctx, `SELECT `+ruleColumns+` FROM exclusion_rules WHERE id = $1`, id))
	return r, mapErr("get exclusion rule", err)
}

// Rules lists every exclusion rule, newest first; there are few of them.
func (db *DB) Rules(ctx context.Context) ([]matching.ExclusionRule, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+ruleColumns+` FROM exclusion_rules ORDER BY id DESC`)
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
			UPDATE exclusion_rules SET anchor_a = $2, anchor_b = $3, threshold_a = $4, threshold_b = $5, reason = $6,
				expires_at = $7, enabled = $8, anchor_a_vector = $9, anchor_b_vector = $10, model_version = $11, updated_at = now()
			WHERE id = $1 RETURNING created_by, created_at, updated_at`,
			r.ID, r.AnchorA, r.AnchorB, r.ThresholdA, r.ThresholdB, r.Reason, r.ExpiresAt, r.Enabled, vecA, vecB, version,
		).Scan(&r.CreatedBy, &r.CreatedAt, &r.UpdatedAt)
		if err != nil {
			return mapErr("update exclusion rule", err)
		}
		return writeAudit(ctx, tx, actor, "update", "exclusion_rule", r.ID, map[string]any{
			"anchor_a": r.AnchorA, "anchor_b": r.AnchorB, "threshold_a": r.ThresholdA, "threshold_b": r.ThresholdB,
			"reason": r.Reason, "enabled": r.Enabled, "expires_at": r.ExpiresAt})
	})
}

// DeleteRule removes a rule; its audit trail stays.
func (db *DB) DeleteRule(ctx context.Context, actor matching.Actor, id int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM exclusion_rules WHERE id = $1`, id)
		if err != nil {
			return mapErr("delete exclusion rule", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("delete exclusion rule", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "delete", "exclusion_rule", id, nil)
	})
}
