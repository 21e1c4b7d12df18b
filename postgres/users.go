package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// CreateUser inserts u and sets u.ID and u.CreatedAt. A second account with the
// same email (ignoring case) fails with ErrConflict.
func (db *DB) CreateUser(ctx context.Context, actor matching.Actor, u *matching.User) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO users (email, role, password_hash) VALUES ($1, $2, $3)
			RETURNING id, created_at`, u.Email, string(u.Role), u.PasswordHash).Scan(&u.ID, &u.CreatedAt)
		if err != nil {
			return mapErr("create user", err)
		}
		return writeAudit(ctx, tx, actor, "create", "user", u.ID, map[string]any{"email": u.Email, "role": u.Role})
	})
}

// UserByEmail finds an account by email, ignoring case.
func (db *DB) UserByEmail(ctx context.Context, email string) (matching.User, error) {
	var u matching.User
	err := db.pool.QueryRow(ctx, `
		SELECT id, email, role, password_hash, created_at FROM users WHERE lower(email) = lower($1)`, email,
	).Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt)
	return u, mapErr("get user", err)
}

// UsersByRole lists the accounts with role, oldest first.
func (db *DB) UsersByRole(ctx context.Context, role matching.Role) ([]matching.User, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT id, email, role, password_hash, created_at FROM users WHERE role = $1 ORDER BY id`, string(role))
	if err != nil {
		return nil, mapErr("list users", err)
	}
	users, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.User, error) {
		var u matching.User
		err := r.Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt)
		return u, err
	})
	return users, mapErr("list users", err)
}

// User returns the account with id.
func (db *DB) User(ctx context.Context, id int64) (matching.User, error) {
	var u matching.User
	err := db.pool.QueryRow(ctx, `SELECT id, email, role, password_hash, created_at FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt)
	return u, mapErr("get user", err)
}

// SetPassword replaces a user's password hash; sessions stay valid.
func (db *DB) SetPassword(ctx context.Context, actor matching.Actor, userID int64, hash string) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, userID, hash)
		if err != nil {
			return mapErr("set password", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("set password", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "set_password", "user", userID, nil)
	})
}

// UsersByEmailSuffix lists accounts whose email ends with suffix, oldest first.
func (db *DB) UsersByEmailSuffix(ctx context.Context, suffix string) ([]matching.User, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT id, email, role, password_hash, created_at FROM users WHERE email LIKE '%' || $1 ORDER BY id`, suffix)
	if err != nil {
		return nil, mapErr("list users", err)
	}
	users, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.User, error) {
		var u matching.User
		err := r.Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt)
		return u, err
	})
	return users, mapErr("list users", err)
}

// Users lists accounts, newest first, with the total count.
func (db *DB) Users(ctx context.Context, limit, offset int) ([]matching.User, int, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT id, email, role, password_hash, created_at, COUNT(*) OVER() FROM users ORDER BY id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, mapErr("list users", err)
	}
	total := 0
	users, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.User, error) {
		var u matching.User
		err := r.Scan(&u.ID, &u.Email, &u.Role, &u.PasswordHash, &u.CreatedAt, &total)
		return u, err
	})
	return users, total, mapErr("list users", err)
}
