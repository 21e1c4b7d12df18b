package postgres_test

import (
	"context"
	"testing"

	"jobmatch/postgres"
)

func TestMigrationsRunUpDownUp(t *testing.T) {
	m, err := postgres.NewMigrator(testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Up(); err != nil {
		t.Fatalf("up on a migrated database should be a no-op: %v", err)
	}
	v, dirty, err := m.Version()
	if err != nil || dirty || v == 0 {
		t.Fatalf("version after up = %d dirty=%v err=%v; want >0, clean", v, dirty, err)
	}
	if err := m.Down(); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := m.Version(); v != 0 {
		t.Fatalf("version after down = %d, want 0", v)
	}
	if err := m.Up(); err != nil {
		t.Fatal(err)
	}
	// The schema works again after the round trip.
	db := testDB.Open(t)
	c := candidateFixture(t, "ann", "Nurse", "Berlin", "DE", true)
	if err := db.CreateCandidate(context.Background(), actorSystem, c); err != nil {
		t.Fatalf("insert after up-down-up: %v", err)
	}
}
