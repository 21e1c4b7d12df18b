package web

import (
	"context"
	"sync"
	"time"

	"jobmatch/matching"
)

// tokenCache remembers recently verified API tokens, so a client calling the
// API many times a second costs one token lookup in Postgres per tokenTTL,
// not one per request.
//
// Only successful lookups are cached, keyed by the token's hash: a new token
// works at once and an unknown one is always checked. Every revocation
// (cachingStore) or account erasure (erase.go) made through this server
// clears it and takes effect immediately; one made by another server
// clears it when Postgres notifies (Server.ForgetTokens), and tokenTTL
// bounds how long a lost notification can keep a token alive. Token use
// (last_used_at) is still recorded, at each lookup, which happens at least
// once per tokenTTL.
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

// cachingStore is the Store with API token lookups answered from a
// tokenCache, and the writes that can end a token's validity clearing it.
type cachingStore struct {
	Store
	tokens *tokenCache
}

func (s cachingStore) APITokenUser(ctx context.Context, hash []byte) (matching.User, error) {
	if u, ok := s.tokens.get(hash); ok {
		return u, nil
	}
	u, err := s.Store.APITokenUser(ctx, hash)
	if err == nil {
		s.tokens.put(hash, u)
	}
	return u, err
}

func (s cachingStore) RevokeAPIToken(ctx context.Context, actor matching.Actor, userID, id int64) error {
	defer s.tokens.clear()
	return s.Store.RevokeAPIToken(ctx, actor, userID, id)
}
