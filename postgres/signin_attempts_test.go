package postgres_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"jobmatch/postgres"
)

func TestAttemptsAllowABurstThenSlowDown(t *testing.T) {
	db, ctx := testDB.Open(t), context.Background()
	now := time.Unix(1_700_000_000, 0)
	postgres.SetClock(db, func() time.Time { return now })
	take := func(key string) bool {
		t.Helper()
		ok, err := db.TakeAttempt(ctx, key, time.Minute, 3)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	for i := 0; i < 3; i++ {
		if !take("ip") {
			t.Fatalf("try %d refused within the burst", i+1)
		}
	}
	if take("ip") {
		t.Fatal("fourth try allowed at once")
	}
	if !take("other") {
		t.Fatal("keys are not independent")
	}
	now = now.Add(time.Minute)
	if !take("ip") {
		t.Fatal("no try allowed after the refill interval")
	}
	if take("ip") {
		t.Fatal("a refused try was counted as regained")
	}
	if err := db.ForgetAttempts(ctx, "ip"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if !take("ip") {
			t.Fatalf("try %d after forgetting refused", i+1)
		}
	}
}

// TestAttemptsAreSharedByConnections: two pools (two replicas) count in one
// bucket.
func TestAttemptsAreSharedByConnections(t *testing.T) {
	a, ctx := testDB.Open(t), context.Background()
	b, err := postgres.Open(ctx, testDB.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	allowed := 0
	for i := 0; i < 10; i++ {
		db := a
		if i%2 == 1 {
			db = b
		}
		if ok, err := db.TakeAttempt(ctx, "ip", time.Hour, 5); err != nil {
			t.Fatal(err)
		} else if ok {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("%d tries allowed through two pools, want the burst of 5", allowed)
	}
}

func TestSharedKeyIsMadeOnceAndKept(t *testing.T) {
	db, ctx := testDB.Open(t), context.Background()
	k1, err := db.SharedKey(ctx, "device")
	if err != nil {
		t.Fatal(err)
	}
	k2, err := db.SharedKey(ctx, "device")
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.SharedKey(ctx, "other")
	if err != nil {
		t.Fatal(err)
	}
	if len(k1) != 32 || !bytes.Equal(k1, k2) || bytes.Equal(k1, other) {
		t.Errorf("keys %x, %x, %x: want one 32-byte key per name, kept", k1, k2, other)
	}
}
