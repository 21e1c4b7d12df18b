package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"jobmatch/auth"
	"jobmatch/matching"
	"jobmatch/postgres"
)

// TestReplicas runs three replicas behind HAProxy (scripts/replicas.sh) on
// one database. Clients write through random replicas and search through
// the balancer; one replica is killed with SIGKILL under that load. Every
// acknowledged write must become searchable on every surviving replica,
// all replicas must answer the same searches with the same pages, the
// balancer must route around the dead replica once its health check has
// failed, and the restarted replica must catch up.
func TestReplicas(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	db := testDB.Open(t)
	token := recruiterToken(t, db)
	c := startReplicas(t, ctx, 3)
	checkRoamingBrowser(t, db, c.urls)
	titles := []string{"Registered Nurse", "Java Developer", "Truck Driver", "Warehouse Worker", "Chef"}

	load := startLoad(c, token, titles)
	load.waitAcked(t, 40)
	victim := 1 // r2
	killedAt := time.Now()
	if err := syscall.Kill(c.pid(t, victim), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the balancer to mark the killed replica down", func() bool { return c.balancerSees(t, victim) == "DOWN" })
	downAt := time.Now()
	load.waitAcked(t, load.ackedCount()+40)
	load.waitSearchesAfter(t, downAt, 30)
	searches, acked := load.stop()
	failedBefore := 0
	for _, s := range searches {
		failed := s.err != nil || s.status >= 500
		if failed && s.start.After(downAt) {
			t.Errorf("search through the balancer after the health check failed: status %d, error %v", s.status, s.err)
		} else if failed {
			failedBefore++
		}
	}
	t.Logf("%d writes acknowledged, %d searches (%d failed before the balancer marked the killed replica down, %s after the kill)",
		len(acked), len(searches), failedBefore, downAt.Sub(killedAt).Round(time.Millisecond))

	survivors := []string{c.urls[0], c.urls[2]}
	committed, _, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range survivors {
		waitFor(t, "every committed vacancy searchable on "+u, func() bool {
			ids := searchableIDs(t, u, token, titles[0])
			return len(ids) == committed && containsAll(ids, acked)
		})
	}
	waitFor(t, "identical result pages on the surviving replicas", func() bool { return samePages(t, survivors, token, titles) })

	c.start(t, ctx, 3)
	waitFor(t, "the restarted replica to converge", func() bool { return samePages(t, c.urls, token, titles) })
	waitFor(t, "the balancer to take the restarted replica back", func() bool { return c.balancerSees(t, victim) == "UP" })
	if ids := searchableIDs(t, c.urls[victim], token, titles[0]); len(ids) != committed || !containsAll(ids, acked) {
		t.Errorf("restarted replica: %d searchable, %d committed", len(ids), committed)
	}

	// bench-converge over the three: each write through the first is found
	// by, then gone from, both others' searches (it fails otherwise).
	var out, errOut strings.Builder
	err = runBenchConverge(ctx, []string{"-database-url", testDB.URL, "-writes", "20", "-targets", strings.Join(c.urls, ",")}, &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "write=create n=20") || !strings.Contains(out.String(), "write=delete n=20") {
		t.Errorf("bench-converge across the replicas: %v\n%s%s", err, out.String(), errOut.String())
	}
}

// search is one search through the balancer.
type search struct {
	start  time.Time
	status int
	err    error
}

// load writes vacancies through random replicas and searches through the
// balancer until stopped.
type load struct {
	done     chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
	acked    []int64
	searches []search
}

func startLoad(c *replicaSet, token string, titles []string) *load {
	l := &load{done: make(chan struct{})}
	for w := range 4 {
		l.wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-l.done:
					return
				default:
				}
				u := c.urls[rand.IntN(len(c.urls))]
				if id, err := createVacancy(u, token, titles[(w+i)%len(titles)], w*10000+i); err == nil {
					l.mu.Lock()
					l.acked = append(l.acked, id)
					l.mu.Unlock()
				} else {
					time.Sleep(10 * time.Millisecond) // a dead replica refuses at once
				}
			}
		})
	}
	for range 2 {
		l.wg.Go(func() {
			for {
				select {
				case <-l.done:
					return
				default:
				}
				s := search{start: time.Now()}
				s.status, _, s.err = searchPage(c.balancer, token, titles[rand.IntN(len(titles))], 1, 20)
				l.mu.Lock()
				l.searches = append(l.searches, s)
				l.mu.Unlock()
			}
		})
	}
	return l
}

func (l *load) ackedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

func (l *load) waitAcked(t *testing.T, n int) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%d acknowledged writes", n), func() bool { return l.ackedCount() >= n })
}

func (l *load) waitSearchesAfter(t *testing.T, since time.Time, n int) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%d searches after the replica went down", n), func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		k := 0
		for _, s := range l.searches {
			if s.start.After(since) {
				k++
			}
		}
		return k >= n
	})
}

