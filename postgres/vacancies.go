package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// vacancyColumns is the select list scanned by scanVacancy.
const vacancyColumns = `
	v.id, COALESCE(v.recruiter_id, 0), v.title, v.description, v.employer, v.remote,
	v.city, v.country, v.latitude, v.longitude, v.status, v.created_at, v.updated_at,
	ARRAY(SELECT code FROM vacancy_languages WHERE vacancy_id = v.id ORDER BY code),
	ARRAY(SELECT min_level FROM vacancy_languages WHERE vacancy_id = v.id ORDER BY code)`

func scanVacancy(row pgx.Row, extra ...any) (matching.Vacancy, error) {
	var v matching.Vacancy
	var city, country *string
	var lat, lon *float64
	var codes []string
	var levels []int16
	dest := []any{&v.ID, &v.RecruiterID, &v.Title, &v.Description, &v.Employer, &v.Remote,
		&city, &country, &lat, &lon, &v.Status, &v.CreatedAt, &v.UpdatedAt, &codes, &levels}
	err := row.Scan(append(dest, extra...)...)
	if city != nil && country != nil && lat != nil && lon != nil {
		v.Location = matching.Location{City: *city, Country: matching.CountryCode(*country), Latitude: *lat, Longitude: *lon}
	}
	v.Languages = joinSkills(codes, levels)
	return v, err
}

// locationArgs returns NULLs for a remote vacancy without a location, so the
// table's "location complete or absent" constraint holds.
func locationArgs(l matching.Location) (city, country *string, lat, lon *float64) {
	if l.IsZero() {
		return nil, nil, nil, nil
	}
	c, cc := l.City, string(l.Country)
	return &c, &cc, &l.Latitude, &l.Longitude
}

// CreateVacancy inserts v with its language requirements and sets v.ID and its times.
func (db *DB) CreateVacancy(ctx context.Context, actor matching.Actor, v *matching.Vacancy) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if err := insertVacancy(ctx, tx, v); err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, "create", "vacancy", v.ID, map[string]any{"title": v.Title})
	})
}

func insertVacancy(ctx context.Context, tx pgx.Tx, v *matching.Vacancy) error {
	codes, levels := splitSkills(v.Languages)
	city, country, lat, lon := locationArgs(v.Location)
	var recruiterID *int64
	if v.RecruiterID != 0 {
		recruiterID = &v.RecruiterID
	}
	vec, conf, version := vectorArgs(v.TitleVector)
	err := tx.QueryRow(ctx, `
		WITH v AS (
			INSERT INTO vacancies (recruiter_id, title, description, employer, remote, city, country, latitude, longitude, status,
				title_vector, title_confidence, model_version, import_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $13, $14, $15, NULLIF($16, ''))
			ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING
			RETURNING id, created_at, updated_at
		), l AS (
			INSERT INTO vacancy_languages (vacancy_id, code, min_level)
			SELECT v.id, u.code, u.level FROM v, unnest($11::text[], $12::smallint[]) AS u(code, level)
		)
		SELECT id, created_at, updated_at FROM v`,
		recruiterID, v.Title, v.Description, v.Employer, v.Remote, city, country, lat, lon, string(v.Status), codes, levels,
		vec, conf, version, v.ImportKey,
	).Scan(&v.ID, &v.CreatedAt, &v.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return errAlreadyImported
	}
	return mapErr("create vacancy", err)
}

// Vacancy returns the vacancy with id, or an error wrapping ErrNotFound.
func (db *DB) Vacancy(ctx context.Context, id int64) (matching.Vacancy, error) {
	v, err := scanVacancy(db.pool.QueryRow(ctx, `SELECT `+vacancyColumns+` FROM vacancies v WHERE v.id = $1`, id))
	return v, mapErr("get vacancy", err)
}

