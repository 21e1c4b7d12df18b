package web_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"testing"

	"jobmatch/matching"
	"jobmatch/web"
)

// signinAs tries to sign in with email and password from this browser,
// with extra header name/value pairs (an X-Forwarded-For, say).
func (a *testApp) signinAs(email, password string, header ...string) *http.Response {
	a.t.Helper()
	resp, _ := a.post("/signin", url.Values{"email": {email}, "password": {password}, "_csrf": {a.csrf("/signin")}}, header...)
	return resp
}

// TestSignInLimitTakesTheAddressFromTheConnection: without trusted proxies,
// X-Forwarded-For and X-Real-IP do not reset the per-address limit.
func TestSignInLimitTakesTheAddressFromTheConnection(t *testing.T) {
	app := newTestApp(t)
	for i := 0; ; i++ {
		resp := app.signinAs(fmt.Sprintf("nobody%d@example.com", i), "wrong password")
		if resp.StatusCode == http.StatusTooManyRequests {
			break
		}
		if i > 30 {
			t.Fatal("the per-address limit never answered 429")
		}
	}
	for _, h := range []string{"X-Forwarded-For", "X-Real-IP"} {
		if resp := app.signinAs("someone@example.com", "wrong password", h, "198.51.100.1"); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("with %s from a client: %d, want 429", h, resp.StatusCode)
		}
	}
}

// TestSignInLimitBelievesOnlyTrustedProxies: behind a trusted proxy the
// client is the address it forwards, so one client's limit does not stop
// another behind the same proxy.
func TestSignInLimitBelievesOnlyTrustedProxies(t *testing.T) {
	app := newTestAppConfig(t, web.Config{Addr: "localhost:0", ShutdownTimeout: 1, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	for i := 0; i < 20; i++ {
		app.signinAs(fmt.Sprintf("nobody%d@example.com", i), "wrong password", "X-Forwarded-For", "198.51.100.1")
	}
	if resp := app.signinAs("x@example.com", "wrong password", "X-Forwarded-For", "198.51.100.1"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the limited client: %d, want 429", resp.StatusCode)
	}
	if resp := app.signinAs("x@example.com", "wrong password", "X-Forwarded-For", "198.51.100.2"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("another client behind the proxy: %d, want 401", resp.StatusCode)
	}
	// A client cannot pick its address by prepending to the header.
	if resp := app.signinAs("x@example.com", "wrong password", "X-Forwarded-For", "203.0.113.5, 198.51.100.1"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a spoofed first hop: %d, want 429", resp.StatusCode)
	}
}

// TestOthersCannotLockAnAccount: guesses at an account from other addresses
// do not keep its owner out: from the owner's own address, and, once the
// ceiling over all addresses is reached, from a browser that has signed in
// to the account before.
func TestOthersCannotLockAnAccount(t *testing.T) {
	app := newTestAppConfig(t, web.Config{Addr: "localhost:0", ShutdownTimeout: 1, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	victim := app.user(matching.RoleCandidate)
	owner := newTestAppOn(t, app)
	if resp := owner.signinAs(victim.Email, testPassword, "X-Forwarded-For", "203.0.113.7"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first sign-in: %d", resp.StatusCode)
	}
	attacker := newTestAppOn(t, app)
	for i := 0; i < 6; i++ {
		attacker.signinAs(victim.Email, "guess", "X-Forwarded-For", "198.51.100.1")
	}
	if resp := attacker.signinAs(victim.Email, "guess", "X-Forwarded-For", "198.51.100.1"); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("guesses from one address: %d, want 429", resp.StatusCode)
	}
	if resp := newTestAppOn(t, app).signinAs(victim.Email, testPassword, "X-Forwarded-For", "203.0.113.8"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner from another address after one address guessed: %d, want 303", resp.StatusCode)
	}
	locked := false
	for i := 0; i < 80 && !locked; i++ {
		resp := attacker.signinAs(victim.Email, "guess", "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", 10+i))
		locked = resp.StatusCode == http.StatusTooManyRequests
	}
	if !locked {
		t.Fatal("guesses from many addresses never reached the account's ceiling")
	}
	if resp := owner.signinAs(victim.Email, testPassword, "X-Forwarded-For", "203.0.113.9"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the owner's browser during a distributed attack: %d, want 303", resp.StatusCode)
	}
	if resp := newTestAppOn(t, app).signinAs(victim.Email, testPassword, "X-Forwarded-For", "203.0.113.10"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("an unknown browser during a distributed attack: %d, want 429", resp.StatusCode)
	}
}

// TestSignInLimitHoldsAcrossReplicas: guesses at one account from one
// address, spread over two servers, meet one limit, not one per server.
func TestSignInLimitHoldsAcrossReplicas(t *testing.T) {
	cfg := web.Config{Addr: "localhost:0", ShutdownTimeout: 1, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
	a := newTestAppConfig(t, cfg)
	victim := a.user(matching.RoleCandidate)
	servers := []*testApp{a, replicaOf(t, a, cfg)}
	allowed := 0
	for i := 0; i < 10; i++ {
		if resp := servers[i%2].signinAs(victim.Email, "guess", "X-Forwarded-For", "198.51.100.1"); resp.StatusCode != http.StatusTooManyRequests {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("%d guesses from one address through two servers got an answer, want the limit of 5", allowed)
	}
}

// TestADeviceKnownToOneReplicaIsKnownToAll: a browser that signed in
// through one server keeps its account open through another during a
// distributed attack.
func TestADeviceKnownToOneReplicaIsKnownToAll(t *testing.T) {
	cfg := web.Config{Addr: "localhost:0", ShutdownTimeout: 1, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
	a := newTestAppConfig(t, cfg)
	victim := a.user(matching.RoleCandidate)
	ownerOnA := newTestAppOn(t, a)
	if resp := ownerOnA.signinAs(victim.Email, testPassword, "X-Forwarded-For", "203.0.113.7"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first sign-in: %d", resp.StatusCode)
	}
	ownerOnB := replicaOf(t, ownerOnA, cfg)
	attackers := []*testApp{newTestAppOn(t, a), newTestAppOn(t, ownerOnB)}
	locked := false
	for i := 0; i < 80 && !locked; i++ {
		resp := attackers[i%2].signinAs(victim.Email, "guess", "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", 10+i))
		locked = resp.StatusCode == http.StatusTooManyRequests
	}
	if !locked {
		t.Fatal("guesses from many addresses through two servers never reached the account's ceiling")
	}
	if resp := ownerOnB.signinAs(victim.Email, testPassword, "X-Forwarded-For", "203.0.113.9"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the owner's browser through the other server during the attack: %d, want 303", resp.StatusCode)
	}
}
