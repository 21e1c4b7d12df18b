package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// writeAudit records one change inside the transaction that makes it, so the
// log never claims a change that was rolled back (nor misses one that was not).
func writeAudit(ctx context.Context, tx pgx.Tx, actor matching.Actor, action, entity string, id int64, detail map[string]any) error {
	if detail == nil {
		detail = map[string]any{}
	}
	b, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("postgres: audit detail: %w", err)
	}
	var actorID *int64
	if actor.UserID != 0 {
		actorID = &actor.UserID
	}
	label := actor.Label
	if label == "" {
		label = "anonymous"
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO audit_log (actor_id, actor_label, action, entity, entity_id, detail)
		VALUES ($1, $2, $3, $4, $5, $6)`, actorID, label, action, entity, id, b)
	return mapErr("write audit log", err)
}

// AuditLog returns the newest entries for one record (entity, id), newest first.
func (db *DB) AuditLog(ctx context.Context, entity string, id int64, limit int) ([]matching.AuditEntry, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT id, at, COALESCE(actor_id, 0), actor_label, action, entity, COALESCE(entity_id, 0), detail
		FROM audit_log WHERE entity = $1 AND entity_id = $2
		ORDER BY at DESC, id DESC LIMIT $3`, entity, id, limit)
	if err != nil {
		return nil, mapErr("list audit log", err)
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.AuditEntry, error) {
		var e matching.AuditEntry
		err := r.Scan(&e.ID, &e.At, &e.Actor.UserID, &e.Actor.Label, &e.Action, &e.Entity, &e.EntityID, &e.Detail)
		return e, err
	})
	return entries, mapErr("list audit log", err)
}

// RecentAudit returns the newest audit entries, of one entity kind when
// entity is not empty.
func (db *DB) RecentAudit(ctx context.Context, entity string, limit int) ([]matching.AuditEntry, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT id, at, COALESCE(actor_id, 0), actor_label, action, entity, COALESCE(entity_id, 0), detail
		FROM audit_log WHERE $1 = '' OR entity = $1
		ORDER BY id DESC LIMIT $2`, entity, limit)
	if err != nil {
		return nil, mapErr("recent audit log", err)
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.AuditEntry, error) {
		var e matching.AuditEntry
		err := r.Scan(&e.ID, &e.At, &e.Actor.UserID, &e.Actor.Label, &e.Action, &e.Entity, &e.EntityID, &e.Detail)
		return e, err
	})
	return entries, mapErr("recent audit log", err)
}

// actorID is the user behind actor for a column referencing users, or NULL
// for jobmatch itself.
func actorID(actor matching.Actor) *int64 {
	if actor.UserID == 0 {
		return nil
	}
	return &actor.UserID
}
