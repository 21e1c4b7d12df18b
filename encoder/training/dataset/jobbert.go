package dataset

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
)

// LabeledTitle is a real vacancy title tagged with the ESCO occupation it
// names, as in the JobBERT evaluation set.
type LabeledTitle struct {
	Title      string
	ConceptURI string
}

// LoadLabeledTitles reads a CSV with columns vacancyTitle and conceptUri (the
// JobBERT validation split has an unnamed index column first, which is
// ignored).
func LoadLabeledTitles(path string) ([]LabeledTitle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: open labelled titles: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("dataset: read header of %s: %w", path, err)
	}
	col, err := columns(header, "vacancyTitle", "conceptUri")
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", path, err)
	}
	var out []LabeledTitle
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("dataset: read %s: %w", path, err)
		}
		out = append(out, LabeledTitle{Title: rec[col[0]], ConceptURI: rec[col[1]]})
	}
	return out, nil
}
