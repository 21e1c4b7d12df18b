package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// CreateSession stores a sign-in session by the hash of its secret.
func (db *DB) CreateSession(ctx context.Context, userID int64, tokenHash []byte, expires time.Time) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`,
			tokenHash, userID, expires); err != nil {
			return mapErr("create session", err)
		}
		// Expired sessions are removed as new ones are made, so the table
		// never grows without bound and no background job is needed.
		_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expires_at < now()`)
		return mapErr("expire sessions", err)
	})
}

// SessionUser returns the user of an unexpired session, or ErrNotFound.
func (db *DB) SessionUser(ctx context.Context, tokenHash []byte) (matching.User, error) {
	var u matching.User
	err := db.pool.QueryRow(ctx, `
		SELECT u.id, u.email, u.role, u.password_hash, u.created_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > now()`, tokenHash,
	).Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt)
	return u, mapErr("get session", err)
}

// DeleteSession signs a session out; deleting a missing session is not an error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return mapErr("delete session", err)
}
