package auth

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "correct") {
		t.Fatal("hash contains the password")
	}
	if CheckPassword(h, "correct horse battery") != nil {
		t.Error("right password refused")
	}
	if CheckPassword(h, "correct horse batter") != ErrWrongPassword {
		t.Error("wrong password accepted")
	}
}

func TestPasswordPolicy(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "0123456789": true, strings.Repeat("x", 73): false, "ümlautpässwort": true} {
		if got := CheckPasswordPolicy(pw) == nil; got != ok {
			t.Errorf("policy(%q) ok = %v, want %v", pw, got, ok)
		}
	}
}

func TestSecretsAreRandomPrefixedAndHashed(t *testing.T) {
	a, _ := NewSecret(APITokenPrefix)
	b, _ := NewSecret(APITokenPrefix)
	if a == b || !strings.HasPrefix(a, "jmt_") || len(a) < 40 {
		t.Errorf("secrets %q %q", a, b)
	}
	if !bytes.Equal(HashSecret(a), HashSecret(" "+a+"\n")) || bytes.Equal(HashSecret(a), HashSecret(b)) {
		t.Error("hashes do not identify secrets")
	}
}

func TestLimiterAllowsABurstThenSlowsDown(t *testing.T) {
	l := NewLimiter(time.Minute, 3)
	now := time.Unix(0, 0)
	l.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if !l.Allow("ip") {
			t.Fatalf("try %d refused within the burst", i+1)
		}
	}
	if l.Allow("ip") {
		t.Fatal("fourth try allowed at once")
	}
	if !l.Allow("other") {
		t.Fatal("keys are not independent")
	}
	now = now.Add(time.Minute)
	if !l.Allow("ip") {
		t.Fatal("no try allowed after the refill interval")
	}
}
