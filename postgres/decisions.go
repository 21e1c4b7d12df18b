package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
)

const decisionColumns = `id, vacancy_id, candidate_id, decision, reason, COALESCE(decided_by, 0), decided_at,
	vacancy_title, candidate_title, vacancy_model, candidate_model`

func scanDecision(row pgx.Row) (matching.Decision, error) {
	var d matching.Decision
	err := row.Scan(&d.ID, &d.VacancyID, &d.CandidateID, &d.Verdict, &d.Reason, &d.DecidedBy, &d.DecidedAt,
		&d.VacancyTitle, &d.CandidateTitle, &d.VacancyModel, &d.CandidateModel)
	return d, err
}

// Decide records d, replacing the same side's earlier decision on the pair,
// with both records' current titles and vector model versions, and fills in
// its ID, time and titles. A missing vacancy or candidate is ErrNotFound.
// The audit entry is filed under the candidate, so erasing them erases it.
func (db *DB) Decide(ctx context.Context, actor matching.Actor, d *matching.Decision) error {
	by := actorID(actor)
	return db.inTx(ctx, func(tx pgx.Tx) error {
		got, err := scanDecision(tx.QueryRow(ctx, `
			INSERT INTO decisions (vacancy_id, candidate_id, side, decision, reason, decided_by,
				vacancy_title, candidate_title, vacancy_model, candidate_model)
			SELECT v.id, c.id, $3, $4, $5, $6, v.title, c.desired_title, COALESCE(v.model_version, ''), COALESCE(c.model_version, '')
			FROM vacancies v, candidates c WHERE v.id = $1 AND c.id = $2
			ON CONFLICT (vacancy_id, candidate_id, side) DO UPDATE SET decision = EXCLUDED.decision,
				reason = EXCLUDED.reason, decided_by = EXCLUDED.decided_by, decided_at = now(),
				vacancy_title = EXCLUDED.vacancy_title, candidate_title = EXCLUDED.candidate_title,
				vacancy_model = EXCLUDED.vacancy_model, candidate_model = EXCLUDED.candidate_model
			RETURNING `+decisionColumns,
			d.VacancyID, d.CandidateID, string(d.Verdict.Side()), string(d.Verdict), d.Reason, by))
		if err != nil {
			return mapErr("record decision", err)
		}
		*d = got
		return writeAudit(ctx, tx, actor, "decide", matching.EntityCandidate, d.CandidateID, map[string]any{
			"vacancy_id": d.VacancyID, "decision": string(d.Verdict), "reason": d.Reason})
	})
}

