package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// NewSecret returns a random 256-bit secret, URL-safe, with a prefix saying
// what it is ("jms_" session, "jmt_" API token) so a leaked one is recognisable.
func NewSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: random secret: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashSecret is what the database stores and looks up for a secret.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(strings.TrimSpace(secret)))
	return h[:]
}

// Secret prefixes.
const (
	SessionPrefix  = "jms_"
	APITokenPrefix = "jmt_"
)
