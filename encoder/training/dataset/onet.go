package dataset

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// ONETTitles maps an O*NET-SOC code to every title O*NET gives it: the
// occupation title, its alternate titles and the titles reported by
// incumbents.
type ONETTitles map[string][]string

// LoadONET reads the three tab-separated O*NET files. Titles are kept as
// published; normalisation and de-duplication happen when classes are built.
func LoadONET(occupationData, alternateTitles, reportedTitles string) (ONETTitles, error) {
	out := ONETTitles{}
	files := []struct {
		path  string
		title string
	}{
		{occupationData, "Title"},
		{alternateTitles, "Alternate Title"},
		{reportedTitles, "Reported Job Title"},
	}
	for _, file := range files {
		if err := readTSV(file.path, file.title, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readTSV(path, titleCol string, out ONETTitles) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("dataset: open O*NET file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return fmt.Errorf("dataset: %s is empty", path)
	}
	col, err := columns(strings.Split(sc.Text(), "\t"), "O*NET-SOC Code", titleCol)
	if err != nil {
		return fmt.Errorf("dataset: %s: %w", path, err)
	}
	for sc.Scan() {
		rec := strings.Split(sc.Text(), "\t")
		if len(rec) <= col[0] || len(rec) <= col[1] {
			continue
		}
		code, title := strings.TrimSpace(rec[col[0]]), strings.TrimSpace(rec[col[1]])
		if code != "" && title != "" {
			out[code] = append(out[code], title)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("dataset: read %s: %w", path, err)
	}
	return nil
}
