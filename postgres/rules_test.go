package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"jobmatch/matching"
	"jobmatch/postgres"
	"jobmatch/postgres/pgtest"
)

// TestRulesSavedAsSimilaritiesAreConvertedToScores: a rule saved when
// thresholds were cosine similarities survives the migration to match
// scores, is not listed until converted (its numbers mean nothing on the
// score scale), and is then converted once, audited.
func TestRulesSavedAsSimilaritiesAreConvertedToScores(t *testing.T) {
	ctx := context.Background()
	old, err := pgtest.Create("postgres_rule_scores")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { old.Drop() })
	m, err := postgres.NewMigrator(old.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.To(5); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, old.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var id int64
	err = conn.QueryRow(ctx, `WITH u AS (INSERT INTO users (email, role, password_hash) VALUES ('old@example.com', 'admin', 'x') RETURNING id)
		INSERT INTO exclusion_rules (anchor_a, anchor_b, threshold_a, threshold_b, reason, created_by)
		SELECT 'Java Developer', 'JavaScript Developer', 0.9, 0.8, 'different skills', id FROM u RETURNING id`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Up(); err != nil {
		t.Fatal(err)
	}
	db, err := postgres.Open(ctx, old.URL) // not old.Open, which empties the tables
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rules, err := db.Rules(ctx); err != nil || len(rules) != 0 {
		t.Fatalf("before conversion Rules = %+v, %v; want none listed", rules, err)
	}
	score := func(sim float32) float32 { return sim - 0.1 }
	if n, err := db.ConvertRuleSimilarities(ctx, score); err != nil || n != 1 {
		t.Fatalf("ConvertRuleSimilarities = %d, %v; want 1", n, err)
	}
	if n, err := db.ConvertRuleSimilarities(ctx, score); err != nil || n != 0 {
		t.Fatalf("a second conversion converted %d, %v", n, err)
	}
	r, err := db.Rule(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.MinScoreA != score(0.9) || r.MinScoreB != score(0.8) || r.AnchorA != "Java Developer" || r.Reason != "different skills" {
		t.Errorf("converted rule = %+v", r)
	}
	log, err := db.AuditLog(ctx, matching.EntityRule, id, 5)
	if err != nil || len(log) != 1 || log[0].Actor.Label != matching.System.Label || log[0].Detail["similarity_a"] == nil {
		t.Errorf("audit = %+v, %v; want the conversion by the system with the old similarities", log, err)
	}
}
