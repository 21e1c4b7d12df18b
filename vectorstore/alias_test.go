package vectorstore

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// aliasFixture models job titles: perTitle records share each title's vector
// (L2-normalised, so an identical vector scores 1), spread over ten
// countries so that every title has perTitle/10 records in each country.
// It returns the index, the title vectors and each id's title.
func aliasFixture(t *testing.T, titles, perTitle int) (*Index, [][]float32, map[uint64]int) {
	const dim = 32
	ix := New(Config{Dim: dim, Seed: 1})
	r := rand.New(rand.NewPCG(9, 9))
	base := make([][]float32, titles)
	for i := range base {
		v := make([]float32, dim)
		for d := range v {
			v[d] = float32(r.NormFloat64())
		}
		normalize(v)
		base[i] = v
	}
	title := make(map[uint64]int)
	id := uint64(1)
	for c := 0; c < perTitle; c++ {
		for ti := range base {
			must(t, ix.Upsert(id, base[ti], Payload{Country: aliasCountries[c%len(aliasCountries)]}))
			title[id] = ti
			id++
		}
	}
	return ix, base, title
}

var aliasCountries = []string{"DE", "FR", "GB", "ES", "IT", "NL", "PL", "AT", "CH", "SE"}

// checkAliasPage searches title ti's vector with f and plan and requires a
// full page of identical vectors (all of title ti), none of them in gone.
func checkAliasPage(t *testing.T, ix *Index, q []float32, ti int, title map[uint64]int, f Filter, plan Plan, k int, gone map[uint64]bool) {
	t.Helper()
	res, _, err := ix.Search(q, f, SearchOptions{K: k, Ef: 64, Plan: plan})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != k {
		t.Fatalf("title %d, plan %v, countries %v: %d results, want a full page of %d", ti, plan, f.Countries, len(res), k)
	}
	for _, h := range res {
		if h.Score < 0.999 || title[h.ID] != ti { // identical up to float16 rounding
			t.Fatalf("title %d, plan %v, countries %v: hit %+v (title %d), want only identical vectors", ti, plan, f.Countries, h, title[h.ID])
		}
		if gone[h.ID] {
			t.Fatalf("title %d, plan %v: deleted id %d returned", ti, plan, h.ID)
		}
	}
}

// TestAliasesStayReachableUnderFilters: identical vectors must not form a
// closed clique that a filtered walk cannot leave, nor hide the filtered
// copies of a title: every graph-plan search returns a full page of the
// query's own title. (40 titles x 150 copies; each title has 15 in "DE".)
func TestAliasesStayReachableUnderFilters(t *testing.T) {
	const titles, perTitle, k = 40, 150, 10
	ix, base, title := aliasFixture(t, titles, perTitle)
	f := Filter{Countries: []string{"DE"}}
	for ti := 0; ti < titles; ti++ {
		for _, plan := range []Plan{PlanGraph, PlanTwoHop} {
			checkAliasPage(t, ix, base[ti], ti, title, f, plan, k, nil)
			checkAliasPage(t, ix, base[ti], ti, title, Filter{}, plan, k, nil)
		}
	}
	if got := ix.Count(f); got != titles*perTitle/10 {
		t.Fatalf("Count(DE) = %d, want %d", got, titles*perTitle/10)
	}
}

