package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// CreateVacancies inserts many vacancies in one transaction (all or nothing)
// and records one audit entry for the batch; demo seeding and imports use it.
func (db *DB) CreateVacancies(ctx context.Context, actor matching.Actor, vs []*matching.Vacancy) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		for _, v := range vs {
			if err := insertVacancy(ctx, tx, v); err != nil {
				return err
			}
		}
		return writeAudit(ctx, tx, actor, "bulk_create", "vacancy", 0, map[string]any{"count": len(vs)})
	})
}

// CreateCandidates inserts many candidates in one transaction (all or nothing)
// and records one audit entry for the batch.
func (db *DB) CreateCandidates(ctx context.Context, actor matching.Actor, cs []*matching.Candidate) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		for _, c := range cs {
			if err := insertCandidate(ctx, tx, c); err != nil {
				return err
			}
		}
		return writeAudit(ctx, tx, actor, "bulk_create", "candidate", 0, map[string]any{"count": len(cs)})
	})
}

// Counts returns how many vacancies and candidates are stored; seeding uses it
// to leave a database with data alone.
func (db *DB) Counts(ctx context.Context) (vacancies, candidates int, err error) {
	err = db.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM vacancies), (SELECT COUNT(*) FROM candidates)`).
		Scan(&vacancies, &candidates)
	return vacancies, candidates, mapErr("count records", err)
}
