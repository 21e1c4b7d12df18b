package postgres

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"time"
)

// TakeAttempt counts an attempt under key when its bucket (burst attempts,
// regaining one every interval) has one left, and reports whether it had.
// One statement decides and counts, so concurrent attempts on any replica
// never both take the last one.
func (db *DB) TakeAttempt(ctx context.Context, key string, every time.Duration, burst int) (bool, error) {
	h := sha256.Sum256([]byte(key))
	now := db.now()
	rows, err := db.pool.Query(ctx, `
		INSERT INTO signin_attempts AS a (key, full_at) VALUES ($1, $2::timestamptz + $3 * interval '1 microsecond')
		ON CONFLICT (key) DO UPDATE SET full_at = GREATEST(a.full_at, $2) + $3 * interval '1 microsecond'
			WHERE a.full_at <= $2::timestamptz + $4 * interval '1 microsecond'
		RETURNING 1`, h[:], now, every.Microseconds(), (time.Duration(burst-1) * every).Microseconds())
	if err != nil {
		return false, mapErr("take sign-in attempt", err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n == 1, mapErr("take sign-in attempt", rows.Err())
}

// ForgetAttempts forgets key's attempts, and every full bucket with them.
func (db *DB) ForgetAttempts(ctx context.Context, key string) error {
	h := sha256.Sum256([]byte(key))
	_, err := db.pool.Exec(ctx, `DELETE FROM signin_attempts WHERE key = $1 OR full_at < $2`, h[:], db.now())
	return mapErr("forget sign-in attempts", err)
}

// SharedKey returns the random 32-byte key called name that every replica
// shares, creating it the first time any asks.
func (db *DB) SharedKey(ctx context.Context, name string) ([]byte, error) {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // never fails on Linux
	_, err := db.pool.Exec(ctx, `INSERT INTO shared_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, key)
	if err != nil {
		return nil, mapErr("shared key", err)
	}
	err = db.pool.QueryRow(ctx, `SELECT value FROM shared_keys WHERE name = $1`, name).Scan(&key)
	return key, mapErr("shared key", err)
}
