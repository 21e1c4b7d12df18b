package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// Shortlist adds (on) or removes (off) a candidate on a vacancy's shortlist;
// doing it twice is harmless.
func (db *DB) Shortlist(ctx context.Context, actor matching.Actor, vacancyID, candidateID int64, on bool) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		action := "shortlist_add"
		if on {
			by := actorID(actor)
			_, err = tx.Exec(ctx, `INSERT INTO shortlists (vacancy_id, candidate_id, added_by) VALUES ($1, $2, $3)
				ON CONFLICT DO NOTHING`, vacancyID, candidateID, by)
		} else {
			action = "shortlist_remove"
			_, err = tx.Exec(ctx, `DELETE FROM shortlists WHERE vacancy_id = $1 AND candidate_id = $2`, vacancyID, candidateID)
		}
		if err != nil {
			return mapErr("shortlist", err)
		}
		return writeAudit(ctx, tx, actor, action, "vacancy", vacancyID, map[string]any{"candidate_id": candidateID})
	})
}

// ShortlistedCandidates returns the candidates on a vacancy's shortlist,
// most recently added first.
func (db *DB) ShortlistedCandidates(ctx context.Context, vacancyID int64) ([]matching.Candidate, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+candidateColumns+` FROM shortlists s JOIN candidates c ON c.id = s.candidate_id
		WHERE s.vacancy_id = $1 ORDER BY s.added_at DESC, c.id`, vacancyID)
	if err != nil {
		return nil, mapErr("shortlist", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Candidate, error) { return scanCandidate(r) })
	return list, mapErr("shortlist", err)
}

// RecordAudit writes one audit entry for an action that changes no row,
// such as an export of candidate data.
func (db *DB) RecordAudit(ctx context.Context, actor matching.Actor, action, entity string, id int64, detail map[string]any) error {
	return db.inTx(ctx, func(tx pgx.Tx) error { return writeAudit(ctx, tx, actor, action, entity, id, detail) })
}
