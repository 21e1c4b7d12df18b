// Package vsbench is the benchmark behind `jobmatch bench-index`: it builds a
// vectorstore index on synthetic clustered or .fvecs data, computes exact
// filtered ground truth by brute force, and reports recall, fill, QPS and
// latency per filter selectivity and beam width next to the exact scan.
package vsbench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"

	"jobmatch/vectorstore"
	"jobmatch/vectorstore/fvecs"
)

// clustered returns n+q L2-normalised points drawn from Gaussian clusters:
// a unit centre plus isotropic noise whose norm is about spread. Embeddings
// of job titles cluster by occupation in this way, and uniform random
// vectors would make every neighbour search artificially hard.
func clustered(r *rand.Rand, n, dim, clusters int, spread float64) [][]float32 {
	centres := make([][]float32, clusters)
	for i := range centres {
		centres[i] = gaussUnit(r, dim)
	}
	sigma := spread / math.Sqrt(float64(dim))
	out := make([][]float32, n)
	for i := range out {
		c := centres[r.IntN(clusters)]
		v := make([]float32, dim)
		for j := range v {
			v[j] = c[j] + float32(r.NormFloat64()*sigma)
		}
		unit(v)
		out[i] = v
	}
	return out
}

func gaussUnit(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	for j := range v {
		v[j] = float32(r.NormFloat64())
	}
	unit(v)
	return v
}

func unit(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// selTag names the tag carried by the points that pass selectivity number i.
func selTag(i int) string { return "sel" + strconv.Itoa(i) }

var countries = []string{"DE", "FR", "NL", "PL", "ES", "IT", "AT", "BE", "SE", "DK", "CZ", "PT", "IE", "FI", "NO", "CH", "GB", "US", "CA", "RO"}

// payloads gives every point a realistic payload (so memory per vector
// includes real payload indexes) plus, for each selectivity s < 1, the tag
// selTag(i) on exactly round(s*n) points chosen by one random ranking, so
// the filter for s passes exactly that share, independent of the vectors.
func payloads(r *rand.Rand, n int, sels []float64) ([]vectorstore.Payload, [][]bool) {
	rank := r.Perm(n)
	pass := make([][]bool, len(sels))
	for i := range pass {
		pass[i] = make([]bool, n)
	}
	out := make([]vectorstore.Payload, n)
	langs := []string{"en", "de", "fr", "es", "pl", "it"}
	for p := range out {
		c := r.IntN(len(countries))
		city := c*10 + r.IntN(10)
		pl := vectorstore.Payload{
			Country: countries[c],
			City:    "city" + strconv.Itoa(city),
			Lat:     40 + float64(city%20)*0.8 + r.NormFloat64()*0.2,
			Lon:     -5 + float64(city/20)*2 + r.NormFloat64()*0.2,
			Remote:  r.IntN(5) == 0,
			Languages: []vectorstore.Language{
				{Code: "en", Level: vectorstore.Level(1 + r.IntN(6))},
				{Code: langs[1+r.IntN(len(langs)-1)], Level: vectorstore.Level(1 + r.IntN(6))},
			},
		}
		for i, s := range sels {
			if s < 1 && rank[p] < int(math.Round(s*float64(n))) {
				pl.Tags = append(pl.Tags, selTag(i))
			}
			pass[i][p] = s >= 1 || rank[p] < int(math.Round(s*float64(n)))
		}
		out[p] = pl
	}
	return out, pass
}

func filterFor(i int, s float64) vectorstore.Filter {
	if s >= 1 {
		return vectorstore.Filter{}
	}
	return vectorstore.Filter{Tags: []string{selTag(i)}}
}

// writeData saves base and query vectors, and for every selectivity the
// 0-based indexes of the passing base vectors, so other engines can be run
// on identical data and filters.
func writeData(dir string, base, queries [][]float32, sels []float64, pass [][]bool) error {
	if err := fvecs.WriteFile(filepath.Join(dir, "base.fvecs"), base); err != nil {
		return err
	}
	if err := fvecs.WriteFile(filepath.Join(dir, "query.fvecs"), queries); err != nil {
		return err
	}
	for i, s := range sels {
		var b []byte
		for p, ok := range pass[i] {
			if ok {
				b = strconv.AppendInt(b, int64(p), 10)
				b = append(b, '\n')
			}
		}
		if err := writeFile(filepath.Join(dir, fmt.Sprintf("filter_sel%g.txt", s)), b); err != nil {
			return err
		}
	}
	return nil
}