// stop ends the load and returns the searches made and the ids of the
// acknowledged writes.
func (l *load) stop() ([]search, []int64) {
	close(l.done)
	l.wg.Wait()
	return l.searches, l.acked
}

// createVacancy creates one vacancy through the API and returns its id.
func createVacancy(base, token, title string, i int) (int64, error) {
	body := fmt.Sprintf(`{"title":%q,"employer":"Acme %d","location":{"city":"Berlin","country":"DE"}}`, title, i)
	req, _ := http.NewRequest("POST", base+"/api/v1/vacancies", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	var v struct {
		ID int64 `json:"id"`
	}
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v.ID, err
}

// searchPage runs one vacancy search through the API and returns its status
// and body.
func searchPage(base, token, title string, page, perPage int) (int, []byte, error) {
	q := fmt.Sprintf("%s/api/v1/search/vacancies?title=%s&page=%d&per_page=%d", base, strings.ReplaceAll(title, " ", "+"), page, perPage)
	req, _ := http.NewRequest("GET", q, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.Bytes(), err
}

// searchableIDs pages through a title search on one replica: every vacancy
// is ranked, so the ids are every vacancy that replica's index holds.
func searchableIDs(t *testing.T, base, token, title string) map[int64]bool {
	t.Helper()
	ids := map[int64]bool{}
	for page := 1; ; page++ {
		status, body, err := searchPage(base, token, title, page, 100)
		if status == http.StatusNotFound && page > 1 {
			return ids // past the last page
		}
		if err != nil || status != http.StatusOK {
			t.Fatalf("search on %s: %d %v", base, status, err)
		}
		var res struct {
			Items []struct {
				Vacancy struct {
					ID int64 `json:"id"`
				} `json:"vacancy"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			ids[it.Vacancy.ID] = true
		}
		if len(res.Items) < 100 {
			return ids
		}
	}
}

func containsAll(set map[int64]bool, ids []int64) bool {
	for _, id := range ids {
		if !set[id] {
			return false
		}
	}
	return true
}

// samePages reports whether every replica answers each title's first two
// pages with the same body.
func samePages(t *testing.T, urls []string, token string, titles []string) bool {
	t.Helper()
	for _, title := range titles {
		for page := 1; page <= 2; page++ {
			var first []byte
			for i, u := range urls {
				status, body, err := searchPage(u, token, title, page, 20)
				if err != nil || status != http.StatusOK {
					t.Fatalf("search %q on %s: %d %v", title, u, status, err)
				}
				if i == 0 {
					first = body
				} else if !bytes.Equal(body, first) {
					return false
				}
			}
		}
	}
	return true
}

// waitFor polls cond until it holds, failing the test after a generous
// deadline: convergence is eventual, and how soon is a benchmark's business.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkRoamingBrowser signs in on one replica, opens the account page on a
// second and submits its form on a third: sessions live in Postgres and CSRF
// tokens are derived from the session or a cookie, so no replica needs
// another's memory or a shared secret.
func checkRoamingBrowser(t *testing.T, db *postgres.DB, urls []string) {
	t.Helper()
	hash, err := auth.HashPassword("roaming-password-1")
	if err != nil {
		t.Fatal(err)
	}
	u := matching.User{Email: "roaming@example.com", Role: matching.RoleRecruiter, PasswordHash: hash}
	if err := db.CreateUser(context.Background(), matching.System, &u); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil) // cookies ignore ports: one jar for all replicas, like a browser behind a balancer
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := func(method, target string, values url.Values) (int, string) {
		t.Helper()
		var resp *http.Response
		var err error
		if method == "GET" {
			resp, err = client.Get(target)
		} else {
			resp, err = client.PostForm(target, values)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, _ = io.Copy(&b, resp.Body)
		return resp.StatusCode, b.String()
	}
	csrfField := regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	token := func(page string) string {
		t.Helper()
		m := csrfField.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("page has no CSRF token")
		}
		return m[1]
	}
	_, page := form("GET", urls[0]+"/signin", nil)
	if status, _ := form("POST", urls[0]+"/signin", url.Values{"email": {u.Email}, "password": {"roaming-password-1"}, "_csrf": {token(page)}}); status != http.StatusSeeOther {
		t.Fatalf("sign-in on %s: status %d", urls[0], status)
	}
	status, page := form("GET", urls[1]+"/account", nil)
	if status != http.StatusOK {
		t.Fatalf("account page on %s after signing in on %s: status %d", urls[1], urls[0], status)
	}
	if status, _ := form("POST", urls[2]+"/account/tokens", url.Values{"name": {"roaming"}, "_csrf": {token(page)}}); status != http.StatusCreated {
		t.Fatalf("form from %s submitted on %s: status %d", urls[1], urls[2], status)
	}
}
