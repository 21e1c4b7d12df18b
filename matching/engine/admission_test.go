package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestAdmissionQueuesBeyondItsLimit: with room for two, a third search
// waits until one leaves, and a waiter whose request ends gives up.
func TestAdmissionQueuesBeyondItsLimit(t *testing.T) {
	a := newAdmission(2)
	ctx := context.Background()
	for range 2 {
		if err := a.enter(ctx); err != nil {
			t.Fatal(err)
		}
	}
	entered := make(chan error, 1)
	go func() { entered <- a.enter(ctx) }()
	select {
	case <-entered:
		t.Fatal("a third search entered while two were running")
	case <-time.After(50 * time.Millisecond):
	}
	a.leave()
	select {
	case err := <-entered:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting search did not enter after one left")
	}
	gone, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := a.enter(gone); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("enter with an ended request = %v, want its context error", err)
	}
	if newAdmission(0) == nil || cap(newAdmission(0)) != 1 {
		t.Fatal("a limit below 1 must still admit one search at a time")
	}
}
