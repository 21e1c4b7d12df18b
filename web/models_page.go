package web

import (
	"errors"
	"fmt"
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"jobmatch/encoder"
	"jobmatch/encoder/training/runner"
	"jobmatch/matching"
	"jobmatch/views/pages"
)

// modelMeasures are the rows of the model comparison: the standard suites
// a promotion weighs, by their `jobmatch eval` names.
var modelMeasures = []struct{ suite, label string }{
	{"jobbert", "JobBERT titles, MRR"},
	{"jobbert-noise", "with job-ad noise, MRR"},
	{"jobbert-abbrev", "abbreviated, MRR"},
	{"ml-mean", "six languages, MRR (mean)"},
	{"ml-en-mean", "six languages to English, MRR (mean)"},
}

// modelsPage lists the title-encoder model versions with their scores side
// by side and the promotion guard's verdict on each version but the
// current one.
func (s *Server) modelsPage(c echo.Context) error { return s.renderModels(c, http.StatusOK, "") }

// modelPromote promotes the version named by the form (action=promote,
// which the guard must allow) or rolls back to it (action=rollback). The
// engine swaps models without downtime; the page says why a refusal.
func (s *Server) modelPromote(c echo.Context) error {
	u, _ := currentUser(c)
	action := c.FormValue("action")
	if action != "promote" && action != "rollback" {
		return badRequest("action", "action must be promote or rollback")
	}
	err := s.matcher.PromoteVersion(c.Request().Context(), u.Actor(), c.FormValue("version"), action == "rollback")
	if ve, ok := matching.AsValidation(err); ok {
		return s.renderModels(c, http.StatusUnprocessableEntity, capitalize(ve.First().Message)+".")
	} else if errors.Is(err, matching.ErrNotFound) {
		return s.renderModels(c, http.StatusNotFound, "There is no model version "+c.FormValue("version")+".")
	} else if err != nil {
		return err
	}
	return redirectAfterPost(c, "/admin/models")
}

func (s *Server) renderModels(c echo.Context, status int, problem string) error {
	versions, err := s.store.ModelVersions(c.Request().Context())
	if err != nil {
		return err
	}
	m := pages.ModelList{Layout: s.layout(c, "Models", "models"), Problem: problem, CanTrain: s.cfg.Trainer != nil}
	if s.cfg.Trainer != nil {
		runs, err := s.cfg.Trainer.Runs(c.Request().Context(), trainRunsShown)
		if err != nil {
			return err
		}
		for _, r := range runs {
			m.Runs = append(m.Runs, trainRun(r))
			m.Training = m.Training || !r.Done()
		}
	}
	manifests := make([]*encoder.Manifest, len(versions))
	var current *encoder.Manifest
	for i, v := range versions {
		status := "trained, not promoted"
		if manifests[i], err = encoder.ParseManifest(v.Manifest); err != nil {
			// Listed all the same, without scores: the guard refuses it.
			manifests[i], status = &encoder.Manifest{}, "manifest unreadable: "+err.Error()
		}
		if v.Current {
			status, current = "current", manifests[i]
		} else if v.PromotedAt != nil {
			status = "promoted before, " + formatTime(*v.PromotedAt)
		}
		dir := "built into the binary"
		if v.Dir != "" {
			dir = filepath.Base(v.Dir)
		}
		m.Columns = append(m.Columns, pages.ModelColumn{Version: v.Version, Status: status, Created: formatTime(v.CreatedAt), Dir: dir, Path: v.Dir})
	}
	suites := make([]map[string]float64, len(manifests))
	for i, mf := range manifests {
		if mf.Metrics != nil {
			suites[i] = encoder.SuiteMRR(mf.Metrics.Suites)
		}
	}
	for _, ms := range modelMeasures {
		row := pages.ModelRow{Measure: ms.label}
		base, hasBase := 0.0, false
		if current != nil && current.Metrics != nil {
			base, hasBase = encoder.SuiteMRR(current.Metrics.Suites)[ms.suite]
		}
		for i := range manifests {
			v, ok := suites[i][ms.suite]
			row.Values = append(row.Values, measure(v, ok))
			row.Better = append(row.Better, ok && hasBase && v > base+encoder.GuardTolerance)
		}
		m.Rows = append(m.Rows, row)
	}
	p10 := pages.ModelRow{Measure: "users' held-out decisions, P@10 (its own, against the model it was compared with)"}
	order := pages.ModelRow{Measure: "held-out decisions, share of rightly ordered pairs"}
	for _, mf := range manifests {
		if mf.Metrics != nil && mf.Metrics.Feedback != nil {
			fb, base := mf.Metrics.Feedback, mf.Metrics.Baseline
			p10.Values = append(p10.Values, fmt.Sprintf("%.4f", fb.P10))
			order.Values = append(order.Values, fmt.Sprintf("%.4f", fb.PairOrder))
			if base != nil && base.Feedback != nil {
				p10.Values[len(p10.Values)-1] += fmt.Sprintf(" (against %.4f)", base.Feedback.P10)
				order.Values[len(order.Values)-1] += fmt.Sprintf(" (against %.4f)", base.Feedback.PairOrder)
			}
		} else {
			p10.Values, order.Values = append(p10.Values, "—"), append(order.Values, "—")
		}
		p10.Better, order.Better = append(p10.Better, false), append(order.Better, false)
	}
	m.Rows = append(m.Rows, p10, order)
	for i, v := range versions {
		if v.Current || current == nil {
			continue
		}
		g := encoder.CheckPromotion(current, manifests[i])
		m.Verdicts = append(m.Verdicts, pages.ModelVerdict{Version: v.Version, OK: g.OK, Reasons: g.Reasons, CanRollBack: v.PromotedAt != nil})
	}
	return render(c, status, pages.ModelListPage(m))
}

// modelTrain starts training a model version from the users' decisions in
// the background; the page follows its progress.
func (s *Server) modelTrain(c echo.Context) error {
	if s.cfg.Trainer == nil {
		return matching.ErrNotFound
	}
	u, _ := currentUser(c)
	if _, err := s.cfg.Trainer.Start(c.Request().Context(), u.Actor()); errors.Is(err, runner.ErrBusy) {
		return s.renderModels(c, http.StatusConflict, "A model is already being trained; wait for it to finish.")
	} else if err != nil {
		return err
	}
	return redirectAfterPost(c, "/admin/models")
}

// modelRun is the status of one training run, whichever server trains it
// (an htmx fragment, polled while it runs).
func (s *Server) modelRun(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if s.cfg.Trainer == nil {
		return matching.ErrNotFound
	}
	r, err := s.cfg.Trainer.Lookup(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, pages.TrainRunStatus(trainRun(r)))
}

// trainRunsShown is how many of the newest training runs the page lists.
const trainRunsShown = 5

func trainRun(r matching.TrainingRun) pages.TrainRun {
	return pages.TrainRun{ID: int(r.ID), URL: fmt.Sprintf("/admin/models/runs/%d", r.ID), Started: formatTime(r.StartedAt),
		Percent: int(100 * r.Progress), Stage: r.Stage, Done: r.Done(), Err: r.Err, Version: r.Version}
}

func measure(v float64, ok bool) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.4f", v)
}
