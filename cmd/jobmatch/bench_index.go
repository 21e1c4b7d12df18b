package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jobmatch/vectorstore/vsbench"
)

// runBenchIndex benchmarks the filtered HNSW index against exact search.
// Example (the target setting):
//
//	GOEXPERIMENT=simd go run ./cmd/jobmatch bench-index -n 200000 -threads 2
func runBenchIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench-index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := vsbench.Options{}
	fs.IntVar(&o.N, "n", 200000, "number of indexed vectors (synthetic, or the first n of -data)")
	fs.IntVar(&o.Dim, "dim", 512, "dimension of synthetic vectors")
	fs.IntVar(&o.K, "k", 10, "results per query")
	fs.IntVar(&o.Queries, "queries", 1000, "number of queries")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed for data, payloads and levels")
	fs.IntVar(&o.M, "m", 16, "HNSW links per node (2*m on layer 0)")
	fs.IntVar(&o.EfConstruction, "ef-construction", 100, "HNSW beam width while building")
	efs := fs.String("ef", "32,64,128", "comma-separated search beam widths")
	sels := fs.String("selectivity", "1,0.5,0.1,0.01,0.001", "comma-separated shares of points passing the filter")
	fs.IntVar(&o.Threads, "threads", 2, "goroutines for building and ground truth (searches are timed on one)")
	fs.IntVar(&o.Clusters, "clusters", 0, "Gaussian clusters in synthetic data (0: min(3000, n/50), about the number of ESCO occupations)")
	fs.Float64Var(&o.Spread, "spread", 1.0, "norm of the noise around a synthetic cluster centre (centres are unit)")
	fs.StringVar(&o.DataPath, "data", "", ".fvecs file of base vectors instead of synthetic data")
	fs.StringVar(&o.QueryPath, "query-data", "", ".fvecs file of queries (default: hold out the last -queries of -data)")
	fs.StringVar(&o.WriteData, "write-data", "", "directory to save the data, queries and filters as .fvecs/.txt")
	fs.BoolVar(&o.Plans, "plans", false, "also time the forced graph and two-hop plans (planner calibration)")
	fs.StringVar(&o.IndexPath, "index", "", "snapshot to load instead of building (saved there after a build if missing)")
	fs.BoolVar(&o.Calibrate, "calibrate", false, "calibrate the planner's thresholds on the index before measuring")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&o.MutexProfile, "mutexprofile", "", "write a mutex contention profile to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if o.Ef, err = parseList(*efs, strconv.Atoi); err != nil {
		return usageError{fmt.Sprintf("bench-index: -ef: %v", err)}
	}
	if o.Selectivity, err = parseList(*sels, func(s string) (float64, error) { return strconv.ParseFloat(s, 64) }); err != nil {
		return usageError{fmt.Sprintf("bench-index: -selectivity: %v", err)}
	}
	for _, s := range o.Selectivity {
		if s <= 0 || s > 1 {
			return usageError{fmt.Sprintf("bench-index: selectivity %g outside (0, 1]", s)}
		}
	}
	if o.N < 1 || o.Dim < 1 || o.K < 1 || o.Queries < 1 || o.Threads < 1 {
		return usageError{"bench-index: -n, -dim, -k, -queries and -threads must be positive"}
	}
	return vsbench.Run(ctx, o, stdout)
}

func parseList[T any](s string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for _, f := range strings.Split(s, ",") {
		v, err := parse(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
