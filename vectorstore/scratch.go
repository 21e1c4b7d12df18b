package vectorstore

// scratch is the per-operation working memory of a search or insert, pooled
// so that a search in the steady state allocates nothing: the visited set,
// both heaps, neighbour buffers and the filter bitsets are reused.
type scratch struct {
	visited []uint16 // visited[s] == epoch means seen in this walk
	epoch   uint16

	cand   maxHeap
	res    minHeap
	nbuf   []uint32 // neighbours gathered for one expansion
	hop    []uint32 // non-matching neighbours to look through (two-hop)
	scores []float32
	// repScore[r] is the score of rep r in an exact scan over alias
	// groups (valid where visited[r] == epoch).
	repScore []float32
	matched  []uint32 // the matching slots of that scan
	reps     []uint32 // and their reps
	sel      []item   // neighbour selection and pruning
	out      []item
	dense    [4][]uint64 // filter evaluation: result, group, temporary, geo candidates
	qq       qquery      // the walk's query, quantised
	fbuf     []float32   // a decoded vector
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// resetVisited starts a new walk over n slots. Epochs make this O(1) except
// once every 65535 walks.
func (s *scratch) resetVisited(n int) {
	if len(s.visited) < n {
		s.visited = make([]uint16, n+n/4)
		s.epoch = 0
	}
	s.epoch++
	if s.epoch == 0 {
		clear(s.visited)
		s.epoch = 1
	}
}

func (s *scratch) seen(i uint32) bool { return s.visited[i] == s.epoch }

func (s *scratch) mark(i uint32) { s.visited[i] = s.epoch }

// words returns dense bitset number i with n words (contents undefined).
func (s *scratch) words(i, n int) []uint64 {
	if cap(s.dense[i]) < n {
		s.dense[i] = make([]uint64, n+n/4)
	}
	return s.dense[i][:n]
}
