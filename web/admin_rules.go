package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/views/pages"
)

const dateInput = "2006-01-02"

func (s *Server) rulesPage(c echo.Context) error {
	return s.renderRules(c, http.StatusOK, pages.RuleForm{ThresholdA: "0.8", ThresholdB: "0.8", Enabled: true}, pages.RulePreview{})
}

func (s *Server) renderRules(c echo.Context, status int, form pages.RuleForm, preview pages.RulePreview) error {
	ctx := c.Request().Context()
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	m := pages.RuleList{Layout: s.layout(c, "Exclusion rules", "rules"), Form: form, Preview: preview}
	m.Form.Action, m.Form.Submit, m.Form.Heading = "/admin/rules", "Create rule", "New rule"
	if form.ID != 0 {
		m.Form.Action, m.Form.Submit, m.Form.Heading = ruleURL(form.ID), "Save rule", fmt.Sprintf("Edit rule %d", form.ID)
	}
	authors := map[int64]string{}
	now := time.Now()
	for _, r := range rules {
		if _, ok := authors[r.CreatedBy]; !ok {
			authors[r.CreatedBy] = fmt.Sprintf("user %d", r.CreatedBy)
			if u, err := s.store.User(ctx, r.CreatedBy); err == nil {
				authors[r.CreatedBy] = u.Email
			}
		}
		row := pages.RuleRow{ID: r.ID, AnchorA: r.AnchorA, AnchorB: r.AnchorB,
			Thresholds: fmt.Sprintf("A ≥ %.2f, B ≥ %.2f", r.ThresholdA, r.ThresholdB), Reason: r.Reason,
			Author: authors[r.CreatedBy], Created: r.CreatedAt.Format(dateFormat), Enabled: r.Enabled, Active: r.ActiveAt(now),
			ToggleURL: ruleURL(r.ID) + "/toggle", AuditURL: ruleURL(r.ID) + "/audit", EditURL: ruleURL(r.ID) + "/edit"}
		if r.ExpiresAt != nil {
			row.Expires = r.ExpiresAt.Format(dateFormat)
		}
		m.Rows = append(m.Rows, row)
	}
	return render(c, status, pages.RuleListPage(m))
}

func ruleURL(id int64) string { return "/admin/rules/" + strconv.FormatInt(id, 10) }

func (s *Server) ruleCreate(c echo.Context) error { return s.ruleSave(c, 0) }

func (s *Server) ruleUpdate(c echo.Context) error {
	r, err := s.pathRule(c)
	if err != nil {
		return err
	}
	return s.ruleSave(c, r.ID)
}

// pathRule loads the rule named by :id.
func (s *Server) pathRule(c echo.Context) (matching.ExclusionRule, error) {
	id, err := pathID(c)
	if err != nil {
		return matching.ExclusionRule{}, err
	}
	return s.store.Rule(c.Request().Context(), id)
}

// ruleEdit shows the rule form filled with rule :id.
func (s *Server) ruleEdit(c echo.Context) error {
	r, err := s.pathRule(c)
	if err != nil {
		return err
	}
	f := pages.RuleForm{ID: r.ID, AnchorA: r.AnchorA, AnchorB: r.AnchorB, Reason: r.Reason, Enabled: r.Enabled,
		ThresholdA: strconv.FormatFloat(float64(r.ThresholdA), 'f', -1, 32), ThresholdB: strconv.FormatFloat(float64(r.ThresholdB), 'f', -1, 32)}
	if r.ExpiresAt != nil {
		f.ExpiresAt = r.ExpiresAt.Format(dateInput)
	}
	return s.renderRules(c, http.StatusOK, f, pages.RulePreview{})
}

// ruleForm reads the posted rule form into the form model and the input.
func ruleForm(c echo.Context) (pages.RuleForm, matching.ExclusionRuleInput) {
	f := pages.RuleForm{AnchorA: c.FormValue("anchor_a"), AnchorB: c.FormValue("anchor_b"),
		ThresholdA: c.FormValue("threshold_a"), ThresholdB: c.FormValue("threshold_b"), Reason: c.FormValue("reason"),
		ExpiresAt: c.FormValue("expires_at"), Enabled: c.FormValue("enabled") == "true", Errors: map[string]string{}}
	if c.Request().Method == http.MethodGet {
		f.Enabled = c.QueryParam("enabled") == "true"
	}
	in := matching.ExclusionRuleInput{AnchorA: f.AnchorA, AnchorB: f.AnchorB, Reason: f.Reason, Enabled: f.Enabled}
	for field, dst := range map[string]*float32{"threshold_a": &in.ThresholdA, "threshold_b": &in.ThresholdB} {
		v, err := strconv.ParseFloat(strings.TrimSpace(c.FormValue(field)), 32)
		if err != nil {
			f.Errors[field] = "enter a number between 0 and 1, e.g. 0.8"
			continue
		}
		*dst = float32(v)
	}
	if f.ExpiresAt != "" {
		d, err := time.Parse(dateInput, f.ExpiresAt)
		if err != nil {
			f.Errors["expires_at"] = "enter a date like 2027-01-31, or leave it empty"
		} else {
			end := d.Add(24*time.Hour - time.Second) // the rule holds through that day
			in.ExpiresAt = &end
		}
	}
	return f, in
}

