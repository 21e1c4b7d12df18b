package train

import "jobmatch/encoder/training/nn"

// encodeRows runs the Go forward pass over many titles in batches; titles
// without rows get a zero vector (they never match anything).
func encodeRows(p *nn.Params, rows [][]int32, workers int) []float32 {
	out, _ := encodeWithInputs(p, rows, workers)
	return out
}

// encodeWithInputs runs the forward pass over many titles in batches and
// also returns each title's confidence-head inputs; titles without rows get a
// zero vector.
func encodeWithInputs(p *nn.Params, rows [][]int32, workers int) ([]float32, [][nn.ConfFeatures]float32) {
	dim := p.Dim()
	out := make([]float32, len(rows)*dim)
	in := make([][nn.ConfFeatures]float32, len(rows))
	var a nn.Activations
	const batch = 512
	for lo := 0; lo < len(rows); lo += batch {
		hi := min(lo+batch, len(rows))
		p.Forward(rows[lo:hi], &a, workers)
		for r := lo; r < hi; r++ {
			if len(rows[r]) == 0 {
				continue
			}
			copy(out[r*dim:(r+1)*dim], nn.Row(a.Y, r-lo, dim))
			in[r] = nn.ConfInputs(a.Mass[r-lo], a.Known[r-lo], peakOf(p, nn.Row(a.P, r-lo, dim)), a.Words[r-lo], a.New[r-lo], int(a.Count[r-lo]))
		}
	}
	return out, in
}

// peakOf is the group peakedness the forward pass feeds the head (0 for a
// linear head).
func peakOf(p *nn.Params, pr []float32) float32 {
	if p.Linear {
		return 0
	}
	return nn.Peak(pr, p.Groups, p.GroupSize)
}
