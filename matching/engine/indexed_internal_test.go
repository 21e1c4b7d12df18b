package engine

import (
	"slices"

	"jobmatch/vectorstore"
)

// IndexedIDs lists, sorted, the ids the current generation's indexes hold,
// so tests outside the package can compare the index with Postgres.
func IndexedIDs(e *Engine) (vacancies, candidates []int64) {
	g := e.gen.Load()
	ids := func(ix *vectorstore.Index) []int64 {
		var out []int64
		for _, id := range ix.IDs() {
			out = append(out, int64(id))
		}
		slices.Sort(out)
		return out
	}
	return ids(g.vacancies), ids(g.candidates)
}
