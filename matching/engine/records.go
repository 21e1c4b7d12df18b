package engine

import (
	"context"
	"sync"
)

// records is a bounded in-memory copy of recently shown rows, by id, so a
// result page does not have to be read from Postgres on every search.
//
// It follows Postgres exactly as the vector index does: every change the
// engine applies (its own writes at once, other processes' through the
// change log within SyncEvery) first evicts the row. A read that overlaps an
// eviction is not cached (gen), so a row read before a change can never be
// stored after it. Entries are never older than the index itself.
type records[T any] struct {
	mu   sync.Mutex
	rows map[int64]T
	gen  uint64 // incremented by every eviction
	max  int
	id   func(T) int64
}

// newRecords makes a cache of up to max rows (0: caches nothing); id
// returns a row's id.
func newRecords[T any](max int, id func(T) int64) *records[T] {
	return &records[T]{rows: make(map[int64]T), max: max, id: id}
}

// get returns the rows with ids, in no particular order, loading the ones
// not cached with load (which leaves out ids that no longer exist). The
// rows share their slices (languages, vectors) with the cache: callers may
// replace fields of their copies but must not modify those slices.
func (r *records[T]) get(ctx context.Context, ids []int64, load func(context.Context, []int64) ([]T, error)) ([]T, error) {
	out := make([]T, 0, len(ids))
	var missing []int64
	r.mu.Lock()
	gen := r.gen
	for _, id := range ids {
		if row, ok := r.rows[id]; ok {
			out = append(out, row)
		} else {
			missing = append(missing, id)
		}
	}
	r.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	loaded, err := load(ctx, missing)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if r.gen == gen && r.max > 0 {
		if len(r.rows)+len(loaded) > r.max {
			r.shrink(len(loaded))
		}
		for _, row := range loaded {
			r.rows[r.id(row)] = row
		}
	}
	r.mu.Unlock()
	return append(out, loaded...), nil
}

// shrink makes room for n rows by dropping about an eighth of the cache
// (map order is random enough for a cache of recently shown rows).
func (r *records[T]) shrink(n int) {
	drop := max(n, r.max/8)
	for id := range r.rows {
		if drop == 0 {
			return
		}
		delete(r.rows, id)
		drop--
	}
}

// evict forgets ids: called before the engine applies a change to them.
func (r *records[T]) evict(ids []int64) {
	if len(ids) == 0 {
		return
	}
	r.mu.Lock()
	r.gen++
	for _, id := range ids {
		delete(r.rows, id)
	}
	r.mu.Unlock()
}

// reset forgets everything: called when the indexes are rebuilt.
func (r *records[T]) reset() {
	r.mu.Lock()
	r.gen++
	clear(r.rows)
	r.mu.Unlock()
}
