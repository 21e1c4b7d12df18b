package vectorstore

// Config fixes the shape of an index. Dim cannot change after New: vectors of
// another length are rejected, and a snapshot remembers it.
type Config struct {
	// Dim is the vector length (e.g. 512). Required.
	Dim int
	// M is the number of graph neighbours a node gets per layer; layer 0
	// allows 2*M. 16 is the usual trade-off between recall and memory
	// (each layer-0 link costs 4 bytes). Default 16.
	M int
	// EfConstruction is the beam width used while inserting; higher builds a
	// better graph, more slowly. Default 100.
	EfConstruction int
	// EfSearch is the default beam width of a search (raised to K+Offset when
	// smaller). Default 64.
	EfSearch int
	// Seed makes level assignment reproducible for single-threaded builds.
	Seed int64
	// CompactAfter is how many deleted points may wait as tombstones before
	// the graph is repaired and their slots are freed for reuse. Repair holds
	// the index exclusively, so batching amortises the scan of all links.
	// Default 64.
	CompactAfter int
	// ExactPerEf, ExactBelow and TwoHopBelow tune the query planner: scan
	// when at most ExactPerEf*ef points match or the matching share is below
	// ExactBelow; walk with two hops below TwoHopBelow; otherwise walk the
	// plain graph. Zero means the measured defaults (see planner.go), which
	// leave the two-hop walk off.
	ExactPerEf  float64
	ExactBelow  float64
	TwoHopBelow float64
}

const (
	defaultM            = 16
	defaultEfC          = 100
	defaultEfSearch     = 64
	defaultCompactAfter = 64
	maxLevel            = 15
	// MaxResults bounds Offset+K of one search: deeper pages would make the
	// beam, and so the latency, unbounded.
	MaxResults = 10000
)

func (c Config) withDefaults() Config {
	if c.M <= 1 {
		c.M = defaultM
	}
	if c.EfConstruction <= 0 {
		c.EfConstruction = defaultEfC
	}
	if c.EfConstruction < c.M {
		c.EfConstruction = c.M
	}
	if c.EfSearch <= 0 {
		c.EfSearch = defaultEfSearch
	}
	if c.CompactAfter <= 0 {
		c.CompactAfter = defaultCompactAfter
	}
	if c.ExactPerEf <= 0 {
		c.ExactPerEf = defaultExactPerEf
	}
	if c.ExactBelow <= 0 {
		c.ExactBelow = defaultExactBelow
	}
	if c.TwoHopBelow < 0 {
		c.TwoHopBelow = defaultTwoHopBelow
	}
	return c
}
