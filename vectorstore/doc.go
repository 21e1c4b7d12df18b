// Package vectorstore is jobmatch's in-process vector index: an HNSW graph
// over L2-normalised vectors (so the dot product is the cosine similarity)
// with payload indexes that make filtered search exact in its counts and
// full in its pages. It imports nothing from the rest of
// jobmatch; the domain maps its candidates and vacancies onto Payload and
// Filter.
//
// # Searching with filters
//
// Every search evaluates its Filter first, from roaring bitmaps per
// country, city, language level and tag and a geo cell index, into a dense
// bitset of matching points. That gives the exact number of matches before
// any vector work, and the planner (planner.go) picks per query:
//
//   - PlanExact when few points match: score them all (exact, and cheaper
//     than a walk at that size);
//   - PlanTwoHop when a filter is moderately selective: walk only matching
//     nodes, reaching them through non-matching neighbours (ACORN-1);
//   - PlanGraph when most points match: the ordinary walk, keeping matching
//     nodes as results.
//
// The selectivity thresholds between them are measured: fixed defaults from
// the benchmark (bench/vectorstore.md), or values measured on the index's own
// data by Calibrate, which is worth calling after a bulk load. If a walk
// ends with fewer results than min(k, matches), the search falls back to the
// exact scan, so a page is always full when enough points match.
//
// Results are ordered by score, ties by ascending id; SearchOptions.Offset
// pages through them (see SearchOptions for when pages are consistent).
//
// # Identical vectors
//
// Many points share a vector (every vacancy titled "Registered Nurse").
// Only the first is a graph node; later copies are aliases of it (alias.go):
// stored, filtered and counted like any point, but returned by a walk when
// it reaches their node, with the same score. Linking copies as nodes would
// make many copies a closed clique that walks cannot leave. The exact scan
// scores each distinct vector once for the node and all its matching
// aliases, and Calibrate counts any alias of a tied vector as a hit (a walk
// and the scan return different aliases of a tie, both correct).
//
// A point's exact score is the same bits wherever it falls in a batch (one
// kernel computes them all, f16.go), so ties rank the same way in an index
// rebuilt from scratch as in one that was loaded and then replayed.
//
// # Radius filters
//
// Points are bucketed into half-degree cells (geo.go). A radius filter
// takes a cell lying wholly inside the circle whole; in a cell whose points
// sit at no more than 64 distinct coordinates (job locations are mostly a
// city's), it tests each coordinate once; only crowded cells on the circle's
// edge are checked point by point.
//
// # Concurrency and memory
//
// Searches and inserts run concurrently (neighbour lists are read with
// atomic loads and rewritten under striped locks); deletes retire a point at
// once and the graph is repaired in batches (Compact). Storage is chunked
// flat arrays indexed by slot number, and each search takes its working
// memory (visited set, heaps, filter bitsets) from a pool, so steady-state
// searches do not allocate.
//
// # Three copies of every vector
//
// A graph walk is bound by random memory reads: its cost is the number of
// cache lines it fetches, not arithmetic. So each point is stored three
// times, each for the job it is cheapest at (for 512-d: 1,024 + 576 + 320
// bytes, about 2.1 KB per point with graph and payload indexes):
//
//   - float16 (f16.go): the stored vector. Exact scores come from it: the
//     exact scan, RankAll, and the re-ranking of every walk's final beam.
//     Get returns it, so a vector read back is the input L2-normalised and
//     rounded to float16 (relative error <= 2^-11 per element; scores differ
//     from float32 ones by ~1e-4).
//   - int8 rows (quant.go), per-vector asymmetric scale: the neighbour
//     selection while building and repairing the graph, and the screen of
//     a large exact scan, which reads a float16 vector only when its int8
//     score, within a proven error bound, could reach the page (exact.go).
//   - 4-bit rows (nibble.go), same scheme with 16 levels: what walks score
//     (search and construction), five cache lines per 512-d vector, against
//     an int8 copy of the query with VPMADDUBSW, 64 elements per step.
//
// Building spends most of its time waiting for memory, so a walk starts
// reading the neighbour list of the next candidate while it scores the
// current one's neighbours, and re-pruning a full neighbour list skips the
// comparisons the previous re-prune already made (addLink, link.go). What
// it waits for is one random DRAM access per row scored, so the number of
// rows counts, not their length: shorter rows cost recall without making
// the build much faster (bench/vectorstore.md, "Build").
//
// Both quantisations map each vector's own [min, max] onto the code range,
// so Gaussian-like vectors and the encoder's non-negative softmax-group
// vectors both use every level. A search's results are therefore ordered by
// exact scores (those of the float16 vectors), and walks only decide which
// points reach the beam. Snapshots store only the float16 vectors; the rows
// are derived when loading.
//
// # Kernels
//
// Dot products use AVX-512 or AVX2+FMA when built with GOEXPERIMENT=simd on
// amd64 and the CPU has them, and portable Go otherwise (KernelName tells
// which); the float16 kernel is Go assembly using F16C, chosen at run time
// on any amd64 build. CI must therefore run the tests both with and without
// the experiment.
package vectorstore