// Undecide withdraws side's decision on a pair; withdrawing none is harmless.
func (db *DB) Undecide(ctx context.Context, actor matching.Actor, side matching.Side, vacancyID, candidateID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM decisions WHERE vacancy_id = $1 AND candidate_id = $2 AND side = $3`,
			vacancyID, candidateID, string(side))
		if err != nil || tag.RowsAffected() == 0 {
			return mapErr("withdraw decision", err)
		}
		return writeAudit(ctx, tx, actor, "undecide", matching.EntityCandidate, candidateID, map[string]any{
			"vacancy_id": vacancyID, "side": string(side)})
	})
}

// Dismissed returns, for each of ids, whom a decision of verdict v set
// aside: for NotAFit the candidates dismissed from that vacancy, for
// NotForMe the vacancies that candidate turned down. Ids with none are
// missing from the map.
func (db *DB) Dismissed(ctx context.Context, v matching.Verdict, ids []int64) (map[int64][]int64, error) {
	q := `SELECT vacancy_id, candidate_id FROM decisions WHERE vacancy_id = ANY($1) AND decision = $2 ORDER BY 1, 2`
	if v.Side() == matching.CandidateSide {
		q = `SELECT candidate_id, vacancy_id FROM decisions WHERE candidate_id = ANY($1) AND decision = $2 ORDER BY 1, 2`
	}
	rows, err := db.pool.Query(ctx, q, ids, string(v))
	if err != nil {
		return nil, mapErr("dismissed", err)
	}
	out := map[int64][]int64{}
	var owner, other int64
	_, err = pgx.ForEachRow(rows, []any{&owner, &other}, func() error {
		out[owner] = append(out[owner], other)
		return nil
	})
	return out, mapErr("dismissed", err)
}

// Decisions lists every decision oldest first, for training: the recorded
// ones, plus each shortlist entry without a recruiter decision as a good
// fit (shortlisting a candidate says they fit). Only titles, verdicts and
// times matter there; no names or emails are read.
func (db *DB) Decisions(ctx context.Context) ([]matching.Decision, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT `+decisionColumns+` FROM decisions
		UNION ALL
		SELECT 0, s.vacancy_id, s.candidate_id, 'good_fit', '', COALESCE(s.added_by, 0), s.added_at,
			v.title, c.desired_title, COALESCE(v.model_version, ''), COALESCE(c.model_version, '')
		FROM shortlists s JOIN vacancies v ON v.id = s.vacancy_id JOIN candidates c ON c.id = s.candidate_id
		WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.vacancy_id = s.vacancy_id
			AND d.candidate_id = s.candidate_id AND d.side = 'recruiter')
		ORDER BY 7, 2, 3`)
	if err != nil {
		return nil, mapErr("list decisions", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Decision, error) { return scanDecision(r) })
	return list, mapErr("list decisions", err)
}

// ImportDecisions stores many decisions at once, each with its own time and
// author (a demo's simulated history), in one transaction audited once.
// Pairs that already have a decision of that side keep it.
func (db *DB) ImportDecisions(ctx context.Context, actor matching.Actor, ds []matching.Decision) error {
	n := len(ds)
	vac, cand, by := make([]int64, n), make([]int64, n), make([]int64, n)
	side, verdict, reason, at := make([]string, n), make([]string, n), make([]string, n), make([]time.Time, n)
	for i, d := range ds {
		vac[i], cand[i], by[i] = d.VacancyID, d.CandidateID, d.DecidedBy
		side[i], verdict[i], reason[i], at[i] = string(d.Verdict.Side()), string(d.Verdict), d.Reason, d.DecidedAt
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			INSERT INTO decisions (vacancy_id, candidate_id, side, decision, reason, decided_by, decided_at,
				vacancy_title, candidate_title, vacancy_model, candidate_model)
			SELECT d.vacancy_id, d.candidate_id, d.side, d.decision, d.reason, NULLIF(d.decided_by, 0), d.decided_at,
				v.title, c.desired_title, COALESCE(v.model_version, ''), COALESCE(c.model_version, '')
			FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[])
				AS d (vacancy_id, candidate_id, side, decision, reason, decided_by, decided_at)
			JOIN vacancies v ON v.id = d.vacancy_id JOIN candidates c ON c.id = d.candidate_id
			ON CONFLICT (vacancy_id, candidate_id, side) DO NOTHING`,
			vac, cand, side, verdict, reason, by, at)
		if err != nil {
			return mapErr("import decisions", err)
		}
		return writeAudit(ctx, tx, actor, "import_decisions", "decision", 0, map[string]any{"decisions": tag.RowsAffected()})
	})
}

// Dismissals lists every "not a fit" and "not for me" decision (ids and
// verdicts only): what the index's searches leave out.
func (db *DB) Dismissals(ctx context.Context) ([]matching.Decision, error) {
	rows, err := db.pool.Query(ctx, `SELECT vacancy_id, candidate_id, decision FROM decisions
		WHERE decision IN ('not_a_fit', 'not_for_me') ORDER BY vacancy_id, candidate_id`)
	if err != nil {
		return nil, mapErr("dismissals", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (matching.Decision, error) {
		var d matching.Decision
		return d, r.Scan(&d.VacancyID, &d.CandidateID, &d.Verdict)
	})
	return list, mapErr("dismissals", err)
}
