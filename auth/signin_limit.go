package auth

import (
	"crypto/hmac"
	"crypto/rand"
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
// A successful sign-in clears the account-and-address count. Counts live in
// memory, like Limiter's.
type SignInLimiter struct {
	byAddress        *Limiter
	byAccountAddress *Limiter
	byAccount        *Limiter
	deviceKey        []byte
}

// NewSignInLimiter returns a limiter with the limits described above.
func NewSignInLimiter() *SignInLimiter {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // never fails on Linux
	return &SignInLimiter{
		byAddress:        NewLimiter(6*time.Second, 20),
		byAccountAddress: NewLimiter(time.Minute, 5),
		byAccount:        NewLimiter(20*time.Second, 50),
		deviceKey:        key,
	}
}

// Allow reports whether the client at addr may try to sign in to account
// now, and counts the try. knownDevice exempts it from the account's
// ceiling over all addresses (see KnownDevice).
func (l *SignInLimiter) Allow(addr, account string, knownDevice bool) bool {
	account = strings.ToLower(strings.TrimSpace(account))
	return l.byAddress.Allow(addr) && l.byAccountAddress.Allow(account+"\x00"+addr) &&
		(knownDevice || l.byAccount.Allow(account))
}

// Succeeded clears the count of account at addr after a correct password.
func (l *SignInLimiter) Succeeded(addr, account string) {
	l.byAccountAddress.Reset(strings.ToLower(strings.TrimSpace(account)) + "\x00" + addr)
}

// DeviceToken is what a browser keeps after signing in to account, to be
// recognised by KnownDevice at its next sign-in.
func (l *SignInLimiter) DeviceToken(account string) string {
	m := hmac.New(sha256.New, l.deviceKey)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(account))))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// KnownDevice reports whether token is the device token of account.
func (l *SignInLimiter) KnownDevice(account, token string) bool {
	return token != "" && hmac.Equal([]byte(token), []byte(l.DeviceToken(account)))
}