// UpdateVacancy replaces the editable fields and requirements of vacancy v.ID.
func (db *DB) UpdateVacancy(ctx context.Context, actor matching.Actor, v *matching.Vacancy) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		city, country, lat, lon := locationArgs(v.Location)
		vec, conf, version := vectorArgs(v.TitleVector)
		err := tx.QueryRow(ctx, `
			UPDATE vacancies SET title = $2, description = $3, employer = $4, remote = $5, city = $6,
				country = $7, latitude = $8, longitude = $9, status = $10, updated_at = now(),
				title_vector = $11, title_confidence = $12, model_version = $13
			WHERE id = $1 RETURNING created_at, updated_at`,
			v.ID, v.Title, v.Description, v.Employer, v.Remote, city, country, lat, lon, string(v.Status), vec, conf, version,
		).Scan(&v.CreatedAt, &v.UpdatedAt)
		if err != nil {
			return mapErr("update vacancy", err)
		}
		codes, levels := splitSkills(v.Languages)
		if _, err := tx.Exec(ctx, `DELETE FROM vacancy_languages WHERE vacancy_id = $1`, v.ID); err != nil {
			return mapErr("update vacancy languages", err)
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO vacancy_languages (vacancy_id, code, min_level)
			SELECT $1, u.code, u.level FROM unnest($2::text[], $3::smallint[]) AS u(code, level)`,
			v.ID, codes, levels); err != nil {
			return mapErr("update vacancy languages", err)
		}
		return writeAudit(ctx, tx, actor, "update", "vacancy", v.ID, map[string]any{"title": v.Title, "status": v.Status})
	})
}

// DeleteVacancy removes the vacancy and its requirements.
func (db *DB) DeleteVacancy(ctx context.Context, actor matching.Actor, id int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM vacancies WHERE id = $1`, id)
		if err != nil {
			return mapErr("delete vacancy", err)
		}
		if tag.RowsAffected() == 0 {
			return mapErr("delete vacancy", pgx.ErrNoRows)
		}
		return writeAudit(ctx, tx, actor, "delete", "vacancy", id, nil)
	})
}

// vacancyWhere filters vacancies with the arguments of vacancyArgs ($1..$6).
const vacancyWhere = `
	WHERE ($1 = '' OR v.country = $1)
	  AND ($2 = '' OR lower(v.city) = lower($2))
	  AND ($3 = '' OR EXISTS (SELECT 1 FROM vacancy_languages l
	                          WHERE l.vacancy_id = v.id AND l.code = $3 AND l.min_level >= $4))
	  AND ($5 = '%%' OR v.title ILIKE $5 ESCAPE '\')
	  AND ($6 = '' OR v.status = $6)`

func vacancyArgs(f matching.VacancyFilter) []any {
	return []any{string(f.Country), f.City, string(f.Language), int16(f.MinLevel),
		likePattern(f.TitleContains), string(f.Status)}
}

// ListVacancies returns one page of vacancies matching f, newest first, and
// the total number that match.
func (db *DB) ListVacancies(ctx context.Context, f matching.VacancyFilter) ([]matching.Vacancy, int, error) {
	args := append(vacancyArgs(f), f.PerPage, f.Offset())
	rows, err := db.pool.Query(ctx, `SELECT `+vacancyColumns+`, COUNT(*) OVER() FROM vacancies v`+
		vacancyWhere+` ORDER BY v.created_at DESC, v.id DESC LIMIT $7 OFFSET $8`, args...)
	if err != nil {
		return nil, 0, mapErr("list vacancies", err)
	}
	total := 0
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Vacancy, error) {
		return scanVacancy(r, &total)
	})
	if err != nil {
		return nil, 0, mapErr("list vacancies", err)
	}
	if len(list) == 0 && f.Page > 1 {
		err = db.pool.QueryRow(ctx, `SELECT COUNT(*) FROM vacancies v`+vacancyWhere, vacancyArgs(f)...).Scan(&total)
	}
	return list, total, mapErr("count vacancies", err)
}
