package postgres_test

import (
	"context"
	"errors"
	"testing"

	"jobmatch/matching"
)

// TestModelVersions: the first model registered becomes current, a second
// waits; registering a version twice changes nothing; promoting makes
// exactly one current and is audited; an unknown version is not found.
func TestModelVersions(t *testing.T) {
	db := testDB.Open(t)
	ctx := context.Background()
	admin := &matching.User{Email: "models@example.com", Role: matching.RoleAdmin, PasswordHash: "x"}
	if err := db.CreateUser(ctx, actorSystem, admin); err != nil {
		t.Fatal(err)
	}
	shipped := matching.ModelVersion{Version: "title-v2@aaa", Manifest: []byte(`{"name":"title-v2"}`)}
	if err := db.RegisterModel(ctx, actorSystem, &shipped); err != nil || !shipped.Current {
		t.Fatalf("first model: %+v, %v", shipped, err)
	}
	trained := matching.ModelVersion{Version: "title-v3@bbb", Manifest: []byte(`{"name":"title-v3"}`), Dir: "models/title-v3"}
	if err := db.RegisterModel(ctx, admin.Actor(), &trained); err != nil || trained.Current || trained.TrainedBy != admin.ID {
		t.Fatalf("second model: %+v, %v", trained, err)
	}
	again := matching.ModelVersion{Version: "title-v3@bbb", Manifest: []byte(`{"name":"changed"}`)}
	if err := db.RegisterModel(ctx, actorSystem, &again); err != nil || again.Dir != "models/title-v3" || string(again.Manifest) != `{"name": "title-v3"}` {
		t.Errorf("registering again: %+v (%s), %v", again, again.Manifest, err)
	}
	if cur, err := db.CurrentModel(ctx); err != nil || cur.Version != "title-v2@aaa" {
		t.Errorf("current before promotion: %+v, %v", cur, err)
	}
	if err := db.SetCurrentModel(ctx, admin.Actor(), "title-v3@bbb"); err != nil {
		t.Fatal(err)
	}
	if cur, err := db.CurrentModel(ctx); err != nil || cur.Version != "title-v3@bbb" || cur.Dir != "models/title-v3" {
		t.Errorf("current after promotion: %+v, %v", cur, err)
	}
	list, err := db.ModelVersions(ctx)
	if err != nil || len(list) != 2 || list[0].Version != "title-v3@bbb" || !list[0].Current || list[1].Current ||
		list[0].PromotedBy != admin.ID || list[0].PromotedAt == nil {
		t.Errorf("after promotion: %+v, %v", list, err)
	}
	if err := db.SetCurrentModel(ctx, admin.Actor(), "nope@000"); !errors.Is(err, matching.ErrNotFound) {
		t.Errorf("promoting an unknown version: %v", err)
	}
	if list, _ := db.ModelVersions(ctx); !list[0].Current || list[0].Version != "title-v3@bbb" {
		t.Errorf("a failed promotion changed the current model: %+v", list)
	}
	log, _ := db.AuditLog(ctx, "model_version", 0, 10)
	if len(log) != 3 || log[0].Action != "promote" || log[0].Detail["previous"] != "title-v2@aaa" {
		t.Errorf("audit = %+v", log)
	}
}
