package vsbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"jobmatch/vectorstore"
	"jobmatch/vectorstore/fvecs"
)

// Options are the benchmark's parameters; see cmd/jobmatch/bench_index.go
// for their flags and defaults.
type Options struct {
	N, Dim, K, Queries int
	Seed               int64
	M, EfConstruction  int
	Ef                 []int
	Selectivity        []float64
	Threads            int
	Clusters           int
	Spread             float64
	DataPath           string
	QueryPath          string
	WriteData          string
	// Plans also measures the forced graph and two-hop walks per line, the
	// data behind the planner's thresholds.
	Plans bool
	// IndexPath, when set, is a snapshot to load instead of building (the
	// payloads are then re-applied, which only touches payload indexes); if
	// the file does not exist the built index is saved there. Calibration
	// runs use it to skip the build.
	IndexPath string
	// Calibrate runs Index.Calibrate after the build and prints what it
	// measured and chose.
	Calibrate bool
	// CPUProfile, when set, is a file to write a CPU profile of the run to.
	CPUProfile string
	// MutexProfile, when set, is a file to write a mutex contention
	// profile of the run to (every contention event sampled).
	MutexProfile string
}

// Run executes the benchmark and prints its report lines to out.
func Run(ctx context.Context, o Options, out io.Writer) error {
	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if o.MutexProfile != "" {
		runtime.SetMutexProfileFraction(1)
		defer func() {
			if f, err := os.Create(o.MutexProfile); err == nil {
				pprof.Lookup("mutex").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	base, queries, err := loadData(o)
	if err != nil {
		return err
	}
	n := len(base)
	r := rand.New(rand.NewPCG(uint64(o.Seed), 2))
	pays, pass := payloads(r, n, o.Selectivity)
	if o.WriteData != "" {
		if err := os.MkdirAll(o.WriteData, 0o755); err != nil {
			return err
		}
		if err := writeData(o.WriteData, base, queries, o.Selectivity, pass); err != nil {
			return fmt.Errorf("write data: %w", err)
		}
	}
	fmt.Fprintf(out, "# kernel=%s n=%d dim=%d queries=%d k=%d m=%d ef_construction=%d threads=%d gomaxprocs=%d\n",
		vectorstore.KernelName(), n, len(base[0]), len(queries), o.K, o.M, o.EfConstruction, o.Threads, runtime.GOMAXPROCS(0))

	ix, err := buildOrLoad(ctx, o, base, pays, out)
	if err != nil {
		return err
	}
	if o.Calibrate {
		start := time.Now()
		for _, p := range ix.Calibrate(vectorstore.CalibrateOptions{K: o.K, Seed: uint64(o.Seed)}) {
			fmt.Fprintf(out, "# calibrate sel=%g exact_qps=%.0f graph_recall=%.4f graph_qps=%.0f twohop_recall=%.4f twohop_qps=%.0f\n",
				p.Selectivity, p.ExactQPS, p.GraphRecall, p.GraphQPS, p.TwoHopRecall, p.TwoHopQPS)
		}
		c := ix.Config()
		fmt.Fprintf(out, "# calibrated seconds=%.1f exact_below=%.4g two_hop_below=%.4g\n", time.Since(start).Seconds(), c.ExactBelow, c.TwoHopBelow)
	}

	for si, s := range o.Selectivity {
		if err := ctx.Err(); err != nil {
			return err
		}
		f := filterFor(si, s)
		truth := groundTruth(base, queries, pass[si], o.K, o.Threads)
		exactQPS, _, _, _ := measure(ix, queries, f, vectorstore.SearchOptions{K: o.K, Plan: vectorstore.PlanExact}, truth, len(queries))
		for _, ef := range o.Ef {
			so := vectorstore.SearchOptions{K: o.K, Ef: ef}
			qps, rec, fill, p99 := measure(ix, queries, f, so, truth, len(queries))
			plan, count := ix.PlanFor(f, so)
			fmt.Fprintf(out, "bench sel=%g ef=%d recall=%.4f fill=%.3f qps=%.0f exact_qps=%.0f p99_ms=%.3f\n",
				s, ef, rec, fill, qps, exactQPS, p99)
			fmt.Fprintf(out, "# plan sel=%g ef=%d matching=%d chosen=%s\n", s, ef, count, plan)
			if o.Plans {
				for _, p := range []vectorstore.Plan{vectorstore.PlanGraph, vectorstore.PlanTwoHop} {
					if s >= 1 && p == vectorstore.PlanTwoHop {
						continue
					}
					so.Plan = p
					qps, rec, fill, p99 := measure(ix, queries, f, so, truth, len(queries))
					fmt.Fprintf(out, "# forced plan=%s sel=%g ef=%d recall=%.4f fill=%.3f qps=%.0f p99_ms=%.3f\n",
						p, s, ef, rec, fill, qps, p99)
				}
			}
		}
	}
	return nil
}

func loadData(o Options) (base, queries [][]float32, err error) {
	if o.DataPath == "" {
		r := rand.New(rand.NewPCG(uint64(o.Seed), 1))
		clusters := o.Clusters
		if clusters <= 0 {
			clusters = defaultClusters(o.N)
		}
		all := clustered(r, o.N+o.Queries, o.Dim, clusters, o.Spread)
		return all[:o.N], all[o.N:], nil
	}
	limit := o.N
	if o.QueryPath == "" && limit > 0 {
		limit += o.Queries
	}
	base, err = fvecs.ReadFile(o.DataPath, limit)
	if err != nil {
		return nil, nil, err
	}
	if o.QueryPath != "" {
		if queries, err = fvecs.ReadFile(o.QueryPath, o.Queries); err != nil {
			return nil, nil, err
		}
	} else {
		if len(base) <= o.Queries {
			return nil, nil, errors.New("data file has no vectors left after holding out the queries")
		}
		base, queries = base[:len(base)-o.Queries], base[len(base)-o.Queries:]
	}
	if len(queries) == 0 || len(queries[0]) != len(base[0]) {
		return nil, nil, errors.New("query vectors missing or of another dimension than the data")
	}
	for _, v := range base {
		unit(v)
	}
	for _, v := range queries {
		unit(v)
	}
	return base, queries, nil
}

func buildOrLoad(ctx context.Context, o Options, base [][]float32, pays []vectorstore.Payload, out io.Writer) (*vectorstore.Index, error) {
	if o.IndexPath != "" {
		if _, err := os.Stat(o.IndexPath); err == nil {
			start := time.Now()
			ix, err := vectorstore.Load(o.IndexPath)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(out, "# load n=%d seconds=%.2f\n", ix.Len(), time.Since(start).Seconds())
			if ix.Len() != len(base) {
				return nil, fmt.Errorf("snapshot %s holds %d points, data has %d", o.IndexPath, ix.Len(), len(base))
			}
			for i := range base {
				if err := ix.Upsert(uint64(i), base[i], pays[i]); err != nil {
					return nil, err
				}
			}
			return ix, nil
		}
	}
	ix, secs, bytesPer, err := build(ctx, o, base, pays)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "build n=%d seconds=%.2f bytes_per_vector=%.0f\n", len(base), secs, bytesPer)
	if o.IndexPath != "" {
		start := time.Now()
		if err := ix.Save(o.IndexPath); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "# save seconds=%.2f\n", time.Since(start).Seconds())
	}
	return ix, nil
}

// build inserts all points with o.Threads goroutines and measures the heap
// growth it caused, which is the index's whole memory (vectors, graph,
// payload records and indexes, id map).
func build(ctx context.Context, o Options, base [][]float32, pays []vectorstore.Payload) (*vectorstore.Index, float64, float64, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ix := vectorstore.New(vectorstore.Config{Dim: len(base[0]), M: o.M, EfConstruction: o.EfConstruction, Seed: o.Seed})
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, o.Threads)
	for t := range o.Threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := t; i < len(base); i += o.Threads {
				if i%4096 == 0 && ctx.Err() != nil {
					errs[t] = ctx.Err()
					return
				}
				if err := ix.Upsert(uint64(i), base[i], pays[i]); err != nil {
					errs[t] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, 0, err
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return ix, secs, float64(int(after.HeapAlloc)-int(before.HeapAlloc)+ix.OffHeapBytes()) / float64(len(base)), nil
}

// groundTruth is the exact filtered top k by brute force over the passing
// points, computed independently of the index.
func groundTruth(base, queries [][]float32, pass []bool, k, threads int) [][]uint64 {
	truth := make([][]uint64, len(queries))
	var wg sync.WaitGroup
	for t := range max(threads, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			type hit struct {
				id    uint64
				score float32
			}
			var hits []hit
			for qi := t; qi < len(queries); qi += max(threads, 1) {
				hits = hits[:0]
				for i, v := range base {
					if pass[i] {
						hits = append(hits, hit{uint64(i), vectorstore.Dot(queries[qi], v)})
					}
				}
				slices.SortFunc(hits, func(a, b hit) int {
					if a.score != b.score {
						if a.score > b.score {
							return -1
						}
						return 1
					}
					return int(a.id) - int(b.id)
				})
				ids := make([]uint64, 0, k)
				for _, h := range hits[:min(k, len(hits))] {
					ids = append(ids, h.id)
				}
				truth[qi] = ids
			}
		}()
	}
	wg.Wait()
	return truth
}

// measure runs the first nq queries single-threaded and returns QPS,
// recall@k, fill (share of queries with min(k, matches) results) and the
// 99th-percentile latency in milliseconds.
func measure(ix *vectorstore.Index, queries [][]float32, f vectorstore.Filter, so vectorstore.SearchOptions,
	truth [][]uint64, nq int) (qps, recall, fill, p99 float64) {
	lat := make([]time.Duration, nq)
	res := make([]vectorstore.Result, 0, so.K)
	hits, want, full := 0, 0, 0
	start := time.Now()
	for i := range nq {
		t0 := time.Now()
		so.Dst = res[:0]
		res, _, _ = ix.Search(queries[i], f, so)
		lat[i] = time.Since(t0)
		for _, r := range res {
			if slices.Contains(truth[i], r.ID) {
				hits++
			}
		}
		want += len(truth[i])
		if len(res) == len(truth[i]) {
			full++
		}
	}
	total := time.Since(start).Seconds()
	slices.Sort(lat)
	p99 = float64(lat[min(nq-1, nq*99/100)].Microseconds()) / 1000
	if want == 0 {
		recall = 1
	} else {
		recall = float64(hits) / float64(want)
	}
	return float64(nq) / total, recall, float64(full) / float64(nq), p99
}

func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }

// defaultClusters models job-title embeddings: they group by occupation,
// and ESCO has about 3,000 occupations; small runs keep ~50 points per
// cluster.
func defaultClusters(n int) int { return max(1, min(3000, n/50)) }
