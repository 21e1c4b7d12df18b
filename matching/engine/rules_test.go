package engine_test

import (
	"context"
	"fmt"
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
	r, err := matching.ExclusionRuleInput{AnchorA: a, AnchorB: b, MinScoreA: thrA, MinScoreB: thrB,
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

// between returns a minimum score halfway between the score of a with b and
// that of an identical title, so a rule's anchor catches exact matches but
// not the other title whatever the model's geometry and calibration.
func between(t *testing.T, a, b string) float32 {
	t.Helper()
	vecs, err := testEnc.EncodeTitles(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	other, same := testEnc.Score(vectorstore.Dot(vecs[0].Vector, vecs[1].Vector)), testEnc.Score(1)
	if other >= same {
		t.Fatalf("the model scores %q with %q as high as identical titles (%v)", a, b, other)
	}
	return (other + same) / 2
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
	r, err := matching.ExclusionRuleInput{AnchorA: "Java Developer", AnchorB: "Translator", MinScoreA: 0.5, MinScoreB: 0.01,
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

// TestRuleReachCountsWhatEachThresholdCaptures compares the live reach of a
// draft rule with a brute-force count over the encoded titles: around each
// anchor, the records scoring at least its minimum, and a histogram whose
// bins hold every record scoring from engine.ReachFrom up.
func TestRuleReachCountsWhatEachThresholdCaptures(t *testing.T) {
	f := newFixture(t)
	vacancies := []string{"Registered Nurse", "Registered Nurse", "Nurse", "Nursing Assistant", "Java Developer", "Translator"}
	candidates := []string{"Registered Nurse", "Staff Nurse", "Java Developer"}
	for _, v := range vacancies {
		f.vacancy(v, "Berlin", "DE", false)
	}
	for i, c := range candidates {
		f.candidate(fmt.Sprintf("c%d", i), c, "Berlin", "DE", false, true)
	}
	e := f.engine("", nil)
	const a, b = "Nurse", "Nursing Assistant"
	minA, minB := float32(0.6), float32(0.86)
	reach, err := e.RuleReach(f.ctx, a, b, minA, minB)
	if err != nil {
		t.Fatal(err)
	}
	for _, side := range []struct {
		anchor string
		min    float32
		got    engine.AnchorReach
	}{{a, minA, reach.A}, {b, minB, reach.B}} {
		want := engine.AnchorReach{MinScore: side.min}
		inBins := 0
		for kind, titles := range [][]string{vacancies, candidates} {
			for _, title := range titles {
				vecs, err := testEnc.EncodeTitles(f.ctx, []string{side.anchor, title})
				if err != nil {
					t.Fatal(err)
				}
				s := testEnc.Score(vectorstore.Dot(vecs[0].Vector, vecs[1].Vector))
				if s >= side.min && kind == 0 {
					want.Vacancies++
				} else if s >= side.min {
					want.Candidates++
				}
				if s >= engine.ReachFrom {
					inBins++
				}
			}
		}
		binned := 0
		for _, bin := range side.got.Histogram {
			binned += bin.Vacancies + bin.Candidates
		}
		if side.got.Vacancies != want.Vacancies || side.got.Candidates != want.Candidates || side.got.MinScore != side.min {
			t.Errorf("around %q: %d vacancies and %d candidates at ≥ %v, want %d and %d", side.anchor,
				side.got.Vacancies, side.got.Candidates, side.got.MinScore, want.Vacancies, want.Candidates)
		}
		if len(side.got.Histogram) != engine.ReachBins || binned != inBins {
			t.Errorf("around %q: %d bins holding %d records, want %d bins holding %d", side.anchor, len(side.got.Histogram), binned, engine.ReachBins, inBins)
		}
	}
	if reach.A.Vacancies == 0 || reach.B.Vacancies == 0 {
		t.Errorf("reach = %+v: the anchors' own titles should be reached", reach)
	}
}

// TestRuleThresholdsNoTitleReachesAreRefused: identical titles get the
// highest score the calibration gives; a rule asking for more would never
// fire and is refused, naming the field.
func TestRuleThresholdsNoTitleReachesAreRefused(t *testing.T) {
	f := newFixture(t)
	e := f.engine("", nil)
	top := testEnc.Score(1)
	if top >= 1 {
		t.Skip("this model's calibration reaches 1")
	}
	r := matching.ExclusionRule{AnchorA: "Nurse", AnchorB: "Translator", MinScoreA: 0.5, MinScoreB: (top + 1) / 2}
	err := e.PrepareRule(f.ctx, &r)
	ve, ok := matching.AsValidation(err)
	if !ok || ve.First().Field != "min_score_b" {
		t.Fatalf("PrepareRule with min_score_b above %v = %v, want a field error on min_score_b", top, err)
	}
}
