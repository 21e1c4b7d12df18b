package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// apiRule is an exclusion rule with its provenance.
type apiRule struct {
	ID        int64      `json:"id"`
	AnchorA   string     `json:"anchor_a"`
	AnchorB   string     `json:"anchor_b"`
	MinScoreA float32    `json:"min_score_a"`
	MinScoreB float32    `json:"min_score_b"`
	Reason    string     `json:"reason"`
	CreatedBy int64      `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	ExpiresAt *time.Time `json:"expires_at"`
	Enabled   bool       `json:"enabled"`
	Active    bool       `json:"active"` // enabled and not expired
}

func toAPIRule(r matching.ExclusionRule) apiRule {
	return apiRule{ID: r.ID, AnchorA: r.AnchorA, AnchorB: r.AnchorB, MinScoreA: r.MinScoreA, MinScoreB: r.MinScoreB,
		Reason: r.Reason, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ExpiresAt: r.ExpiresAt,
		Enabled: r.Enabled, Active: r.ActiveAt(time.Now())}
}

func (s *Server) apiRuleList(c echo.Context) error {
	rules, err := s.store.Rules(c.Request().Context())
	if err != nil {
		return err
	}
	items := make([]apiRule, len(rules))
	for i, r := range rules {
		items[i] = toAPIRule(r)
	}
	return c.JSON(http.StatusOK, listResponse[apiRule]{Items: items, Total: len(items), Page: 1, PerPage: len(items)})
}

func (s *Server) apiRuleGet(c echo.Context) error {
	r, err := s.pathRule(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIRule(r))
}

func decodeRule(c echo.Context) (matching.ExclusionRule, error) {
	in := matching.ExclusionRuleInput{Enabled: true}
	if err := decodeJSON(c, &in); err != nil {
		return matching.ExclusionRule{}, err
	}
	return in.Rule(time.Now())
}

func (s *Server) apiRuleCreate(c echo.Context) error {
	u, _ := currentUser(c)
	r, err := decodeRule(c)
	if err != nil {
		return err
	}
	if err := s.matcher.SaveRule(c.Request().Context(), u.Actor(), &r); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/rules/"+strconv.FormatInt(r.ID, 10))
	return c.JSON(http.StatusCreated, toAPIRule(r))
}

func (s *Server) apiRuleUpdate(c echo.Context) error {
	u, _ := currentUser(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := decodeRule(c)
	if err != nil {
		return err
	}
	r.ID = id
	if err := s.matcher.SaveRule(c.Request().Context(), u.Actor(), &r); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIRule(r))
}

func (s *Server) apiRuleDelete(c echo.Context) error {
	u, _ := currentUser(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.matcher.DeleteRule(c.Request().Context(), u.Actor(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiRulePreview answers "for this query, which rules fire and which
// results do they remove?" before or after saving a rule.
func (s *Server) apiRulePreview(c echo.Context) error {
	title, err := matching.ParseSearchTitle("title", c.QueryParam("title"))
	if err != nil {
		return asBadRequest(err)
	}
	p, err := s.matcher.PreviewRules(c.Request().Context(), title, 5)
	if err != nil {
		return err
	}
	type rule struct {
		apiRuleFired
		CandidatesRemoved int      `json:"candidates_removed"`
		Examples          []string `json:"examples"`
	}
	out := struct {
		Query           string  `json:"query"`
		QueryConfidence float32 `json:"query_confidence"`
		Rules           []rule  `json:"rules"`
	}{Query: p.Query, QueryConfidence: p.QueryConfidence, Rules: []rule{}}
	for _, r := range p.Rules {
		titles := make([]string, len(r.Examples))
		for i, ex := range r.Examples {
			titles[i] = ex.Title
		}
		out.Rules = append(out.Rules, rule{apiRuleFired: apiRuleFired{ID: r.Rule.ID, AnchorA: r.Rule.AnchorA, AnchorB: r.Rule.AnchorB,
			Reason: r.Rule.Reason, Similarity: r.Similarity, Score: r.Score, Removed: r.Removed}, CandidatesRemoved: r.CandidatesRemoved, Examples: titles})
	}
	return c.JSON(http.StatusOK, out)
}

// apiReach is engine.AnchorReach in the API.
type apiReach struct {
	MinScore   float32       `json:"min_score"`
	Vacancies  int           `json:"vacancies"`
	Candidates int           `json:"candidates"`
	Histogram  []apiScoreBin `json:"histogram"`
}

type apiScoreBin struct {
	From       float32 `json:"from"`
	To         float32 `json:"to"`
	Vacancies  int     `json:"vacancies"`
	Candidates int     `json:"candidates"`
}

func toAPIReach(a engine.AnchorReach) apiReach {
	out := apiReach{MinScore: a.MinScore, Vacancies: a.Vacancies, Candidates: a.Candidates, Histogram: []apiScoreBin{}}
	for _, b := range a.Histogram {
		out.Histogram = append(out.Histogram, apiScoreBin{From: b.From, To: b.To, Vacancies: b.Vacancies, Candidates: b.Candidates})
	}
	return out
}

// apiRuleReach answers "how many open positions and candidates would these
// thresholds reach around these anchors?" before a rule is saved. Minimum
// scores default to matching.DefaultRuleMinScore.
func (s *Server) apiRuleReach(c echo.Context) error {
	minScores := [2]float32{matching.DefaultRuleMinScore, matching.DefaultRuleMinScore}
	for i, field := range []string{"min_score_a", "min_score_b"} {
		raw := strings.TrimSpace(c.QueryParam(field))
		if raw == "" {
			continue
		}
		v, err := strconv.ParseFloat(raw, 32)
		if err != nil || !(v > 0 && v <= 1) {
			return badRequest(field, "minimum score must be a number above 0 and at most 1, e.g. 0.86")
		}
		minScores[i] = float32(v)
	}
	var anchors [2]string
	for i, field := range []string{"anchor_a", "anchor_b"} {
		t, err := matching.ParseSearchTitle(field, c.QueryParam(field))
		if err != nil {
			return asBadRequest(err)
		}
		anchors[i] = t
	}
	r, err := s.matcher.RuleReach(c.Request().Context(), anchors[0], anchors[1], minScores[0], minScores[1])
	if err != nil {
		return err // unreadable anchors, or a minimum no title reaches: 422
	}
	return c.JSON(http.StatusOK, struct {
		A apiReach `json:"a"`
		B apiReach `json:"b"`
	}{toAPIReach(r.A), toAPIReach(r.B)})
}
