package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

// The vector index is derived from Postgres. These queries feed it: full
// scans for a rebuild, changed rows for catching up, and vector write-backs
// when a new model re-encodes titles.

// currentXmin is the oldest transaction still running: every change not yet
// visible to us was made by a transaction at or after it.
const currentXmin = `SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`

// IndexWatermark returns the replay point for changes from now on. Take it
// before a rebuild scans the tables, so changes made during the scan are
// replayed afterwards.
func (db *DB) IndexWatermark(ctx context.Context) (int64, error) {
	var w int64
	err := db.pool.QueryRow(ctx, currentXmin).Scan(&w)
	return w, mapErr("index watermark", err)
}

// IndexChanges returns the records changed by transactions at or after
// since, and the watermark to pass next time. It reads both in one snapshot,
// so no change falls between them.
func (db *DB) IndexChanges(ctx context.Context, since int64) ([]matching.Change, int64, error) {
	var changes []matching.Change
	var next int64
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, currentXmin).Scan(&next); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT DISTINCT entity, entity_id FROM index_changes WHERE xid >= $1 ORDER BY entity, entity_id`, since)
		if err != nil {
			return err
		}
		changes, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Change, error) {
			var c matching.Change
			err := r.Scan(&c.Entity, &c.ID)
			return c, err
		})
		return err
	})
	return changes, next, mapErr("index changes", err)
}

// PruneIndexChanges drops changes older than watermark once an index
// snapshot that includes them is safely on disk.
func (db *DB) PruneIndexChanges(ctx context.Context, watermark int64) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM index_changes WHERE xid < $1`, watermark)
	return mapErr("prune index changes", err)
}

const vectorColumns = `, v.title_vector, COALESCE(v.title_confidence, 0), COALESCE(v.model_version, '')`

// IndexVacancies returns the vacancies with the given ids, with their title
// vectors; ids that no longer exist are simply absent.
func (db *DB) IndexVacancies(ctx context.Context, ids []int64) ([]matching.Vacancy, error) {
	return db.indexVacancies(ctx, `SELECT `+vacancyColumns+vectorColumns+` FROM vacancies v WHERE v.id = ANY($1) ORDER BY v.id`, ids)
}

// IndexVacanciesAfter returns up to limit vacancies with ids above afterID,
// in id order, with their title vectors: a rebuild pages through them.
func (db *DB) IndexVacanciesAfter(ctx context.Context, afterID int64, limit int) ([]matching.Vacancy, error) {
	return db.indexVacancies(ctx, `SELECT `+vacancyColumns+vectorColumns+` FROM vacancies v WHERE v.id > $1 ORDER BY v.id LIMIT $2`, afterID, limit)
}

func (db *DB) indexVacancies(ctx context.Context, sql string, args ...any) ([]matching.Vacancy, error) {
	rows, err := db.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, mapErr("index vacancies", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Vacancy, error) {
		var t matching.TitleVector
		v, err := scanVacancy(r, &t.Vector, &t.Confidence, &t.ModelVersion)
		v.TitleVector = t
		return v, err
	})
	return list, mapErr("index vacancies", err)
}

const candidateVectorColumns = `, c.title_vector, COALESCE(c.title_confidence, 0), COALESCE(c.model_version, '')`

// IndexCandidates returns the candidates with the given ids, with vectors.
func (db *DB) IndexCandidates(ctx context.Context, ids []int64) ([]matching.Candidate, error) {
	return db.indexCandidates(ctx, `SELECT `+candidateColumns+candidateVectorColumns+` FROM candidates c WHERE c.id = ANY($1) ORDER BY c.id`, ids)
}

// IndexCandidatesAfter pages through candidates in id order, with vectors.
func (db *DB) IndexCandidatesAfter(ctx context.Context, afterID int64, limit int) ([]matching.Candidate, error) {
	return db.indexCandidates(ctx, `SELECT `+candidateColumns+candidateVectorColumns+` FROM candidates c WHERE c.id > $1 ORDER BY c.id LIMIT $2`, afterID, limit)
}

func (db *DB) indexCandidates(ctx context.Context, sql string, args ...any) ([]matching.Candidate, error) {
	rows, err := db.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, mapErr("index candidates", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Candidate, error) {
		var t matching.TitleVector
		c, err := scanCandidate(r, &t.Vector, &t.Confidence, &t.ModelVersion)
		c.TitleVector = t
		return c, err
	})
	return list, mapErr("index candidates", err)
}

// SetTitleVectors stores re-encoded title vectors of entity ("vacancy" or
// "candidate") rows, in one transaction. It leaves updated_at alone: the
// record did not change, only its position in a new title space.
func (db *DB) SetTitleVectors(ctx context.Context, entity string, ids []int64, vecs []matching.TitleVector) error {
	table := map[string]string{matching.EntityVacancy: "vacancies", matching.EntityCandidate: "candidates"}[entity]
	if table == "" {
		return mapErr("set title vectors", errUnknownEntity)
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for i, id := range ids {
			vec, conf, version := vectorArgs(vecs[i])
			b.Queue(`UPDATE `+table+` SET title_vector = $2, title_confidence = $3, model_version = $4 WHERE id = $1`, id, vec, conf, version)
		}
		return mapErr("set title vectors", tx.SendBatch(ctx, b).Close())
	})
}

// SetRuleVectors stores re-encoded anchor vectors of a rule.
func (db *DB) SetRuleVectors(ctx context.Context, id int64, a, b matching.TitleVector) error {
	va, _, version := vectorArgs(a)
	vb, _, _ := vectorArgs(b)
	_, err := db.pool.Exec(ctx, `UPDATE exclusion_rules SET anchor_a_vector = $2, anchor_b_vector = $3, model_version = $4 WHERE id = $1`,
		id, va, vb, version)
	return mapErr("set rule vectors", err)
}
