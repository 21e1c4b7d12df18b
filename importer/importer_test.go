package importer

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseVacanciesReportsEveryBadRowAndKeepsTheGoodOnes(t *testing.T) {
	csv := "title,employer,city,country,remote,languages,external_id\n" +
		"Registered Nurse,Charité,Berlin,DE,no,de:B2,v1\n" +
		",Acme,Berlin,DE,no,,v2\n" + // no title
		"Go Developer,Acme,,,yes,en:C1,v3\n" +
		"Cook,Acme,Atlantis,XX,maybe,de:Z9,v4\n"
	rep, err := Parse(Vacancies, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 4 || rep.Valid() != 2 || rep.InvalidRows() != 2 {
		t.Fatalf("rows %d valid %d invalid %d: %+v", rep.Rows, rep.Valid(), rep.InvalidRows(), rep.Problems)
	}
	if rep.RowOf[0] != 2 || rep.RowOf[1] != 4 || rep.Vacancies[1].ImportKey != "vacancies:v3" || !rep.Vacancies[1].Remote {
		t.Errorf("valid rows %v, %+v", rep.RowOf, rep.Vacancies[1])
	}
	want := map[string]bool{"3 title": true, "5 remote": true, "5 country": true, "5 languages": true}
	for _, p := range rep.Problems {
		delete(want, strconv.Itoa(p.Row)+" "+p.Field)
		if p.Message == "" {
			t.Errorf("row %d %s: no message", p.Row, p.Field)
		}
	}
	if len(want) > 0 {
		t.Errorf("problems not reported: %v (got %+v)", want, rep.Problems)
	}
}

func TestImportKeysAreStable(t *testing.T) {
	csv := "name,email,desired_title,city,country\nAnn,ann@example.com,Nurse,Vienna,AT\n"
	a, _ := Parse(Candidates, strings.NewReader(csv))
	b, _ := Parse(Candidates, strings.NewReader(csv))
	if a.Candidates[0].ImportKey == "" || a.Candidates[0].ImportKey != b.Candidates[0].ImportKey {
		t.Errorf("keys %q %q", a.Candidates[0].ImportKey, b.Candidates[0].ImportKey)
	}
}

func TestUnusableFilesAreRefusedWithAHint(t *testing.T) {
	for name, csv := range map[string]string{
		"empty":          "",
		"unknown column": "title,employer,salary\n",
		"missing column": "title\n",
		"bad quoting":    "title,employer\n\"Nurse,Acme\n",
	} {
		if _, err := Parse(Vacancies, strings.NewReader(csv)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestCellsPassTheInputBoundary: every cell goes through matching.CheckText,
// and external_id is bounded, so a row reported valid holds nothing the
// database refuses.
func TestCellsPassTheInputBoundary(t *testing.T) {
	csv := "external_id,title,employer,description,city,country\n" +
		"ok,Nurse,Acme,Care,Berlin,DE\n" +
		"nul,Nu\x00rse,Acme,Care,Berlin,DE\n" +
		"utf8,Nurse,Acme,Ca\xffre,Berlin,DE\n" +
		strings.Repeat("x", MaxExternalIDLen+1) + ",Nurse,Acme,Care,Berlin,DE\n" +
		"esc,Nurse,\x1b[31mAcme,Care,Berlin,DE\n"
	rep, err := Parse(Vacancies, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid() != 1 || rep.InvalidRows() != 4 {
		t.Fatalf("valid %d, invalid %d: %+v", rep.Valid(), rep.InvalidRows(), rep.Problems)
	}
	want := map[string]bool{"3 title": true, "4 description": true, "5 external_id": true, "6 employer": true}
	for _, p := range rep.Problems {
		delete(want, strconv.Itoa(p.Row)+" "+p.Field)
	}
	if len(want) > 0 {
		t.Errorf("not reported: %v (problems %+v)", want, rep.Problems)
	}
}
