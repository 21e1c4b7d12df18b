// Package esco reads the reference occupations of the ESCO classification
// (the CSV export's occupations file) for the title map. The file is not
// shipped with jobmatch: its path is configured (see README).
package esco

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"

	"jobmatch/matching"
)

// LoadOccupations reads the occupations of an ESCO occupations CSV
// (columns preferredLabel and iscoGroup, found by their header).
func LoadOccupations(path string) ([]matching.Occupation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("esco: %w", err)
	}
	defer f.Close()
	occ, err := ReadOccupations(f)
	if err != nil {
		return nil, fmt.Errorf("esco: %s: %w", path, err)
	}
	return occ, nil
}

// ReadOccupations is LoadOccupations from a reader.
func ReadOccupations(r io.Reader) ([]matching.Occupation, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	label, isco := -1, -1
	for i, h := range head {
		switch h {
		case "preferredLabel":
			label = i
		case "iscoGroup":
			isco = i
		}
	}
	if label < 0 || isco < 0 {
		return nil, errors.New("not an ESCO occupations file: no preferredLabel and iscoGroup columns")
	}
	var out []matching.Occupation
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if max(label, isco) >= len(rec) || rec[label] == "" {
			continue
		}
		out = append(out, matching.Occupation{Label: rec[label], ISCO: rec[isco]})
	}
	if len(out) == 0 {
		return nil, errors.New("no occupations")
	}
	return out, nil
}
