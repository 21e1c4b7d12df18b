// Package engine is jobmatch's matching pipeline: it encodes titles, writes
// records (create, update, delete, import) in the order that keeps the
// in-process vector indexes in step with Postgres, and answers searches both
// ways (positions for a title or candidate, candidates for a vacancy) with
// filters, exclusion rules, confidence bands and explanations.
//
// Postgres is the source of truth. Every change is committed there first
// (with its title vector), then applied to the index; a change log written by
// database triggers lets the index catch up after a crash, and the index can
// always be rebuilt from the tables.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"jobmatch/importer"
	"jobmatch/internal/lease"
	"jobmatch/matching"
)

// Encoder turns titles into vectors (*encoder.Encoder; tests wrap it to
// count calls or to pose as another model version). Unreadable titles (no
// letters or known word pieces) get a zero TitleVector, not an error, so
// one bad title does not stop a batch.
type Encoder interface {
	EncodeTitles(ctx context.Context, titles []string) ([]matching.TitleVector, error)
	// Score is the calibrated probability that two titles with this cosine
	// similarity name the same occupation (the model's calibration).
	Score(similarity float32) float32
	Version() string
	Dim() int
}

// Store is what the engine needs from Postgres (*postgres.DB): the writes it
// sequences (write.go, import.go) and the reads that keep the index in step.
// Tests wrap it to count reads or to make writes fail.
type Store interface {
	CreateVacancy(ctx context.Context, actor matching.Actor, v *matching.Vacancy) error
	UpdateVacancy(ctx context.Context, actor matching.Actor, v *matching.Vacancy) error
	DeleteVacancy(ctx context.Context, actor matching.Actor, id int64) error
	CreateCandidate(ctx context.Context, actor matching.Actor, c *matching.Candidate) error
	UpdateCandidate(ctx context.Context, actor matching.Actor, c *matching.Candidate) error
	DeleteCandidate(ctx context.Context, actor matching.Actor, id int64) error
	EraseCandidate(ctx context.Context, actor matching.Actor, id int64) error
	CreateRule(ctx context.Context, actor matching.Actor, r *matching.ExclusionRule) error
	UpdateRule(ctx context.Context, actor matching.Actor, r *matching.ExclusionRule) error
	DeleteRule(ctx context.Context, actor matching.Actor, id int64) error
	ImportVacancies(ctx context.Context, actor matching.Actor, vs []*matching.Vacancy, claim *importer.Claim, progress func(done int)) ([]int64, error)
	ImportCandidates(ctx context.Context, actor matching.Actor, cs []*matching.Candidate, claim *importer.Claim, progress func(done int)) ([]int64, error)
	CreateImportJob(ctx context.Context, actor matching.Actor, job importer.Job, rep importer.Report) error
	QueueImportJob(ctx context.Context, id, requestID string) error
	ImportJob(ctx context.Context, id string) (importer.Job, error)
	ClaimImportJob(ctx context.Context, owner string, lease time.Duration) (importer.Job, importer.Report, matching.Actor, error)
	RenewImportLease(ctx context.Context, c importer.Claim, lease time.Duration, done int) error
	FailImportJob(ctx context.Context, c importer.Claim) error

	IndexWatermark(ctx context.Context) (int64, error)
	IndexChanges(ctx context.Context, since int64) ([]matching.Change, int64, error)
	PruneIndexChanges(ctx context.Context, watermark int64) error
	FollowChanges(ctx context.Context, indexChanged, modelChanged func(), connected func(err error))
	IndexVacancies(ctx context.Context, ids []int64) ([]matching.Vacancy, error)
	IndexVacanciesAfter(ctx context.Context, afterID int64, limit int) ([]matching.Vacancy, error)
	IndexCandidates(ctx context.Context, ids []int64) ([]matching.Candidate, error)
	IndexCandidatesAfter(ctx context.Context, afterID int64, limit int) ([]matching.Candidate, error)
	VacanciesByIDs(ctx context.Context, ids []int64) ([]matching.Vacancy, error)
	CandidatesByIDs(ctx context.Context, ids []int64) ([]matching.Candidate, error)
	SetTitleVectors(ctx context.Context, entity string, ids []int64, vecs []matching.TitleVector) error
	Rules(ctx context.Context) ([]matching.ExclusionRule, error)
	SetRuleVectors(ctx context.Context, id int64, a, b matching.TitleVector) error
	ConvertRuleSimilarities(ctx context.Context, score func(similarity float32) float32) (int, error)
	ModelVersions(ctx context.Context) ([]matching.ModelVersion, error)
	SetCurrentModel(ctx context.Context, actor matching.Actor, version string) error
	Decide(ctx context.Context, actor matching.Actor, d *matching.Decision) error
	Undecide(ctx context.Context, actor matching.Actor, side matching.Side, vacancyID, candidateID int64) error
	Dismissed(ctx context.Context, v matching.Verdict, ids []int64) (map[int64][]int64, error)
	Dismissals(ctx context.Context) ([]matching.Decision, error)
}

