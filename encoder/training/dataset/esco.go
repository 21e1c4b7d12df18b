// Package dataset reads the public ontologies the encoder learns from (ESCO,
// O*NET) and the JobBERT evaluation titles, and turns them into classes of
// titles that mean the same job.
package dataset

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// Occupation is one ESCO occupation with its labels as published.
type Occupation struct {
	URI       string
	ISCOGroup string
	Preferred string
	Alt       []string
	Hidden    []string
}

// Labels returns the preferred label first, then the alternative and hidden
// labels: all names ESCO gives this occupation.
func (o Occupation) Labels() []string {
	out := make([]string, 0, 1+len(o.Alt)+len(o.Hidden))
	out = append(out, o.Preferred)
	out = append(out, o.Alt...)
	return append(out, o.Hidden...)
}

// LoadESCO reads esco_occupations_en.csv (header with conceptUri, iscoGroup,
// preferredLabel, altLabels, hiddenLabels; multi-valued cells hold one label
// per line).
func LoadESCO(path string) ([]Occupation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: open ESCO occupations: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("dataset: read ESCO header %s: %w", path, err)
	}
	col, err := columns(header, "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels")
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", path, err)
	}
	var out []Occupation
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("dataset: read %s: %w", path, err)
		}
		out = append(out, Occupation{
			URI:       rec[col[0]],
			ISCOGroup: rec[col[1]],
			Preferred: strings.TrimSpace(rec[col[2]]),
			Alt:       splitLines(rec[col[3]]),
			Hidden:    splitLines(rec[col[4]]),
		})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("dataset: %s holds no occupations", path)
	}
	return out, nil
}

// columns finds the index of each wanted column name in header.
func columns(header []string, names ...string) ([]int, error) {
	idx := make([]int, len(names))
	for i, n := range names {
		idx[i] = -1
		for j, h := range header {
			if strings.TrimPrefix(strings.TrimSpace(h), "\ufeff") == n {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return nil, fmt.Errorf("missing column %q in header %q", n, header)
		}
	}
	return idx, nil
}

func splitLines(cell string) []string {
	var out []string
	for l := range strings.SplitSeq(cell, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
