package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

const modelColumns = `version, manifest, dir, COALESCE(trained_by, 0), created_at, COALESCE(promoted_by, 0), promoted_at, current`

func scanModel(row pgx.Row) (matching.ModelVersion, error) {
	var m matching.ModelVersion
	err := row.Scan(&m.Version, &m.Manifest, &m.Dir, &m.TrainedBy, &m.CreatedAt, &m.PromotedBy, &m.PromotedAt, &m.Current)
	return m, err
}

// RegisterModel records a model version, audited; a version already
// recorded is left as it is. The first version recorded becomes current.
func (db *DB) RegisterModel(ctx context.Context, actor matching.Actor, m *matching.ModelVersion) error {
	return db.inTx(ctx, func(tx pgx.Tx) error { return registerModel(ctx, tx, actor, m) })
}

// registerModel is RegisterModel inside tx.
func registerModel(ctx context.Context, tx pgx.Tx, actor matching.Actor, m *matching.ModelVersion) error {
	by := actorID(actor)
	tag, err := tx.Exec(ctx, `
		INSERT INTO model_versions (version, manifest, dir, trained_by, current, promoted_at)
		SELECT $1, $2, $3, $4, NOT EXISTS (SELECT 1 FROM model_versions WHERE current),
			CASE WHEN EXISTS (SELECT 1 FROM model_versions WHERE current) THEN NULL ELSE now() END
		ON CONFLICT (version) DO NOTHING`, m.Version, m.Manifest, m.Dir, by)
	if err != nil {
		return mapErr("register model", err)
	}
	got, err := scanModel(tx.QueryRow(ctx, `SELECT `+modelColumns+` FROM model_versions WHERE version = $1`, m.Version))
	if err != nil {
		return mapErr("register model", err)
	}
	*m = got
	if tag.RowsAffected() == 0 {
		return nil
	}
	return writeAudit(ctx, tx, actor, "register", "model_version", 0, map[string]any{"version": m.Version, "dir": m.Dir, "current": m.Current})
}

// ModelVersions lists every model version, the current one first, then
// newest first.
func (db *DB) ModelVersions(ctx context.Context) ([]matching.ModelVersion, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+modelColumns+` FROM model_versions ORDER BY current DESC, created_at DESC, version`)
	if err != nil {
		return nil, mapErr("list model versions", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.ModelVersion, error) { return scanModel(r) })
	return list, mapErr("list model versions", err)
}

// SetCurrentModel makes version the current model, audited with the
// version it replaces. A missing version is ErrNotFound.
func (db *DB) SetCurrentModel(ctx context.Context, actor matching.Actor, version string) error {
	by := actorID(actor)
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var previous string
		err := tx.QueryRow(ctx, `SELECT version FROM model_versions WHERE current FOR UPDATE`).Scan(&previous)
		if err != nil && err != pgx.ErrNoRows {
			return mapErr("promote model", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE model_versions SET current = false WHERE current`); err != nil {
			return mapErr("promote model", err)
		}
		tag, err := tx.Exec(ctx, `UPDATE model_versions SET current = true, promoted_by = $2, promoted_at = now() WHERE version = $1`, version, by)
		if err != nil {
			return mapErr("promote model", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("promote model", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "promote", "model_version", 0, map[string]any{"version": version, "previous": previous})
	})
}

// CurrentModel returns the current model version, or ErrNotFound before
// any is recorded.
func (db *DB) CurrentModel(ctx context.Context) (matching.ModelVersion, error) {
	m, err := scanModel(db.pool.QueryRow(ctx, `SELECT `+modelColumns+` FROM model_versions WHERE current`))
	return m, mapErr("current model", err)
}
