package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// candidateColumns is the select list scanned by scanCandidate.
const candidateColumns = `
	c.id, COALESCE(c.user_id, 0), c.name, c.email, c.desired_title,
	c.city, c.country, c.latitude, c.longitude, c.open_to_remote, c.searchable,
	c.created_at, c.updated_at,
	ARRAY(SELECT code FROM candidate_languages WHERE candidate_id = c.id ORDER BY code),
	ARRAY(SELECT level FROM candidate_languages WHERE candidate_id = c.id ORDER BY code)`

func scanCandidate(row pgx.Row, extra ...any) (matching.Candidate, error) {
	var c matching.Candidate
	var codes []string
	var levels []int16
	dest := []any{&c.ID, &c.UserID, &c.Name, &c.Email, &c.DesiredTitle,
		&c.Location.City, &c.Location.Country, &c.Location.Latitude, &c.Location.Longitude,
		&c.OpenToRemote, &c.Searchable, &c.CreatedAt, &c.UpdatedAt, &codes, &levels}
	err := row.Scan(append(dest, extra...)...)
	c.Languages = joinSkills(codes, levels)
	return c, err
}

// CreateCandidate inserts c with its languages and sets c.ID and its times.
func (db *DB) CreateCandidate(ctx context.Context, actor matching.Actor, c *matching.Candidate) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if err := insertCandidate(ctx, tx, c); err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, "create", "candidate", c.ID, map[string]any{"desired_title": c.DesiredTitle})
	})
}

func insertCandidate(ctx context.Context, tx pgx.Tx, c *matching.Candidate) error {
	codes, levels := splitSkills(c.Languages)
	var userID *int64
	if c.UserID != 0 {
		userID = &c.UserID
	}
	vec, conf, version := vectorArgs(c.TitleVector)
	err := tx.QueryRow(ctx, `
		WITH c AS (
			INSERT INTO candidates (user_id, name, email, desired_title, city, country, latitude, longitude, open_to_remote, searchable,
				title_vector, title_confidence, model_version, import_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $13, $14, $15, NULLIF($16, ''))
			ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING
			RETURNING id, created_at, updated_at
		), l AS (
			INSERT INTO candidate_languages (candidate_id, code, level)
			SELECT c.id, u.code, u.level FROM c, unnest($11::text[], $12::smallint[]) AS u(code, level)
		)
		SELECT id, created_at, updated_at FROM c`,
		userID, c.Name, c.Email, c.DesiredTitle, c.Location.City, c.Location.Country,
		c.Location.Latitude, c.Location.Longitude, c.OpenToRemote, c.Searchable, codes, levels, vec, conf, version, c.ImportKey,
	).Scan(&c.ID, &c.CreatedAt, &c.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return errAlreadyImported
	}
	return mapErr("create candidate", err)
}

// Candidate returns the candidate with id, or an error wrapping ErrNotFound.
func (db *DB) Candidate(ctx context.Context, id int64) (matching.Candidate, error) {
	c, err := scanCandidate(db.pool.QueryRow(ctx, `SELECT `+candidateColumns+` FROM candidates c WHERE c.id = $1`, id))
	return c, mapErr("get candidate", err)
}

// UpdateCandidate replaces the editable fields and languages of candidate c.ID
// and refreshes c.UpdatedAt and c.CreatedAt.
func (db *DB) UpdateCandidate(ctx context.Context, actor matching.Actor, c *matching.Candidate) error {
	vec, conf, version := vectorArgs(c.TitleVector)
	return db.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			UPDATE candidates SET name = $2, email = $3, desired_title = $4, city = $5, country = $6,
				latitude = $7, longitude = $8, open_to_remote = $9, searchable = $10, updated_at = now(),
				title_vector = $11, title_confidence = $12, model_version = $13
			WHERE id = $1 RETURNING created_at, updated_at`,
			c.ID, c.Name, c.Email, c.DesiredTitle, c.Location.City, c.Location.Country,
			c.Location.Latitude, c.Location.Longitude, c.OpenToRemote, c.Searchable, vec, conf, version,
		).Scan(&c.CreatedAt, &c.UpdatedAt)
		if err != nil {
			return mapErr("update candidate", err)
		}
		codes, levels := splitSkills(c.Languages)
		if _, err := tx.Exec(ctx, `DELETE FROM candidate_languages WHERE candidate_id = $1`, c.ID); err != nil {
			return mapErr("update candidate languages", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO candidate_languages (candidate_id, code, level)
			SELECT $1, u.code, u.level FROM unnest($2::text[], $3::smallint[]) AS u(code, level)`,
			c.ID, codes, levels); err != nil {
			return mapErr("update candidate languages", err)
		}
		return writeAudit(ctx, tx, actor, "update", "candidate", c.ID, map[string]any{"desired_title": c.DesiredTitle})
	})
}

