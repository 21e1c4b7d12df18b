package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter slows down password guessing: each key (a client address, an
// email) may try Burst times at once and then once per Every. It lives in
// memory: one process serves jobmatch, and a restart forgetting the counts is
// acceptable.
type Limiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// NewLimiter allows burst attempts per key, refilling one every interval.
func NewLimiter(every time.Duration, burst int) *Limiter {
	return &Limiter{every: every, burst: burst, buckets: map[string]*bucket{}, now: time.Now}
}

// Allow reports whether key may try now, and counts the try.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.buckets) > 10000 {
		l.sweep(now)
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// Reset forgets key's tries, as if it had not tried.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
}

// sweep forgets keys idle long enough to have refilled, bounding memory.
func (l *Limiter) sweep(now time.Time) {
	idle := l.every * time.Duration(l.burst)
	for k, b := range l.buckets {
		if now.Sub(b.seen) > idle {
			delete(l.buckets, k)
		}
	}
}
