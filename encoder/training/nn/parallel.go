package nn

import "sync"

// parallelRows splits [0,n) into at most workers contiguous chunks and runs
// fn on each concurrently. The split depends only on n and workers, so any
// per-chunk partial results can be reduced in a fixed order: training is
// deterministic for a given worker count.
func parallelRows(n, workers int, fn func(chunk, lo, hi int)) {
	if workers < 1 {
		workers = 1
	}
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var wg sync.WaitGroup
	for c := range workers {
		lo, hi := c*n/workers, (c+1)*n/workers
		wg.Go(func() { fn(c, lo, hi) })
	}
	wg.Wait()
}
