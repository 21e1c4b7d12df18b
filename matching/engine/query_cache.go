package engine

import (
	"context"
	"sync"

	"jobmatch/matching"
)

// queryVectors remembers the vectors of recently searched titles. People
// search the same titles over and over ("Nurse", "Software Engineer"), and
// encoding one through ONNX Runtime cost about 7 % of a match request's CPU
// on the bench. The encoder is deterministic and each generation has its
// own cache, so entries never go stale; the cache starts over when full.
type queryVectors struct {
	mu   sync.Mutex
	vecs map[string]matching.TitleVector
	max  int
}

const queryVectorsMax = 10000

func (q *queryVectors) get(title string) (matching.TitleVector, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	tv, ok := q.vecs[title]
	return tv, ok
}

func (q *queryVectors) put(title string, tv matching.TitleVector) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.vecs == nil || len(q.vecs) >= q.max {
		q.vecs = make(map[string]matching.TitleVector)
	}
	q.vecs[title] = tv
}

// queryVector encodes a free-text query title with g, through g's cache.
// Vectors are shared between searches and must not be modified.
func (g *generation) queryVector(ctx context.Context, title string) (matching.TitleVector, error) {
	if tv, ok := g.queries.get(title); ok {
		return tv, nil
	}
	tv, err := g.encodeTitle(ctx, "title", title)
	if err == nil {
		g.queries.put(title, tv)
	}
	return tv, err
}
