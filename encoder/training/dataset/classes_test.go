package dataset

import (
	"strings"
	"testing"
)

func TestBuildClassesLinksWithoutMergingESCOOccupations(t *testing.T) {
	esco := []Occupation{
		{URI: "e1", Preferred: "Nurse", Alt: []string{"staff nurse"}},
		{URI: "e2", Preferred: "Care Assistant", Alt: []string{"carer"}},
	}
	onet := ONETTitles{
		// Shares "nurse" with e1 and "carer" with e2: plain union-find would
		// merge e1 and e2 through this code.
		"29-1": {"Nurse", "Carer", "Registered Nurse", "Staff Nurse"},
		"99-9": {"Astronaut", "Space Pilot"},
	}
	classes, st, err := BuildClasses(Options{ESCO: esco, ONET: onet, Link: LinkConstrained})
	if err != nil {
		t.Fatal(err)
	}
	if st.ONETLinked != 1 || len(classes) != 3 {
		t.Fatalf("stats %+v, %d classes", st, len(classes))
	}
	for _, c := range classes {
		if strings.Count(c.Name, "e") > 1 {
			t.Errorf("class %q holds two ESCO occupations", c.Name)
		}
	}
	if classes[0].Name != "e1 29-1" || classes[0].Titles[0] != "nurse" {
		t.Errorf("O*NET code not linked to its best ESCO match: %+v", classes[0])
	}
	if !contains(classes[0].Titles, "registered nurse") {
		t.Errorf("linked titles missing: %v", classes[0].Titles)
	}
}

func TestBuildClassesWithoutLinking(t *testing.T) {
	esco := []Occupation{{URI: "e1", Preferred: "Nurse", Alt: []string{"NURSE", "staff nurse"}}}
	onet := ONETTitles{"29-1": {"Nurse", "RN"}}
	classes, _, err := BuildClasses(Options{ESCO: esco, ONET: onet, Link: LinkNone})
	if err != nil {
		t.Fatal(err)
	}
	if len(classes) != 2 || len(classes[0].Titles) != 2 {
		t.Fatalf("got %+v, want two classes and duplicates removed", classes)
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
