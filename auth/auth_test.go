package auth

import (
	"bytes"
	"strings"
	"testing"
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