// DeleteCandidate removes the candidate and their languages.
func (db *DB) DeleteCandidate(ctx context.Context, actor matching.Actor, id int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM candidates WHERE id = $1`, id)
		if err != nil {
			return mapErr("delete candidate", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("delete candidate", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "delete", "candidate", id, nil)
	})
}

// candidateWhere filters candidates with the arguments of candidateArgs ($1..$6).
const candidateWhere = `
	WHERE ($1 = '' OR c.country = $1)
	  AND ($2 = '' OR lower(c.city) = lower($2))
	  AND ($3 = '' OR EXISTS (SELECT 1 FROM candidate_languages l
	                          WHERE l.candidate_id = c.id AND l.code = $3 AND l.level >= $4))
	  AND ($5 = '%%' OR c.desired_title ILIKE $5 ESCAPE '\')
	  AND (NOT $6 OR c.searchable)`

func candidateArgs(f matching.CandidateFilter) []any {
	return []any{string(f.Country), f.City, string(f.Language), int16(f.MinLevel),
		likePattern(f.TitleContains), f.SearchableOnly}
}

// ListCandidates returns one page of candidates matching f, newest first, and
// the total number that match.
func (db *DB) ListCandidates(ctx context.Context, f matching.CandidateFilter) ([]matching.Candidate, int, error) {
	args := append(candidateArgs(f), f.PerPage, f.Offset())
	rows, err := db.pool.Query(ctx, `SELECT `+candidateColumns+`, COUNT(*) OVER() FROM candidates c`+
		candidateWhere+` ORDER BY c.created_at DESC, c.id DESC LIMIT $7 OFFSET $8`, args...)
	if err != nil {
		return nil, 0, mapErr("list candidates", err)
	}
	total := 0
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Candidate, error) {
		return scanCandidate(r, &total)
	})
	if err != nil {
		return nil, 0, mapErr("list candidates", err)
	}
	if len(list) == 0 && f.Page > 1 {
		// COUNT(*) OVER() has no row to ride on past the last page.
		err = db.pool.QueryRow(ctx, `SELECT COUNT(*) FROM candidates c`+candidateWhere, candidateArgs(f)...).Scan(&total)
	}
	return list, total, mapErr("count candidates", err)
}

// CandidateByUser returns the profile owned by candidate account userID.
func (db *DB) CandidateByUser(ctx context.Context, userID int64) (matching.Candidate, error) {
	c, err := scanCandidate(db.pool.QueryRow(ctx, `SELECT `+candidateColumns+` FROM candidates c WHERE c.user_id = $1`, userID))
	return c, mapErr("get candidate by user", err)
}

// EraseCandidate removes a candidate for good (GDPR erasure): the profile,
// its languages and shortlist entries, the candidate's own account with its
// sessions and tokens, and personal details kept in audit entries about
// them. The erasure itself is recorded, without personal data.
func (db *DB) EraseCandidate(ctx context.Context, actor matching.Actor, id int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var userID *int64
		if err := tx.QueryRow(ctx, `SELECT user_id FROM candidates WHERE id = $1 FOR UPDATE`, id).Scan(&userID); err != nil {
			return mapErr("erase candidate", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM candidates WHERE id = $1`, id); err != nil {
			return mapErr("erase candidate", err)
		}
		uid := int64(0)
		if userID != nil {
			uid = *userID
		}
		if _, err := tx.Exec(ctx, `
			UPDATE audit_log SET detail = '{}'::jsonb
			WHERE (entity = 'candidate' AND entity_id = $1) OR (entity = 'user' AND entity_id = $2)`, id, uid); err != nil {
			return mapErr("erase candidate audit details", err)
		}
		if userID != nil {
			if _, err := tx.Exec(ctx, `UPDATE audit_log SET actor_label = 'erased user' WHERE actor_id = $1`, uid); err != nil {
				return mapErr("erase candidate audit actor", err)
			}
			if _, err := tx.Exec(ctx, `DELETE FROM users WHERE id = $1 AND role = 'candidate'`, uid); err != nil {
				return mapErr("erase candidate account", err)
			}
		}
		return writeAudit(ctx, tx, actor, "erase", "candidate", id, map[string]any{"account_deleted": userID != nil})
	})
}
