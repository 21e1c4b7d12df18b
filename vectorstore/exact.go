package vectorstore

import "math"

// The exact scan: every matching point scored, the best k kept.
//
// It is bound by reading vectors, so it reads as few as it can:
//
//   - When the index holds aliases, each distinct vector is scored once, on
//     its graph node, however many of its aliases match: in jobmatch's data three or four
//     vacancies share each distinct title vector.
//   - When many more points match than the page needs, every vector is first
//     scored from its int8 row (nine cache lines for 512-d instead of the
//     float16 vector's sixteen), together with a bound on that score's
//     error (exactBound). Only vectors whose score could still reach the
//     best k, judged by the bounds, are read again and scored exactly. A
//     point left out scores strictly below k others, so the result is the
//     same as scoring everything exactly (TestScreenedExactEqualsFullScan).

// screenMin is the fewest distinct vectors worth screening. Below it the
// screen's own cost (quantising the query, a second pass) outweighs the
// reads it saves (bench/vectorstore.md, "Exact scan").
var screenMin = 1024 // a variable so that tests can screen small scans

// exact scores every matching point and keeps the best k (ties by id), in
// sc.res as a min-heap.
func (ix *Index) exact(q []float32, allowed []uint64, k int, sc *scratch) []item {
	uniq := ix.matchingNodes(allowed, sc)
	if len(uniq) >= screenMin && len(sc.matched) > 8*k {
		uniq = ix.screen(q, uniq, k, sc)
	}
	ix.scoreNodes(uniq, sc, ix.exactScores(q, sc))

	h := sc.res[:0]
	for i, s := range sc.matched {
		r := sc.nodes[i]
		if !sc.seen(r) {
			continue // screened out
		}
		it := item{score: sc.nodeScore[r], slot: s}
		if len(h) == k && it.score < h[0].score {
			continue
		}
		it.id = ix.node(s).id
		h.offer(it, k)
	}
	sc.res = h
	return h
}

// nodeScores scores q exactly against every graph node that matches or has
// a matching alias, each node once, and returns the scores indexed by node
// slot (valid only for those nodes), with the matching slots and their nodes
// in sc.matched and sc.nodes: the exact scan without the screen, for RankAll.
func (ix *Index) nodeScores(q []float32, allowed []uint64, sc *scratch) []float32 {
	ix.scoreNodes(ix.matchingNodes(allowed, sc), sc, ix.exactScores(q, sc))
	return sc.nodeScore
}

// exactScores is the scorer for scoreNodes that reads the float16 vectors.
func (ix *Index) exactScores(q []float32, sc *scratch) func([]uint32) []float32 {
	return func(batch []uint32) []float32 {
		sc.scores = ix.scoreExact(q, batch, sc.scores)
		return sc.scores
	}
}

// matchingNodes lists the matching slots in sc.matched and the graph nodes
// whose vectors they share in sc.nodes (nodeOf), and returns each node once,
// marked in the visited set. Without aliases every slot is its own node.
func (ix *Index) matchingNodes(allowed []uint64, sc *scratch) []uint32 {
	sc.resetVisited(ix.cap)
	if len(sc.nodeScore) < ix.cap {
		sc.nodeScore = make([]float32, ix.cap+ix.cap/4)
	}
	aliases := ix.anyAliases.Load()
	sc.matched, sc.nodes = sc.matched[:0], sc.nodes[:0]
	uniq := sc.hop[:0]
	ix.forEachMatching(allowed, func(s uint32) {
		r := s
		if aliases {
			r = ix.nodeOf(s)
		}
		sc.matched = append(sc.matched, s)
		sc.nodes = append(sc.nodes, r)
		if !sc.seen(r) {
			sc.mark(r)
			uniq = append(uniq, r)
		}
	})
	sc.hop = uniq
	return uniq
}

// scoreNodes sets sc.nodeScore for every node in nodes, scoring them in batches
// of 64 with score.
func (ix *Index) scoreNodes(nodes []uint32, sc *scratch, score func([]uint32) []float32) {
	for i := 0; i < len(nodes); i += 64 {
		batch := nodes[i:min(i+64, len(nodes))]
		for j, v := range score(batch) {
			sc.nodeScore[batch[j]] = v
		}
	}
}

// screen scores nodes from their int8 rows and returns those whose exact
// score could be among the best k matching points (a prefix of nodes'
// storage); the others are unmarked in the visited set. sc.matched and
// sc.nodes list the matching points and their nodes.
func (ix *Index) screen(q []float32, nodes []uint32, k int, sc *scratch) []uint32 {
	sc.qq.prepareRows(q, ix.qdim)
	if len(sc.nodeBound) < len(sc.nodeScore) {
		sc.nodeBound = make([]float32, len(sc.nodeScore))
	}
	eb := sc.qq.exactBound(q)
	ix.scoreNodes(nodes, sc, func(batch []uint32) []float32 {
		sc.scores = ix.scoreApprox(&sc.qq, batch, sc.scores)
		for _, r := range batch { // while the rows are in cache
			sc.nodeBound[r] = eb.of(ix.row(r))
		}
		return sc.scores
	})
	// t: the k-th best lower bound over the matching points. At least k
	// points score at least t exactly.
	low := minHeap(sc.out[:0])
	for _, r := range sc.nodes {
		low.offer(item{score: sc.nodeScore[r] - sc.nodeBound[r]}, k)
	}
	sc.out = low
	t := float32(math.Inf(-1))
	if len(low) == k {
		t = low[0].score
	}
	keep := nodes[:0]
	for _, r := range nodes {
		if sc.nodeScore[r]+sc.nodeBound[r] >= t {
			keep = append(keep, r)
		} else {
			sc.visited[r>>6] &^= 1 << (r & 63)
		}
	}
	return keep
}

// errorBound bounds |q.x - approx(q, row(x))| for one query (scoreApprox).
//
// With x_i = off + scale*c_i + e_i (|e_i| <= scale/2, the row's rounding)
// and q_i = qscale*k_i + f_i (the query's), the approximation leaves out
// q.e + scale*sum(f_i*c_i). The first is at most scale/2 * |q|_1. For the
// second, c_i + 128 >= 0 and its sum is known per row (sumc + 128*Dim), so
// sum(f_i*c_i) = sum(f_i*(c_i+128)) - 128*sum(f_i) is at most
// qscale/2 * (sumc + 128*Dim) + 128*|sum(f_i)|. The factors carry a margin
// for float32 rounding in quantising, and slack covers the float32
// arithmetic of both scores.
type errorBound struct{ a, b, dim128 float32 }

func (qq *qquery) exactBound(q []float32) errorBound {
	const margin = 1.001
	var l1, fsum float64 // |q|_1 and sum(f_i)
	for i, v := range q {
		l1 += math.Abs(float64(v))
		fsum += float64(v) - float64(qq.scale)*float64(qq.codes[i])
	}
	return errorBound{
		a:      float32(margin * (0.5*l1 + 128*math.Abs(fsum))),
		b:      margin * 0.5 * qq.scale,
		dim128: 128 * float32(len(q)),
	}
}

func (e errorBound) of(row []int8) float32 {
	const slack = 1e-4
	h := rowHeader(row)
	return h[0]*(e.a+e.b*(h[2]+e.dim128)) + slack
}
