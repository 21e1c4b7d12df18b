// Package auth holds jobmatch's credentials logic: password hashing, session
// and API token secrets, and sign-in rate limiting. It stores nothing itself;
// postgres keeps users, session hashes and token hashes.
package auth

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// MinPasswordLen is the shortest password accepted, in characters. Length
// matters more than character classes (NIST SP 800-63B).
const MinPasswordLen = 10

// maxPasswordBytes is bcrypt's input limit; longer passwords would be
// silently truncated, so they are refused instead.
const maxPasswordBytes = 72

// ErrWrongPassword means the password does not match the hash.
var ErrWrongPassword = errors.New("auth: wrong password")

// CheckPasswordPolicy says what is wrong with a new password, or nil.
func CheckPasswordPolicy(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return fmt.Errorf("use at least %d characters", MinPasswordLen)
	}
	if len(pw) > maxPasswordBytes {
		return fmt.Errorf("use at most %d bytes", maxPasswordBytes)
	}
	return nil
}

// HashPassword returns a bcrypt hash (cost 10, ~50 ms) of pw.
func HashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("auth: hash password: %w", err)
	}
	return string(h), nil
}

// CheckPassword compares pw with hash in constant time.
func CheckPassword(hash, pw string) error {
	if err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)); err != nil {
		return ErrWrongPassword
	}
	return nil
}

// dummyHash is compared against when an email is unknown, so a sign-in for
// a missing account takes as long as one with a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("jobmatch-timing-equaliser"), bcrypt.DefaultCost)

// SpendPasswordCheck burns the time of one password check.
func SpendPasswordCheck(pw string) {
	_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(pw))
}
