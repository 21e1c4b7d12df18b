package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"jobmatch/matching"
)

func TestUserEmailIsUniqueIgnoringCase(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	u := &matching.User{Email: "Ann@Example.com", Role: matching.RoleRecruiter, PasswordHash: "x"}
	if err := db.CreateUser(ctx, actorSystem, u); err != nil {
		t.Fatal(err)
	}
	dup := &matching.User{Email: "ann@example.COM", Role: matching.RoleAdmin, PasswordHash: "y"}
	if err := db.CreateUser(ctx, actorSystem, dup); !errors.Is(err, matching.ErrConflict) {
		t.Fatalf("duplicate email: err = %v, want ErrConflict", err)
	}
	got, err := db.UserByEmail(ctx, "ANN@example.com")
	if err != nil || got.ID != u.ID || got.Role != matching.RoleRecruiter {
		t.Errorf("UserByEmail = %+v, %v", got, err)
	}
}

func TestRuleKeepsProvenance(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	admin := &matching.User{Email: "admin@example.com", Role: matching.RoleAdmin, PasswordHash: "x"}
	if err := db.CreateUser(ctx, actorSystem, admin); err != nil {
		t.Fatal(err)
	}
	exp := time.Now().Add(48 * time.Hour).Truncate(time.Microsecond)
	r, err := matching.ExclusionRuleInput{AnchorA: "Java Developer", AnchorB: "JavaScript Developer",
		MinScoreA: 0.86, MinScoreB: 0.75, Reason: "different skills", ExpiresAt: &exp, Enabled: true}.Rule(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateRule(ctx, matching.Actor{UserID: admin.ID, Label: admin.Email}, &r); err != nil {
		t.Fatal(err)
	}
	got, err := db.Rule(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedBy != admin.ID || got.Reason != "different skills" || got.ExpiresAt == nil || !got.ExpiresAt.Equal(exp) || got.MinScoreB != 0.75 {
		t.Errorf("rule = %+v", got)
	}
	log, err := db.AuditLog(ctx, "exclusion_rule", r.ID, 5)
	if err != nil || len(log) != 1 || log[0].Actor.UserID != admin.ID {
		t.Errorf("audit = %+v, %v", log, err)
	}
}
