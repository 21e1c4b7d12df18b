package engine

import (
	"context"
	"strings"

	"jobmatch/vectorstore"
)

// SuggestTitles returns up to n distinct titles of open vacancies nearest
// to what the user is typing, so a candidate sees how positions like theirs
// are called. Unreadable input gives no suggestions, not an error.
func (e *Engine) SuggestTitles(ctx context.Context, typed string, n int) ([]string, error) {
	if len(strings.TrimSpace(typed)) < 2 {
		return nil, nil
	}
	g := e.gen.Load()
	vecs, err := g.enc.EncodeTitles(ctx, []string{typed})
	if err != nil || vecs[0].IsZero() {
		return nil, err
	}
	res, _, err := g.vacancies.Search(vecs[0].Vector, vectorstore.Filter{}, vectorstore.SearchOptions{K: min(vectorstore.MaxResults, n*5)})
	if err != nil || len(res) == 0 {
		return nil, err
	}
	titles, err := e.vacancyTitles(ctx, resultIDs(res))
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range titles {
		key := strings.ToLower(t)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, t)
		if len(out) == n {
			break
		}
	}
	return out, nil
}