// Config tunes the engine.
type Config struct {
	// IndexDir holds index snapshots; empty disables snapshots (every start
	// rebuilds from Postgres).
	IndexDir string
	// SyncEvery is how often the index catches up with changes made by other
	// processes (imports, a second server) when no notification woke it
	// earlier: the fallback for notifications lost. Default 1s.
	SyncEvery time.Duration
	// SnapshotEvery is how often a changed index is saved. Default 5m.
	SnapshotEvery time.Duration
	// ImportLease is how long an import worker holds a job without renewing
	// its lease; a job whose worker died is taken over after it. Default 30s.
	ImportLease time.Duration
	// HNSW shape; zero values take vectorstore's defaults.
	M, EfConstruction, EfSearch int
	// Bands decides high/medium/low; zero takes DefaultBands.
	Bands Bands
	// CachedRows bounds the rows of each kind kept in memory for result
	// pages and as the start of searches from a stored record (records.go).
	// The default, 200,000, holds every row of the benchmark data, so a
	// warm search reads nothing from Postgres. Negative disables the cache.
	CachedRows int
	// OpenModel loads the model of a model version from its directory ("":
	// the model built into the binary), for PromoteVersion.
	OpenModel func(dir string) (Encoder, error)
	// FollowModels keeps the engine on the current model version recorded
	// in Postgres: when another server promotes or rolls back a version,
	// this engine switches too (follow.go). Off for a server started on an
	// explicitly chosen model.
	FollowModels bool
	// Occupations are the reference occupations (ESCO) that name and colour
	// the regions of the title map; none: the map has no ISCO colours.
	Occupations []matching.Occupation
}

// Engine is safe for concurrent use.
type Engine struct {
	cfg   Config
	log   *slog.Logger
	store Store
	// gen is the current model's generation (generation.go); requests
	// load it once.
	gen       atomic.Pointer[generation]
	dismissed dismissals

	// applyMu serialises applying changes, so a slower apply of an older row
	// state never overwrites a newer one, and a promotion's swap.
	applyMu   sync.Mutex
	watermark int64 // replay point: changes at or after it may be missing
	dirty     bool  // changed since the last snapshot
	// promoteMu lets one promotion build at a time (promote.go).
	promoteMu sync.Mutex
	// versionMu serialises changes of model version, here and followed
	// from other servers, so neither undoes the other (follow.go).
	versionMu  sync.Mutex
	stopFollow context.CancelFunc
	followDone chan struct{}
	// opened are the encoders switchTo opened, closed once replaced.
	openedMu sync.Mutex
	opened   map[Encoder]bool

	// reqLangs are the languages any vacancy has required; a candidate's
	// search excludes requirements above their level in each of them.
	reqMu    sync.RWMutex
	reqLangs map[string]bool

	// Rows shown on result pages, which searches from a stored record also
	// start from, and rows with their title vectors for the records the
	// index does not hold; kept in step with Postgres like the indexes.
	shownVacancies  *records[matching.Vacancy]
	shownCandidates *records[matching.Candidate]
	queryVacancies  *records[matching.Vacancy]
	queryCandidates *records[matching.Candidate]

	// indexChanged and modelChanged are signalled by notifications of
	// commits elsewhere (listen.go); stopListening ends the listener.
	indexChanged  chan struct{}
	modelChanged  chan struct{}
	stopListening context.CancelFunc
	listenDone    chan struct{}

	// worker names this engine in import job leases; importQueued wakes
	// its import worker (import_jobs.go).
	worker       string
	importQueued chan struct{}
	stopImports  context.CancelFunc
	importDone   chan struct{}

	stop chan struct{}
	done chan struct{}
}

