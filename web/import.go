package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/importer"
	"jobmatch/views/pages"
)

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
	job, err := s.matcher.CheckedImport(c.Request().Context(), u.Actor(), fh.Filename, rep)
	if err != nil {
		return err
	}
	r := &pages.ImportReport{FileName: fh.Filename, Kind: string(kind), Rows: rep.Rows, Valid: rep.Valid(), Bad: rep.InvalidRows(),
		StartURL: "/admin/import/" + job.ID + "/start"}
	for _, p := range rep.Problems {
		r.Problems = append(r.Problems, pages.ImportProblem{Row: p.Row, Field: p.Field, Message: p.Message})
	}
	m.Report = r
	return render(c, http.StatusOK, pages.ImportView(m))
}

// importStart starts the import of a checked file; a worker on this
// replica, or on another if this one dies, writes it in the background.
func (s *Server) importStart(c echo.Context) error {
	id := c.Param("job")
	if err := s.matcher.StartImport(c.Request().Context(), id, requestID(c)); err != nil {
		return err
	}
	return redirectAfterPost(c, "/admin/import/"+id)
}

// importProgress shows (or, for htmx polling, updates) a running import.
func (s *Server) importProgress(c echo.Context) error {
	job, err := s.matcher.ImportJob(c.Request().Context(), c.Param("job"))
	if err != nil {
		return err
	}
	p := pages.ImportProgress{URL: "/admin/import/" + job.ID, Done: job.Done, Total: job.Valid, Created: job.Created,
		Skipped: job.Skipped, Finished: job.Finished() || job.Valid == 0}
	if job.State == importer.JobFailed {
		// The database's words are in the log with the request id.
		p.Error = "The import failed and nothing was written. Run the same file again; if it fails again, " +
			"report the request id " + job.RequestID + " to whoever runs jobmatch."
	}
	if p.Total > 0 {
		p.Percent = 100 * p.Done / p.Total
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		return render(c, http.StatusOK, pages.ImportProgressView(p))
	}
	return render(c, http.StatusOK, pages.ImportView(pages.ImportPage{Layout: s.layout(c, "Import", "import"), Progress: &p}))
}
