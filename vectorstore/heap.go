package vectorstore

// Binary heaps of scored slots on plain slices held in the search scratch.
// Hand-written rather than container/heap so pushing does not box items into
// interfaces (an allocation per push).

// item is a scored slot. id is filled only where ties must break by id
// (exact scans); graph walks leave it zero.
type item struct {
	score float32
	slot  uint32
	id    uint64
}

// worse orders items for result lists: lower score first, and on equal
// scores the higher id, so that ties resolve deterministically by id.
func worse(a, b item) bool {
	return a.score < b.score || (a.score == b.score && a.id > b.id)
}

// minHeap keeps the worst item on top: the bounded result set of a search.
type minHeap []item

func (h *minHeap) push(x item) {
	*h = append(*h, x)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !worse(s[i], s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

// offer adds x to a result set bounded at k items: pushed while the set is
// smaller, otherwise it replaces the worst item if it is better. One sift
// instead of a push and a pop: a beam-search walk offers every improving
// candidate once its beam is full.
func (h *minHeap) offer(x item, k int) {
	s := *h
	if len(s) < k {
		h.push(x)
		return
	}
	if len(s) == 0 || !worse(s[0], x) {
		return
	}
	s[0] = x
	s.down(0)
}

// down restores the heap order below i after s[i] changed.
func (s minHeap) down(i int) {
	n := len(s)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && worse(s[r], s[l]) {
			m = r
		}
		if !worse(s[m], s[i]) {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
}

// maxHeap keeps the best item on top: the candidate queue of a graph walk.
type maxHeap []item

func (h *maxHeap) push(x item) {
	*h = append(*h, x)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if s[i].score <= s[p].score {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *maxHeap) pop() item {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && s[r].score > s[l].score {
			m = r
		}
		if s[m].score <= s[i].score {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
	return top
}
