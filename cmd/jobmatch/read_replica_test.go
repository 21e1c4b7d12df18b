package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// TestReadReplica serves searches with -database-read-url pointing at a
// streaming replica of the test database (scripts/pg.sh replica). Its pages
// must equal those of a server without one, the replica must really serve
// rows, and while the replica's replay is paused, new and changed rows must
// still appear on the pages (read from the primary).
func TestReadReplica(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	replicaURL := startStreamingReplica(t, ctx)
	db := testDB.Open(t)
	token := recruiterToken(t, db)
	// A pool, not one connection: the standby ends sessions that conflict
	// with what it replays (such as the truncation above).
	standby, err := pgxpool.New(ctx, replicaURL)
	if err != nil {
		t.Fatal(err)
	}
	defer standby.Close()
	plain := startServer(t, ctx, t.TempDir())
	defer plain.stop(t)
	read := startServer(t, ctx, t.TempDir(), "-database-read-url", replicaURL)
	defer read.stop(t)
	titles := []string{"Registered Nurse", "Java Developer", "Truck Driver", "Warehouse Worker", "Chef"}
	var ids []int64
	for i := range 30 {
		id, err := createVacancy(plain.url, token, titles[i%len(titles)], i)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	waitFor(t, "the replica to replay the new vacancies", func() bool {
		var n int
		return standby.QueryRow(ctx, `SELECT count(*) FROM vacancies`).Scan(&n) == nil && n == len(ids)
	})
	before := vacancyScans(t, standby)
	waitFor(t, "the same pages with and without the read replica", func() bool {
		return samePages(t, []string{plain.url, read.url}, token, titles)
	})
	waitFor(t, "the replica to count the page reads", func() bool { return vacancyScans(t, standby) > before })

	if _, err := standby.Exec(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	defer standby.Exec(context.Background(), `SELECT pg_wal_replay_resume()`)
	id, err := createVacancy(plain.url, token, "Chef", 99)
	if err != nil {
		t.Fatal(err)
	}
	renamed := ids[4] // a Chef, on the pages above
	if status := putVacancy(t, plain.url, token, renamed, `{"title":"Chef","employer":"Renamed while the replica lags","location":{"city":"Berlin","country":"DE"}}`); status != http.StatusOK {
		t.Fatalf("update vacancy %d: status %d", renamed, status)
	}
	waitFor(t, "the new vacancy searchable through the lagging replica", func() bool {
		return searchableIDs(t, read.url, token, "Chef")[id]
	})
	waitFor(t, "the same pages with and without the lagging replica", func() bool {
		return samePages(t, []string{plain.url, read.url}, token, titles)
	})
	if _, body, _ := searchPage(read.url, token, "Chef", 1, 100); !strings.Contains(string(body), "Renamed while the replica lags") {
		t.Error("the page shows the replica's stale row of the renamed vacancy")
	}
}

// startStreamingReplica starts (or reuses) scripts/pg.sh's streaming
// replica and returns the test database's URL on it. It needs DATABASE_URL
// to be scripts/pg.sh's private cluster, which it copies.
func startStreamingReplica(t *testing.T, ctx context.Context) string {
	t.Helper()
	primary, err := exec.CommandContext(ctx, "../../scripts/pg.sh", "url").Output()
	test, _ := url.Parse(testDB.URL)
	if p, _ := url.Parse(strings.TrimSpace(string(primary))); err != nil || p == nil || p.Host != test.Host {
		t.Skip("DATABASE_URL is not scripts/pg.sh's private cluster, which this test copies into a streaming replica (make test uses it)")
	}
	out, err := exec.CommandContext(ctx, "../../scripts/pg.sh", "replica").Output()
	if err != nil {
		t.Fatalf("scripts/pg.sh replica: %v", err)
	}
	r, err := url.Parse(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	test.Host = r.Host
	return test.String()
}

// vacancyScans is how often the standby has read the vacancies table.
func vacancyScans(t *testing.T, standby *pgxpool.Pool) int64 {
	t.Helper()
	var n int64
	err := standby.QueryRow(context.Background(),
		`SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'vacancies'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func putVacancy(t *testing.T, base, token string, id int64, body string) int {
	t.Helper()
	req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/vacancies/%d", base, id), strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
