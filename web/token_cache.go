package web

import (
	"sync"
	"time"

	"jobmatch/matching"
)

// tokenCache remembers recently verified API tokens, so a client calling the
// API many times a second costs one token lookup in Postgres per tokenTTL,
// not one per request (at 100k vacancies the lookup was about a quarter of
// Postgres' work per match request).
//
// Only successful lookups are cached, keyed by the token's hash: a new token
// works at once and an unknown one is always checked. Revoking a token or
// erasing an account through this server clears the cache, so it takes
// effect immediately here; a revocation made by another process is seen
// here within tokenTTL. Token use (last_used_at) is still recorded, at each
// lookup, which happens at least once per tokenTTL.
type tokenCache struct {
	mu      sync.Mutex
	entries map[string]cachedToken
	now     func() time.Time
}

type cachedToken struct {
	user    matching.User
	expires time.Time
}

const (
	tokenTTL = 10 * time.Second
	// tokenCacheMax bounds memory; a full cache starts over.
	tokenCacheMax = 10000
)

func newTokenCache() *tokenCache {
	return &tokenCache{entries: make(map[string]cachedToken), now: time.Now}
}

func (tc *tokenCache) get(hash []byte) (matching.User, bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	e, ok := tc.entries[string(hash)]
	if !ok || !tc.now().Before(e.expires) {
		return matching.User{}, false
	}
	return e.user, true
}

func (tc *tokenCache) put(hash []byte, u matching.User) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if len(tc.entries) >= tokenCacheMax {
		clear(tc.entries)
	}
	tc.entries[string(hash)] = cachedToken{user: u, expires: tc.now().Add(tokenTTL)}
}

// clear forgets every token: called after any change that can end a token's
// validity (revocation, account erasure).
func (tc *tokenCache) clear() {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	clear(tc.entries)
}
