package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/importer"
	"jobmatch/matching"
	"jobmatch/views/pages"
)

// importJob is an uploaded, checked file and, once started, its import.
// Jobs live in memory: an interrupted import wrote nothing (one transaction)
// and is simply run again; the import keys make a repeat of a finished one
// create nothing twice.
type importJob struct {
	id      string
	file    string
	actor   matching.Actor
	report  importer.Report
	created time.Time

	mu                      sync.Mutex
	started, finished       bool
	done, nCreated, skipped int
	err                     string
}

type importJobs struct {
	mu   sync.Mutex
	jobs map[string]*importJob
}

func (j *importJobs) add(job *importJob) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.jobs == nil {
		j.jobs = map[string]*importJob{}
	}
	for id, old := range j.jobs { // forget jobs after a day
		if time.Since(old.created) > 24*time.Hour {
			delete(j.jobs, id)
		}
	}
	j.jobs[job.id] = job
}

func (j *importJobs) get(id string) (*importJob, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	job, ok := j.jobs[id]
	return job, ok
}

func importColumns() map[string]string {
	return map[string]string{
		"vacancies":  strings.Join(importer.Columns[importer.Vacancies], ","),
		"candidates": strings.Join(importer.Columns[importer.Candidates], ","),
	}
}

func (s *Server) importPage(c echo.Context) error {
	return render(c, http.StatusOK, pages.ImportView(pages.ImportPage{Layout: s.layout(c, "Import", "import"), Columns: importColumns()}))
}

// importCheck parses and validates an uploaded file, encodes its titles, and
// shows the report; nothing is written yet.
func (s *Server) importCheck(c echo.Context) error {
	u, _ := currentUser(c)
	m := pages.ImportPage{Layout: s.layout(c, "Import", "import"), Columns: importColumns(), Kind: c.FormValue("kind")}
	refuse := func(msg string) error {
		m.Problem = msg
		return render(c, http.StatusUnprocessableEntity, pages.ImportView(m))
	}
	kind, err := importer.ParseKind(c.FormValue("kind"))
	if err != nil {
		return refuse(capitalize(err.Error()) + ".")
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return refuse("Choose a CSV file to import.")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := importer.Parse(kind, f)
	if err != nil {
		return refuse(capitalize(err.Error()) + ".")
	}
	if err := s.matcher.PrepareImport(c.Request().Context(), &rep); err != nil {
		return err
	}
	job := &importJob{id: randomID(), file: fh.Filename, actor: u.Actor(), report: rep, created: time.Now()}
	s.imports.add(job)
	r := &pages.ImportReport{FileName: fh.Filename, Kind: string(kind), Rows: rep.Rows, Valid: rep.Valid(), Bad: rep.InvalidRows(),
		StartURL: "/admin/import/" + job.id + "/start"}
	for _, p := range rep.Problems {
		r.Problems = append(r.Problems, pages.ImportProblem{Row: p.Row, Field: p.Field, Message: p.Message})
	}
	m.Report = r
	return render(c, http.StatusOK, pages.ImportView(m))
}

// importStart runs the import of a checked file in the background.
func (s *Server) importStart(c echo.Context) error {
	job, ok := s.imports.get(c.Param("job"))
	if !ok {
		return matching.ErrNotFound
	}
	job.mu.Lock()
	already := job.started
	job.started = true
	job.mu.Unlock()
	if !already {
		go s.runImport(job, requestID(c))
	}
	return redirectAfterPost(c, "/admin/import/"+job.id)
}

// runImport writes a checked file in one transaction: all its valid rows,
// or, when the database refuses one, nothing. The database's words go to the
// log with the request id; the admin is told what happened and what to do.
func (s *Server) runImport(job *importJob, reqID string) {
	ctx := context.Background()
	progress := func(done int) {
		job.mu.Lock()
		job.done = done
		job.mu.Unlock()
	}
	created, err := s.matcher.Import(ctx, job.actor, job.report, progress)
	if err != nil {
		s.log.Error("import failed; nothing was written", "request_id", reqID, "job", job.id, "file", job.file, "error", err.Error())
		job.mu.Lock()
		job.err = "The import failed and nothing was written. Run the same file again; if it fails again, " +
			"report the request id " + reqID + " to whoever runs jobmatch."
		job.done, job.finished = 0, true
		job.mu.Unlock()
		return
	}
	job.mu.Lock()
	job.done, job.nCreated, job.skipped, job.finished = job.report.Valid(), created, job.report.Valid()-created, true
	job.mu.Unlock()
}

// importProgress shows (or, for htmx polling, updates) a running import.
func (s *Server) importProgress(c echo.Context) error {
	job, ok := s.imports.get(c.Param("job"))
	if !ok {
		return matching.ErrNotFound
	}
	job.mu.Lock()
	p := pages.ImportProgress{URL: "/admin/import/" + job.id, Done: job.done, Total: job.report.Valid(), Created: job.nCreated,
		Skipped: job.skipped, Finished: job.finished || job.report.Valid() == 0, Error: job.err}
	job.mu.Unlock()
	if p.Total > 0 {
		p.Percent = 100 * p.Done / p.Total
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		return render(c, http.StatusOK, pages.ImportProgressView(p))
	}
	return render(c, http.StatusOK, pages.ImportView(pages.ImportPage{Layout: s.layout(c, "Import", "import"), Progress: &p}))
}

func randomID() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on Linux
	}
	return hex.EncodeToString(b)
}
