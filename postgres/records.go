package postgres

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"jobmatch/matching"
)

// Result pages read their rows by id here. With a read replica
// (OpenReadReplica) they are read there, as long as the replica has replayed
// everything the primary had written when the read began: the index follows
// the primary, so a page must never show a row older than the index, nor
// miss one the index already returns. Otherwise, and for ids the replica does
// not have, the rows come from the primary.

// VacanciesByIDs returns the vacancies with the given ids: what a result
// page shows. TitleVector carries the title's confidence and model version
// but no vector (a search that starts from a vacancy takes it from the
// index). Missing ids are absent.
func (db *DB) VacanciesByIDs(ctx context.Context, ids []int64) ([]matching.Vacancy, error) {
	list, err := readByIDs(ctx, db, `SELECT `+vacancyColumns+`, COALESCE(v.title_confidence, 0), COALESCE(v.model_version, '') FROM vacancies v WHERE v.id = ANY($1)`, ids,
		func(r pgx.CollectableRow) (matching.Vacancy, error) {
			var t matching.TitleVector
			v, err := scanVacancy(r, &t.Confidence, &t.ModelVersion)
			v.TitleVector = t
			return v, err
		}, func(v matching.Vacancy) int64 { return v.ID })
	return list, mapErr("vacancies by id", err)
}

// CandidatesByIDs returns the candidates with the given ids, like
// VacanciesByIDs: confidence and model version, no vector.
func (db *DB) CandidatesByIDs(ctx context.Context, ids []int64) ([]matching.Candidate, error) {
	list, err := readByIDs(ctx, db, `SELECT `+candidateColumns+`, COALESCE(c.title_confidence, 0), COALESCE(c.model_version, '') FROM candidates c WHERE c.id = ANY($1)`, ids,
		func(r pgx.CollectableRow) (matching.Candidate, error) {
			var t matching.TitleVector
			c, err := scanCandidate(r, &t.Confidence, &t.ModelVersion)
			c.TitleVector = t
			return c, err
		}, func(c matching.Candidate) int64 { return c.ID })
	return list, mapErr("candidates by id", err)
}

// readByIDs runs query, whose $1 is ids, on the read replica when it is
// current (see above) and on the primary for whatever it did not return.
func readByIDs[T any](ctx context.Context, db *DB, query string, ids []int64, scan pgx.RowToFunc[T], id func(T) int64) ([]T, error) {
	if db.read == nil || len(ids) == 0 {
		return collect(ctx, db.pool, query, ids, scan)
	}
	list, err := readFromReplica(ctx, db, query, ids, scan)
	if err != nil {
		list = nil // an unreachable replica slows pages down but fails none
	}
	if len(list) == len(ids) {
		return list, nil
	}
	found := make(map[int64]bool, len(list))
	for _, row := range list {
		found[id(row)] = true
	}
	missing := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return found[id] })
	if len(missing) == 0 {
		return list, nil
	}
	rest, err := collect(ctx, db.pool, query, missing, scan)
	return append(list, rest...), err
}

// readFromReplica returns the rows from the read replica, or none when it
// has not yet replayed the primary's current write position. The position
// is checked in a statement of its own, before the rows are read: a
// statement's snapshot is taken when it starts, and replay goes on while it
// runs. A primary given as read replica counts as current.
func readFromReplica[T any](ctx context.Context, db *DB, query string, ids []int64, scan pgx.RowToFunc[T]) ([]T, error) {
	var lsn string
	if err := db.pool.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		return nil, err
	}
	var current bool
	var list []T
	b := &pgx.Batch{}
	b.Queue(`SELECT COALESCE(pg_last_wal_replay_lsn(), pg_current_wal_lsn()) >= $1::pg_lsn`, lsn).QueryRow(func(r pgx.Row) error {
		return r.Scan(&current)
	})
	b.Queue(query, ids).Query(func(rows pgx.Rows) error {
		if !current {
			rows.Close()
			return nil
		}
		var err error
		list, err = pgx.CollectRows(rows, scan)
		return err
	})
	return list, db.read.SendBatch(ctx, b).Close()
}

func collect[T any](ctx context.Context, pool *pgxpool.Pool, query string, ids []int64, scan pgx.RowToFunc[T]) ([]T, error) {
	rows, err := pool.Query(ctx, query, ids)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scan)
}
