package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"jobmatch/importer"
	"jobmatch/matching"
)

// errAlreadyImported means a row with the same import key exists; imports
// count it as skipped, plain creates never see it (they have no key).
var errAlreadyImported = errors.New("already imported")

// importProgressEvery is how many rows an import writes between progress reports.
const importProgressEvery = 200

// ImportVacancies inserts the vacancies of one imported file in one
// transaction, all or nothing, skipping rows whose ImportKey is already
// stored. With a claim (not nil) the same transaction marks the claimed
// import job done, and commits only while the claim holds the job
// (importer.ErrLeaseLost otherwise). It calls progress (when not nil) with
// the number of rows written so far as it goes, and returns the ids of the
// vacancies it created (skipped rows keep ID 0).
func (db *DB) ImportVacancies(ctx context.Context, actor matching.Actor, vs []*matching.Vacancy, claim *importer.Claim, progress func(done int)) ([]int64, error) {
	return importRows(ctx, db, actor, "vacancy", vs, insertVacancy, func(v *matching.Vacancy) int64 { return v.ID }, claim, progress)
}

// ImportCandidates is ImportVacancies for candidates.
func (db *DB) ImportCandidates(ctx context.Context, actor matching.Actor, cs []*matching.Candidate, claim *importer.Claim, progress func(done int)) ([]int64, error) {
	return importRows(ctx, db, actor, "candidate", cs, insertCandidate, func(c *matching.Candidate) int64 { return c.ID }, claim, progress)
}

func importRows[T any](ctx context.Context, db *DB, actor matching.Actor, entity string, rows []T,
	insert func(context.Context, pgx.Tx, T) error, id func(T) int64, claim *importer.Claim, progress func(int)) ([]int64, error) {
	var created []int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		created = created[:0]
		for i, r := range rows {
			switch err := insert(ctx, tx, r); {
			case err == nil:
				created = append(created, id(r))
			case !errors.Is(err, errAlreadyImported):
				return err
			}
			if progress != nil && (i+1)%importProgressEvery == 0 {
				progress(i + 1)
			}
		}
		if claim != nil {
			if err := finishImportJob(ctx, tx, *claim, len(created)); err != nil {
				return err
			}
		}
		return writeAudit(ctx, tx, actor, "import", entity, 0, map[string]any{"rows": len(rows), "created": len(created)})
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}