// ruleSave validates the form, encodes the anchors, saves the rule (create
// when id is 0) and makes it take effect at once.
func (s *Server) ruleSave(c echo.Context, id int64) error {
	u, _ := currentUser(c)
	f, in := ruleForm(c)
	f.ID = id
	r, err := in.Rule(time.Now())
	r.ID = id
	if len(f.Errors) == 0 && err == nil {
		err = s.matcher.SaveRule(c.Request().Context(), u.Actor(), &r)
	}
	if ve, ok := matching.AsValidation(err); ok {
		for _, fe := range ve.Fields {
			if _, dup := f.Errors[fe.Field]; !dup {
				f.Errors[fe.Field] = fe.Message
			}
		}
	} else if err != nil {
		return err
	}
	if len(f.Errors) > 0 {
		f.Summary = summaryFor(f.Errors)
		return s.renderRules(c, http.StatusUnprocessableEntity, f, pages.RulePreview{})
	}
	return redirectAfterPost(c, "/admin/rules")
}

// ruleToggle enables or disables a rule; the change is audited and takes
// effect at once.
func (s *Server) ruleToggle(c echo.Context) error {
	u, _ := currentUser(c)
	r, err := s.pathRule(c)
	if err != nil {
		return err
	}
	r.Enabled = !r.Enabled
	if err := s.matcher.SaveRule(c.Request().Context(), u.Actor(), &r); err != nil {
		return err
	}
	return redirectAfterPost(c, "/admin/rules")
}

// rulePreview shows which rules fire for a query and what they remove:
// the htmx fragment, or the whole page without JavaScript.
func (s *Server) rulePreview(c echo.Context) error {
	var p pages.RulePreview
	if c.QueryParam("title") != "" {
		title, err := matching.ParseSearchTitle("title", c.QueryParam("title"))
		if err != nil {
			return asBadRequest(err)
		}
		res, err := s.matcher.PreviewRules(c.Request().Context(), title, 5)
		if ve, ok := matching.AsValidation(err); ok {
			p.Problem = capitalize(ve.First().Message) + "."
		} else if err != nil {
			return err
		}
		p.Query, p.Confidence = res.Query, fmt.Sprintf("%.2f", res.QueryConfidence)
		for _, r := range res.Rules {
			p.Rules = append(p.Rules, pages.RulePreviewRow{
				Text: fmt.Sprintf("Rule %d fires (similarity to “%s” %.2f ≥ %.2f): it hides %d open positions and %d candidates near “%s”. Nearest hidden positions:",
					r.Rule.ID, r.Rule.AnchorA, r.Similarity, r.Rule.ThresholdA, r.Removed, r.CandidatesRemoved, r.Rule.AnchorB),
				Examples: exampleTitles(r.Examples)})
		}
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		return render(c, http.StatusOK, pages.RulePreviewResult(p))
	}
	return s.renderRules(c, http.StatusOK, pages.RuleForm{ThresholdA: "0.8", ThresholdB: "0.8", Enabled: true}, p)
}

// ruleAudit shows every recorded change of one rule.
func (s *Server) ruleAudit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	entries, err := s.store.AuditLog(c.Request().Context(), matching.EntityRule, id, 200)
	if err != nil {
		return err
	}
	m := pages.RuleAudit{Layout: s.layout(c, "Rule audit trail", "rules"), Title: fmt.Sprintf("Audit trail of rule %d", id)}
	changes := auditChanges(entries)
	for i, e := range entries {
		m.Rows = append(m.Rows, pages.AuditRow{At: formatTime(e.At), Actor: e.Actor.Label, Action: e.Action, Changes: changes[i]})
	}
	return render(c, http.StatusOK, pages.RuleAuditPage(m))
}

// ruleDraftPreview previews the rule in the form, before it is saved, for
// the query typed beside it (an htmx fragment).
func (s *Server) ruleDraftPreview(c echo.Context) error {
	f, in := ruleForm(c)
	if strings.TrimSpace(in.Reason) == "" {
		in.Reason = "draft" // a reason is needed to save, not to preview
	}
	query := strings.TrimSpace(c.QueryParam("query"))
	if query != "" {
		var err error
		if query, err = matching.ParseSearchTitle("query", query); err != nil {
			return asBadRequest(err)
		}
	}
	var p pages.RulePreview
	r, err := in.Rule(time.Now().Add(-time.Minute))
	switch {
	case query == "":
		p.Problem = "Type a query title to test the rule with."
	case len(f.Errors) > 0 || err != nil:
		p.Problem = "Fill in both anchors and thresholds between 0 and 1 first."
	default:
		d, err := s.matcher.PreviewDraft(c.Request().Context(), query, r, 5)
		if ve, ok := matching.AsValidation(err); ok {
			p.Problem = capitalize(ve.First().Message) + "."
			break
		} else if err != nil {
			return err
		}
		p.Query = query
		verdict := "does not fire"
		if d.Fires {
			verdict = "fires"
		}
		p.Rules = append(p.Rules, pages.RulePreviewRow{
			Text: fmt.Sprintf("For “%s” this rule %s (similarity to “%s” %.2f, threshold %.2f). It would hide %d open positions and %d candidates near “%s”, such as:",
				query, verdict, r.AnchorA, d.SimilarityA, r.ThresholdA, d.Removed, d.CandidatesRemoved, r.AnchorB),
			Examples: exampleTitles(d.Examples)})
	}
	return render(c, http.StatusOK, pages.RulePreviewResult(p))
}

// exampleTitles shows each distinct example title once, with how many of the
// nearest hidden positions carry it when more than one does.
func exampleTitles(ex []engine.TitleCount) []string {
	out := make([]string, len(ex))
	for i, e := range ex {
		out[i] = e.Title
		if e.Count > 1 {
			out[i] = fmt.Sprintf("%s (%d positions)", e.Title, e.Count)
		}
	}
	return out
}