// TestAliasDeletes deletes graph nodes (the first copy of each title) and
// aliases, before and after compaction: deleted ids are never returned, and
// the other copies of each title stay findable under filters.
func TestAliasDeletes(t *testing.T) {
	const titles, perTitle, k = 20, 60, 5
	ix, base, title := aliasFixture(t, titles, perTitle)
	gone := make(map[uint64]bool)
	del := func(id uint64) {
		if !ix.Delete(id) {
			t.Fatalf("Delete(%d) = false", id)
		}
		gone[id] = true
	}
	check := func() {
		t.Helper()
		// The page is full when enough copies are left: k, or fewer in FR.
		inFR := make([]int, titles)
		for id := uint64(1); id <= titles*perTitle; id++ {
			if !gone[id] && (id-1)/titles%10 == 1 {
				inFR[title[id]]++
			}
		}
		for ti := range base {
			for _, plan := range []Plan{PlanGraph, PlanTwoHop, PlanExact} {
				if n := min(k, inFR[ti]); n > 0 {
					checkAliasPage(t, ix, base[ti], ti, title, Filter{Countries: []string{"FR"}}, plan, n, gone)
				}
				checkAliasPage(t, ix, base[ti], ti, title, Filter{}, plan, k, gone)
			}
		}
	}
	// Ids 1..titles are the graph nodes; delete them and some aliases, then
	// search while they are tombstones (deleted nodes are still waypoints).
	for id := uint64(1); id <= titles; id++ {
		del(id)
		del(id + 3*titles)
	}
	check()
	ix.Compact() // promotes an alias of each deleted node into its slot
	check()
	// Delete the promoted nodes and more aliases, again and again, so titles
	// lose several graph nodes in a row.
	for round := 0; round < 3; round++ {
		for id := uint64(titles + 1); id <= uint64(titles*perTitle); id++ {
			if !gone[id] && aliasDrop(id, round) {
				del(id)
			}
		}
		check()
		ix.Compact()
		check()
	}
	for id := range gone {
		if _, _, ok := ix.Get(id); ok {
			t.Fatalf("deleted id %d still present", id)
		}
	}
	if got, want := ix.Len(), titles*perTitle-len(gone); got != want {
		t.Fatalf("Len = %d, want %d", got, want)
	}
	// A title deleted completely disappears, and its vector can come back.
	for id := uint64(1); id <= uint64(titles*perTitle); id++ {
		if title[id] == 0 && !gone[id] {
			del(id)
		}
	}
	ix.Compact()
	res, _, _ := ix.Search(base[0], Filter{}, SearchOptions{K: 3, Plan: PlanGraph})
	for _, h := range res {
		if title[h.ID] == 0 {
			t.Fatalf("deleted title returned %+v", h)
		}
	}
	must(t, ix.Upsert(1, base[0], Payload{Country: "FR"}))
	must(t, ix.Upsert(2, base[0], Payload{Country: "FR"}))
	delete(gone, 1)
	delete(gone, 2)
	res, _, _ = ix.Search(base[0], Filter{Countries: []string{"FR"}}, SearchOptions{K: 2, Plan: PlanTwoHop})
	if len(res) != 2 || res[0].ID != 1 || res[1].ID != 2 {
		t.Fatalf("re-inserted title: %+v", res)
	}
}

// aliasDrop picks about a third of the ids per round, deterministically.
func aliasDrop(id uint64, round int) bool {
	return ((id^uint64(round)<<40)*0x9e3779b97f4a7c15)>>32%3 == 0
}

// TestAliasReplace moves ids between titles and back (Upsert with another
// vector retires the old slot, which may be a graph node with aliases).
func TestAliasReplace(t *testing.T) {
	const titles, perTitle = 10, 30
	ix, base, title := aliasFixture(t, titles, perTitle)
	for id := uint64(3); id <= titles*perTitle; id += 3 {
		to := (title[id] + 1) % titles
		must(t, ix.Upsert(id, base[to], Payload{Country: "DE"}))
		title[id] = to
	}
	ix.Compact()
	for ti := range base {
		for _, plan := range []Plan{PlanGraph, PlanTwoHop} {
			checkAliasPage(t, ix, base[ti], ti, title, Filter{Countries: []string{"DE"}}, plan, 10, nil)
		}
	}
	if ix.Len() != titles*perTitle {
		t.Fatalf("Len = %d", ix.Len())
	}
}

// TestAliasSnapshotRoundTrip saves an index with alias chains, tombstoned
// graph nodes and tombstoned aliases, and requires identical search results, ids
// and further behaviour after Load.
func TestAliasSnapshotRoundTrip(t *testing.T) {
	const titles, perTitle = 12, 40
	ix, base, title := aliasFixture(t, titles, perTitle)
	gone := map[uint64]bool{}
	for id := uint64(1); id <= titles; id++ { // graph nodes, left as tombstones
		ix.Delete(id)
		gone[id] = true
		ix.Delete(id + 5*titles)
		gone[id+5*titles] = true
	}
	path := filepath.Join(t.TempDir(), "aliases.snap")
	must(t, ix.Save(path))
	ix2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if ix2.Len() != ix.Len() {
		t.Fatalf("Len %d after load, %d before", ix2.Len(), ix.Len())
	}
	for ti, q := range base {
		for _, f := range []Filter{{}, {Countries: []string{"IT"}}} {
			for _, plan := range []Plan{PlanGraph, PlanTwoHop} {
				o := SearchOptions{K: 4, Plan: plan}
				a, _, _ := ix.Search(q, f, o)
				b, _, _ := ix2.Search(q, f, o)
				if len(a) != len(b) {
					t.Fatalf("%d results before save, %d after load", len(a), len(b))
				}
				for i := range a {
					if a[i] != b[i] {
						t.Fatalf("result %d differs: %v vs %v", i, a[i], b[i])
					}
				}
				checkAliasPage(t, ix2, q, ti, title, f, plan, 4, gone)
			}
		}
	}
	// The loaded index keeps its aliases: new copies alias, compaction
	// promotes, and a second round trip works.
	must(t, ix2.Upsert(100000, base[3], Payload{Country: "IT"}))
	ix2.Compact()
	res, _, _ := ix2.Search(base[3], Filter{Countries: []string{"IT"}}, SearchOptions{K: 5, Plan: PlanTwoHop})
	found := false
	for _, h := range res {
		found = found || h.ID == 100000
	}
	if !found || len(res) != 5 {
		t.Fatalf("new copy not found among the 5 IT copies: %+v", res)
	}
	must(t, ix2.Save(path))
	ix3, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for ti, q := range base {
		checkAliasPage(t, ix3, q, ti, title, Filter{Countries: []string{"IT"}}, PlanTwoHop, 4, gone)
	}
}

