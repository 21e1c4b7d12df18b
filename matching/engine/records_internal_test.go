package engine

import (
	"context"
	"testing"
)

type row struct {
	id      int64
	version int
}

// store is a table of rows whose version the test bumps, counting loads.
type store struct {
	version map[int64]int
	loads   int
	during  func() // runs inside a load, after the rows were read
}

func (s *store) load(_ context.Context, ids []int64) ([]row, error) {
	s.loads++
	var out []row
	for _, id := range ids {
		if v, ok := s.version[id]; ok {
			out = append(out, row{id, v})
		}
	}
	if s.during != nil {
		s.during()
	}
	return out, nil
}

func versions(rows []row) map[int64]int {
	m := map[int64]int{}
	for _, r := range rows {
		m[r.id] = r.version
	}
	return m
}

func TestRecordsCacheUntilEvicted(t *testing.T) {
	ctx := context.Background()
	s := &store{version: map[int64]int{1: 1, 2: 1, 3: 1}}
	r := newRecords(100, func(x row) int64 { return x.id })
	get := func(ids ...int64) map[int64]int {
		t.Helper()
		rows, err := r.get(ctx, ids, s.load)
		if err != nil {
			t.Fatal(err)
		}
		return versions(rows)
	}
	get(1, 2)
	get(1, 2)
	if s.loads != 1 {
		t.Fatalf("two gets of the same ids loaded %d times, want 1", s.loads)
	}
	// Only the missing id is loaded; a deleted id is simply absent.
	delete(s.version, 3)
	if got := get(1, 2, 3); s.loads != 2 || len(got) != 2 {
		t.Fatalf("get(1,2,3) = %v after %d loads", got, s.loads)
	}
	// A change is applied: the row is evicted and read again.
	s.version[2] = 2
	r.evict([]int64{2})
	if got := get(1, 2); got[2] != 2 || got[1] != 1 {
		t.Fatalf("after evicting 2: %v, want 2 at version 2", got)
	}
	// A load that overlaps an eviction must not store what it read: row 1
	// is read at version 1, then changed and evicted before the load ends.
	r.evict([]int64{1})
	s.during = func() { s.version[1] = 2; r.evict([]int64{1}); s.during = nil }
	if got := get(1); got[1] != 1 {
		t.Fatalf("the overlapping read returns what it read: %v", got)
	}
	if got := get(1); got[1] != 2 {
		t.Fatalf("after the overlapping change: %v, want version 2 (the stale read was cached)", got)
	}
	r.reset()
	before := s.loads
	get(2)
	if s.loads != before+1 {
		t.Fatal("reset kept rows")
	}
}

func TestRecordsStayWithinTheirBound(t *testing.T) {
	ctx := context.Background()
	s := &store{version: map[int64]int{}}
	for id := int64(0); id < 1000; id++ {
		s.version[id] = 1
	}
	r := newRecords(80, func(x row) int64 { return x.id })
	for start := int64(0); start < 1000; start += 10 {
		ids := []int64{}
		for id := start; id < start+10; id++ {
			ids = append(ids, id)
		}
		rows, err := r.get(ctx, ids, s.load)
		if err != nil {
			t.Fatal(err)
		}
		got := versions(rows)
		if len(got) != 10 {
			t.Fatalf("get(%v) returned %d rows", ids, len(got))
		}
		if n := len(r.rows); n > 80 {
			t.Fatalf("cache holds %d rows, bound 80", n)
		}
	}
	off := newRecords(0, func(x row) int64 { return x.id })
	for range 2 {
		if _, err := off.get(ctx, []int64{1, 2}, s.load); err != nil {
			t.Fatal(err)
		}
	}
	if len(off.rows) != 0 || s.loads != 100+2 {
		t.Fatalf("a cache with bound 0 holds %d rows after %d loads (want 0 rows, every get loading)", len(off.rows), s.loads)
	}
}
