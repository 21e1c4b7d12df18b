package engine_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/vectorstore"
)

func (f *fixture) rule(e *engine.Engine, a, b string, thrA, thrB float32, enabled bool) matching.ExclusionRule {
	f.t.Helper()
	admin := matching.User{Email: "admin" + a + "@example.com", Role: matching.RoleAdmin, PasswordHash: "x"}
	if err := f.db.CreateUser(f.ctx, matching.System, &admin); err != nil {
		f.t.Fatal(err)
	}
	r, err := matching.ExclusionRuleInput{AnchorA: a, AnchorB: b, ThresholdA: thrA, ThresholdB: thrB,
		Reason: "test", Enabled: enabled}.Rule(time.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	if err := e.PrepareRule(f.ctx, &r); err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.CreateRule(f.ctx, admin.Actor(), &r); err != nil {
		f.t.Fatal(err)
	}
	if err := e.Changed(f.ctx, matching.Change{Entity: matching.EntityRule, ID: r.ID}); err != nil {
		f.t.Fatal(err)
	}
	return r
}

// between returns a threshold halfway between the similarity of a and b and
// 1, so a rule's anchor catches exact matches but not the other title
// whatever the model's geometry.
func between(t *testing.T, a, b string) float32 {
	t.Helper()
	vecs, err := testEnc.EncodeTitles(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	sim := vectorstore.Dot(vecs[0].Vector, vecs[1].Vector)
	if sim > 0.9999 {
		t.Fatalf("the model cannot tell %q from %q (similarity %v)", a, b, sim)
	}
	return (1 + sim) / 2
}

func TestExclusionRuleRemovesResultsNearBForQueriesNearA(t *testing.T) {
	f := newFixture(t)
	const a, b = "Java Developer", "Registered Nurse"
	var removed []int64
	for i := 0; i < 8; i++ {
		f.vacancy(a, "Berlin", "DE", false)
		removed = append(removed, f.vacancy(b, "Berlin", "DE", false).ID)
	}
	e := f.engine("", nil)
	query := engine.PositionQuery{Title: a, Paging: page(10)}
	before, err := e.SearchPositions(f.ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	if before.Total != 16 || len(before.Matches) != 10 {
		t.Fatalf("before the rule: total %d, %d matches", before.Total, len(before.Matches))
	}
	r := f.rule(e, a, b, between(t, a, b), between(t, b, a), true)
	after, err := e.SearchPositions(f.ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	got := vacancyIDs(after)
	for _, id := range removed {
		if got[id] {
			t.Fatalf("vacancy %d near anchor B is still returned", id)
		}
	}
	if after.Total != 8 || after.Hidden != 8 || len(after.Matches) != 8 || len(after.Rules) != 1 || after.Rules[0].Removed != 8 || after.Rules[0].Rule.ID != r.ID {
		t.Errorf("after the rule: total %d hidden %d matches %d rules %+v", after.Total, after.Hidden, len(after.Matches), after.Rules)
	}
	// Queries not near A are untouched.
	other, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: b, Paging: page(20)})
	if err != nil || other.Total != 16 || other.Hidden != 0 {
		t.Errorf("query near B only: total %d hidden %d err %v", other.Total, other.Hidden, err)
	}
	// The preview tells the admin the same, naming the eight hidden
	// vacancies' one title once.
	p, err := e.PreviewRules(f.ctx, a, 3)
	if err != nil || len(p.Rules) != 1 || p.Rules[0].Removed != 8 ||
		!slices.Equal(p.Rules[0].Examples, []engine.TitleCount{{Title: b, Count: 8}}) {
		t.Errorf("preview = %+v, %v", p, err)
	}
}

func TestDisabledRuleDoesNothing(t *testing.T) {
	f := newFixture(t)
	f.vacancy("Java Developer", "Berlin", "DE", false)
	f.vacancy("Registered Nurse", "Berlin", "DE", false)
	e := f.engine("", nil)
	f.rule(e, "Java Developer", "Registered Nurse", between(t, "Java Developer", "Registered Nurse"), between(t, "Registered Nurse", "Java Developer"), false)
	res, err := e.SearchPositions(f.ctx, engine.PositionQuery{Title: "Java Developer", Paging: page(10)})
	if err != nil || res.Total != 2 || res.Hidden != 0 {
		t.Errorf("total %d hidden %d err %v", res.Total, res.Hidden, err)
	}
}

func TestDraftPreviewNamesEachHiddenTitleOnce(t *testing.T) {
	f := newFixture(t)
	for range 4 {
		f.vacancy("Translator", "Berlin", "DE", false)
	}
	f.vacancy("Interpreter", "Berlin", "DE", false)
	f.vacancy("Java Developer", "Berlin", "DE", false)
	e := f.engine("", nil)
	r, err := matching.ExclusionRuleInput{AnchorA: "Java Developer", AnchorB: "Translator", ThresholdA: 0.5, ThresholdB: 0.01,
		Reason: "draft", Enabled: true}.Rule(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.PreviewDraft(f.ctx, "Java Developer", r, 5)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, ex := range d.Examples {
		if seen[ex.Title] {
			t.Errorf("%q listed twice in %+v", ex.Title, d.Examples)
		}
		seen[ex.Title] = true
	}
	if len(d.Examples) == 0 || d.Examples[0] != (engine.TitleCount{Title: "Translator", Count: 4}) {
		t.Errorf("examples = %+v, want Translator ×4 first", d.Examples)
	}
}
