package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// errAlreadyImported means a row with the same import key exists; imports
// count it as skipped, plain creates never see it (they have no key).
var errAlreadyImported = errors.New("already imported")

// ImportVacancies inserts a batch of imported vacancies in one transaction,
// skipping rows whose ImportKey is already stored. It returns the ids of
// the vacancies it created (skipped rows keep ID 0).
func (db *DB) ImportVacancies(ctx context.Context, actor matching.Actor, vs []*matching.Vacancy) ([]int64, error) {
	var created []int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		created = created[:0]
		for _, v := range vs {
			err := insertVacancy(ctx, tx, v)
			if errors.Is(err, errAlreadyImported) {
				continue
			}
			if err != nil {
				return err
			}
			created = append(created, v.ID)
		}
		return writeAudit(ctx, tx, actor, "import", "vacancy", 0, map[string]any{"rows": len(vs), "created": len(created)})
	})
	return created, err
}

// ImportCandidates is ImportVacancies for candidates.
func (db *DB) ImportCandidates(ctx context.Context, actor matching.Actor, cs []*matching.Candidate) ([]int64, error) {
	var created []int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		created = created[:0]
		for _, c := range cs {
			err := insertCandidate(ctx, tx, c)
			if errors.Is(err, errAlreadyImported) {
				continue
			}
			if err != nil {
				return err
			}
			created = append(created, c.ID)
		}
		return writeAudit(ctx, tx, actor, "import", "candidate", 0, map[string]any{"rows": len(cs), "created": len(created)})
	})
	return created, err
}
