// Package app builds the whole jobmatch application from one validated
// Config: Postgres, the title encoder, the matching engine and the web
// server, in that order, and closes them in reverse. `jobmatch serve`,
// `jobmatch bench-match` and the end-to-end and web tests all start it
// here, so the tests run what production runs. It is wiring only.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"jobmatch/encoder"
	"jobmatch/encoder/training/runner"
	"jobmatch/encoder/training/train"
	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/postgres"
	"jobmatch/web"
)

// Config is every setting of the application.
type Config struct {
	// DatabaseURL is postgres://user:pass@host:5432/db.
	DatabaseURL string
	// DatabaseReadURL is a streaming replica of DatabaseURL from which
	// result pages read their rows ("": the primary serves them).
	DatabaseReadURL string
	// Migrate applies pending migrations before anything else starts.
	Migrate bool
	Encoder encoder.Config
	Engine  engine.Config
	Web     web.Config
	// ModelsDir is where models trained from the model page are written
	// ("": none are trained there), with Training's settings.
	ModelsDir string
	Training  train.Options
}

// Validate reports the first configuration problem, naming the setting.
func (c Config) Validate() error {
	if err := ValidateDatabaseURL(c.DatabaseURL); err != nil {
		return err
	}
	if c.DatabaseReadURL != "" && ValidateDatabaseURL(c.DatabaseReadURL) != nil {
		return errors.New("the read replica's URL must start with postgres:// or postgresql://")
	}
	return c.Web.Validate()
}

// ValidateDatabaseURL reports what is wrong with a database URL, if anything.
func ValidateDatabaseURL(url string) error {
	if url == "" {
		return errors.New("no database: set DATABASE_URL (make run and make test start a private Postgres and set it for you)")
	}
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return errors.New("DATABASE_URL must start with postgres:// or postgresql://")
	}
	return nil
}

// App is the running application. Its parts are exported for the tests
// and benchmarks that add data or search without going through HTTP.
type App struct {
	DB      *postgres.DB
	Encoder *encoder.Encoder
	Engine  *engine.Engine
	Server  *web.Server

	closers []func() // what Open built, closed in reverse by Close
}

// Open validates cfg and builds the application: it migrates Postgres when
// asked, connects to it, loads the encoder, loads or rebuilds the index
// (Engine.Start) and wires the web server, which does not listen yet. On
// error, whatever was built is closed again.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (_ *App, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("app: config: %w", err)
	}
	a := &App{}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if cfg.Migrate {
		if err := Migrate(cfg.DatabaseURL); err != nil {
			return nil, err
		}
	}
	if a.DB, err = postgres.Open(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	a.closers = append(a.closers, a.DB.Close)
	if cfg.DatabaseReadURL != "" {
		if err := a.DB.OpenReadReplica(ctx, cfg.DatabaseReadURL); err != nil {
			return nil, err
		}
	}
	encCfg, err := currentModel(ctx, a.DB, cfg.Encoder, log)
	if err != nil {
		return nil, err
	}
	if a.Encoder, err = encoder.Open(encCfg); err != nil {
		return nil, err
	}
	a.closers = append(a.closers, func() { a.Encoder.Close() })
	log.Info("title encoder loaded", "model", a.Encoder.Version(), "dim", a.Encoder.Dim())
	if err := registerModel(ctx, a.DB, a.Encoder, cfg.Encoder.ModelDir); err != nil {
		return nil, err
	}
	if cfg.Engine.OpenModel == nil {
		cfg.Engine.OpenModel = func(dir string) (engine.Encoder, error) {
			return encoder.Open(encoder.Config{ModelDir: dir, LibraryPath: cfg.Encoder.LibraryPath})
		}
	}
	// Servers on the model the admins chose follow their promotions; one
	// started on an explicit -model-dir stays on it.
	cfg.Engine.FollowModels = cfg.Encoder.ModelDir == ""
	a.Engine = engine.New(cfg.Engine, log, a.Encoder, a.DB)
	if err := a.Engine.Start(ctx); err != nil {
		return nil, err
	}
	a.closers = append(a.closers, func() {
		if err := a.Engine.Close(); err != nil {
			log.Error("saving the index snapshot failed; the next start replays or rebuilds", "error", err.Error())
		}
	})
	if cfg.ModelsDir != "" && cfg.Web.Trainer == nil {
		cfg.Web.Trainer = runner.New(a.DB, cfg.ModelsDir, cfg.Training, 0)
		a.closers = append(a.closers, cfg.Web.Trainer.Close)
	}
	a.Server = web.New(cfg.Web, log, a.DB, a.Engine)
	// API tokens revoked through another server must stop working here too.
	followCtx, stopFollowing := context.WithCancel(context.Background())
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		a.DB.FollowTokenChanges(followCtx, a.Server.ForgetTokens, func(err error) {
			if err != nil {
				log.Warn("listening for API token revocations failed; cached tokens expire on their own until it reconnects", "error", err.Error())
			}
		})
	}()
	a.closers = append(a.closers, func() { stopFollowing(); <-followed })
	return a, nil
}

// currentModel is the encoder configuration to start with: the model
// directory given explicitly (-model-dir) wins; otherwise the current model
// version recorded in Postgres, so every server runs the model the admins
// promoted; with none recorded, the model built into the binary.
func currentModel(ctx context.Context, db *postgres.DB, cfg encoder.Config, log *slog.Logger) (encoder.Config, error) {
	if cfg.ModelDir != "" {
		return cfg, nil
	}
	cur, err := db.CurrentModel(ctx)
	if errors.Is(err, matching.ErrNotFound) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	if cur.Dir != "" {
		log.Info("running the current model version", "model", cur.Version, "dir", cur.Dir)
	}
	cfg.ModelDir = cur.Dir
	return cfg, nil
}

// registerModel records the model the server runs as a model version (the
// first becomes current), so the admins' model page lists it.
func registerModel(ctx context.Context, db *postgres.DB, enc *encoder.Encoder, dir string) error {
	manifest, err := json.Marshal(enc.Manifest())
	if err != nil {
		return err
	}
	return db.RegisterModel(ctx, matching.System, &matching.ModelVersion{Version: enc.Version(), Manifest: manifest, Dir: dir})
}

// Serve serves the web application on ln until ctx is cancelled, then
// shuts down gracefully.
func (a *App) Serve(ctx context.Context, ln net.Listener) error { return a.Server.Serve(ctx, ln) }

// Close stops the engine (saving its snapshot), the encoder and the
// database connections, in that order.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// Migrate applies the pending migrations to the database at url.
func Migrate(url string) error {
	m, err := postgres.NewMigrator(url)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Up()
}
