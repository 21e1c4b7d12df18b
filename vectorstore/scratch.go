package vectorstore

// scratch is the per-operation working memory of a search or insert, pooled
// so that a search in the steady state allocates nothing: the visited set,
// both heaps, neighbour buffers and the filter bitsets are reused.
type scratch struct {
	visited []uint64 // bitset of the slots seen in this walk

	cand   maxHeap
	res    minHeap
	front  minHeap  // the walk's beam: one entry per graph node (graph_search.go)
	nbuf   []uint32 // neighbours gathered for one expansion
	hop    []uint32 // non-matching neighbours to look through (two-hop)
	known  []bool   // addLink: which members are in the verified prefix
	scores []float32
	// nodeScore[r] is the score of graph node r in an exact scan, computed
	// once for the node and all its aliases (valid where r is marked visited).
	nodeScore []float32
	nodeBound []float32   // and the error bound of its int8 score (exact.go)
	matched   []uint32    // the matching slots of that scan
	nodes     []uint32    // and the graph nodes whose vectors they share
	sel       []item      // link: the walk's candidates, then the new node's neighbours
	out       []item      // prune's candidates (link.go); the screen's bound heap (exact.go)
	dense     [4][]uint64 // filter evaluation: result, group, temporary, geo candidates
	qq        qquery      // the walk's query, quantised
	fbuf      []float32   // a decoded vector
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// resetVisited starts a new walk over n slots: the visited set is a bitset
// (31 KB for 250k slots, so it stays in the core's cache, where an epoch
// array of uint16 took 500 KB), cleared per walk.
func (s *scratch) resetVisited(n int) {
	w := (n + 63) / 64
	if len(s.visited) < w {
		s.visited = make([]uint64, w+w/4)
	}
	clear(s.visited[:w])
}

func (s *scratch) seen(i uint32) bool { return s.visited[i>>6]&(1<<(i&63)) != 0 }

func (s *scratch) mark(i uint32) { s.visited[i>>6] |= 1 << (i & 63) }

// words returns dense bitset number i with n words (contents undefined).
func (s *scratch) words(i, n int) []uint64 {
	if cap(s.dense[i]) < n {
		s.dense[i] = make([]uint64, n+n/4)
	}
	return s.dense[i][:n]
}
