package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// CreateAPIToken stores a named token by the hash of its secret and sets t.ID.
func (db *DB) CreateAPIToken(ctx context.Context, actor matching.Actor, t *matching.APIToken, tokenHash []byte) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id, created_at`,
			t.UserID, t.Name, tokenHash).Scan(&t.ID, &t.CreatedAt)
		if err != nil {
			return mapErr("create api token", err)
		}
		return writeAudit(ctx, tx, actor, "create", "api_token", t.ID, map[string]any{"name": t.Name})
	})
}

// APITokenUser returns the owner of an unrevoked token and records its
// use. last_used_at is written at most once a minute per token: a write on
// every API call would cost more than the call itself.
func (db *DB) APITokenUser(ctx context.Context, tokenHash []byte) (matching.User, error) {
	var u matching.User
	var tokenID int64
	var stale bool
	err := db.pool.QueryRow(ctx, `
		SELECT u.id, u.email, u.role, u.password_hash, u.created_at, t.id,
			t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, tokenHash,
	).Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt, &tokenID, &stale)
	if err != nil {
		return u, mapErr("get api token", err)
	}
	if stale {
		if _, err := db.pool.Exec(ctx, `UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, tokenID); err != nil {
			return u, mapErr("record api token use", err)
		}
	}
	return u, nil
}

// APITokens lists a user's tokens, newest first (never their secrets).
func (db *DB) APITokens(ctx context.Context, userID int64) ([]matching.APIToken, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT id, user_id, name, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, mapErr("list api tokens", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.APIToken, error) {
		var t matching.APIToken
		err := r.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt)
		return t, err
	})
	return list, mapErr("list api tokens", err)
}

// RevokeAPIToken revokes token id of userID; it fails with ErrNotFound for
// another user's token, so users cannot probe each other's tokens.
func (db *DB) RevokeAPIToken(ctx context.Context, actor matching.Actor, userID, id int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`, id, userID)
		if err != nil {
			return mapErr("revoke api token", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("revoke api token", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "revoke", "api_token", id, nil)
	})
}
