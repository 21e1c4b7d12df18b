package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"jobmatch/auth"
	"jobmatch/matching"
	"jobmatch/postgres"
)

// server is a jobmatch serve process under test.
type server struct {
	cmd *exec.Cmd
	url string
}

func startServer(t *testing.T, ctx context.Context, indexDir string, flags ...string) *server {
	t.Helper()
	cmd := jobmatch(ctx, append([]string{"serve", "-addr", "127.0.0.1:0", "-index-dir", indexDir}, flags...)...)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	return &server{cmd: cmd, url: strings.Fields(line[strings.Index(line, "http://"):])[0]}
}

func (s *server) stop(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	if err := s.cmd.Wait(); err != nil {
		t.Errorf("server exit: %v", err)
	}
}

// searchState is what a search returns that must survive a crash: the
// total and the ranked ids.
func searchState(t *testing.T, base, token, title string) []int64 {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/v1/search/vacancies?per_page=50&title="+strings.ReplaceAll(title, " ", "+"), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Total int `json:"total"`
		Items []struct {
			Vacancy struct {
				ID int64 `json:"id"`
			} `json:"vacancy"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 {
		t.Fatalf("search %q: %d %v", title, resp.StatusCode, err)
	}
	out := []int64{int64(body.Total)}
	for _, it := range body.Items {
		out = append(out, it.Vacancy.ID)
	}
	return out
}

// TestKillDuringBulkImportLosesNothing imports vacancies through the API
// from many clients, kills the server with SIGKILL in the middle, restarts
// it on the same index snapshot directory, and checks that searches equal
// those of a server rebuilt from Postgres alone, and that every committed
// vacancy is searchable.
func TestKillDuringBulkImportLosesNothing(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	db := testDB.Open(t)
	token := recruiterToken(t, db)
	indexDir := t.TempDir()

	// A first run leaves a snapshot behind, so the restart has one to load.
	first := startServer(t, ctx, indexDir)
	post(t, first.url, token, "Registered Nurse", 0)
	first.stop(t)

	srv := startServer(t, ctx, indexDir)
	titles := []string{"Registered Nurse", "Java Developer", "Truck Driver", "Warehouse Worker", "Chef"}
	var ok atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				if post(t, srv.url, token, titles[(w+i)%len(titles)], w*1000+i) != nil {
					return // the server is gone
				}
				if ok.Add(1) == 150 {
					_ = srv.cmd.Process.Signal(syscall.SIGKILL)
				}
			}
		}(w)
	}
	wg.Wait()
	_ = srv.cmd.Wait()
	n, _, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < 150 {
		t.Fatalf("only %d vacancies committed before the kill", n)
	}

	restarted := startServer(t, ctx, indexDir)
	defer restarted.stop(t)
	rebuilt := startServer(t, ctx, t.TempDir())
	defer rebuilt.stop(t)
	// A COMMIT already on its way when the process died is still applied by
	// Postgres, possibly after the count above: count again.
	if n, _, err = db.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	for _, title := range titles {
		got, want := searchState(t, restarted.url, token, title), searchState(t, rebuilt.url, token, title)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q after the crash: %v; a fresh rebuild: %v", title, got, want)
		}
		if int(got[0]) != n {
			t.Errorf("%q: %d searchable, %d committed", title, got[0], n)
		}
	}
}

// post creates one vacancy through the API; it returns an error once the
// server cannot be reached.
func post(t *testing.T, base, token, title string, i int) error {
	_, err := createVacancy(base, token, title, i)
	return err
}

func recruiterToken(t *testing.T, db *postgres.DB) string {
	t.Helper()
	u := matching.User{Email: "importer@example.com", Role: matching.RoleRecruiter, PasswordHash: "x"}
	if err := db.CreateUser(context.Background(), matching.System, &u); err != nil {
		t.Fatal(err)
	}
	secret, _ := auth.NewSecret(auth.APITokenPrefix)
	tok := matching.APIToken{UserID: u.ID, Name: "import"}
	if err := db.CreateAPIToken(context.Background(), u.Actor(), &tok, auth.HashSecret(secret)); err != nil {
		t.Fatal(err)
	}
	return secret
}