// TestAliasConcurrentUpserts inserts, replaces and deletes identical vectors
// from several goroutines while others search (meant for -race), then
// checks that every title is complete and findable.
func TestAliasConcurrentUpserts(t *testing.T) {
	const dim, titles, perWorker, workers = 16, 4, 300, 4
	ix := New(Config{Dim: dim, Seed: 2, CompactAfter: 64})
	r := rand.New(rand.NewPCG(3, 3))
	base := make([][]float32, titles)
	for i := range base {
		base[i] = randVec(r, dim)
		normalize(base[i])
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				id := uint64(w*perWorker + i)
				if err := ix.Upsert(id, base[i%titles], Payload{Country: aliasCountries[i%3]}); err != nil {
					t.Error(err)
					return
				}
				if i%7 == 3 {
					ix.Delete(id - 2)
					if err := ix.Upsert(id-2, base[(i-2)%titles], Payload{Country: aliasCountries[(i-2)%3]}); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	stop := make(chan struct{})
	var sw sync.WaitGroup
	sw.Add(1)
	go func() {
		defer sw.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			_, _, err := ix.Search(base[i%titles], Filter{Countries: []string{"FR"}}, SearchOptions{K: 5, Plan: PlanTwoHop})
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	sw.Wait()
	if ix.Len() != workers*perWorker {
		t.Fatalf("Len = %d, want %d", ix.Len(), workers*perWorker)
	}
	ix.Compact()
	title := make(map[uint64]int)
	for id := range uint64(workers * perWorker) {
		title[id] = int(id%perWorker) % titles
	}
	for ti, q := range base {
		for _, plan := range []Plan{PlanGraph, PlanTwoHop} {
			checkAliasPage(t, ix, q, ti, title, Filter{Countries: []string{"FR"}}, plan, 20, nil)
			n := ix.Count(Filter{})
			res, _, _ := ix.Search(q, Filter{}, SearchOptions{K: 75, Ef: 75, Plan: plan})
			if len(res) != 75 || n != workers*perWorker {
				t.Fatalf("title %d: %d results of 75 (Count %d)", ti, len(res), n)
			}
		}
	}
}

// TestSnapshotAliasChecks: a snapshot without its ALIA section, or with an
// alias chain that points at a graph node instead of an alias, is corrupt.
func TestSnapshotAliasChecks(t *testing.T) {
	fx := newFixture(t, 300, 8, 7)
	var id uint64
	for id = range fx.vecs {
		break
	}
	v, p, _ := fx.ix.Get(id)
	must(t, fx.ix.Upsert(1<<40, v, p))
	b := snapshotBytes(t, fx.ix)
	i := bytes.Index(b, []byte("ALIA"))
	if i < 0 {
		t.Fatal("no ALIA section")
	}
	n := binary.LittleEndian.Uint64(b[i+4:])
	noAlia := append(bytes.Clone(b[:i]), b[i+12+int(n)+4:]...)
	if _, err := decode(bytes.NewReader(noAlia), int64(len(noAlia))); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("without ALIA: err = %v", err)
	}
	node := fx.ix.byID[id]
	c := bytes.Clone(b)
	binary.LittleEndian.PutUint32(c[i+12+8*int(node)+4:], node+1) // node -> itself
	if _, err := decode(bytes.NewReader(c), int64(len(c))); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("self-linked chain: err = %v", err)
	}
}

// BenchmarkAliasFilteredSearch: 20,000 records over 400 titles (50 copies
// each), a country filter passing 25 %, planner's choice. Without aliasing
// the copy cliques starve the walk and nearly every query falls back to
// the exact scan.
func BenchmarkAliasFilteredSearch(b *testing.B) {
	const dim, titles, perTitle = 64, 400, 50
	ix := New(Config{Dim: dim, Seed: 1})
	r := rand.New(rand.NewPCG(5, 5))
	base := make([][]float32, titles)
	for i := range base {
		base[i] = randVec(r, dim)
	}
	id := uint64(0)
	for c := range perTitle {
		for ti := range base {
			if err := ix.Upsert(id, base[ti], Payload{Country: aliasCountries[c%4]}); err != nil {
				b.Fatal(err)
			}
			id++
		}
	}
	f := Filter{Countries: []string{"DE"}}
	var dst []Result
	b.ResetTimer()
	for i := range b.N {
		dst, _, _ = ix.Search(base[i%titles], f, SearchOptions{K: 10, Dst: dst[:0]})
	}
}

// TestExactScanOverAliases: the exact plan and RankAll score each distinct
// vector once but must return exactly what a brute force over every matching point
// returns, ties broken by id, with and without filters and after deletes.
func TestExactScanOverAliases(t *testing.T) {
	const titles, perTitle, k = 40, 150, 25
	ix, base, _ := aliasFixture(t, titles, perTitle)
	for id := uint64(1); id <= titles*perTitle; id += 7 {
		ix.Delete(id)
	}
	r := rand.New(rand.NewPCG(3, 4))
	filters := []Filter{{}, {Countries: []string{"DE"}}, {Countries: []string{"FR", "PL", "SE"}}}
	for qi := 0; qi < 20; qi++ {
		q := make([]float32, len(base[0]))
		for d := range q {
			q[d] = base[qi%titles][d] + 0.3*float32(r.NormFloat64())/float32(len(q))
		}
		normalize(q)
		for _, f := range filters {
			got, _, err := ix.Search(q, f, SearchOptions{K: k, Plan: PlanExact})
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForce(ix, q, f, k)
			if len(got) != len(want) {
				t.Fatalf("query %d, filter %v: %d results, want %d", qi, f.Countries, len(got), len(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID || abs32(got[i].Score-want[i].Score) > 1e-6 {
					t.Fatalf("query %d, filter %v, rank %d: got %+v, want %+v", qi, f.Countries, i, got[i], want[i])
				}
			}
			// RankAll scores aliases the same way and lists every match.
			all, err := ix.RankAll(q, f)
			if err != nil {
				t.Fatal(err)
			}
			wantAll := bruteForce(ix, q, f, ix.Len())
			if len(all) != len(wantAll) {
				t.Fatalf("query %d, filter %v: RankAll listed %d, want %d", qi, f.Countries, len(all), len(wantAll))
			}
			for i := range wantAll {
				if all[i].ID != wantAll[i].ID || abs32(all[i].Score-wantAll[i].Score) > 1e-6 {
					t.Fatalf("query %d, filter %v, RankAll rank %d: got %+v, want %+v", qi, f.Countries, i, all[i], wantAll[i])
				}
			}
		}
	}
}

// bruteForce ranks every live point that passes f by its stored vector.
func bruteForce(ix *Index, q []float32, f Filter, k int) []Result {
	allowed := map[string]bool{}
	for _, c := range f.Countries {
		allowed[c] = true
	}
	var all []Result
	for _, id := range ix.IDs() {
		v, p, ok := ix.Get(id)
		if !ok || (len(allowed) > 0 && !allowed[p.Country]) {
			continue
		}
		all = append(all, Result{ID: id, Score: Dot(q, v)})
	}
	sortResults(all)
	return all[:min(k, len(all))]
}

func sortResults(rs []Result) {
	slices.SortFunc(rs, func(a, b Result) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// TestCalibrateCountsTiedAliasesAsHits: when points share vectors, a walk
// and the scan return different aliases of the same tied vector; both are
// right, and calibration must not mistake that for lost recall, which would
// make it choose the exact scan at every selectivity.
func TestCalibrateCountsTiedAliasesAsHits(t *testing.T) {
	// 6,000 points, 20 distinct vectors: more aliases of each than the beam holds.
	ix, _, _ := aliasFixture(t, 20, 300)
	points := ix.Calibrate(CalibrateOptions{K: 10, Ef: 64, Seed: 1})
	if len(points) == 0 {
		t.Fatal("Calibrate measured nothing")
	}
	for _, p := range points {
		if p.Selectivity >= 0.2 && p.GraphRecall < 0.95 {
			t.Errorf("selectivity %.2f: graph recall %.3f, want >= 0.95 (ties counted as misses?)", p.Selectivity, p.GraphRecall)
		}
	}
}

// TestCopyOfAStoredVectorIsAnAlias: a vector read back with Get and
// upserted under another id is the same point, for every point: normalising
// the float16 values again must not move an element, or the copy would
// become a graph node of its own.
func TestCopyOfAStoredVectorIsAnAlias(t *testing.T) {
	fx := newFixture(t, 2000, 8, 11)
	for id := range fx.vecs {
		v, p, ok := fx.ix.Get(id)
		if !ok {
			t.Fatalf("Get(%d) failed", id)
		}
		copyID := id + 1<<40
		must(t, fx.ix.Upsert(copyID, v, p))
		if s := fx.ix.byID[copyID]; fx.ix.al(s).of != fx.ix.byID[id]+1 {
			t.Fatalf("the copy of point %d is not its alias", id)
		}
		back, _, _ := fx.ix.Get(copyID)
		if !equalF32(back, v) {
			t.Fatalf("point %d changed on the round trip", id)
		}
	}
}
