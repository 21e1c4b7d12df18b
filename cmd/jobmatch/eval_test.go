package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jobmatch/encoder/training/dataset"
)

// writeEvalData writes a two-occupation data directory in the shared-data
// formats (no multilingual labels).
func writeEvalData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		dataset.ESCOOccupationsFile: "conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels\nu1,2512,software developer,programmer,\nu2,2221,registered nurse,,\n",
		dataset.JobBERTValFile:      ",vacancyTitle,conceptUri\n0,Java Developer,u1\n1,Staff Nurse,u2\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalFilesKeepsTheOneLineFormat(t *testing.T) {
	dir := writeEvalData(t)
	var out, errb bytes.Buffer
	err := runEval(context.Background(), []string{"-baseline", "tfidf", "-titles", filepath.Join(dir, dataset.JobBERTValFile),
		"-occupations", filepath.Join(dir, dataset.ESCOOccupationsFile)}, &out, &errb)
	if err != nil || out.String() != "eval n=2 mrr=1.0000 r1=1.0000 r5=1.0000 r10=1.0000\n" {
		t.Fatalf("err %v, stdout %q, stderr %q", err, out.String(), errb.String())
	}
}

func TestEvalSuitesBaselineNotesMissingMultilingual(t *testing.T) {
	dir := writeEvalData(t)
	t.Setenv("JOBMATCH_DATA_DIR", dir)
	var out, errb bytes.Buffer
	if err := runEval(context.Background(), []string{"-baseline", "tfidf"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "eval suite=jobbert n=2 mrr=1.0000") || !strings.HasPrefix(lines[1], "eval suite=jobbert-noise n=2 ") {
		t.Errorf("stdout:\n%s", out.String())
	}
	if !strings.Contains(errb.String(), dataset.MultilingualFile+" is missing") {
		t.Errorf("stderr does not name the missing file:\n%s", errb.String())
	}
}

func TestEvalFlagErrors(t *testing.T) {
	t.Setenv("JOBMATCH_DATA_DIR", writeEvalData(t))
	for _, args := range [][]string{
		{"-suites", "jobbert,nope"},
		{"-suites", "jobbert", "-titles", "x.csv"},
		{"-baseline", "bm25"},
	} {
		var out, errb bytes.Buffer
		var ue usageError
		if err := runEval(context.Background(), args, &out, &errb); !errors.As(err, &ue) {
			t.Errorf("%q: err %v, want a usage error", args, err)
		}
	}
}
