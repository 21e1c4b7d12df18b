// Package e2e drives the whole application in Debian's Chromium (headless,
// through chromedp): each role signs in and completes its main journey on a
// real server with a real Postgres, encoder and index. Screenshots of each
// page go to test-artifacts/ (git-ignored) at a laptop's and a phone's width.
package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jobmatch/app"
	"jobmatch/demo"
	"jobmatch/encoder"
	"jobmatch/encoder/training/train"
	"jobmatch/esco"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/postgres/pgtest"
	"jobmatch/web"
)

var (
	baseURL   string
	accounts  = map[matching.Role]demo.Account{}
	store     *postgres.DB
	eng       *engine.Engine
	artifacts string
	chromium  string
	// encoderForThresholds computes rule thresholds the way an admin would
	// read them off the preview.
	encoderForThresholds *encoder.Encoder
	// demoNurse is the best match for "Registered Nurse" in the demo data
	// alone, before the journeys add vacancies of their own.
	demoNurse engine.VacancyResults
	// iscoColours says the title map has the ESCO data for its ISCO colours.
	iscoColours bool
)

func TestMain(m *testing.M) {
	chromium = findChromium()
	if chromium == "" {
		fmt.Fprintln(os.Stderr, "e2e: Chromium is not installed; `make test` installs it (apt-get install chromium), or set CHROMIUM to its path")
		os.Exit(1)
	}
	pgtest.Main(m, "e2e", func(db *pgtest.Database) int {
		code, err := run(m, db)
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		return code
	})
}

func run(m *testing.M, db *pgtest.Database) (int, error) {
	ctx := context.Background()
	var err error
	if store, err = postgres.Open(ctx, db.URL); err != nil {
		return 0, err
	}
	defer store.Close()
	enc, err := encoder.Open(encoder.Config{})
	if err != nil {
		return 0, err
	}
	defer enc.Close()
	accs, err := demo.Seed(ctx, store, enc, demo.Options{Seed: 3, Vacancies: 300, Candidates: 400}, false)
	if err != nil {
		return 0, err
	}
	for _, a := range accs {
		if _, ok := accounts[a.Role]; !ok {
			accounts[a.Role] = a
		}
	}
	encoderForThresholds = enc
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	engCfg := engine.Config{SyncEvery: 100 * time.Millisecond}
	// The title map's ISCO colours need the ESCO file of ../shared/data;
	// without it the map is coloured by island and the tour says so.
	if occ, err := esco.LoadOccupations(filepath.Join("..", "..", "shared", "data", "esco_occupations_en.csv")); err == nil {
		engCfg.Occupations, iscoColours = occ, true
	} else {
		fmt.Fprintln(os.Stderr, "e2e: no ISCO colours on the title map:", err)
	}
	// Admins train model versions below a directory of the test's own.
	modelsDir, err := os.MkdirTemp("", "jobmatch-e2e-models-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(modelsDir)
	a, err := app.Open(ctx, app.Config{DatabaseURL: db.URL, Engine: engCfg, ModelsDir: modelsDir, Training: train.DefaultOptions(),
		Web: web.Config{Addr: "127.0.0.1:0", ShutdownTimeout: time.Second}}, log)
	if err != nil {
		return 0, err
	}
	defer a.Close()
	eng = a.Engine
	if demoNurse, err = eng.SearchPositions(ctx, engine.PositionQuery{Title: "Registered Nurse", Paging: engine.Paging{Page: 1, PerPage: 1}}); err != nil {
		return 0, err
	}
	srv := httptest.NewServer(a.Server.Handler())
	defer srv.Close()
	baseURL = srv.URL
	root, _ := os.Getwd()
	artifacts = filepath.Join(root, "..", "test-artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		return 0, err
	}
	return m.Run(), nil
}

func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// tab is one browser tab driven by a test; its helpers fail the test on error.
type tab struct {
	t   *testing.T
	ctx context.Context
}

// browser starts a fresh headless Chromium (own profile, no network
// chatter) for one journey.
func browser(t *testing.T) *tab {
	t.Helper()
	return browserFor(t, 3*time.Minute) // a guard against hangs, generous for a loaded machine
}

// browserFor is browser for a journey that may take up to limit, such as
// one that waits for a model to train.
func browserFor(t *testing.T, limit time.Duration) *tab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // start the browser without a deadline
		t.Fatalf("start Chromium: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return &tab{t: t, ctx: tctx}
}

// do runs steps in order.
func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// text returns the visible text of the first element matching css.
func (b *tab) text(css string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", css, err)
	}
	return v
}

// eval runs JavaScript and returns its string result, awaiting promises.
func (b *tab) eval(js string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// signIn signs the browser in as the demo account of role.
func (b *tab) signIn(role matching.Role) {
	b.t.Helper()
	a := accounts[role]
	b.do(
		chromedp.Navigate(baseURL+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`#email`), a.Email),
		chromedp.SendKeys(chromedp.CSS(`#password`), a.Password),
	)
	b.loads(chromedp.Submit(chromedp.CSS(`#password`)), `[data-testid="signout"]`)
}

// shotWidths are the viewport widths every screenshot is taken at, in CSS
// pixels: a laptop and a phone.
var shotWidths = []int64{1280, 390}

// screenshot saves the full page as test-artifacts/<name>-<width>.png at
// each of shotWidths, and fails the test when the page scrolls sideways at
// a width (something is clipped or too wide for it). The tab is left at the
// first width.
func (b *tab) screenshot(name string) {
	b.t.Helper()
	for _, w := range shotWidths {
		b.do(chromedp.EmulateViewport(w, 900), chromedp.Sleep(150*time.Millisecond))
		overflow := b.eval(`String(document.documentElement.scrollWidth - document.documentElement.clientWidth)`)
		if overflow != "0" {
			b.t.Errorf("%s at %d px scrolls sideways by %s px", name, w, overflow)
		}
		buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			b.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(artifacts, fmt.Sprintf("%s-%d.png", name, w)), buf, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	b.do(chromedp.EmulateViewport(shotWidths[0], 900))
}