// New makes an engine; Start loads or builds its indexes.
func New(cfg Config, log *slog.Logger, enc Encoder, store Store) *Engine {
	if cfg.SyncEvery <= 0 {
		cfg.SyncEvery = time.Second
	}
	if cfg.SnapshotEvery <= 0 {
		cfg.SnapshotEvery = 5 * time.Minute
	}
	if cfg.ImportLease <= 0 {
		cfg.ImportLease = 30 * time.Second
	}
	if cfg.Bands == (Bands{}) {
		cfg.Bands = DefaultBands
	}
	if cfg.CachedRows == 0 {
		cfg.CachedRows = 200000
	}
	rows := max(cfg.CachedRows, 0)
	// A query row carries its 2 KB title vector. Searches need one only for
	// a record the index does not hold (a closed vacancy, a hidden
	// candidate; see indexedVector), so few are kept.
	queryRows := rows / 50
	e := &Engine{cfg: cfg, log: log, store: store, reqLangs: map[string]bool{},
		shownVacancies:  newRecords(rows, vacancyID),
		shownCandidates: newRecords(rows, candidateID),
		queryVacancies:  newRecords(queryRows, vacancyID),
		queryCandidates: newRecords(queryRows, candidateID),
		indexChanged:    make(chan struct{}, 1),
		modelChanged:    make(chan struct{}, 1),
		worker:          lease.Holder(),
		importQueued:    make(chan struct{}, 1),
	}
	e.gen.Store(newGeneration(enc))
	return e
}

func vacancyID(v matching.Vacancy) int64     { return v.ID }
func candidateID(c matching.Candidate) int64 { return c.ID }

// Start loads the index snapshots and catches up with Postgres, or rebuilds
// from Postgres when there is no usable snapshot or the model changed; then
// it keeps the indexes in step in the background until Close.
func (e *Engine) Start(ctx context.Context) error {
	start := time.Now()
	g := e.gen.Load()
	how, err := e.loadSnapshots(g)
	if err != nil {
		e.log.Warn("index snapshot not used; rebuilding from Postgres", "reason", err.Error())
		if err := e.rebuild(ctx, g); err != nil {
			return err
		}
		how = "rebuilt from Postgres"
	}
	if err := e.loadRules(ctx); err != nil {
		return err
	}
	if err := e.loadDismissals(ctx); err != nil {
		return err
	}
	// Listen before catching up, so nothing committed in between is left
	// for the poll.
	e.startListening()
	n, err := e.catchUp(ctx)
	if err != nil {
		e.stopListening()
		<-e.listenDone
		return err
	}
	e.log.Info("vector index ready", "how", how, "replayed_changes", n,
		"vacancies", g.vacancies.Len(), "candidates", g.candidates.Len(), "rules", g.rules.Load().len(),
		"seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	e.stop, e.done = make(chan struct{}), make(chan struct{})
	go e.loop()
	importCtx, stopImports := context.WithCancel(context.Background())
	e.stopImports, e.importDone = stopImports, make(chan struct{})
	go e.importLoop(importCtx)
	followCtx, stopFollow := context.WithCancel(context.Background())
	e.stopFollow, e.followDone = stopFollow, make(chan struct{})
	if e.cfg.FollowModels && e.cfg.OpenModel != nil {
		go e.followModels(followCtx)
	} else {
		close(e.followDone)
	}
	return nil
}

// loop catches up when notified and every SyncEvery, and snapshots every
// SnapshotEvery.
func (e *Engine) loop() {
	defer close(e.done)
	syncT := time.NewTicker(e.cfg.SyncEvery)
	snapT := time.NewTicker(e.cfg.SnapshotEvery)
	defer syncT.Stop()
	defer snapT.Stop()
	for {
		select {
		case <-e.stop:
			return
		case <-e.indexChanged:
			e.catchUpNow()
		case <-syncT.C:
			e.catchUpNow()
		case <-snapT.C:
			if err := e.Snapshot(context.Background()); err != nil {
				e.log.Error("index snapshot failed", "error", err.Error())
			}
		}
	}
}

// catchUpNow is one catch-up of the loop; a failure is retried at the
// next notification or poll.
func (e *Engine) catchUpNow() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := e.catchUp(ctx); err != nil {
		e.log.Error("index catch-up failed; retrying", "error", err.Error())
	}
}

// Close stops the background work and saves a final snapshot.
func (e *Engine) Close() error {
	if e.stop != nil {
		e.stopFollow()
		<-e.followDone
		e.stopImports()
		<-e.importDone
		e.stopListening()
		<-e.listenDone
		close(e.stop)
		<-e.done
		e.stop = nil
	}
	if e.gen.Load().vacancies == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return e.Snapshot(ctx)
}

// ModelVersion is the encoder version vectors must carry to be used: the
// current generation's.
func (e *Engine) ModelVersion() string { return e.gen.Load().enc.Version() }

// ErrUnreadableTitle is returned when a title has nothing the encoder can
// read (no letters or digits); no score can be given for it.
var ErrUnreadableTitle = errors.New("the title has no words we can read")
