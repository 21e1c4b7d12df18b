package engine

import (
	"math"
	"sort"

	"jobmatch/vectorstore"
)

// t-SNE settings for the title map: perplexity ~30 as usual; affinities
// only over each point's 3×perplexity nearest neighbours (as Barnes–Hut
// t-SNE does), which is exact for all practical purposes and keeps the
// input side cheap; the gradient itself is exact, O(n²) per iteration.
const (
	tsnePerplexity   = 30
	tsneIters        = 400
	tsneExaggerate   = 12.0
	tsneExaggerIters = 100
)

// tsne embeds unit vectors in the plane with t-SNE (van der Maaten &
// Hinton 2008): Gaussian affinities calibrated to the perplexity, a
// Student-t kernel in 2-D, early exaggeration, momentum gradient descent
// with per-coordinate gains. It starts from the PCA projection, so the
// result is deterministic and keeps the global layout. Coordinates are
// scaled to [0, 1].
func tsne(vecs [][]float32) [][2]float64 {
	n := len(vecs)
	out := project2D(vecs)
	if n < 4 {
		return out
	}
	nbr, p := tsneAffinities(vecs)

	// PCA start, centred and shrunk to a tiny spread (std ~1e-4).
	y := make([]float64, 2*n)
	for i, xy := range out {
		y[2*i], y[2*i+1] = (xy[0]-0.5)*1e-4, (xy[1]-0.5)*1e-4
	}
	vel := make([]float64, 2*n)
	gains := make([]float64, 2*n)
	for i := range gains {
		gains[i] = 1
	}
	grad := make([]float64, 2*n)
	eta := max(float64(n)/tsneExaggerate, 50) // learning rate as in openTSNE/sklearn "auto"

	for it := 0; it < tsneIters; it++ {
		exag, mom := 1.0, 0.8
		if it < tsneExaggerIters {
			exag, mom = tsneExaggerate, 0.5
		}
		// Repulsion over all pairs: w = 1/(1+|yi-yj|²), Z = Σ w; the
		// repulsive force on i is Σ_j w² (yi-yj) / Z.
		for i := range grad {
			grad[i] = 0
		}
		z := 0.0
		for i := 0; i < n; i++ {
			yi0, yi1 := y[2*i], y[2*i+1]
			gx, gy := 0.0, 0.0
			for j := i + 1; j < n; j++ {
				dx, dy := yi0-y[2*j], yi1-y[2*j+1]
				w := 1 / (1 + dx*dx + dy*dy)
				z += 2 * w
				w2 := w * w
				gx, gy = gx+w2*dx, gy+w2*dy
				grad[2*j] += w2 * dx
				grad[2*j+1] += w2 * dy
			}
			grad[2*i] -= gx
			grad[2*i+1] -= gy
		}
		// grad now holds -Σ w²(yi-yj); scale by 1/Z and add attraction
		// Σ p w (yi-yj) over the sparse neighbours.
		for i := range grad {
			grad[i] /= z
		}
		for i := 0; i < n; i++ {
			for k, j := range nbr[i] {
				dx, dy := y[2*i]-y[2*j], y[2*i+1]-y[2*j+1]
				f := exag * p[i][k] / (1 + dx*dx + dy*dy)
				grad[2*i] += f * dx
				grad[2*i+1] += f * dy
			}
		}
		for d := range y {
			g := 4 * grad[d]
			if (g > 0) != (vel[d] > 0) {
				gains[d] += 0.2
			} else {
				gains[d] = max(gains[d]*0.8, 0.01)
			}
			vel[d] = mom*vel[d] - eta*gains[d]*g
			y[d] += vel[d]
		}
	}

	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := 0; i < n; i++ {
		minX, maxX = math.Min(minX, y[2*i]), math.Max(maxX, y[2*i])
		minY, maxY = math.Min(minY, y[2*i+1]), math.Max(maxY, y[2*i+1])
	}
	for i := range out {
		out[i] = [2]float64{scale01(y[2*i], minX, maxX), scale01(y[2*i+1], minY, maxY)}
	}
	return out
}

// tsneAffinities returns, for each point, its nearest neighbours and the
// symmetrised joint probabilities p_ij = (p_j|i + p_i|j) / 2n over them.
func tsneAffinities(vecs [][]float32) ([][]int, [][]float64) {
	n := len(vecs)
	kn := min(3*tsnePerplexity, n-1)
	// Squared distances of unit vectors: 2 - 2 cos.
	dist := make([][]float64, n)
	for i := range dist {
		dist[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			d := max(0, 2-2*float64(vectorstore.Dot(vecs[i], vecs[j])))
			dist[i][j], dist[j][i] = d, d
		}
	}
	cond := make([]map[int]float64, n)
	idx := make([]int, 0, n)
	for i := 0; i < n; i++ {
		idx = idx[:0]
		for j := 0; j < n; j++ {
			if j != i {
				idx = append(idx, j)
			}
		}
		row := dist[i]
		sort.Slice(idx, func(a, b int) bool {
			return row[idx[a]] < row[idx[b]] || row[idx[a]] == row[idx[b]] && idx[a] < idx[b]
		})
		cond[i] = conditional(row, idx[:kn], tsnePerplexity)
	}
	nbr := make([][]int, n)
	p := make([][]float64, n)
	sym := make([]map[int]float64, n)
	for i := range sym {
		sym[i] = map[int]float64{}
	}
	for i, m := range cond {
		for j, v := range m {
			sym[i][j] += v / (2 * float64(n))
			sym[j][i] += v / (2 * float64(n))
		}
	}
	for i, m := range sym {
		for j := range m {
			nbr[i] = append(nbr[i], j)
		}
		sort.Ints(nbr[i]) // map order is random: fix it for determinism
		for _, j := range nbr[i] {
			p[i] = append(p[i], m[j])
		}
	}
	return nbr, p
}

// conditional finds by bisection the Gaussian precision whose conditional
// distribution p_j|i over the neighbours nb has the given perplexity.
func conditional(row []float64, nb []int, perplexity float64) map[int]float64 {
	target := math.Log(perplexity)
	beta, lo, hi := 1.0, 0.0, math.Inf(1)
	w := make([]float64, len(nb))
	for it := 0; it < 64; it++ {
		sum, dsum := 0.0, 0.0
		d0 := row[nb[0]] // subtract the smallest distance for stability
		for k, j := range nb {
			w[k] = math.Exp(-beta * (row[j] - d0))
			sum += w[k]
			dsum += w[k] * (row[j] - d0)
		}
		h := math.Log(sum) + beta*dsum/sum // entropy in nats
		if math.Abs(h-target) < 1e-5 {
			break
		}
		if h > target {
			lo = beta
			if math.IsInf(hi, 1) {
				beta *= 2
			} else {
				beta = (beta + hi) / 2
			}
		} else {
			hi = beta
			beta = (beta + lo) / 2
		}
	}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make(map[int]float64, len(nb))
	for k, j := range nb {
		out[j] = w[k] / sum
	}
	return out
}
