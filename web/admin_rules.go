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

// newRuleForm is the empty rule form, with the default thresholds.
func newRuleForm() pages.RuleForm {
	def := percentInput(matching.DefaultRuleMinScore)
	return pages.RuleForm{MinScoreA: def, MinScoreB: def, Enabled: true}
}

// percentInput is a score as the form's percentage field shows it.
func percentInput(score float32) string { return strconv.FormatFloat(float64(100*score), 'f', -1, 32) }

func (s *Server) rulesPage(c echo.Context) error {
	return s.renderRules(c, http.StatusOK, newRuleForm(), pages.RulePreview{})
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
			Thresholds: fmt.Sprintf("A ≥ %s, B ≥ %s", percent(r.MinScoreA), percent(r.MinScoreB)), Reason: r.Reason,
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
		MinScoreA: percentInput(r.MinScoreA), MinScoreB: percentInput(r.MinScoreB)}
	if r.ExpiresAt != nil {
		f.ExpiresAt = r.ExpiresAt.Format(dateInput)
	}
	return s.renderRules(c, http.StatusOK, f, pages.RulePreview{})
}

// ruleForm reads the posted rule form into the form model and the input.
// The form takes minimum scores as percentages, like the scores on results.
func ruleForm(c echo.Context) (pages.RuleForm, matching.ExclusionRuleInput) {
	f := pages.RuleForm{AnchorA: c.FormValue("anchor_a"), AnchorB: c.FormValue("anchor_b"),
		MinScoreA: c.FormValue("min_score_a"), MinScoreB: c.FormValue("min_score_b"), Reason: c.FormValue("reason"),
		ExpiresAt: c.FormValue("expires_at"), Enabled: c.FormValue("enabled") == "true", Errors: map[string]string{}}
	if c.Request().Method == http.MethodGet {
		f.Enabled = c.QueryParam("enabled") == "true"
	}
	in := matching.ExclusionRuleInput{AnchorA: f.AnchorA, AnchorB: f.AnchorB, Reason: f.Reason, Enabled: f.Enabled}
	for field, dst := range map[string]*float32{"min_score_a": &in.MinScoreA, "min_score_b": &in.MinScoreB} {
		v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.FormValue(field)), "%")), 32)
		if err != nil || !(v > 0 && v <= 100) {
			f.Errors[field] = "enter a percentage above 0 and at most 100, e.g. 86"
			continue
		}
		*dst = float32(v / 100)
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
		p.Query = res.Query
		for _, r := range res.Rules {
			p.Rules = append(p.Rules, pages.RulePreviewRow{
				Text: fmt.Sprintf("Rule %d fires (match with “%s” %s ≥ %s): it hides %s and %s matching “%s” at %s or more. Nearest hidden positions:",
					r.Rule.ID, r.Rule.AnchorA, percent(r.Score), percent(r.Rule.MinScoreA), plural(r.Removed, "open position", "open positions"),
					plural(r.CandidatesRemoved, "candidate", "candidates"), r.Rule.AnchorB, percent(r.Rule.MinScoreB)),
				Examples: exampleTitles(r.Examples)})
		}
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		return render(c, http.StatusOK, pages.RulePreviewResult(p))
	}
	return s.renderRules(c, http.StatusOK, newRuleForm(), p)
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
		p.Problem = "Fill in both anchors and minimum scores (percentages) first."
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
			Text: fmt.Sprintf("For “%s” this rule %s (match with “%s” %s, minimum %s). It would hide %s and %s matching “%s” at %s or more, such as:",
				query, verdict, r.AnchorA, percent(d.ScoreA), percent(r.MinScoreA), plural(d.Removed, "open position", "open positions"),
				plural(d.CandidatesRemoved, "candidate", "candidates"), r.AnchorB, percent(r.MinScoreB)),
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

// ruleReach shows, live while a rule is edited, how many open positions and
// candidates each threshold reaches around its anchor (an htmx fragment).
func (s *Server) ruleReach(c echo.Context) error {
	f, in := ruleForm(c)
	var m pages.RuleReach
	switch {
	case strings.TrimSpace(in.AnchorA) == "" || strings.TrimSpace(in.AnchorB) == "":
		m.Problem = "Fill in both anchors to see how many positions and candidates each minimum score reaches."
	case f.Errors["min_score_a"] != "" || f.Errors["min_score_b"] != "":
		m.Problem = "Enter both minimum scores as percentages to see what they reach."
	default:
		r, err := s.matcher.RuleReach(c.Request().Context(), in.AnchorA, in.AnchorB, in.MinScoreA, in.MinScoreB)
		if ve, ok := matching.AsValidation(err); ok {
			m.Problem = capitalize(ve.First().Message) + "."
			break
		} else if err != nil {
			return err
		}
		m.Sides = []pages.ReachSide{
			reachSide(r.A, fmt.Sprintf("Around A, “%s”", in.AnchorA), "searches from these titles fire the rule"),
			reachSide(r.B, fmt.Sprintf("Around B, “%s”", in.AnchorB), "the rule hides these from those searches"),
		}
	}
	return render(c, http.StatusOK, pages.RuleReachResult(m))
}

// reachSide lays out one anchor's reach: its counts in words and its score
// histogram as bars, the bins at or above the threshold marked.
func reachSide(a engine.AnchorReach, heading, effect string) pages.ReachSide {
	side := pages.ReachSide{Heading: heading,
		Text: fmt.Sprintf("%s and %s score %s or more: %s.", plural(a.Vacancies, "open position", "open positions"),
			plural(a.Candidates, "candidate", "candidates"), percent(a.MinScore), effect)}
	top := 1
	for _, b := range a.Histogram {
		top = max(top, b.Vacancies+b.Candidates)
	}
	const labelSpace = 14 // below the bars, for the axis labels
	slot := pages.ReachWidth / len(a.Histogram)
	var words []string
	for i, b := range a.Histogram {
		n := b.Vacancies + b.Candidates
		h := (pages.ReachHeight - labelSpace) * n / top
		if n > 0 {
			h = max(h, 1)
		}
		label := fmt.Sprintf("%s–%s: %s, %s", percent(b.From), percent(b.To), plural(b.Vacancies, "position", "positions"), plural(b.Candidates, "candidate", "candidates"))
		side.Bars = append(side.Bars, pages.ReachBar{X: i*slot + 1, Y: pages.ReachHeight - labelSpace - h, Width: slot - 2, Height: h,
			Label: label, Reached: b.To > a.MinScore})
		if n > 0 {
			words = append(words, label)
		}
	}
	from := a.Histogram[0].From
	side.Axis = [3]string{percent(from), percent((from + 1) / 2), percent(1)}
	side.ThresholdX = int(float32(pages.ReachWidth) * (a.MinScore - from) / (1 - from))
	side.ThresholdX = min(max(side.ThresholdX, 0), pages.ReachWidth)
	side.Summary = "Scores from " + percent(from) + " up: " + strings.Join(words, "; ")
	if len(words) == 0 {
		side.Summary = "No position or candidate scores " + percent(from) + " or more."
	}
	return side
}

// plural is "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
