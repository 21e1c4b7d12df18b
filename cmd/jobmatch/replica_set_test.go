package main

import (
	"context"
	"encoding/csv"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// replicaSet is scripts/replicas.sh driving this test binary as jobmatch,
// on the test database, with its state in a temporary directory.
type replicaSet struct {
	env      []string
	dir      string
	balancer string // the balancer's base URL
	stats    string // HAProxy's statistics page
	urls     []string
}

// startReplicas starts n replicas and HAProxy, stopped again by the
// test's cleanup.
func startReplicas(t *testing.T, ctx context.Context, n int) *replicaSet {
	t.Helper()
	bin, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	c := &replicaSet{dir: t.TempDir()}
	lb, stats, first := freePort(t), freePort(t), freePort(t)
	c.env = append(os.Environ(), "JOBMATCH_TEST_MAIN=1", "DATABASE_URL="+testDB.URL, "JOBMATCH_BIN="+bin,
		"REPLICAS_DIR="+c.dir, "REPLICAS_PORT="+lb, "REPLICAS_STATS_PORT="+stats, "REPLICAS_FIRST_PORT="+first)
	c.balancer, c.stats = "http://127.0.0.1:"+lb, "http://127.0.0.1:"+stats+"/;csv"
	t.Cleanup(func() {
		if out, err := c.script(context.Background(), "stop"); err != nil {
			t.Errorf("replicas.sh stop: %v\n%s", err, out)
		}
	})
	c.start(t, ctx, n)
	for i := 1; i <= n; i++ {
		port, err := os.ReadFile(filepath.Join(c.dir, "r"+strconv.Itoa(i), "port"))
		if err != nil {
			t.Fatal(err)
		}
		c.urls = append(c.urls, "http://127.0.0.1:"+strings.TrimSpace(string(port)))
	}
	return c
}

func (c *replicaSet) script(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "../../scripts/replicas.sh", args...)
	cmd.Env = c.env
	return cmd.CombinedOutput()
}

// start runs `replicas.sh start n`: it starts whichever replicas are not
// running and returns once all are ready.
func (c *replicaSet) start(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	if out, err := c.script(ctx, "start", strconv.Itoa(n)); err != nil {
		t.Fatalf("replicas.sh start %d: %v\n%s", n, err, out)
	}
}

// pid is the process id of replica i (from 0).
func (c *replicaSet) pid(t *testing.T, i int) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, "r"+strconv.Itoa(i+1), "pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// balancerSees returns HAProxy's status of replica i (from 0): UP, DOWN,
// or a transition such as "UP 1/2".
func (c *replicaSet) balancerSees(t *testing.T, i int) string {
	t.Helper()
	resp, err := http.Get(c.stats)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("HAProxy statistics: %v", err)
	}
	col := map[string]int{}
	for j, name := range rows[0] {
		col[strings.TrimPrefix(name, "# ")] = j
	}
	server := "r" + strconv.Itoa(i+1)
	for _, r := range rows[1:] {
		if r[col["pxname"]] == "replicas" && r[col["svname"]] == server {
			return r[col["status"]]
		}
	}
	t.Fatalf("HAProxy statistics have no server %s", server)
	return ""
}

// freePort returns a TCP port nothing listens on just now.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}
