package dataset

import (
	"fmt"
	"testing"
)

func TestSplitMultilingualHoldsOutWholeGenderGroups(t *testing.T) {
	var labels []Label
	labels = append(labels, Label{Lang: "de", URI: "u1", Text: "Schweißer/Schweißerin", Preferred: true})
	// Forms of the preferred label are never held out.
	labels = append(labels, Label{Lang: "de", URI: "u1", Text: "Schweißerin"}, Label{Lang: "de", URI: "u1", Text: "Schweißer"})
	for i := range 10 {
		w := fmt.Sprintf("Metallfüger%c", 'a'+i)
		labels = append(labels, Label{Lang: "de", URI: "u1", Text: w + "er"}, Label{Lang: "de", URI: "u1", Text: w + "erin"})
	}
	train, held := SplitMultilingual(labels)
	if len(train)+len(held) != len(labels) {
		t.Fatalf("%d + %d labels out of %d", len(train), len(held), len(labels))
	}
	if len(held) != 4 { // 20 % of 10 groups, both forms each
		t.Fatalf("held out %d labels, want 4: %v", len(held), held)
	}
	heldText := map[string]bool{}
	for _, l := range held {
		heldText[l.Text] = true
		if l.Preferred || l.Text == "Schweißerin" || l.Text == "Schweißer" {
			t.Errorf("held out %q, a form of the preferred label", l.Text)
		}
	}
	for _, l := range held {
		partner := l.Text + "in"
		if len(l.Text) > 2 && l.Text[len(l.Text)-2:] == "in" {
			partner = l.Text[:len(l.Text)-2]
		}
		if !heldText[partner] {
			t.Errorf("%q held out without %q", l.Text, partner)
		}
	}
	again, _ := SplitMultilingual(labels)
	if len(again) != len(train) {
		t.Error("the split is not deterministic")
	}
}
