package dataset

import (
	"fmt"
	"os"
	"path/filepath"
)

// The file names in the shared data directory (see its README).
const (
	ESCOOccupationsFile = "esco_occupations_en.csv"
	ONETOccupationsFile = "onet_occupation_data.txt"
	ONETAlternateFile   = "onet_alternate_titles.txt"
	ONETReportedFile    = "onet_sample_of_reported_titles.txt"
	JobBERTValFile      = "jobbert_titles.val.csv"
)

// DefaultDir is where the data lives relative to the repository root; the
// JOBMATCH_DATA_DIR environment variable overrides it.
const DefaultDir = "../shared/data"

// Dir returns the data directory: JOBMATCH_DATA_DIR when set, else DefaultDir
// taken relative to the module root (found by walking up to go.mod), so tests
// running in a package directory find the same files as the command line.
func Dir() string {
	if d := os.Getenv("JOBMATCH_DATA_DIR"); d != "" {
		return d
	}
	if root, ok := ModuleRoot(); ok {
		return filepath.Join(root, DefaultDir)
	}
	return DefaultDir
}

// ModuleRoot walks up from the working directory to the first directory
// holding go.mod.
func ModuleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Missing returns the files among names that dir lacks, so callers (and
// tests that skip) can say exactly what is absent.
func Missing(dir string, names ...string) []string {
	var out []string
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			out = append(out, n)
		}
	}
	return out
}

// Source is everything one training run reads.
type Source struct {
	ESCO []Occupation
	ONET ONETTitles
	Val  []LabeledTitle
}

// Load reads ESCO, and O*NET when withONET, plus the JobBERT validation titles
// from dir.
func Load(dir string, withONET bool) (*Source, error) {
	need := []string{ESCOOccupationsFile, JobBERTValFile}
	if withONET {
		need = append(need, ONETOccupationsFile, ONETAlternateFile, ONETReportedFile)
	}
	if m := Missing(dir, need...); len(m) > 0 {
		return nil, fmt.Errorf("dataset: %s lacks %v (set JOBMATCH_DATA_DIR)", dir, m)
	}
	var s Source
	var err error
	if s.ESCO, err = LoadESCO(filepath.Join(dir, ESCOOccupationsFile)); err != nil {
		return nil, err
	}
	if withONET {
		s.ONET, err = LoadONET(filepath.Join(dir, ONETOccupationsFile), filepath.Join(dir, ONETAlternateFile), filepath.Join(dir, ONETReportedFile))
		if err != nil {
			return nil, err
		}
	}
	if s.Val, err = LoadLabeledTitles(filepath.Join(dir, JobBERTValFile)); err != nil {
		return nil, err
	}
	return &s, nil
}
