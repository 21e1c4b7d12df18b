package engine

import (
	"context"

	"jobmatch/importer"
	"jobmatch/matching"
)

// PrepareImport encodes the title of every valid row of a checked file;
// rows the encoder cannot read move to the problems, so the report shows
// them before anything is written.
func (e *Engine) PrepareImport(ctx context.Context, rep *importer.Report) error {
	var titles []string
	for _, v := range rep.Vacancies {
		titles = append(titles, v.Title)
	}
	for _, c := range rep.Candidates {
		titles = append(titles, c.DesiredTitle)
	}
	vecs, err := e.gen.Load().enc.EncodeTitles(ctx, titles)
	if err != nil {
		return err
	}
	keepV, keepC, rows := rep.Vacancies[:0], rep.Candidates[:0], rep.RowOf[:0]
	for i, tv := range vecs {
		row := rep.RowOf[i]
		if tv.IsZero() {
			field := "title"
			if rep.Kind == importer.Candidates {
				field = "desired_title"
			}
			rep.Problems = append(rep.Problems, importer.Problem{Row: row, Field: field, Message: "we cannot read this title; write it with words"})
			continue
		}
		if rep.Kind == importer.Vacancies {
			rep.Vacancies[i].TitleVector = tv
			keepV = append(keepV, rep.Vacancies[i])
		} else {
			rep.Candidates[i].TitleVector = tv
			keepC = append(keepC, rep.Candidates[i])
		}
		rows = append(rows, row)
	}
	rep.Vacancies, rep.Candidates, rep.RowOf = keepV, keepC, rows
	return nil
}

// Import writes the valid rows of a prepared file in one transaction (all
// of them, or nothing when the database refuses one) and applies them to
// the index. It returns how many records it created: rows imported before
// (by their import keys) are skipped. With a claim, the transaction also
// finishes the claimed job (import_jobs.go). progress is called with the
// rows written so far.
func (e *Engine) Import(ctx context.Context, actor matching.Actor, rep importer.Report, claim *importer.Claim, progress func(done int)) (int, error) {
	var ids []int64
	var err error
	entity := matching.EntityVacancy
	if rep.Kind == importer.Vacancies {
		ids, err = e.store.ImportVacancies(ctx, actor, rep.Vacancies, claim, progress)
	} else {
		entity = matching.EntityCandidate
		ids, err = e.store.ImportCandidates(ctx, actor, rep.Candidates, claim, progress)
	}
	if err != nil {
		return 0, err
	}
	changes := make([]matching.Change, len(ids))
	for i, id := range ids {
		changes[i] = matching.Change{Entity: entity, ID: id}
	}
	e.committed(ctx, changes...)
	return len(ids), nil
}
