package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"
)

// SignInLimiter slows password guessing without letting anyone else lock an
// account. It counts three things:
//
//   - every attempt from one client address (20 at once, then one per 6 s),
//     so one address cannot guess across many accounts;
//   - attempts at one account from one address (5, then one a minute), so one
//     address cannot guess one password quickly, while the account's owner
//     elsewhere is not affected;
//   - attempts at one account from anywhere (50, then one per 20 s), against
//     guessing spread over many addresses. This ceiling would let a botnet
//     keep the account's owner out, so it does not apply to a browser that
//     has signed in to the account before: sign-in gives it a device token
//     (DeviceToken), which KnownDevice recognises.
//
// A successful sign-in clears the account-and-address count. The counts
// live in Attempts, which every replica shares (a Postgres table), so N
// replicas enforce one limit, not N; so does the device key, so a device
// token from one replica is recognised by all.
type SignInLimiter struct {
	attempts  Attempts
	deviceKey []byte
}

// Attempts keeps the counts of attempts, one bucket per key.
type Attempts interface {
	// TakeAttempt counts an attempt under key when its bucket, which
	// holds burst attempts and regains one every interval, has one left,
	// and reports whether it had; a refused attempt is not counted.
	TakeAttempt(ctx context.Context, key string, every time.Duration, burst int) (bool, error)
	// ForgetAttempts forgets key's attempts, as if it had not tried.
	ForgetAttempts(ctx context.Context, key string) error
}

// The limits described above, each with its own keys.
var (
	byAddress        = limit{"address", 6 * time.Second, 20}
	byAccountAddress = limit{"account+address", time.Minute, 5}
	byAccount        = limit{"account", 20 * time.Second, 50}
)

type limit struct {
	name  string
	every time.Duration
	burst int
}

func (l limit) take(ctx context.Context, a Attempts, key string) (bool, error) {
	return a.TakeAttempt(ctx, l.name+"\x00"+key, l.every, l.burst)
}

// NewSignInLimiter returns a limiter with the limits described above,
// counting in attempts and signing device tokens with deviceKey.
func NewSignInLimiter(attempts Attempts, deviceKey []byte) *SignInLimiter {
	return &SignInLimiter{attempts: attempts, deviceKey: deviceKey}
}

// Allow reports whether the client at addr may try to sign in to account
// now, and counts the try. knownDevice exempts it from the account's
// ceiling over all addresses (see KnownDevice).
func (l *SignInLimiter) Allow(ctx context.Context, addr, account string, knownDevice bool) (bool, error) {
	account = normalAccount(account)
	if ok, err := byAddress.take(ctx, l.attempts, addr); !ok || err != nil {
		return false, err
	}
	if ok, err := byAccountAddress.take(ctx, l.attempts, account+"\x00"+addr); !ok || err != nil {
		return false, err
	}
	if knownDevice {
		return true, nil
	}
	return byAccount.take(ctx, l.attempts, account)
}

// Succeeded clears the count of account at addr after a correct password.
func (l *SignInLimiter) Succeeded(ctx context.Context, addr, account string) error {
	return l.attempts.ForgetAttempts(ctx, byAccountAddress.name+"\x00"+normalAccount(account)+"\x00"+addr)
}

func normalAccount(account string) string { return strings.ToLower(strings.TrimSpace(account)) }

// DeviceToken is what a browser keeps after signing in to account, to be
// recognised by KnownDevice at its next sign-in.
func (l *SignInLimiter) DeviceToken(account string) string {
	m := hmac.New(sha256.New, l.deviceKey)
	m.Write([]byte(normalAccount(account)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// KnownDevice reports whether token is the device token of account.
func (l *SignInLimiter) KnownDevice(account, token string) bool {
	return token != "" && hmac.Equal([]byte(token), []byte(l.DeviceToken(account)))
}
