// Package importer reads vacancies and candidates from CSV files and checks
// every row before anything is written, so an admin sees all problems (which
// row, which field, what to fix) first. Each row gets an import key, so
// importing the same file twice creates nothing the second time. A checked
// file becomes a stored import job (job.go) that any replica can run.
package importer

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"jobmatch/matching"
)

// Kind is what a file holds.
type Kind string

// Kinds of import.
const (
	Vacancies  Kind = "vacancies"
	Candidates Kind = "candidates"
)

// ParseKind reads "vacancies" or "candidates".
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case Vacancies, Candidates:
		return k, nil
	}
	return "", fmt.Errorf("%q is not an import kind; choose vacancies or candidates", s)
}

// Columns lists the columns of each kind, in a sensible order for a template.
// Only the ones marked required must be present in the header.
var Columns = map[Kind][]string{
	Vacancies:  {"external_id", "title", "employer", "description", "city", "country", "latitude", "longitude", "remote", "languages", "status"},
	Candidates: {"external_id", "name", "email", "desired_title", "city", "country", "latitude", "longitude", "open_to_remote", "languages", "searchable"},
}

var required = map[Kind][]string{
	Vacancies:  {"title", "employer"},
	Candidates: {"name", "email", "desired_title", "city", "country"},
}

// MaxRows bounds one file.
const MaxRows = 100000

// Problem is one thing wrong with one row. Row counts from 2, the first line
// after the header, as a spreadsheet numbers it.
type Problem struct {
	Row     int
	Field   string
	Message string
}

// Report is a parsed file: the records of its valid rows, and the problems
// of the others.
type Report struct {
	Kind       Kind
	Rows       int
	Vacancies  []*matching.Vacancy
	Candidates []*matching.Candidate
	RowOf      []int // spreadsheet row of each valid record, in order
	Problems   []Problem
}

// Valid is the number of rows that can be imported.
func (r Report) Valid() int { return len(r.RowOf) }

// InvalidRows is the number of rows with at least one problem.
func (r Report) InvalidRows() int {
	rows := map[int]bool{}
	for _, p := range r.Problems {
		rows[p.Row] = true
	}
	return len(rows)
}

// Parse reads a whole file. An error means the file itself is unusable
// (not CSV, a wrong header, too many rows); row problems go in the report.
func Parse(kind Kind, r io.Reader) (Report, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Report{}, fmt.Errorf("the file is empty; the first line must name the columns: %s", strings.Join(Columns[kind], ","))
	}
	if err != nil {
		return Report{}, fmt.Errorf("the file is not valid CSV: %w", err)
	}
	col, err := columnIndex(kind, header)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Kind: kind}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rep, fmt.Errorf("the file is not valid CSV: %w", err)
		}
		if rep.Rows++; rep.Rows > MaxRows {
			return rep, fmt.Errorf("the file has more than %d rows; split it", MaxRows)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if len(rec) != len(header) {
			rep.Problems = append(rep.Problems, Problem{row, "", fmt.Sprintf("the row has %d cells, the header %d", len(rec), len(header))})
			continue
		}
		if bad := checkCells(row, header, rec); len(bad) > 0 {
			rep.Problems = append(rep.Problems, bad...)
			continue
		}
		rep.parseRow(row, get)
	}
	return rep, nil
}

// MaxExternalIDLen bounds the external_id column, in characters: it becomes
// part of an indexed import key.
const MaxExternalIDLen = 200

// checkCells passes every cell of a row through the input boundary
// (matching.CheckText), as the web does for forms, so a row reported valid
// holds no text the database would refuse.
func checkCells(row int, header, rec []string) []Problem {
	var bad []Problem
	for i, cell := range rec {
		name := columnName(header[i])
		if err := matching.CheckText(name, cell); err != nil {
			bad = append(bad, Problem{row, name, err.(*matching.FieldError).Message})
		} else if name == "external_id" && utf8.RuneCountInString(cell) > MaxExternalIDLen {
			bad = append(bad, Problem{row, name, fmt.Sprintf("shorten the external_id to at most %d characters", MaxExternalIDLen)})
		}
	}
	return bad
}

