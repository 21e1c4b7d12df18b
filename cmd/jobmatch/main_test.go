package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"jobmatch/migrations"
	"jobmatch/postgres/pgtest"
)

var testDB *pgtest.Database

// TestMain doubles as the jobmatch binary: with JOBMATCH_TEST_MAIN=1 the test
// executable runs main(), so tests can drive the real command as a process
// (signals, exit codes, stdout) without a separate build step.
func TestMain(m *testing.M) {
	if os.Getenv("JOBMATCH_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	pgtest.Main(m, "cmd", func(db *pgtest.Database) int {
		testDB = db
		return m.Run()
	})
}

func jobmatch(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JOBMATCH_TEST_MAIN=1", "DATABASE_URL="+testDB.URL)
	return cmd
}

func TestMigrateVersionReportsTheSchema(t *testing.T) {
	out, err := jobmatch(context.Background(), "migrate", "version").CombinedOutput()
	want := fmt.Sprintf("schema version %d (clean)", migrations.Latest())
	if err != nil || !strings.Contains(string(out), want) {
		t.Fatalf("migrate version: %v\n%s", err, out)
	}
}

func TestUnknownSubcommandIsAUsageError(t *testing.T) {
	err := jobmatch(context.Background(), "frobnicate").Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("err = %v, want exit code 2", err)
	}
}

func TestSeedThenServeThenStopGracefully(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := testDB.Open(t) // empty tables
	out, err := jobmatch(ctx, "seed", "--demo", "-vacancies", "30", "-candidates", "40").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "30 vacancies and 40 candidates") {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	out, err = jobmatch(ctx, "seed", "--demo", "--if-empty", "--reset-demo-passwords").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "leaving it") || strings.Count(string(out), "@demo.jobmatch.example") != 5 {
		t.Fatalf("second seed with --if-empty --reset-demo-passwords: %v\n%s", err, out)
	}
	if v, c, _ := db.Counts(ctx); v != 30 || c != 40 {
		t.Fatalf("counts after seeding twice = %d, %d; want 30, 40", v, c)
	}

	serve := jobmatch(ctx, "serve", "-addr", "127.0.0.1:0", "-index-dir", t.TempDir())
	stdout, _ := serve.StdoutPipe()
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no start-up line: %v", err)
	}
	url := strings.Fields(line[strings.Index(line, "http://"):])[0]
	for _, path := range []string{"/", "/readyz"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", path, resp.StatusCode)
		}
	}
	if err := serve.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := serve.Wait(); err != nil {
		t.Errorf("serve after SIGINT: %v, want a clean exit", err)
	}
}