// columnName is a header cell as a column name: trimmed, lower case, without
// the byte order mark spreadsheets put before the first cell.
func columnName(h string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
}

func columnIndex(kind Kind, header []string) (map[string]int, error) {
	known := map[string]bool{}
	for _, c := range Columns[kind] {
		known[c] = true
	}
	col := map[string]int{}
	for i, h := range header {
		h = columnName(h)
		if !known[h] {
			return nil, fmt.Errorf("unknown column %q; %s files use: %s", h, kind, strings.Join(Columns[kind], ","))
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("column %q appears twice", h)
		}
		col[h] = i
	}
	for _, r := range required[kind] {
		if _, ok := col[r]; !ok {
			return nil, fmt.Errorf("the column %q is missing; %s files need: %s", r, kind, strings.Join(required[kind], ","))
		}
	}
	return col, nil
}

func (rep *Report) parseRow(row int, get func(string) string) {
	var bad []Problem
	flag := func(field, s string) bool {
		b, err := parseBool(s)
		if err != nil {
			bad = append(bad, Problem{row, field, err.Error()})
		}
		return b
	}
	coord := func(field string) *float64 {
		s := get(field)
		if s == "" {
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			bad = append(bad, Problem{row, field, fmt.Sprintf("%q is not a number", s)})
			return nil
		}
		return &v
	}
	langs, err := parseLanguages(get("languages"))
	if err != nil {
		bad = append(bad, Problem{row, "languages", err.Error()})
	}
	loc := matching.LocationInput{City: get("city"), Country: get("country"), Latitude: coord("latitude"), Longitude: coord("longitude")}
	key := importKey(rep.Kind, get)
	var verr error
	switch rep.Kind {
	case Vacancies:
		in := matching.VacancyInput{Title: get("title"), Employer: get("employer"), Description: get("description"),
			Location: loc, Remote: flag("remote", get("remote")), Languages: langs, Status: get("status")}
		var v matching.Vacancy
		if v, verr = in.Vacancy(); verr == nil && len(bad) == 0 {
			v.ImportKey = key
			rep.Vacancies = append(rep.Vacancies, &v)
		}
	case Candidates:
		in := matching.CandidateInput{Name: get("name"), Email: get("email"), DesiredTitle: get("desired_title"),
			Location: loc, OpenToRemote: flag("open_to_remote", get("open_to_remote")), Languages: langs,
			Searchable: flag("searchable", get("searchable"))}
		var c matching.Candidate
		if c, verr = in.Candidate(); verr == nil && len(bad) == 0 {
			c.ImportKey = key
			rep.Candidates = append(rep.Candidates, &c)
		}
	}
	if ve, ok := matching.AsValidation(verr); ok {
		for _, f := range ve.Fields {
			field := f.Field
			if strings.HasPrefix(field, "languages[") {
				field = "languages"
			}
			bad = append(bad, Problem{row, field, f.Message})
		}
	}
	if len(bad) == 0 {
		rep.RowOf = append(rep.RowOf, row)
	}
	rep.Problems = append(rep.Problems, bad...)
}

// importKey identifies a row across imports: the file's external_id when it
// has one, else a hash of the row's content.
func importKey(kind Kind, get func(string) string) string {
	if id := get("external_id"); id != "" {
		return string(kind) + ":" + id
	}
	h := sha256.New()
	for _, c := range Columns[kind] {
		fmt.Fprintf(h, "%s=%s\x00", c, strings.ToLower(get(c)))
	}
	return string(kind) + "#" + hex.EncodeToString(h.Sum(nil))[:32]
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "no", "0", "n":
		return false, nil
	case "true", "yes", "1", "y":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no; write true or false", s)
}

// parseLanguages reads "de:B2 en:C1" (spaces, commas or semicolons between).
func parseLanguages(s string) ([]matching.LanguageInput, error) {
	var out []matching.LanguageInput
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		code, level, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("write languages as code:level, e.g. de:B2 en:C1 (got %q)", part)
		}
		out = append(out, matching.LanguageInput{Code: code, Level: level})
	}
	return out, nil
}
